package dev.springcohere.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HfTokenizerTests {

	private static HfTokenizer tokenizer;

	@BeforeAll
	static void load() {
		tokenizer = HfTokenizer.load(TokenizerFixtures.tinyTokenizerDir());
	}

	@AfterAll
	static void close() {
		tokenizer.close();
	}

	static Stream<Map<String, Object>> encodings() {
		return TokenizerFixtures.goldenList("encodings").stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("encodings")
	void encodeWithSpecialTokensShouldMatchGolden(Map<String, Object> golden) {
		int[] ids = tokenizer.encode((String) golden.get("text"), true);
		assertThat(ids).containsExactly(TokenizerFixtures.ints(golden.get("ids_with_special")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("encodings")
	void encodeWithoutSpecialTokensShouldMatchGolden(Map<String, Object> golden) {
		int[] ids = tokenizer.encode((String) golden.get("text"), false);
		assertThat(ids).containsExactly(TokenizerFixtures.ints(golden.get("ids")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("encodings")
	void decodeShouldMatchGolden(Map<String, Object> golden) {
		String decoded = tokenizer.decode(TokenizerFixtures.ints(golden.get("ids")), false);
		assertThat(decoded).isEqualTo(golden.get("decoded"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("encodings")
	void tokenBytesShouldConcatenateToTheDecodedText(Map<String, Object> golden) {
		int[] ids = TokenizerFixtures.ints(golden.get("ids_with_special"));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int id : ids) {
			bytes.writeBytes(tokenizer.tokenBytes(id));
		}
		assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(tokenizer.decode(ids, false));
	}

	@Test
	void decodeSkippingSpecialTokensShouldDropThem() {
		int[] ids = tokenizer.encode("<|START_OF_TURN_TOKEN|><|USER_TOKEN|>hi<|END_OF_TURN_TOKEN|>", true);
		assertThat(tokenizer.decode(ids, true)).isEqualTo("hi");
		assertThat(tokenizer.decode(ids, false))
			.isEqualTo("<BOS_TOKEN><|START_OF_TURN_TOKEN|><|USER_TOKEN|>hi<|END_OF_TURN_TOKEN|>");
	}

	@Test
	void specialTokenIdsShouldComeFromTheConfigAndVocabulary() {
		SpecialTokenIds special = tokenizer.specialTokens();
		// README of the fixtures: id 3 is <|END_OF_TURN_TOKEN|> (eos), id 5 is
		// <BOS_TOKEN>
		assertThat(special.bos()).isEqualTo(OptionalInt.of(5));
		assertThat(special.eos()).isEqualTo(OptionalInt.of(3));
		assertThat(special.endOfTurn()).isEqualTo(OptionalInt.of(3));
		assertThat(special.pad()).isEqualTo(OptionalInt.of(0));
		assertThat(special.unk()).isEqualTo(OptionalInt.of(1));
		assertThat(special.startOfTurn()).isEqualTo(OptionalInt.of(8));
		assertThat(special.startThinking()).isEqualTo(OptionalInt.of(12));
		assertThat(special.endThinking()).isEqualTo(OptionalInt.of(13));
		assertThat(special.startResponse()).isEqualTo(OptionalInt.of(14));
		assertThat(special.endResponse()).isEqualTo(OptionalInt.of(15));
		assertThat(special.startAction()).isEqualTo(OptionalInt.of(16));
		assertThat(special.endAction()).isEqualTo(OptionalInt.of(17));
		assertThat(tokenizer.isSpecial(3)).isTrue();
		assertThat(tokenizer.isSpecial(60)).isFalse();
		assertThat(tokenizer.config().addBosToken()).isTrue();
	}

	@Test
	void specialTokenIdsShouldEncodeToThemselves() {
		SpecialTokenIds special = tokenizer.specialTokens();
		assertThat(tokenizer.encode(SpecialTokenIds.START_RESPONSE + SpecialTokenIds.END_ACTION, false))
			.containsExactly(special.startResponse().getAsInt(), special.endAction().getAsInt());
	}

	@Test
	void vocabularyLookupsShouldRoundTrip() {
		assertThat(tokenizer.vocabSize()).isEqualTo(512);
		for (int id = 0; id < tokenizer.vocabSize(); id++) {
			String token = tokenizer.idToToken(id).orElseThrow();
			assertThat(tokenizer.tokenToId(token)).hasValue(id);
		}
		assertThat(tokenizer.idToToken(512)).isEmpty();
		assertThat(tokenizer.idToToken(-1)).isEmpty();
		assertThat(tokenizer.tokenToId("not a token at all")).isEmpty();
		assertThat(tokenizer.idToToken(241)).hasValue("\u0120");
	}

	@Test
	void tokenBytesShouldMapTheByteLevelAlphabetBackToBytes() {
		assertThat(tokenizer.isByteLevel()).isTrue();
		// "Ġ" stands for the space byte and "Ċ" for the newline byte in GPT-2's alphabet
		assertThat(tokenizer.tokenBytes(tokenizer.tokenToId("\u0120").getAsInt())).containsExactly(' ');
		assertThat(tokenizer.tokenBytes(tokenizer.tokenToId("\u010a").getAsInt())).containsExactly('\n');
		assertThat(tokenizer.tokenBytes(3)).isEqualTo("<|END_OF_TURN_TOKEN|>".getBytes(StandardCharsets.UTF_8));
		int[] ids = tokenizer.encode("日本", false);
		List<Integer> byteCounts = new ArrayList<>();
		for (int id : ids) {
			byteCounts.add(tokenizer.tokenBytes(id).length);
		}
		assertThat(byteCounts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
		assertThat(byteCounts).anyMatch(count -> count < 3);
	}

	@Test
	void tokenBytesShouldDecodeEveryVocabularyTokenLikeTheTokenizer() {
		for (int id = 0; id < tokenizer.vocabSize(); id += 7) {
			String decoded = tokenizer.decode(new int[] { id }, false);
			byte[] bytes = tokenizer.tokenBytes(id);
			assertThat(new String(bytes, StandardCharsets.UTF_8)).as("token %d", id).isEqualTo(decoded);
		}
	}

	@Test
	void tokenBytesShouldBeACopy() {
		byte[] bytes = tokenizer.tokenBytes(60);
		bytes[0] = 0;
		assertThat(tokenizer.tokenBytes(60)[0]).isNotZero();
	}

	@Test
	void outOfRangeIdsShouldFailClearly() {
		assertThatIllegalArgumentException().isThrownBy(() -> tokenizer.decode(new int[] { 5, 9999 }, false))
			.withMessageContaining("9999")
			.withMessageContaining("[0, 512)");
		assertThatIllegalArgumentException().isThrownBy(() -> tokenizer.tokenBytes(-1));
	}

	@Test
	void concurrentEncodingShouldGiveTheSameIds() throws Exception {
		List<Map<String, Object>> encodings = TokenizerFixtures.goldenList("encodings");
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int round = 0; round < 25; round++) {
				for (Map<String, Object> golden : encodings) {
					results.add(pool
						.submit(() -> java.util.Arrays.equals(tokenizer.encode((String) golden.get("text"), true),
								TokenizerFixtures.ints(golden.get("ids_with_special")))));
				}
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void closedTokenizerShouldRefuseCalls() {
		HfTokenizer closing = HfTokenizer.load(TokenizerFixtures.tinyTokenizerDir());
		closing.close();
		closing.close();
		assertThatIllegalStateException().isThrownBy(() -> closing.encode("hi", true)).withMessageContaining("closed");
		assertThatIllegalStateException().isThrownBy(() -> closing.decode(new int[] { 60 }, true));
	}

	@Test
	void missingTokenizerJsonShouldFailClearly(@TempDir Path dir) {
		assertThatExceptionOfType(TokenizerException.class).isThrownBy(() -> HfTokenizer.load(dir))
			.withMessageContaining("No tokenizer.json in " + dir);
	}

	@Test
	void missingDirectoryShouldFailClearly(@TempDir Path dir) {
		Path missing = dir.resolve("nope");
		assertThatExceptionOfType(TokenizerException.class).isThrownBy(() -> HfTokenizer.load(missing))
			.withMessageContaining(missing.toString())
			.withMessageContaining("does not exist");
	}

	@Test
	void malformedTokenizerConfigShouldFailClearly(@TempDir Path dir) throws Exception {
		Files.copy(TokenizerFixtures.tinyTokenizerDir().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
		Files.writeString(dir.resolve("tokenizer_config.json"), "{\"bos_token\": \"<BOS_TOKEN>\",\n \"eos_token\": }");
		assertThatExceptionOfType(TokenizerException.class).isThrownBy(() -> HfTokenizer.load(dir))
			.withMessageContaining("Malformed JSON in " + dir.resolve("tokenizer_config.json"))
			.withMessageContaining("line 2");
	}

	@Test
	void wronglyTypedChatTemplateShouldFailClearly(@TempDir Path dir) throws Exception {
		Files.copy(TokenizerFixtures.tinyTokenizerDir().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
		Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": 42}");
		assertThatExceptionOfType(TokenizerException.class).isThrownBy(() -> HfTokenizer.load(dir))
			.withMessageContaining("'chat_template'");
	}

	@Test
	void malformedTokenizerJsonShouldFailClearly(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\"}}");
		assertThatExceptionOfType(TokenizerException.class).isThrownBy(() -> HfTokenizer.load(dir))
			.withMessageContaining("model.vocab");
	}

	@Test
	void checkpointWithoutConfigShouldLoadWithoutTemplates(@TempDir Path dir) throws Exception {
		Files.copy(TokenizerFixtures.tinyTokenizerDir().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
		try (HfTokenizer bare = HfTokenizer.load(dir)) {
			assertThat(bare.encode("Hello world", false)).containsExactly(60, 293, 344, 312, 289, 468);
			assertThat(bare.specialTokens().bos()).isEmpty();
			assertThat(bare.specialTokens().endOfTurn()).hasValue(3);
			assertThat(bare.chatTemplateNames()).isEmpty();
			assertThatExceptionOfType(ChatTemplateException.class)
				.isThrownBy(() -> bare.applyChatTemplate(
						ChatTemplateRequest.builder(List.of(Map.of("role", "user", "content", "hi"))).build()))
				.withMessageContaining("no chat template");
		}
	}

	@Test
	void namedTemplateListShouldBeSelectedLikeHuggingFace(@TempDir Path dir) throws Exception {
		Files.copy(TokenizerFixtures.tinyTokenizerDir().resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
		Files.writeString(dir.resolve("tokenizer_config.json"), """
				{"bos_token": "<BOS_TOKEN>", "chat_template": [
				  {"name": "default", "template": "{{ bos_token }}D{% for m in messages %}{{ m.content }}{% endfor %}"},
				  {"name": "tool_use", "template": "{{ bos_token }}T{{ tools|length }}"},
				  {"name": "rag", "template": "R{{ documents|length }}"}]}
				""");
		try (HfTokenizer named = HfTokenizer.load(dir)) {
			List<Map<String, Object>> messages = List.of(Map.of("role", "user", "content", "hi"));
			assertThat(named.chatTemplateNames()).containsExactly("default", "tool_use", "rag");
			assertThat(named.applyChatTemplate(ChatTemplateRequest.builder(messages).build()))
				.isEqualTo("<BOS_TOKEN>Dhi");
			assertThat(named
				.applyChatTemplate(ChatTemplateRequest.builder(messages).tools(List.of(Map.of("name", "a"))).build()))
				.isEqualTo("<BOS_TOKEN>T1");
			assertThat(named.chatTemplate("rag")
				.orElseThrow()
				.render(ChatTemplateRequest.builder(messages).documents(List.of(Map.of(), Map.of())).build()))
				.isEqualTo("R2");
			assertThat(named.encodeChat(ChatTemplateRequest.builder(messages).build())).startsWith(5);
		}
	}

}
