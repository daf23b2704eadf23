package dev.springcohere.engine.constrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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
 * The token-budget suite: for every schema of {@link SuiteSchemas}, seeds times budgets
 * from the shortest document upwards, sampled at temperature 1 from the tiny gibberish
 * model (which wanders in strings and arrays): every output is a complete document that
 * validates, within the budget; and the shortest completions the budget relies on are
 * valid from every state met, with the cost the masks use.
 */
class BudgetSuiteTests {

	static final int[] EXTRA = { 0, 1, 2, 4, 8, 16, 40 };

	static final int SEEDS = 6;

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
	void everyBudgetFromTheShortestDocumentUpCompletesAValidDocument(String name, String schemaText) {
		JsonNode schemaNode = MAPPER.readTree(schemaText);
		Schema validator = SchemaRegistry
			.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
					(b) -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
			.getSchema(schemaNode);
		GrammarMasker masker = new GrammarMasker(JsonGrammar.compile(schemaNode), trie);
		int eos = tokenizer.specialTokens().eos().getAsInt();
		int bos = tokenizer.specialTokens().bos().getAsInt();
		int minimal = JsonConstraint.wholeOutput(masker, new int[0], new int[0], Set.of(eos)).minimalTokens();
		Generator generator = new Generator(model);
		for (int extra : EXTRA) {
			int budget = minimal + extra;
			for (int seed = 0; seed < SEEDS; seed++) {
				JsonConstraint constraint = JsonConstraint.wholeOutput(masker, new int[0], new int[0], Set.of(eos));
				List<Integer> ids = generator.generate(new int[] { bos }, budget,
						new SamplingParams(1.0, 0, 1.0, 31L * name.hashCode() + 1000L * extra + seed), Set.of(eos),
						4096, (id) -> {
						}, constraint);
				String what = name + " budget " + budget + " (shortest " + minimal + ") seed " + seed;
				assertThat(ids.size()).as(what).isLessThanOrEqualTo(budget);
				assertThat(constraint.complete()).as("%s ended complete", what).isTrue();
				assertThat(ids.get(ids.size() - 1)).as(what).isEqualTo(eos);
				String text = new String(bytes(ids.subList(0, ids.size() - 1)), StandardCharsets.UTF_8);
				assertThat(validator.validate(MAPPER.readTree(text))).as("%s: %s", what, text).isEmpty();
				ConstrainedSamplingSuiteTests.assertCompact(text);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("schemas")
	void shortestCompletionsAreValidFromEveryStateAndCostWhatTheMasksAssume(String name, String schemaText) {
		JsonGrammar grammar = JsonGrammar.compile(MAPPER.readTree(schemaText));
		GrammarMasker masker = new GrammarMasker(grammar, trie);
		int eos = tokenizer.specialTokens().eos().getAsInt();
		int bos = tokenizer.specialTokens().bos().getAsInt();
		Generator generator = new Generator(model);
		for (int sample = 0; sample < 5; sample++) {
			JsonConstraint constraint = JsonConstraint.wholeOutput(masker, new int[0], new int[0], Set.of(eos));
			List<Integer> ids = generator.generate(new int[] { bos }, 400,
					new SamplingParams(1.0, 0, 1.0, 5000L * name.hashCode() + sample), Set.of(eos), 4096, (id) -> {
					}, constraint);
			GrammarState state = grammar.start();
			for (int k = 0; k < ids.size() - 1; k++) {
				int[] completion = masker.completion(state);
				assertThat(completion).as("%s: a completion from %s", name, state).isNotNull();
				assertThat(masker.completionCost(state)).as("%s: the cost from %s", name, state)
					.isEqualTo(completion.length);
				GrammarState end = grammar.advance(state, bytes(toList(completion)));
				assertThat(end).as("%s: completion %s from %s", name, text(completion), state).isNotNull();
				assertThat(end.accepting()).as("%s: completion %s from %s", name, text(completion), state).isTrue();
				state = masker.advance(state, ids.get(k));
			}
		}
	}

	private static List<Integer> toList(int[] ids) {
		return java.util.Arrays.stream(ids).boxed().toList();
	}

	private static String text(int[] ids) {
		return new String(bytes(toList(ids)), StandardCharsets.UTF_8);
	}

	static byte[] bytes(List<Integer> ids) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int id : ids) {
			out.writeBytes(tokenizer.tokenBytes(id));
		}
		return out.toByteArray();
	}

}
