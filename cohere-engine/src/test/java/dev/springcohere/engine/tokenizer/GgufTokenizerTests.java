package dev.springcohere.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.GgufFixtures;
import dev.springcohere.engine.model.GgufWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tokenizer rebuilt from a GGUF file's metadata behaves exactly as the
 * {@code tokenizer.json} it was converted from: the golden encodings, decodings, special
 * tokens and chat template renderings.
 */
class GgufTokenizerTests {

	@TempDir
	static Path dir;

	private static HfTokenizer gguf;

	private static HfTokenizer json;

	@BeforeAll
	static void load() {
		Path file = GgufFixtures.write("tiny-cohere2", DType.BF16, 0, dir.resolve("tiny.gguf"));
		gguf = HfTokenizer.load(file);
		json = HfTokenizer.load(TokenizerFixtures.tinyTokenizerDir());
	}

	@AfterAll
	static void close() {
		gguf.close();
		json.close();
	}

	static Stream<Map<String, Object>> encodings() {
		return TokenizerFixtures.goldenList("encodings").stream();
	}

	static Stream<Map<String, Object>> chatCases() {
		return TokenizerFixtures.goldenList("chat_template_cases").stream();
	}

	@ParameterizedTest
	@MethodSource("encodings")
	void encodesAndDecodesLikeTheGolden(Map<String, Object> golden) {
		String text = (String) golden.get("text");
		assertThat(gguf.encode(text, true)).containsExactly(TokenizerFixtures.ints(golden.get("ids_with_special")));
		assertThat(gguf.encode(text, false)).containsExactly(TokenizerFixtures.ints(golden.get("ids")));
		assertThat(gguf.decode(TokenizerFixtures.ints(golden.get("ids")), false)).isEqualTo(golden.get("decoded"));
		int[] withSpecial = TokenizerFixtures.ints(golden.get("ids_with_special"));
		assertThat(gguf.decode(withSpecial, true)).isEqualTo(json.decode(withSpecial, true));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("chatCases")
	void rendersAndEncodesChatTemplateCasesLikeTheGolden(Map<String, Object> golden) {
		ChatTemplateRequest request = ChatTemplateRequest.builder(TokenizerFixtures.castList(golden.get("messages")))
			.tools(TokenizerFixtures.castList(golden.get("tools")))
			.documents(TokenizerFixtures.castList(golden.get("documents")))
			.addGenerationPrompt((Boolean) golden.get("add_generation_prompt"))
			.build();
		assertThat(gguf.applyChatTemplate(request)).isEqualTo(golden.get("rendered"));
		assertThat(gguf.encodeChat(request)).containsExactly(TokenizerFixtures.ints(golden.get("token_ids")));
	}

	@Test
	void vocabularyAndSpecialTokensEqualTheJsonTokenizer() {
		assertThat(gguf.vocabSize()).isEqualTo(json.vocabSize());
		assertThat(gguf.specialTokens()).isEqualTo(json.specialTokens());
		assertThat(gguf.isByteLevel()).isTrue();
		for (int id = 0; id < json.vocabSize(); id++) {
			assertThat(gguf.idToToken(id)).isEqualTo(json.idToToken(id));
			assertThat(gguf.isSpecial(id)).as("special %d", id).isEqualTo(json.isSpecial(id));
			assertThat(gguf.tokenBytes(id)).isEqualTo(json.tokenBytes(id));
		}
		TokenizerConfig config = gguf.config();
		assertThat(config.bosToken()).isEqualTo("<BOS_TOKEN>");
		assertThat(config.eosToken()).isEqualTo("<|END_OF_TURN_TOKEN|>");
		assertThat(config.padToken()).isEqualTo("<PAD>");
		assertThat(config.unkToken()).isEqualTo("<UNK>");
		assertThat(config.addBosToken()).isTrue();
		assertThat(gguf.chatTemplateNames()).containsExactly("default");
	}

	@Test
	void namedChatTemplatesAreReadBesideTheDefault() {
		Path file = GgufFixtures.tokenizer(new GgufWriter())
			.string("tokenizer.chat_template.tool_use", "{{ 'tools' }}")
			.string("tokenizer.chat_template.rag", "{{ 'rag' }}")
			.write(dir.resolve("templates.gguf"));
		try (HfTokenizer tokenizer = HfTokenizer.load(file)) {
			assertThat(tokenizer.chatTemplateNames()).containsExactly("default", "tool_use", "rag");
			assertThat(tokenizer.chatTemplate("rag").orElseThrow().source()).isEqualTo("{{ 'rag' }}");
		}
	}

	@Test
	void nonBpeTokenizerIsRefusedByName() {
		Path file = new GgufWriter().string("tokenizer.ggml.model", "llama")
			.strings("tokenizer.ggml.tokens", java.util.List.of("a", "b"))
			.write(dir.resolve("spm.gguf"));
		assertThatExceptionOfType(TokenizerException.class).isThrownBy(() -> HfTokenizer.load(file))
			.withMessageContaining("spm.gguf")
			.withMessageContaining("'llama' tokenizer")
			.withMessageContaining("gpt2");
	}

	@Test
	void unknownPreTokenizerIsRefusedByName() {
		Path file = new GgufWriter().string("tokenizer.ggml.model", "gpt2")
			.string("tokenizer.ggml.pre", "qwen2")
			.strings("tokenizer.ggml.tokens", java.util.List.of("a", "b"))
			.write(dir.resolve("qwen.gguf"));
		assertThatExceptionOfType(TokenizerException.class).isThrownBy(() -> HfTokenizer.load(file))
			.withMessageContaining("pre-tokenizer 'qwen2'")
			.withMessageContaining("command-r");
	}

	@Test
	void malformedMergeIsRefusedWithItsIndex() {
		Path file = new GgufWriter().string("tokenizer.ggml.model", "gpt2")
			.strings("tokenizer.ggml.tokens", java.util.List.of("a", "b", "ab"))
			.strings("tokenizer.ggml.merges", java.util.List.of("a b", "ab"))
			.write(dir.resolve("merges.gguf"));
		assertThatExceptionOfType(TokenizerException.class).isThrownBy(() -> HfTokenizer.load(file))
			.withMessageContaining("merge #1 'ab'");
	}

	@Test
	void specialIdOutsideTheVocabularyIsRefused() {
		Path file = new GgufWriter().string("tokenizer.ggml.model", "gpt2")
			.strings("tokenizer.ggml.tokens", java.util.List.of("a", "b"))
			.u32("tokenizer.ggml.bos_token_id", 7)
			.write(dir.resolve("bos.gguf"));
		assertThatExceptionOfType(TokenizerException.class).isThrownBy(() -> HfTokenizer.load(file))
			.withMessageContaining("tokenizer.ggml.bos_token_id is 7, outside the vocabulary of 2 tokens");
	}

}
