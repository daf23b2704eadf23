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
 * The trie walk (with its free-string shortcut) against brute force: at every byte
 * position of a sample text, the mask holds exactly the tokens whose bytes the grammar
 * accepts from that state, on the tiny byte-level vocabulary (512 tokens, Cohere's
 * special tokens).
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
	@CsvSource(delimiter = '|',
			textBlock = """
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
				assertThat(actual)
					.as("token %d (%s) after %d bytes of %s", id, tokenizer.idToToken(id).orElse(""), i, text)
					.isEqualTo(expected);
			}
			if (i < bytes.length) {
				state = grammar.advance(state, new byte[] { bytes[i] });
				assertThat(state).as("byte %d of %s", i, text).isNotNull();
			}
		}
		assertThat(state.accepting()).isTrue();
	}

	/**
	 * A made-up vocabulary of the tokens the free-string shortcut sorts: plain content
	 * (with characters left incomplete at the end), tokens that close the string or start
	 * an escape after plain content, and tokens whose first offending byte is a control
	 * character, a stray continuation byte or a broken character.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					{"type":"object","properties":{"s":{"type":"string"},"t":{"type":"string","maxLength":3}},"required":["s","t"]}|{"s":"a\\\"é\\n","t":"xé"}
					{"type":"array","items":{"type":"string","minLength":1,"maxLength":2}}|["ab","é", "\\u00e9"]
					""")
	void freeStringShortcutEqualsBruteForceOnTrickyTokens(String schema, String text) {
		String[] hex = { "61", "6162", "616263", "c3", "c3a9", "61c3", "e282", "e282ac", "22", "6122", "612220",
				"61222c", "61227d", "61225d", "22 2c", "5c", "615c", "5c6e", "5c22", "5c75", "0a", "610a", "61220a",
				"80", "6180", "61c322", "61ff", "c0af", "ed a0 80", "7f", "617f22", "2c", "2c20", "20", "5d", "7d",
				"3a", "3a20", "22 3a", "5b", "7b", "5b22", "6e", "6e756c6c", "74", "7575", "30", "65", "3939" };
		byte[][] tokens = new byte[hex.length + 1][];
		boolean[] excluded = new boolean[hex.length + 1];
		for (int i = 0; i < hex.length; i++) {
			tokens[i] = java.util.HexFormat.of().parseHex(hex[i].replace(" ", ""));
		}
		tokens[hex.length] = new byte[] { 'a' };
		excluded[hex.length] = true;
		TokenTrie tricky = new TokenTrie(tokens, excluded);
		JsonGrammar grammar = JsonGrammar.compile(JsonMapper.builder().build().readTree(schema));
		GrammarMasker masker = new GrammarMasker(grammar, tricky);
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		GrammarState state = grammar.start();
		int freeStringStates = 0;
		for (int i = 0; i <= bytes.length; i++) {
			if (JsonMatcher.freeStringRoom(state) != JsonMatcher.NOT_FREE_STRING) {
				freeStringStates++;
			}
			long[] mask = masker.computeMask(state);
			for (int id = 0; id < tricky.vocabSize(); id++) {
				boolean expected = tricky.contains(id) && grammar.advance(state, tricky.bytes(id)) != null;
				boolean actual = (mask[id >>> 6] & (1L << id)) != 0;
				assertThat(actual)
					.as("token %s after %d bytes of %s", java.util.HexFormat.of().formatHex(tokens[id]), i, text)
					.isEqualTo(expected);
			}
			if (i < bytes.length) {
				state = grammar.advance(state, new byte[] { bytes[i] });
				assertThat(state).as("byte %d of %s", i, text).isNotNull();
			}
		}
		assertThat(freeStringStates).isGreaterThan(3);
		assertThat(tricky.stringExitTokens()).as("tokens that may leave a string cleanly").isLessThan(hex.length - 20);
	}

}
