package dev.springcohere.backend.aws;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.springcohere.api.error.CohereMalformedResponseException;

/**
 * Reassembles JSON objects from a byte stream cut into arbitrary parts (SageMaker's
 * {@code PayloadPart}s may split an event anywhere, even inside a multi-byte character):
 * bytes are kept until a top-level JSON object is complete, then its text is returned.
 * Objects may be separated by newlines, other whitespace or nothing. Braces inside
 * strings and escaped quotes are handled. Not thread-safe: one buffer per stream.
 *
 * @since 0.1.0
 */
public final class JsonEventBuffer {

	private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

	private int depth;

	private boolean inString;

	private boolean escaped;

	/**
	 * Creates an empty buffer.
	 */
	public JsonEventBuffer() {
	}

	/**
	 * Adds a part of the stream.
	 * @param bytes the part
	 * @return the JSON objects the part completed, in order (often none or one)
	 * @throws CohereMalformedResponseException when a byte outside any object is neither
	 * whitespace nor {@code {}
	 */
	public List<String> append(byte[] bytes) {
		List<String> complete = new ArrayList<>();
		for (byte b : bytes) {
			if (this.depth == 0) {
				if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
					continue;
				}
				if (b != '{') {
					String seen = new String(this.pending.toByteArray(), StandardCharsets.UTF_8) + (char) (b & 0xFF);
					throw new CohereMalformedResponseException(
							"The model stream carried '" + (char) (b & 0xFF)
									+ "' where a JSON event should start; it is not a stream of JSON events",
							seen, null);
				}
			}
			this.pending.write(b);
			if (this.inString) {
				if (this.escaped) {
					this.escaped = false;
				}
				else if (b == '\\') {
					this.escaped = true;
				}
				else if (b == '"') {
					this.inString = false;
				}
				continue;
			}
			if (b == '"') {
				this.inString = true;
			}
			else if (b == '{' || b == '[') {
				this.depth++;
			}
			else if (b == '}' || b == ']') {
				this.depth--;
				if (this.depth == 0) {
					complete.add(this.pending.toString(StandardCharsets.UTF_8));
					this.pending.reset();
				}
			}
		}
		return complete;
	}

	/**
	 * Tells whether part of an event is still waiting for the rest.
	 * @return {@code true} when the stream stopped inside an event
	 */
	public boolean hasPartialEvent() {
		return this.pending.size() > 0;
	}

	/**
	 * Returns the text of the incomplete event, for error messages.
	 * @return the bytes received since the last complete event, as text
	 */
	public String partialEvent() {
		return this.pending.toString(StandardCharsets.UTF_8);
	}

}
