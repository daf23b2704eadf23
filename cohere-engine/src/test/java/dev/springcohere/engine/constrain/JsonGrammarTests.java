package dev.springcohere.engine.constrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The grammar on hand-written texts, the mask on a small hand-made vocabulary against
 * hand-computed allowed sets, and the request-time errors for unsupported schemas.
 */
class JsonGrammarTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static JsonGrammar grammar(String schema) {
		return JsonGrammar.compile(MAPPER.readTree(schema));
	}

	/** A tiny vocabulary: id -> bytes; id 14 is a special token. */
	private static final byte[][] VOCAB = { b("{"), b("}"), b("{\""), b("\"a\""), b("\":"), b("1"), b("12"), b(","),
			b(" "), b("true"), b("\""), b("a"), { (byte) 0xC3 }, { (byte) 0xA9 }, b("<|END|>"), b("\\"), b("n"),
			b("\":1}") };

	private static byte[] b(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private static TokenTrie trie() {
		boolean[] excluded = new boolean[VOCAB.length];
		excluded[14] = true;
		return new TokenTrie(VOCAB, excluded);
	}

	private static List<Integer> allowed(GrammarMasker masker, GrammarState state) {
		long[] mask = masker.mask(state);
		List<Integer> ids = new ArrayList<>();
		for (int id = 0; id < VOCAB.length; id++) {
			if ((mask[id >>> 6] & (1L << id)) != 0) {
				ids.add(id);
			}
		}
		return ids;
	}

	private static GrammarState after(GrammarMasker masker, int... tokens) {
		GrammarState state = masker.grammar().start();
		for (int token : tokens) {
			state = masker.advance(state, token);
		}
		return state;
	}

	@Test
	void maskMatchesHandComputedSetsForBoundedInteger() {
		GrammarMasker masker = new GrammarMasker(
				grammar("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\",\"minimum\":0,"
						+ "\"maximum\":12}},\"required\":[\"a\"],\"additionalProperties\":false}"),
				trie());
		assertThat(allowed(masker, after(masker))).containsExactly(0, 2);
		// no whitespace after '{'
		assertThat(allowed(masker, after(masker, 0))).containsExactly(3, 10);
		assertThat(allowed(masker, after(masker, 2))).containsExactly(11);
		assertThat(allowed(masker, after(masker, 2, 11))).containsExactly(4, 10, 17);
		assertThat(allowed(masker, after(masker, 2, 11, 4))).containsExactly(5, 6, 8);
		// 11 <= 12 may still come, 112 may not; the object may close; no whitespace
		// before '}'
		assertThat(allowed(masker, after(masker, 2, 11, 4, 5))).containsExactly(1, 5);
		assertThat(allowed(masker, after(masker, 2, 11, 4, 6))).containsExactly(1);
		assertThat(after(masker, 2, 11, 17).accepting()).isTrue();
		assertThat(after(masker, 2, 11, 17).canContinue()).isFalse();
		assertThat(allowed(masker, after(masker, 2, 11, 17))).isEmpty();
	}

	@Test
	void maskInFreeStringAllowsUtf8LeadButNotLoneContinuationOrSpecials() {
		GrammarMasker masker = new GrammarMasker(
				grammar("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"]}"),
				trie());
		GrammarState inString = after(masker, 2, 11, 4, 10);
		// plain content (braces, digits, comma, space, true, a, n), the lead byte C3, the
		// backslash, the closing
		// quote and {" (content, then the quote closes); not "a" or ": (nothing may
		// follow the closed string's a
		// or colon), not the lone continuation byte, not the special token
		assertThat(allowed(masker, inString)).containsExactly(0, 1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16);
		// after the lead byte only the continuation byte
		assertThat(allowed(masker, masker.advance(inString, 12))).containsExactly(13);
		// after a backslash: tokens starting with an escape letter or quote or backslash
		// (true is \t + "rue")
		assertThat(allowed(masker, masker.advance(inString, 15))).containsExactly(3, 4, 9, 10, 15, 16, 17);
	}

	@Test
	void maskCacheReturnsTheSameMaskForEqualStates() {
		GrammarMasker masker = new GrammarMasker(
				grammar("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"]}"),
				trie());
		GrammarState one = after(masker, 2, 11, 4, 10, 11);
		GrammarState two = after(masker, 2, 11, 4, 10, 11, 11, 16);
		assertThat(two).isEqualTo(one);
		assertThat(masker.mask(two)).isSameAs(masker.mask(one));
		assertThat(masker.computeMask(one)).isEqualTo(masker.mask(one));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"a":1}|true
			{"a": 1}|true
			{"a":  1}|false
			{ "a":1 }|false
			{"a":1 }|false
			{"a" :1}|false
			' {"a":1}'|false
			'{"a":1} '|false
			{"a":01}|false
			{"a":-0}|true
			{"a":1.5}|false
			{"a":1e3}|false
			{"a":1,"b":"x\\ny"}|true
			{"b":"x"}|false
			{"a":1,"b":"\\ud800"}|false
			{"a":1,"b":"\\u00e9é😀"}|true
			{"a":1,"b":"tab	"}|false
			{"a":1,"b":"x","c":[]}|true
			{"a":1,"b":"x","c":[true,false]}|true
			{"a":1,"b":"x","c":[true,false,true]}|false
			{"a":1,"c":[]}|true
			{"a":1,"c":[],"b":"x"}|false
			{"a":1, "b":"x"}|true
			{"a":1,  "b":"x"}|false
			{"a":1 ,"b":"x"}|false
			'{"a":1,\n"b":"x"}'|false
			{"a":1,"b":"x","c":[true, false]}|true
			{"a":1,"b":"x","c":[ true]}|false
			""")
	void matchesTheWhitespacePolicyOrderAndEscapes(String text, boolean valid) {
		JsonGrammar g = grammar("""
				{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"},
				 "c":{"type":"array","items":{"type":"boolean"},"maxItems":2}},"required":["a"]}""");
		assertThat(g.matches(text)).as(text).isEqualTo(valid);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"type":"number","minimum":-1.5,"maximum":2.25}|-1.5|true
			{"type":"number","minimum":-1.5,"maximum":2.25}|-1.6|false
			{"type":"number","minimum":-1.5,"maximum":2.25}|2.25|true
			{"type":"number","minimum":-1.5,"maximum":2.25}|2.250001|false
			{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1}|0|false
			{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1}|0.000001|true
			{"type":"integer","minimum":100}|99|false
			{"type":"integer","minimum":100}|100|true
			{"type":"string","format":"date"}|"2024-02-28"|true
			{"type":"string","format":"date"}|"2024-13-01"|false
			{"type":"string","format":"uuid"}|"123e4567-e89b-12d3-a456-426614174000"|true
			{"type":"string","format":"date-time"}|"2024-01-31T23:59:59.5+01:00"|true
			{"type":"string","format":"date-time"}|"2024-01-31T24:00:00Z"|false
			{"type":"string","pattern":"^[a-c]+x?$"}|"abcx"|true
			{"type":"string","pattern":"^[a-c]+x?$"}|"abd"|false
			{"type":"string","pattern":"\\\\d{2}"}|"\\u0031\\u0032"|true
			{"enum":["a","ab",1,10]}|"ab"|true
			{"enum":["a","ab",1,10]}|10|true
			{"enum":["a","ab",1,10]}|100|false
			{"anyOf":[{"type":"string","pattern":"ab"},{"type":"integer"}]}|"ab"|true
			{"anyOf":[{"type":"string","pattern":"ab"},{"type":"integer"}]}|12|true
			{"anyOf":[{"type":"string","pattern":"ab"},{"type":"integer"}]}|"a"|false
			""")
	void scalarsFollowBoundsFormatsPatternsAndEnums(String schema, String value, boolean valid) {
		JsonGrammar g = grammar("{\"type\":\"object\",\"properties\":{\"v\":" + schema + "},\"required\":[\"v\"]}");
		String text = "{\"v\":" + value + "}";
		assertThat(g.matches(text)).as(text).isEqualTo(valid);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"oneOf":[{"type":"string"},{"type":"string","maxLength":3}]}|oneOf
			{"oneOf":[{"type":"integer"},{"type":"number","minimum":5}]}|oneOf
			{"allOf":[{"type":"string"},{"type":"integer"}]}|type
			{"not":{"type":"string"}}|not
			{"type":"array","uniqueItems":true}|uniqueItems
			{"type":"array","items":{"type":"object"},"uniqueItems":true}|uniqueItems
			{"type":"array","items":{"type":"boolean"},"uniqueItems":true,"minItems":3}|uniqueItems
			{"prefixItems":[{"type":"string"}],"uniqueItems":true}|uniqueItems
			{"type":"object","properties":{"a":{}},"additionalProperties":false,"minProperties":2}|minProperties
			{"type":"object","properties":{"a":{}},"required":["a"],"maxProperties":0}|maxProperties
			{"type":"object","patternProperties":{"a":{}}}|patternProperties
			{"contains":{"type":"string"}}|contains
			{"type":"number","multipleOf":0.0000001}|multipleOf
			{"type":"integer","multipleOf":1.5}|multipleOf
			{"type":"integer","minimum":1,"maximum":5,"multipleOf":7}|multipleOf
			{"type":"string","format":"idn-email"}|format
			{"type":"string","pattern":"a(?=b)"}|pattern
			{"type":"string","pattern":"(a)\\\\1"}|pattern
			{"type":"string","pattern":"[a-z]{2}","minLength":3}|minLength
			{"type":"string","pattern":"[a-z]","format":"date"}|format
			{"$ref":"https://example.com/schema.json"}|$ref
			{"allOf":[{"$ref":"#/properties/v"}]}|$ref
			{"type":"array","minItems":3,"maxItems":2}|maxItems
			{"type":"integer","minimum":5,"maximum":4}|minimum
			{"enum":[1,2],"type":"string"}|required
			{"type":"tuple"}|type
			""")
	void unsupportedKeywordsFailNamingTheKeyword(String schema, String keyword) {
		String root = "{\"type\":\"object\",\"properties\":{\"v\":" + schema + "},\"required\":[\"v\"]}";
		assertThatThrownBy(() -> grammar(root)).isInstanceOf(UnsupportedSchemaException.class)
			.hasMessageContaining("'" + keyword + "'")
			.satisfies((ex) -> assertThat(((UnsupportedSchemaException) ex).keyword()).isEqualTo(keyword));
	}

	@Test
	void schemaWithoutFiniteValueFails() {
		assertThatThrownBy(() -> grammar("""
				{"$defs":{"n":{"type":"object","properties":{"next":{"$ref":"#/$defs/n"}},"required":["next"]}},
				 "$ref":"#/$defs/n"}""")).isInstanceOf(UnsupportedSchemaException.class)
			.hasMessageContaining("no finite JSON value");
	}

	@Test
	void toolCallsFollowTheActionShape() {
		JsonNode params = MAPPER
			.readTree("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}," + "\"required\":[\"q\"]}");
		JsonGrammar g = JsonGrammar.toolCalls(Map.of("search", params));
		assertThat(g.matches(
				"[\n    {\"tool_call_id\": \"0\", \"tool_name\": \"search\", \"parameters\": " + "{\"q\": \"x\"}}\n]"))
			.isTrue();
		assertThat(g.matches("[{\"tool_call_id\":\"0\",\"tool_name\":\"other\",\"parameters\":{\"q\":\"x\"}}]"))
			.isFalse();
		assertThat(g.matches("[{\"tool_call_id\":\"0\",\"tool_name\":\"search\",\"parameters\":{}}]")).isFalse();
		assertThat(g.matches("[]")).isFalse();
	}

}
