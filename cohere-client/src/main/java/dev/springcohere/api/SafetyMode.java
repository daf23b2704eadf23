package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The safety instruction inserted into the prompt (request {@code safety_mode}).
 * <p>
 * An open enumeration: the constants are the values the API documents today, and
 * {@link #of(String)} accepts any other value the server may send later, which is kept
 * and written back unchanged.
 *
 * @param value the wire value, never blank
 * @since 0.1.0
 */
public record SafetyMode(String value) {

	/** The default, contextual safety instruction. */
	public static final SafetyMode CONTEXTUAL = new SafetyMode("CONTEXTUAL");

	/** A strict safety instruction. */
	public static final SafetyMode STRICT = new SafetyMode("STRICT");

	/** No safety instruction (the string {@code "OFF"}, not a boolean). */
	public static final SafetyMode OFF = new SafetyMode("OFF");

	private static final List<SafetyMode> KNOWN = List.of(CONTEXTUAL, STRICT, OFF);

	/**
	 * Creates a value, checking that it is not blank.
	 * @param value the wire value
	 */
	public SafetyMode {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A SafetyMode must not be blank");
		}
	}

	/**
	 * Returns the value for a wire string, a known constant or a new value.
	 * @param value the wire value
	 * @return the matching value
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static SafetyMode of(String value) {
		for (SafetyMode known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new SafetyMode(value);
	}

	/**
	 * Returns the values documented by the API when this library was written.
	 * @return the known values, in spec order
	 */
	public static List<SafetyMode> knownValues() {
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
