package dev.springcohere.engine.constrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.tokenizer.HfTokenizer;

/**
 * The trie walk (with its free-string shortcut) against brute force: at every byte position of a sample text,
 * the mask holds exactly the tokens whose bytes the grammar accepts from that state, on the tiny byte-level
 * vocabulary (512 tokens, Cohere's special tokens).
 */
class TokenTrieTests {

	private static HfTokenizer tokenizer;

	private static TokenTrie trie;

	@BeforeAll
	static void load() {
		tokenizer = HfTokenizer.load(Fixtures.engine("tiny-tokenizer"));
		trie = TokenTrie.of(tokenizer);
	}

	@AfterAll
	static void close() {
		tokenizer.close();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"type":"object","properties":{"s":{"type":"string"},"n":{"type":"number"}},"required":["s","n"]}|{"s": "héllo wörld \\" ok", "n": -12.5}
			{"type":"object","properties":{"s":{"type":"string","maxLength":6}},"required":["s"]}|{"s":"ab déf"}
			{"type":"object","properties":{"s":{"type":"string","minLength":2,"maxLength":4},"e":{"enum":["in","out"]}},"required":["s","e"]}|{"s":"a\\nb","e":"out"}
			{"type":"object","properties":{"m":{"type":"object"},"d":{"type":"string","format":"date"}},"required":["m","d"]}|{"m":{"k":[1,"x",{"z":null}]},"d":"2024-05-06"}
			""")
	void maskEqualsBruteForceAtEveryByte(String schema, String text) {
		JsonGrammar grammar = JsonGrammar.compile(JsonMapper.builder().build().readTree(schema));
		GrammarMasker masker = new GrammarMasker(grammar, trie);
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		GrammarState state = grammar.start();
		for (int i = 0; i <= bytes.length; i++) {
			long[] mask = masker.computeMask(state);
			for (int id = 0; id < trie.vocabSize(); id++) {
				boolean expected = trie.contains(id) && grammar.advance(state, trie.bytes(id)) != null;
				boolean actual = (mask[id >>> 6] & (1L << id)) != 0;
				assertThat(actual).as("token %d (%s) after %d bytes of %s", id, tokenizer.idToToken(id).orElse(""),
						i, text).isEqualTo(expected);
			}
			if (i < bytes.length) {
				state = grammar.advance(state, new byte[] { bytes[i] });
				assertThat(state).as("byte %d of %s", i, text).isNotNull();
			}
		}
		assertThat(state.accepting()).isTrue();
	}

}
