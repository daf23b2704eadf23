package dev.springcohere.http;

import java.util.Arrays;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Decodes a {@code text/event-stream} body incrementally, chunk by chunk, following the
 * event-stream format of the HTML specification: lines end with LF, CRLF or CR (also when
 * split across chunks); a blank line dispatches an event; lines starting with {@code :}
 * are comments; {@code data:} lines accumulate; a single space after the colon is
 * dropped; unknown fields are ignored; a leading UTF-8 byte order mark is skipped.
 * <p>
 * Not thread-safe: use one decoder per stream, from one thread at a time (Reactor's
 * serial signals suffice).
 *
 * @since 0.1.0
 */
public final class ServerSentEventDecoder {

	private byte[] line = new byte[256];

	private int lineLength;

	private boolean lastWasCarriageReturn;

	private boolean byteOrderMarkChecked;

	private int byteOrderMarkMatched;

	private final StringBuilder data = new StringBuilder();

	private boolean hasData;

	private boolean hasFields;

	private @Nullable String eventType;

	private @Nullable String lastEventId;

	private @Nullable Duration retry;

	private long commentCount;

	private final long maxEventSize;

	private @Nullable EventTooLargeException pendingFailure;

	/**
	 * Creates a decoder for one stream, without a bound on the size of an event.
	 */
	public ServerSentEventDecoder() {
		this(Long.MAX_VALUE);
	}

	/**
	 * Creates a decoder for one stream that refuses events larger than a bound.
	 * @param maxEventSize the most bytes of one event (its data and the line being read)
	 * @throws IllegalArgumentException if the bound is not positive
	 */
	public ServerSentEventDecoder(long maxEventSize) {
		if (maxEventSize < 1) {
			throw new IllegalArgumentException("'maxEventSize' must be positive, but was " + maxEventSize);
		}
		this.maxEventSize = maxEventSize;
	}

	/**
	 * Feeds the next chunk of the stream.
	 * @param chunk the bytes received; read from its position to its limit
	 * @return the events completed by this chunk, in order (often empty)
	 */
	public List<ServerSentEvent> decode(ByteBuffer chunk) {
		Objects.requireNonNull(chunk, "'chunk' must not be null");
		throwPendingFailure();
		List<ServerSentEvent> events = new ArrayList<>(2);
		try {
			decodeChunk(chunk, events);
		}
		catch (EventTooLargeException ex) {
			if (events.isEmpty()) {
				throw ex;
			}
			// the events completed before the oversized one are delivered; the failure
			// comes next
			this.pendingFailure = ex;
			chunk.position(chunk.limit());
		}
		return events;
	}

	private void throwPendingFailure() {
		EventTooLargeException failure = this.pendingFailure;
		if (failure != null) {
			throw failure;
		}
	}

	private void decodeChunk(ByteBuffer chunk, List<ServerSentEvent> events) {
		while (chunk.hasRemaining() && !this.byteOrderMarkChecked) {
			byte b = chunk.get(chunk.position());
			if ((b & 0xFF) == byteOrderMarkByte(this.byteOrderMarkMatched)) {
				chunk.get();
				this.byteOrderMarkMatched++;
				this.byteOrderMarkChecked = (this.byteOrderMarkMatched == 3);
				continue;
			}
			this.byteOrderMarkChecked = true;
			for (int i = 0; i < this.byteOrderMarkMatched; i++) {
				append((byte) byteOrderMarkByte(i));
			}
		}
		if (chunk.hasArray()) {
			decodeArray(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.arrayOffset() + chunk.limit(),
					events);
			chunk.position(chunk.limit());
		}
		else {
			byte[] copy = new byte[chunk.remaining()];
			chunk.get(copy);
			decodeArray(copy, 0, copy.length, events);
		}
	}

	private void decodeArray(byte[] bytes, int from, int to, List<ServerSentEvent> events) {
		if (from == to) {
			return;
		}
		int start = from;
		for (int i = from; i < to; i++) {
			byte b = bytes[i];
			if (b != '\n' && b != '\r') {
				continue;
			}
			append(bytes, start, i - start);
			start = i + 1;
			boolean afterCarriageReturn = (i > from) ? bytes[i - 1] == '\r' : this.lastWasCarriageReturn;
			if (b == '\r' || !afterCarriageReturn) {
				endOfLine(events);
			}
		}
		append(bytes, start, to - start);
		this.lastWasCarriageReturn = bytes[to - 1] == '\r';
	}

