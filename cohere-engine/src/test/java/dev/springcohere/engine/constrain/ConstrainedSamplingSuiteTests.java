package dev.springcohere.engine.constrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.Generator;
import dev.springcohere.engine.decode.SamplingParams;
import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.tokenizer.HfTokenizer;

/**
 * The schema suite: for every schema, 200 samples drawn at temperature 1 with fixed seeds
 * from the tiny gibberish model under the constraint all validate with networknt's
 * validator (format assertions on), and no mask is ever empty (the constraint would
 * throw).
 */
class ConstrainedSamplingSuiteTests {

	static final int SAMPLES = 200;

	static final int MAX_TOKENS = 600;

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	@TempDir
	static Path dir;

	static VectorKernels kernels;

	static ModelWeights weights;

	static HfTokenizer tokenizer;

	static CohereModel model;

	static TokenTrie trie;

	@BeforeAll
	static void load() {
		Path checkpoint = Fixtures.checkpointWithTokenizer("tiny-cohere", dir.resolve("model"), 4096);
		kernels = new VectorKernels(1);
		weights = ModelWeights.open(checkpoint);
		model = new CohereModel(weights, kernels);
		tokenizer = HfTokenizer.load(checkpoint);
		trie = TokenTrie.of(tokenizer);
	}

	@AfterAll
	static void close() {
		tokenizer.close();
		weights.close();
		kernels.close();
	}

