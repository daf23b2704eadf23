package dev.springcohere.engine.constrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import com.networknt.schema.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

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

	@TempDir
	static Path dir;

	static SuiteModel suite;

	@BeforeAll
	static void load() {
		suite = SuiteModel.load(dir);
	}

	@AfterAll
	static void close() {
		suite.close();
	}

	static Stream<Arguments> schemas() {
		return SuiteModel.schemas();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("schemas")
	void everyBudgetFromTheShortestDocumentUpCompletesAValidDocument(String name, String schemaText) {
		JsonNode schemaNode = SuiteModel.MAPPER.readTree(schemaText);
		Schema validator = SuiteModel.validator(schemaNode);
		GrammarMasker masker = new GrammarMasker(JsonGrammar.compile(schemaNode), suite.trie);
		int eos = suite.eos();
		int minimal = suite.constraint(masker).minimalTokens();
		for (int extra : EXTRA) {
			int budget = minimal + extra;
			for (int seed = 0; seed < SEEDS; seed++) {
				JsonConstraint constraint = suite.constraint(masker);
				List<Integer> ids = suite.sample(constraint, budget, 31L * name.hashCode() + 1000L * extra + seed);
				String what = name + " budget " + budget + " (shortest " + minimal + ") seed " + seed;
				assertThat(ids.size()).as(what).isLessThanOrEqualTo(budget);
				assertThat(constraint.complete()).as("%s ended complete", what).isTrue();
				assertThat(ids.get(ids.size() - 1)).as(what).isEqualTo(eos);
				String text = new String(suite.bytes(ids.subList(0, ids.size() - 1)), StandardCharsets.UTF_8);
				assertThat(validator.validate(SuiteModel.MAPPER.readTree(text))).as("%s: %s", what, text).isEmpty();
				ConstrainedSamplingSuiteTests.assertCompact(text);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("schemas")
	void shortestCompletionsAreValidFromEveryStateAndCostWhatTheMasksAssume(String name, String schemaText) {
		JsonGrammar grammar = JsonGrammar.compile(SuiteModel.MAPPER.readTree(schemaText));
		GrammarMasker masker = new GrammarMasker(grammar, suite.trie);
		int eos = suite.eos();
		for (int sample = 0; sample < 5; sample++) {
			JsonConstraint constraint = suite.constraint(masker);
			List<Integer> ids = suite.sample(constraint, 400, 5000L * name.hashCode() + sample);
			GrammarState state = grammar.start();
			for (int k = 0; k < ids.size() - 1; k++) {
				int[] completion = masker.completion(state);
				assertThat(completion).as("%s: a completion from %s", name, state).isNotNull();
				assertThat(masker.completionCost(state)).as("%s: the cost from %s", name, state)
					.isEqualTo(completion.length);
				GrammarState end = grammar.advance(state,
						suite.bytes(java.util.Arrays.stream(completion).boxed().toList()));
				assertThat(end).as("%s: completion %s from %s", name, suite.text(completion), state).isNotNull();
				assertThat(end.accepting()).as("%s: completion %s from %s", name, suite.text(completion), state)
					.isTrue();
				state = masker.advance(state, ids.get(k));
			}
		}
	}

}
