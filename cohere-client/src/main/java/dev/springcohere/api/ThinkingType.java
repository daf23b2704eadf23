package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether extended thinking is on (request {@code thinking.type}).
 * <p>
 * An open enumeration: the constants are the values the API documents today, and
 * {@link #of(String)} accepts any other value the server may send later, which is kept
 * and written back unchanged.
 *
 * @param value the wire value, never blank
 * @since 0.1.0
 */
public record ThinkingType(String value) {

	/** Thinking is enabled. */
	public static final ThinkingType ENABLED = new ThinkingType("enabled");

	/** Thinking is disabled. */
	public static final ThinkingType DISABLED = new ThinkingType("disabled");

	private static final List<ThinkingType> KNOWN = List.of(ENABLED, DISABLED);

	/**
	 * Creates a value, checking that it is not blank.
	 * @param value the wire value
	 */
	public ThinkingType {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A ThinkingType must not be blank");
		}
	}

	/**
	 * Returns the value for a wire string, a known constant or a new value.
	 * @param value the wire value
	 * @return the matching value
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static ThinkingType of(String value) {
		for (ThinkingType known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new ThinkingType(value);
	}

	/**
	 * Returns the values documented by the API when this library was written.
	 * @return the known values, in spec order
	 */
	public static List<ThinkingType> knownValues() {
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