	static Stream<Arguments> schemas() {
		List<String[]> list = new ArrayList<>();
		list.add(s("flat-required", """
				{"type":"object","properties":{"name":{"type":"string","maxLength":12},"age":{"type":"integer"}},
				 "required":["name","age"],"additionalProperties":false}"""));
		list.add(s("optional-properties",
				"""
						{"type":"object","properties":{"a":{"type":"string","maxLength":5},"b":{"type":"boolean"},"c":{"type":"null"}},
						 "required":["b"],"additionalProperties":false}"""));
		list.add(s("string-enum", """
				{"type":"object","properties":{"color":{"type":"string","enum":["red","green","blue","re"]}},
				 "required":["color"]}"""));
		list.add(s("mixed-enum", """
				{"type":"object","properties":{"v":{"enum":[1,10,"x",true,null,2.5]}},"required":["v"]}"""));
		list.add(s("const", """
				{"type":"object","properties":{"kind":{"const":"event"},"n":{"const":42}},"required":["kind","n"]}"""));
		list.add(s("pattern-digits", """
				{"type":"object","properties":{"code":{"type":"string","pattern":"[A-Z]{2}-[0-9]{3,5}"}},
				 "required":["code"]}"""));
		list.add(s("pattern-alternation", """
				{"type":"object","properties":{"p":{"type":"string","pattern":"^(cat|dog)s?( and (cat|dog)s?)*$"}},
				 "required":["p"]}"""));
		list.add(s("pattern-quote-escape", """
				{"type":"object","properties":{"q":{"type":"string","pattern":"a\\"b\\\\\\\\c[\\\\n\\\\t]"}},
				 "required":["q"]}"""));
		list.add(s("pattern-unicode", """
				{"type":"object","properties":{"u":{"type":"string","pattern":"[àé€😀]{1,4}x"}},"required":["u"]}"""));
		list.add(s("format-date", """
				{"type":"object","properties":{"d":{"type":"string","format":"date"}},"required":["d"]}"""));
		list.add(s("format-date-time", """
				{"type":"object","properties":{"t":{"type":"string","format":"date-time"}},"required":["t"]}"""));
		list.add(s("format-time", """
				{"type":"object","properties":{"t":{"type":"string","format":"time"}},"required":["t"]}"""));
		list.add(s("format-uuid", """
				{"type":"object","properties":{"id":{"type":"string","format":"uuid"}},"required":["id"]}"""));
		list.add(s("format-email", """
				{"type":"object","properties":{"to":{"type":"string","format":"email"}},"required":["to"]}"""));
		list.add(s("integer-bounds", """
				{"type":"object","properties":{"i":{"type":"integer","minimum":-5,"maximum":17}},"required":["i"]}"""));
		list.add(s("integer-exclusive", """
				{"type":"object","properties":{"i":{"type":"integer","exclusiveMinimum":99,"exclusiveMaximum":103}},
				 "required":["i"]}"""));
		list.add(s("number-bounds",
				"""
						{"type":"object","properties":{"x":{"type":"number","minimum":-1.5,"maximum":2.25}},"required":["x"]}"""));
		list.add(s("number-narrow-exclusive", """
				{"type":"object","properties":{"x":{"type":"number","exclusiveMinimum":0.1,"exclusiveMaximum":0.1001}},
				 "required":["x"]}"""));
		list.add(s("number-negative-only", """
				{"type":"object","properties":{"x":{"type":"number","maximum":-1000}},"required":["x"]}"""));
		list.add(s("unbounded-numbers", """
				{"type":"object","properties":{"x":{"type":"number"},"i":{"type":"integer"}},"required":["x","i"]}"""));
		list.add(s("boolean-null", """
				{"type":"object","properties":{"b":{"type":"boolean"},"n":{"type":"null"}},"required":["b","n"]}"""));
		list.add(s("array-bounds", """
				{"type":"object","properties":{"xs":{"type":"array","items":{"type":"integer","minimum":0,"maximum":9},
				 "minItems":2,"maxItems":4}},"required":["xs"]}"""));
		list.add(s("array-exact", """
				{"type":"object","properties":{"xs":{"type":"array","items":{"type":"boolean"},"minItems":3,
				 "maxItems":3}},"required":["xs"]}"""));
		list.add(s("array-of-objects", """
				{"type":"object","properties":{"items":{"type":"array","maxItems":3,"items":{"type":"object",
				 "properties":{"id":{"type":"integer"},"tag":{"enum":["a","b"]}},"required":["id","tag"]}}},
				 "required":["items"]}"""));
		list.add(s("list-of-lists", """
				{"type":"object","properties":{"m":{"type":"array","maxItems":2,"items":{"type":"array","maxItems":2,
				 "items":{"type":"number"}}}},"required":["m"]}"""));
		list.add(s("untyped-array", """
				{"type":"object","properties":{"any":{"type":"array","maxItems":2}},"required":["any"]}"""));
		list.add(s("nested-objects", """
				{"type":"object","properties":{"user":{"type":"object","properties":{"name":{"type":"string",
				 "pattern":"[a-z]{1,8}"},"address":{"type":"object","properties":{"zip":{"type":"string",
				 "pattern":"[0-9]{5}"},"city":{"enum":["Paris","Oslo"]}},"required":["zip","city"],
				 "additionalProperties":false}},"required":["name","address"],"additionalProperties":false}},
				 "required":["user"],"additionalProperties":false}"""));
		list.add(s("anyOf-scalars", """
				{"type":"object","properties":{"v":{"anyOf":[{"type":"integer","minimum":0,"maximum":3},
				 {"type":"string","format":"date"},{"type":"null"}]}},"required":["v"]}"""));
		list.add(s("anyOf-objects", """
				{"type":"object","properties":{"shape":{"anyOf":[
				 {"type":"object","properties":{"kind":{"const":"circle"},"r":{"type":"number","minimum":0}},
				  "required":["kind","r"],"additionalProperties":false},
				 {"type":"object","properties":{"kind":{"const":"rect"},"w":{"type":"integer"},"h":{"type":"integer"}},
				  "required":["kind","w","h"],"additionalProperties":false}]}},"required":["shape"]}"""));
		list.add(s("anyOf-shared-prefix", """
				{"type":"object","properties":{"v":{"anyOf":[{"type":"string","pattern":"ab[0-9]"},
				 {"type":"string","pattern":"abc"}]}},"required":["v"]}"""));
		list.add(s("type-list", """
				{"type":"object","properties":{"v":{"type":["integer","null"],"minimum":1,"maximum":2}},
				 "required":["v"]}"""));
		list.add(s("ref-defs", """
				{"type":"object","$defs":{"point":{"type":"object","properties":{"x":{"type":"integer"},
				 "y":{"type":"integer"}},"required":["x","y"],"additionalProperties":false}},
				 "properties":{"from":{"$ref":"#/$defs/point"},"to":{"$ref":"#/$defs/point"}},
				 "required":["from","to"]}"""));
		list.add(s("recursive-ref", """
				{"type":"object","$defs":{"node":{"type":"object","properties":{"v":{"type":"integer","minimum":0,
				 "maximum":9},"kids":{"type":"array","maxItems":2,"items":{"$ref":"#/$defs/node"}}},
				 "required":["v"],"additionalProperties":false}},
				 "properties":{"root":{"$ref":"#/$defs/node"}},"required":["root"]}"""));
		list.add(s("free-strings-escapes", """
				{"type":"object","properties":{"s":{"type":"string","maxLength":16},"t":{"type":"string","minLength":3,
				 "maxLength":6}},"required":["s","t"]}"""));
		list.add(s("keys-needing-escapes", """
				{"type":"object","properties":{"a\\"b":{"type":"integer"},"é/ü":{"type":"boolean"}},
				 "required":["a\\"b","é/ü"]}"""));
		list.add(s("untyped-object", """
				{"type":"object","properties":{"meta":{"type":"object"}},"required":["meta"]}"""));
		list.add(s("tool-like-nested",
				"""
						{"type":"object","properties":{"query":{"type":"string","pattern":"[a-z ]{1,20}"},
						 "filters":{"type":"object","properties":{"from":{"type":"string","format":"date"},
						 "limit":{"type":"integer","minimum":1,"maximum":50},"sort":{"enum":["asc","desc"]}},
						 "required":["limit"],"additionalProperties":false},"tags":{"type":"array","items":{"type":"string",
						 "pattern":"[a-z]{2,6}"},"maxItems":3}},"required":["query","filters"],"additionalProperties":false}"""));
		return list.stream().map((x) -> Arguments.of(x[0], x[1]));
	}

