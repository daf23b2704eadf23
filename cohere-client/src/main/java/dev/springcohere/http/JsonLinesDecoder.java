package dev.springcohere.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Decodes a newline-delimited JSON body ({@code application/stream+json},
 * {@code application/x-ndjson}, as Cohere's {@code /v1/generate} and default
 * {@code /v1/chat} streams answer) incrementally, chunk by chunk: each non-blank line
 * (ended by LF, CRLF or CR, also when split across chunks) becomes one
 * {@link ServerSentEvent} whose data is the line. Not thread-safe: one decoder per
 * stream.
 *
 * @since 0.1.0
 */
final class JsonLinesDecoder {

	private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

	private final long maxLineSize;

	JsonLinesDecoder(long maxLineSize) {
		if (maxLineSize < 1) {
			throw new IllegalArgumentException("'maxLineSize' must be positive, but was " + maxLineSize);
		}
		this.maxLineSize = maxLineSize;
	}

	/**
	 * Feeds the next chunk.
	 * @param chunk the bytes received, from its position to its limit
	 * @return the lines completed by this chunk, as events (often empty)
	 * @throws ServerSentEventDecoder.EventTooLargeException when a line exceeds the bound
	 */
	List<ServerSentEvent> decode(ByteBuffer chunk) {
		Objects.requireNonNull(chunk, "'chunk' must not be null");
		List<ServerSentEvent> events = List.of();
		while (chunk.hasRemaining()) {
			byte next = chunk.get();
			if (next == '\n' || next == '\r') {
				ServerSentEvent event = flush();
				if (event != null) {
					if (events.isEmpty()) {
						events = new ArrayList<>(2);
					}
					events.add(event);
				}
			}
			else {
				if (this.line.size() >= this.maxLineSize) {
					throw new ServerSentEventDecoder.EventTooLargeException(this.maxLineSize);
				}
				this.line.write(next);
			}
		}
		return events;
	}

	/**
	 * Ends the body: a last line without a line end is an event too (a cut line then
	 * fails to parse as JSON, or leaves the stream without its end event).
	 * @return the last events, empty or one
	 */
	List<ServerSentEvent> finish() {
		ServerSentEvent event = flush();
		return (event != null) ? List.of(event) : List.of();
	}

	private @Nullable ServerSentEvent flush() {
		String text = this.line.toString(StandardCharsets.UTF_8);
		this.line.reset();
		return text.isBlank() ? null : new ServerSentEvent(null, null, text.strip(), null);
	}

}
