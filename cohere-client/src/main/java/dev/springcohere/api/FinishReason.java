package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why the model stopped generating (spec {@code ChatFinishReason}).
 * <p>
 * An open enumeration: the constants are the values the API documents today, and
 * {@link #of(String)} accepts any other value the server may send later, which is kept
 * and written back unchanged.
 *
 * @param value the wire value, never blank
 * @since 0.1.0
 */
public record FinishReason(String value) {

	/** The model finished its answer. */
	public static final FinishReason COMPLETE = new FinishReason("COMPLETE");

	/** A stop sequence was generated. */
	public static final FinishReason STOP_SEQUENCE = new FinishReason("STOP_SEQUENCE");

	/** The {@code max_tokens} limit was reached; the answer is incomplete. */
	public static final FinishReason MAX_TOKENS = new FinishReason("MAX_TOKENS");

	/** The model asks for tool calls. */
	public static final FinishReason TOOL_CALL = new FinishReason("TOOL_CALL");

	/** Generation failed. */
	public static final FinishReason ERROR = new FinishReason("ERROR");

	/** Generation timed out. */
	public static final FinishReason TIMEOUT = new FinishReason("TIMEOUT");

	private static final List<FinishReason> KNOWN = List.of(COMPLETE, STOP_SEQUENCE, MAX_TOKENS, TOOL_CALL, ERROR,
			TIMEOUT);

	/**
	 * Creates a value, checking that it is not blank.
	 * @param value the wire value
	 */
	public FinishReason {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A FinishReason must not be blank");
		}
	}

	/**
	 * Returns the value for a wire string, a known constant or a new value.
	 * @param value the wire value
	 * @return the matching value
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static FinishReason of(String value) {
		for (FinishReason known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new FinishReason(value);
	}

	/**
	 * Returns the values documented by the API when this library was written.
	 * @return the known values, in spec order
	 */
	public static List<FinishReason> knownValues() {
		return KNOWN;
	}

	/**
	 * Tells whether this value is one of the {@linkplain #knownValues() known values}.
	 * @return {@code true} for a documented value, {@code false} for one the server added
	 * later
	 */
	public boolean isKnown() {
		return KNOWN.contains(this);
	}

	/**
	 * Returns the wire value.
	 * @return the wire value
	 */
	@Override
	@JsonValue
	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