	private static String[] s(String name, String schema) {
		return new String[] { name, schema };
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("schemas")
	void everySampleValidates(String name, String schemaText) {
		JsonNode schemaNode = MAPPER.readTree(schemaText);
		Schema validator = SchemaRegistry
			.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
					(b) -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
			.getSchema(schemaNode);
		GrammarMasker masker = new GrammarMasker(JsonGrammar.compile(schemaNode), trie);
		int eos = tokenizer.specialTokens().eos().getAsInt();
		int bos = tokenizer.specialTokens().bos().getAsInt();
		Generator generator = new Generator(model);
		for (int sample = 0; sample < SAMPLES; sample++) {
			JsonConstraint constraint = JsonConstraint.wholeOutput(masker, new int[0], new int[0], Set.of(eos));
			List<Integer> ids = generator.generate(new int[] { bos }, MAX_TOKENS,
					new SamplingParams(1.0, 0, 1.0, 1000L * name.hashCode() + sample), Set.of(eos), 4096, (id) -> {
					}, constraint);
			assertThat(constraint.complete()).as("%s sample %d ended within %d tokens", name, sample, MAX_TOKENS)
				.isTrue();
			assertThat(ids.get(ids.size() - 1)).isEqualTo(eos);
			byte[] bytes = bytes(ids.subList(0, ids.size() - 1));
			String text = new String(bytes, StandardCharsets.UTF_8);
			assertThat(text.getBytes(StandardCharsets.UTF_8)).as("valid UTF-8: %s", text).isEqualTo(bytes);
			JsonNode value = MAPPER.readTree(text);
			assertThat(validator.validate(value)).as("%s sample %d: %s", name, sample, text).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("schemas")
	void fastMaskEqualsFullWalkAlongSamples(String name, String schemaText) {
		JsonGrammar grammar = JsonGrammar.compile(MAPPER.readTree(schemaText));
		GrammarMasker masker = new GrammarMasker(grammar, trie);
		int eos = tokenizer.specialTokens().eos().getAsInt();
		int bos = tokenizer.specialTokens().bos().getAsInt();
		Generator generator = new Generator(model);
		for (int sample = 0; sample < 20; sample++) {
			JsonConstraint constraint = JsonConstraint.wholeOutput(masker, new int[0], new int[0], Set.of(eos));
			List<Integer> ids = generator.generate(new int[] { bos }, MAX_TOKENS,
					new SamplingParams(1.0, 0, 1.0, 7000L * name.hashCode() + sample), Set.of(eos), 4096, (id) -> {
					}, constraint);
			GrammarState state = grammar.start();
			for (int k = 0; k < ids.size() - 1; k++) {
				long[] full = new long[(trie.vocabSize() + 63) >>> 6];
				trie.allowedByFullWalk(state, full);
				assertThat(masker.computeMask(state))
					.as("%s sample %d, state before token %d: %s", name, sample, k, state)
					.isEqualTo(full);
				state = masker.advance(state, ids.get(k));
			}
		}
	}

	private static byte[] bytes(List<Integer> ids) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (int id : ids) {
			out.writeBytes(tokenizer.tokenBytes(id));
		}
		return out.toByteArray();
	}

}
