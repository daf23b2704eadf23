package dev.springcohere.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Property tests of the SSE decoder: any bytes, cut anywhere, decode without an error
 * other than the documented size limit, the same way whatever the chunking, and never
 * hang; events written by the specification's rules decode back exactly.
 */
class ServerSentEventDecoderPropertiesTests {

	private static final Duration HANG = Duration.ofSeconds(5);

	@Property(tries = 400, seed = "20261205")
	void anyBytesDecodeTheSameInEveryChunking(@ForAll("streams") byte[] stream, @ForAll long seed) {
		List<ServerSentEvent> whole = assertTimeoutPreemptively(HANG,
				() -> new ServerSentEventDecoder().decode(ByteBuffer.wrap(stream)));
		List<ServerSentEvent> chunked = assertTimeoutPreemptively(HANG, () -> decodeInChunks(stream, seed, null));
		assertThat(chunked).isEqualTo(whole);
	}

	@Property(tries = 300, seed = "20261205")
	void eventsWrittenByTheRulesDecodeBackExactly(@ForAll("events") List<ServerSentEvent> events,
			@ForAll("lineEnds") String lineEnd, @ForAll long seed) {
		StringBuilder text = new StringBuilder();
		for (ServerSentEvent event : events) {
			text.append(": a comment").append(lineEnd);
			text.append("event: ").append(event.event()).append(lineEnd);
			text.append("id:").append(event.id()).append(lineEnd);
			for (String line : event.data().split("\n", -1)) {
				text.append("data: ").append(line).append(lineEnd);
			}
			text.append(lineEnd);
		}
		List<ServerSentEvent> decoded = decodeInChunks(text.toString().getBytes(StandardCharsets.UTF_8), seed, null);
		assertThat(decoded).isEqualTo(events);
	}

	@Property(tries = 300, seed = "20261205")
	void anEventOverTheBoundIsRefusedAndNothingElseIsThrown(@ForAll("streams") byte[] stream,
			@ForAll @IntRange(min = 1, max = 64) int maxEventSize, @ForAll long seed) {
		List<ServerSentEvent> unbounded = new ServerSentEventDecoder().decode(ByteBuffer.wrap(stream));
		boolean oversized = unbounded.stream()
			.anyMatch((event) -> event.data().getBytes(StandardCharsets.UTF_8).length > maxEventSize);
		if (oversized) {
			assertThatExceptionOfType(ServerSentEventDecoder.EventTooLargeException.class)
				.isThrownBy(() -> decodeInChunks(stream, seed, (long) maxEventSize));
			return;
		}
		try {
			for (ServerSentEvent event : decodeInChunks(stream, seed, (long) maxEventSize)) {
				assertThat(event.data().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxEventSize);
			}
		}
		catch (ServerSentEventDecoder.EventTooLargeException ex) {
			// a long line (a comment, an unknown field) may exceed the bound without data
			assertThat(ex.getLimit()).isEqualTo(maxEventSize);
		}
	}

	private static List<ServerSentEvent> decodeInChunks(byte[] stream, long seed, Long maxEventSize) {
		ServerSentEventDecoder decoder = (maxEventSize != null) ? new ServerSentEventDecoder(maxEventSize)
				: new ServerSentEventDecoder();
		Random random = new Random(seed);
		List<ServerSentEvent> events = new ArrayList<>();
		int at = 0;
		while (at < stream.length) {
			int end = Math.min(stream.length, at + random.nextInt(12));
			events.addAll(decoder.decode(ByteBuffer.wrap(stream, at, end - at)));
			at = end;
		}
		return events;
	}

	@Provide
	Arbitrary<byte[]> streams() {
		Arbitrary<String> pieces = Arbitraries.oneOf(
				Arbitraries.of("data:", "data: ", "event: ", "id: ", "retry: 10", "retry: x", ":", "\n", "\r", "\r\n",
						"\n\n", "\uFEFF", "[DONE]", "é", "😀", "{\"type\":\"x\"}"),
				Arbitraries.strings().ofMaxLength(8));
		Arbitrary<byte[]> structured = pieces.list()
			.ofMaxSize(40)
			.map((list) -> String.join("", list).getBytes(StandardCharsets.UTF_8));
		Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
		return Arbitraries.oneOf(structured, random);
	}

	@Provide
	Arbitrary<List<ServerSentEvent>> events() {
		Arbitrary<String> word = Arbitraries.strings()
			.withCharRange('a', 'z')
			.withChars('-', '_', '.', 'é')
			.ofMinLength(1)
			.ofMaxLength(10);
		Arbitrary<String> line = Arbitraries.strings()
			.all()
			.excludeChars('\n', '\r')
			.ofMaxLength(20)
			.map(ServerSentEventDecoderPropertiesTests::wellFormed);
		Arbitrary<String> data = line.list().ofMinSize(1).ofMaxSize(4).map((lines) -> String.join("\n", lines));
		return Combinators.combine(word, word, data)
			.as((id, type, text) -> new ServerSentEvent(id, type, text, null))
			.list()
			.ofMaxSize(6);
	}

	@Provide
	Arbitrary<String> lineEnds() {
		return Arbitraries.of("\n", "\r\n", "\r");
	}

	/** The text with unpaired surrogates replaced, as UTF-8 would carry it. */
	private static String wellFormed(String text) {
		return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
	}

}
