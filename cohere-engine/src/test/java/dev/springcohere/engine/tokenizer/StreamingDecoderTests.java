package dev.springcohere.engine.tokenizer;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StreamingDecoderTests {

	private static HfTokenizer tokenizer;

	@BeforeAll
	static void load() {
		tokenizer = HfTokenizer.load(TokenizerFixtures.tinyTokenizerDir());
	}

	@AfterAll
	static void close() {
		tokenizer.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "日本語のテキスト", "emoji 🤖🚀 mixed", "naïve café — déjà vu", "Hello world", "" })
	void piecesShouldBeCompleteCharactersAddingUpToTheDecodedText(String text) {
		int[] ids = tokenizer.encode(text, true);
		StreamingDecoder decoder = tokenizer.newStreamingDecoder(true);
		StringBuilder streamed = new StringBuilder();
		for (int id : ids) {
			String piece = decoder.next(id);
			assertThat(piece).doesNotContain("\uFFFD");
			if (!piece.isEmpty()) {
				assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).isFalse();
			}
			streamed.append(piece);
		}
		streamed.append(decoder.flush());
		assertThat(streamed.toString()).isEqualTo(tokenizer.decode(ids, true)).isEqualTo(text);
	}

	@Test
	void characterSplitAcrossTokensShouldComeOutWithItsLastByte() {
		int[] ids = tokenizer.encode("日本", false);
		// the fixture's 512-token vocabulary splits each three-byte character over
		// several tokens
		assertThat(ids.length).isGreaterThan(2);
		StreamingDecoder decoder = tokenizer.newStreamingDecoder(false);
		List<String> pieces = new ArrayList<>();
		int bytesSoFar = 0;
		for (int id : ids) {
			bytesSoFar += tokenizer.tokenBytes(id).length;
			String piece = decoder.next(id);
			pieces.add(piece);
			int charactersComplete = bytesSoFar / 3;
			assertThat(String.join("", pieces)).isEqualTo("日本".substring(0, charactersComplete));
		}
		assertThat(pieces).contains("");
		assertThat(decoder.flush()).isEmpty();
	}

	@Test
	void specialTokensShouldBeKeptOrSkipped() {
		int[] ids = tokenizer.encode("<|START_RESPONSE|>hi<|END_RESPONSE|>", false);
		StreamingDecoder keep = tokenizer.newStreamingDecoder(false);
		StreamingDecoder skip = tokenizer.newStreamingDecoder(true);
		StringBuilder kept = new StringBuilder();
		StringBuilder skipped = new StringBuilder();
		for (int id : ids) {
			kept.append(keep.next(id));
			skipped.append(skip.next(id));
		}
		assertThat(kept).hasToString("<|START_RESPONSE|>hi<|END_RESPONSE|>");
		assertThat(skipped).hasToString("hi");
	}

	@Test
	void flushShouldWriteAnUnfinishedCharacterAsAReplacementAndReset() {
		int[] ids = tokenizer.encode("日", false);
		StreamingDecoder decoder = tokenizer.newStreamingDecoder(false);
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < ids.length - 1; i++) {
			out.append(decoder.next(ids[i]));
		}
		assertThat(out).isEmpty();
		assertThat(decoder.flush()).isEqualTo(tokenizer.decode(java.util.Arrays.copyOf(ids, ids.length - 1), false))
			.contains("\uFFFD");
		assertThat(decoder.next(tokenizer.tokenToId("a").getAsInt())).isEqualTo("a");
	}

	@Test
	void outOfRangeIdShouldFailClearly() {
		assertThatIllegalArgumentException().isThrownBy(() -> tokenizer.newStreamingDecoder(false).next(100_000))
			.withMessageContaining("100000");
	}

	@Test
	void completePrefixShouldStopBeforeAnUnfinishedSequence() {
		byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
		byte[] robot = "🤖".getBytes(StandardCharsets.UTF_8);
		assertThat(StreamingDecoder.completePrefixLength(new byte[] { 'a', euro[0], euro[1] })).isEqualTo(1);
		assertThat(StreamingDecoder.completePrefixLength(new byte[] { 'a', euro[0], euro[1], euro[2] })).isEqualTo(4);
		assertThat(StreamingDecoder.completePrefixLength(new byte[] { robot[0], robot[1], robot[2] })).isZero();
		assertThat(StreamingDecoder.completePrefixLength(robot)).isEqualTo(4);
		assertThat(StreamingDecoder.completePrefixLength(new byte[0])).isZero();
	}

	@Test
	void nonByteLevelVocabularyShouldStreamByRedecoding() throws URISyntaxException {
		Path dir = Path.of(StreamingDecoderTests.class.getResource("wordpiece/tokenizer.json").toURI()).getParent();
		try (HfTokenizer wordPiece = HfTokenizer.load(dir)) {
			assertThat(wordPiece.isByteLevel()).isFalse();
			int[] ids = wordPiece.encode("hello world café 日本 !", false);
			assertThat(ids).containsExactly(2, 3, 4, 5, 6, 8, 9, 7);
			StreamingDecoder decoder = wordPiece.newStreamingDecoder(true);
			StringBuilder streamed = new StringBuilder();
			for (int id : ids) {
				streamed.append(decoder.next(id));
			}
			streamed.append(decoder.flush());
			assertThat(streamed.toString()).isEqualTo(wordPiece.decode(ids, true));
			assertThat(wordPiece.tokenBytes(6)).isEqualTo("café".getBytes(StandardCharsets.UTF_8));
		}
	}

}
