package dev.springcohere.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerSentEventDecoderTests {

	@Test
	void decodeShouldJoinMultiLineDataAndSkipComments() {
		List<ServerSentEvent> events = decodeAll(
				": keep-alive\nevent: content-delta\ndata: first line\ndata: second line\n\n: another comment\n\n");
		assertThat(events).containsExactly(new ServerSentEvent(null, "content-delta", "first line\nsecond line", null));
	}

	@Test
	void decodeShouldCountComments() {
		ServerSentEventDecoder decoder = new ServerSentEventDecoder();
		decoder.decode(bytes(": ping\n:\n\n"));
		assertThat(decoder.getCommentCount()).isEqualTo(2);
	}

	@Test
	void decodeShouldAcceptCrLfAndCrLineEndings() {
		List<ServerSentEvent> crlf = decodeAll("event: a\r\ndata: 1\r\n\r\nevent: b\r\ndata: 2\r\n\r\n");
		List<ServerSentEvent> cr = decodeAll("event: a\rdata: 1\r\revent: b\rdata: 2\r\r");
		List<ServerSentEvent> lf = decodeAll("event: a\ndata: 1\n\nevent: b\ndata: 2\n\n");
		assertThat(lf).extracting(ServerSentEvent::data).containsExactly("1", "2");
		assertThat(crlf).isEqualTo(lf);
		assertThat(cr).isEqualTo(lf);
	}

	@Test
	void decodeShouldGiveTheSameEventsWhateverTheChunkBoundaries() {
		String stream = "id: 7\r\nevent: content-delta\r\ndata: {\"text\":\"h\u00e9llo \u4e16\u754c \ud83d\ude00\"}\r\n\r\n"
				+ "data: [DONE]\r\n\r\n";
		byte[] all = stream.getBytes(StandardCharsets.UTF_8);
		List<ServerSentEvent> whole = decodeAll(stream);
		assertThat(whole).hasSize(2);
		assertThat(whole.get(0).data()).isEqualTo("{\"text\":\"h\u00e9llo \u4e16\u754c \ud83d\ude00\"}");
		for (int size = 1; size <= 7; size++) {
			ServerSentEventDecoder decoder = new ServerSentEventDecoder();
			List<ServerSentEvent> events = new ArrayList<>();
			for (int offset = 0; offset < all.length; offset += size) {
				events.addAll(decoder.decode(ByteBuffer.wrap(all, offset, Math.min(size, all.length - offset))));
			}
			assertThat(events).as("chunks of %d bytes", size).isEqualTo(whole);
			assertThat(decoder.hasIncompleteEvent()).isFalse();
		}
	}

	@Test
	void decodeShouldTellALoneCarriageReturnFromCrLfWhateverTheChunkBoundaries() {
		String stream = "data: a\rdata: b\n\revent: x\r\ndata: c\r\n\ndata: d\r\r";
		byte[] all = stream.getBytes(StandardCharsets.UTF_8);
		List<ServerSentEvent> whole = decodeAll(stream);
		assertThat(whole).extracting(ServerSentEvent::data).containsExactly("a\nb", "c", "d");
		assertThat(whole).extracting(ServerSentEvent::event).containsExactly(null, "x", null);
		for (int size = 1; size <= 5; size++) {
			ServerSentEventDecoder decoder = new ServerSentEventDecoder();
			List<ServerSentEvent> events = new ArrayList<>();
			for (int offset = 0; offset < all.length; offset += size) {
				events.addAll(decoder.decode(ByteBuffer.wrap(all, offset, Math.min(size, all.length - offset))));
			}
			assertThat(events).as("chunks of %d bytes", size).isEqualTo(whole);
		}
	}

	@Test
	void decodeShouldFollowTheFieldRules() {
		List<ServerSentEvent> events = decodeAll(
				"data:no space\n\ndata:  two spaces\n\ndata\n\nunknown: x\ndata: y\n\n");
		assertThat(events).extracting(ServerSentEvent::data).containsExactly("no space", " two spaces", "", "y");
	}

	@Test
	void decodeShouldKeepTheLastEventIdAndReadRetry() {
		List<ServerSentEvent> events = decodeAll(
				"id: 1\nretry: 1500\ndata: a\n\ndata: b\n\nid: 2\nretry: soon\ndata: c\n\n");
		assertThat(events).containsExactly(new ServerSentEvent("1", null, "a", Duration.ofMillis(1500)),
				new ServerSentEvent("1", null, "b", null), new ServerSentEvent("2", null, "c", null));
	}

	@Test
	void decodeShouldNotDispatchEventsWithoutData() {
		assertThat(decodeAll("event: lonely\n\n: comment\n\nid: 3\n\n")).isEmpty();
	}

	@Test
	void decodeShouldSkipAByteOrderMarkEvenWhenSplit() {
		ServerSentEventDecoder decoder = new ServerSentEventDecoder();
		List<ServerSentEvent> events = new ArrayList<>();
		events.addAll(decoder.decode(ByteBuffer.wrap(new byte[] { (byte) 0xEF, (byte) 0xBB })));
		events.addAll(decoder.decode(ByteBuffer.wrap(new byte[] { (byte) 0xBF })));
		events.addAll(decoder.decode(bytes("data: x\n\n")));
		assertThat(events).extracting(ServerSentEvent::data).containsExactly("x");
	}

	@Test
	void hasIncompleteEventShouldTellWhenTheStreamStoppedInsideAnEvent() {
		ServerSentEventDecoder decoder = new ServerSentEventDecoder();
		decoder.decode(bytes("data: complete\n\n"));
		assertThat(decoder.hasIncompleteEvent()).isFalse();
		decoder.decode(bytes("data: half"));
		assertThat(decoder.hasIncompleteEvent()).isTrue();
		decoder.decode(bytes(" a line\n"));
		assertThat(decoder.hasIncompleteEvent()).isTrue();
		assertThat(decoder.decode(bytes("\n"))).extracting(ServerSentEvent::data).containsExactly("half a line");
		assertThat(decoder.hasIncompleteEvent()).isFalse();
	}

	@Test
	void isDoneShouldRecogniseTheSentinel() {
		assertThat(new ServerSentEvent(null, null, "[DONE]", null).isDone()).isTrue();
		assertThat(new ServerSentEvent(null, null, "{\"type\":\"message-end\"}", null).isDone()).isFalse();
	}

	@Test
	void decodeListShouldDecodeEveryBuffer() {
		ServerSentEventDecoder decoder = new ServerSentEventDecoder();
		List<ServerSentEvent> events = decoder.decode(List.of(bytes("data: a\n"), bytes("\ndata: b\n\n")));
		assertThat(events).extracting(ServerSentEvent::data).containsExactly("a", "b");
	}

	private static List<ServerSentEvent> decodeAll(String text) {
		return new ServerSentEventDecoder().decode(bytes(text));
	}

	private static ByteBuffer bytes(String text) {
		return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