	private void append(byte b) {
		ensureLineCapacity(1);
		this.line[this.lineLength++] = b;
	}

	private void append(byte[] bytes, int offset, int length) {
		if (length > 0) {
			ensureLineCapacity(length);
			System.arraycopy(bytes, offset, this.line, this.lineLength, length);
			this.lineLength += length;
		}
	}

	private void ensureLineCapacity(int extra) {
		if ((long) this.lineLength + extra + this.data.length() > this.maxEventSize) {
			throw new EventTooLargeException(this.maxEventSize);
		}
		if (this.lineLength + extra > this.line.length) {
			this.line = Arrays.copyOf(this.line, Math.max(this.line.length * 2, this.lineLength + extra));
		}
	}

	/**
	 * Feeds several chunks, as the JDK {@code HttpClient} delivers them.
	 * @param chunks the chunks received
	 * @return the events completed by these chunks, in order
	 */
	public List<ServerSentEvent> decode(List<ByteBuffer> chunks) {
		Objects.requireNonNull(chunks, "'chunks' must not be null");
		if (chunks.size() == 1) {
			return decode(chunks.get(0));
		}
		List<ServerSentEvent> events = new ArrayList<>();
		for (ByteBuffer chunk : chunks) {
			events.addAll(decode(chunk));
		}
		return events;
	}

	/**
	 * Tells whether the stream stopped in the middle of an event: an unfinished line, or
	 * fields not yet followed by the blank line that dispatches them. A well-formed
	 * stream that ended is never in this state.
	 * @return {@code true} when received data would be lost if the stream ended now
	 */
	public boolean hasIncompleteEvent() {
		throwPendingFailure();
		return this.lineLength > 0 || this.hasFields || (this.byteOrderMarkMatched > 0 && !this.byteOrderMarkChecked);
	}

	/**
	 * Returns how many comment lines were skipped (servers send them as keep-alives).
	 * @return the number of comment lines
	 */
	public long getCommentCount() {
		return this.commentCount;
	}

	private static int byteOrderMarkByte(int index) {
		return switch (index) {
			case 0 -> 0xEF;
			case 1 -> 0xBB;
			default -> 0xBF;
		};
	}

	private void endOfLine(List<ServerSentEvent> events) {
		String text = new String(this.line, 0, this.lineLength, StandardCharsets.UTF_8);
		this.lineLength = 0;
		if (text.isEmpty()) {
			dispatch(events);
			return;
		}
		if (text.charAt(0) == ':') {
			this.commentCount++;
			return;
		}
		int colon = text.indexOf(':');
		String field = (colon < 0) ? text : text.substring(0, colon);
		String value = (colon < 0) ? "" : text.substring(colon + 1);
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		switch (field) {
			case "data" -> {
				this.data.append(value).append('\n');
				this.hasData = true;
				this.hasFields = true;
			}
			case "event" -> {
				this.eventType = value;
				this.hasFields = true;
			}
			case "id" -> {
				if (value.indexOf('\0') < 0) {
					this.lastEventId = value;
				}
				this.hasFields = true;
			}
			case "retry" -> {
				if (!value.isEmpty() && value.chars().allMatch((c) -> c >= '0' && c <= '9')) {
					try {
						this.retry = Duration.ofMillis(Long.parseLong(value));
					}
					catch (NumberFormatException ex) {
						// too large to be meaningful: ignored, as the specification says
						// for invalid values
					}
				}
				this.hasFields = true;
			}
			default -> {
				// unknown fields are ignored
			}
		}
	}

	private void dispatch(List<ServerSentEvent> events) {
		if (this.hasData) {
			String value = this.data.substring(0, this.data.length() - 1);
			events.add(new ServerSentEvent(this.lastEventId, this.eventType, value, this.retry));
		}
		this.data.setLength(0);
		this.hasData = false;
		this.hasFields = false;
		this.eventType = null;
		this.retry = null;
	}

	/**
	 * An event grew past the decoder's bound; the stream cannot go on.
	 */
	public static final class EventTooLargeException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		private final long limit;

		EventTooLargeException(long limit) {
			super("A server-sent event passed the limit of " + limit + " bytes");
			this.limit = limit;
		}

		/**
		 * Returns the bound that was passed.
		 * @return the bound in bytes
		 */
		public long getLimit() {
			return this.limit;
		}

	}

}
