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
 * The schema suite: for every schema of {@link SuiteSchemas}, 200 samples drawn at
 * temperature 1 with fixed seeds from the tiny gibberish model under the constraint all
 * validate with networknt's validator (format assertions on), keep to the whitespace
 * policy, and no mask is ever empty (the constraint would throw).
 */
class ConstrainedSamplingSuiteTests {

	static final int SAMPLES = 200;

	static final int MAX_TOKENS = 600;

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
	void everySampleValidates(String name, String schemaText) {
		JsonNode schemaNode = SuiteModel.MAPPER.readTree(schemaText);
		Schema validator = SuiteModel.validator(schemaNode);
		GrammarMasker masker = new GrammarMasker(JsonGrammar.compile(schemaNode), suite.trie);
		int eos = suite.eos();
		for (int sample = 0; sample < SAMPLES; sample++) {
			JsonConstraint constraint = suite.constraint(masker);
			List<Integer> ids = suite.sample(constraint, MAX_TOKENS, 1000L * name.hashCode() + sample);
			assertThat(constraint.complete()).as("%s sample %d ended within %d tokens", name, sample, MAX_TOKENS)
				.isTrue();
			assertThat(ids.get(ids.size() - 1)).isEqualTo(eos);
			byte[] bytes = suite.bytes(ids.subList(0, ids.size() - 1));
			String text = new String(bytes, StandardCharsets.UTF_8);
			assertThat(text.getBytes(StandardCharsets.UTF_8)).as("valid UTF-8: %s", text).isEqualTo(bytes);
			JsonNode value = SuiteModel.MAPPER.readTree(text);
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
		JsonGrammar grammar = JsonGrammar.compile(SuiteModel.MAPPER.readTree(schemaText));
		GrammarMasker masker = new GrammarMasker(grammar, suite.trie);
		int eos = suite.eos();
		for (int sample = 0; sample < 20; sample++) {
			JsonConstraint constraint = suite.constraint(masker);
			List<Integer> ids = suite.sample(constraint, MAX_TOKENS, 7000L * name.hashCode() + sample);
			GrammarState state = grammar.start();
			for (int k = 0; k < ids.size() - 1; k++) {
				long[] full = new long[(suite.trie.vocabSize() + 63) >>> 6];
				suite.trie.allowedByFullWalk(state, full);
				assertThat(masker.computeMask(state))
					.as("%s sample %d, state before token %d: %s", name, sample, k, state)
					.isEqualTo(full);
				state = masker.advance(state, ids.get(k));
			}
		}
	}

}
