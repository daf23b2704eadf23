package dev.springcohere.engine.constrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keywords added to the subset ({@code oneOf}, {@code allOf},
 * {@code additionalProperties} as a schema, {@code minProperties}/{@code maxProperties},
 * {@code uniqueItems}, {@code prefixItems}, {@code multipleOf}, length bounds with
 * {@code pattern}/{@code format}, the common formats) on hand-written texts: what the
 * grammar accepts and refuses, and the errors for what stays unsupported.
 */
class SchemaKeywordsTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static JsonGrammar grammar(String schema) {
		return JsonGrammar.compile(MAPPER.readTree(schema));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					{"oneOf":[{"type":"string"},{"type":"integer"}]}|"a"|true
					{"oneOf":[{"type":"string"},{"type":"integer"}]}|1|true
					{"oneOf":[{"type":"string"},{"type":"integer"}]}|true|false
					{"oneOf":[{"type":"integer","maximum":0},{"type":"integer","minimum":1}]}|-3|true
					{"oneOf":[{"type":"string","pattern":"a+"},{"type":"string","pattern":"b+"}]}|"bb"|true
					{"oneOf":[{"enum":["x","y"]},{"type":"string","pattern":"z+"}]}|"zz"|true
					{"allOf":[{"type":"integer","minimum":0},{"maximum":5}]}|5|true
					{"allOf":[{"type":"integer","minimum":0},{"maximum":5}]}|6|false
					{"allOf":[{"type":"integer","minimum":0},{"maximum":5}]}|-1|false
					{"allOf":[{"type":"number"},{"type":"integer"}]}|1.5|false
					{"allOf":[{"type":"string","pattern":"[a-c]+"},{"pattern":"[b-d]+"}]}|"bc"|true
					{"allOf":[{"type":"string","pattern":"[a-c]+"},{"pattern":"[b-d]+"}]}|"ab"|false
					{"allOf":[{"enum":["a","b","c"]},{"enum":["b","c","d"]}]}|"b"|true
					{"allOf":[{"enum":["a","b","c"]},{"enum":["b","c","d"]}]}|"a"|false
					{"allOf":[{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]},{"properties":{"b":{"type":"string"}},"required":["b"]}]}|{"a":1,"b":"x"}|true
					{"allOf":[{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]},{"properties":{"b":{"type":"string"}},"required":["b"]}]}|{"a":1}|false
					{"allOf":[{"properties":{"a":{"type":"integer","minimum":0}},"required":["a"]},{"properties":{"a":{"maximum":3}}}]}|{"a":4}|false
					{"allOf":[{"properties":{"a":{"type":"integer","minimum":0}},"required":["a"]},{"properties":{"a":{"maximum":3}}}]}|{"a":3}|true
					{"type":"string","anyOf":[{"maxLength":1},{"pattern":"b+"}]}|"a"|true
					{"type":"string","anyOf":[{"maxLength":1},{"pattern":"b+"}]}|"bbb"|true
					{"type":"string","anyOf":[{"maxLength":1},{"pattern":"b+"}]}|"cc"|false
					{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"boolean"}}|{"a":1,"x":true}|true
					{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"boolean"}}|{"a":1,"x":1}|false
					{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"boolean"}}|{"a":1,"a":true}|false
					{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"boolean"}}|{"x":true,"y":false}|true
					{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"boolean"}}|{"x":true,"x":false}|false
					{"type":"object","additionalProperties":{"type":"integer"}}|{"k":1,"ab":2}|true
					{"type":"object","minProperties":2,"maxProperties":3}|{"a":1}|false
					{"type":"object","minProperties":2,"maxProperties":3}|{"a":1,"b":2}|true
					{"type":"object","minProperties":2,"maxProperties":3}|{"a":1,"b":2,"c":3,"d":4}|false
					{"type":"object","properties":{"a":{},"b":{},"c":{}},"maxProperties":1}|{"a":1,"b":2}|false
					{"type":"object","properties":{"a":{},"b":{},"c":{}},"maxProperties":1}|{"c":1}|true
					{"type":"object","properties":{"a":{},"b":{}},"minProperties":2}|{"a":1}|false
					{"type":"array","items":{"enum":["x","y"]},"uniqueItems":true}|["x","y"]|true
					{"type":"array","items":{"enum":["x","y"]},"uniqueItems":true}|["x","x"]|false
					{"type":"array","items":{"type":"string"},"uniqueItems":true}|["a","\\u0061"]|false
					{"type":"array","items":{"type":"string"},"uniqueItems":true}|["a","b"]|true
					{"type":"array","items":{"type":"number"},"uniqueItems":true}|[1,1.0]|false
					{"type":"array","items":{"type":"number"},"uniqueItems":true}|[1,2.5]|true
					{"type":"array","items":{"type":"integer","minimum":0,"maximum":1},"uniqueItems":true}|[0,1]|true
					{"type":"array","items":{"type":"integer","minimum":0,"maximum":1},"uniqueItems":true}|[0,1,0]|false
					{"type":"array","prefixItems":[{"type":"integer"},{"type":"string"}],"items":false}|[1,"a"]|true
					{"type":"array","prefixItems":[{"type":"integer"},{"type":"string"}],"items":false}|[1]|true
					{"type":"array","prefixItems":[{"type":"integer"},{"type":"string"}],"items":false}|[1,"a",2]|false
					{"type":"array","prefixItems":[{"type":"integer"},{"type":"string"}],"items":false}|["a"]|false
					{"type":"array","prefixItems":[{"type":"integer"}],"items":{"type":"boolean"}}|[1,true,false]|true
					{"type":"integer","multipleOf":5}|15|true
					{"type":"integer","multipleOf":5}|12|false
					{"type":"integer","multipleOf":5}|-10|true
					{"type":"number","multipleOf":0.25}|0.75|true
					{"type":"number","multipleOf":0.25}|0.7|false
					{"type":"string","pattern":"[a-z]+","minLength":2,"maxLength":3}|"ab"|true
					{"type":"string","pattern":"[a-z]+","minLength":2,"maxLength":3}|"a"|false
					{"type":"string","pattern":"[a-z]+","minLength":2,"maxLength":3}|"abcd"|false
					{"type":"string","format":"date","maxLength":10}|"2024-01-31"|true
					{"type":"string","format":"hostname"}|"api-1.example.com"|true
					{"type":"string","format":"hostname"}|"-a.com"|false
					{"type":"string","format":"ipv4"}|"192.168.0.1"|true
					{"type":"string","format":"ipv4"}|"192.168.0"|false
					{"type":"string","format":"ipv4"}|"01.1.1.1"|false
					{"type":"string","format":"ipv6"}|"2001:db8:0:0:0:0:2:1"|true
					{"type":"string","format":"uri"}|"https://example.com/a/b"|true
					{"type":"string","format":"uri"}|"example.com"|false
					{"type":"string","format":"duration"}|"P1DT2H"|true
					{"type":"string","format":"duration"}|"PT"|false
					{"type":"string","format":"time"}|"23:59:59Z"|true
					""")
	void newKeywordsAcceptAndRefuse(String schema, String value, boolean valid) {
		JsonGrammar g = grammar(schema);
		assertThat(g.matches(value)).as("%s against %s", value, schema).isEqualTo(valid);
	}

	@Test
	void allOfMergesReferencedDefinitions() {
		JsonGrammar g = grammar("""
				{"$defs":{"base":{"type":"object","properties":{"id":{"type":"integer"}},"required":["id"]}},
				 "type":"object","properties":{"item":{"allOf":[{"$ref":"#/$defs/base"},
				  {"properties":{"name":{"type":"string"}},"required":["name"]}]},
				  "other":{"$ref":"#/$defs/base","properties":{"tag":{"enum":["t"]}},"required":["tag"]}},
				 "required":["item","other"]}""");
		assertThat(g.matches("{\"item\":{\"id\":1,\"name\":\"n\"},\"other\":{\"id\":2,\"tag\":\"t\"}}")).isTrue();
		assertThat(g.matches("{\"item\":{\"name\":\"n\"},\"other\":{\"id\":2,\"tag\":\"t\"}}")).isFalse();
		assertThat(g.matches("{\"item\":{\"id\":1,\"name\":\"n\"},\"other\":{\"id\":2}}")).isFalse();
	}

	@Test
	void oneOfOfOverlappingAlternativesIsRefusedWithItsPointer() {
		assertThatThrownBy(() -> grammar("""
				{"type":"object","properties":{"shape":{"oneOf":[
				 {"type":"object","properties":{"r":{"type":"number"}},"required":["r"]},
				 {"type":"object","properties":{"w":{"type":"number"}},"required":["w"]}]}},"required":["shape"]}"""))
			.isInstanceOf(UnsupportedSchemaException.class)
			.hasMessageContaining("'oneOf'")
			.hasMessageContaining("/properties/shape")
			.hasMessageContaining("alternatives 0 and 1");
	}

	@Test
	void oneOfWithConstDiscriminatorIsEnforced() {
		JsonGrammar g = grammar(
				"""
						{"type":"object","properties":{"shape":{"oneOf":[
						 {"type":"object","properties":{"kind":{"const":"circle"},"r":{"type":"number"}},"required":["kind","r"]},
						 {"type":"object","properties":{"kind":{"const":"square"},"w":{"type":"number"}},"required":["kind","w"]}]}},
						 "required":["shape"]}""");
		assertThat(g.matches("{\"shape\":{\"kind\":\"circle\",\"r\":1}}")).isTrue();
		assertThat(g.matches("{\"shape\":{\"kind\":\"square\",\"r\":1}}")).isFalse();
	}

	@Test
	void formatsAndPatternsWithoutCommonValueAreRefused() {
		assertThatThrownBy(() -> grammar("{\"type\":\"string\",\"allOf\":[{\"pattern\":\"a+\"},{\"pattern\":\"b+\"}]}"))
			.isInstanceOf(UnsupportedSchemaException.class)
			.hasMessageContaining("no string matches all the patterns");
	}

}
