package dev.springcohere.engine.constrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * The schema suite: for every schema of {@link SuiteSchemas}, 200 samples drawn at
 * temperature 1 with fixed seeds from the tiny gibberish model under the constraint all
 * validate with networknt's validator (format assertions on), keep to the whitespace
 * policy, and no mask is ever empty (the constraint would throw).
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
		return SuiteSchemas.all().stream().map((x) -> Arguments.of(x[0], x[1]));
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
			assertCompact(text);
		}
	}

	/**
	 * The whitespace policy: outside strings, nothing but one space right after a colon
	 * or a comma.
	 */
	static void assertCompact(String text) {
		boolean inString = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (Character.isWhitespace(c)) {
				assertThat(c == ' ' && i > 0 && (text.charAt(i - 1) == ':' || text.charAt(i - 1) == ','))
					.as("whitespace at %d of %s", i, text)
					.isTrue();
			}
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
