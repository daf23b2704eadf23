package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How over-long inputs are handled (embed {@code truncate}).
 * <p>
 * An open enumeration: the constants are the values the API documents today, and
 * {@link #of(String)} accepts any other value the server may send later, which is kept
 * and written back unchanged.
 *
 * @param value the wire value, never blank
 * @since 0.1.0
 */
public record Truncate(String value) {

	/** Over-long inputs are an error. */
	public static final Truncate NONE = new Truncate("NONE");

	/** The start of the input is dropped. */
	public static final Truncate START = new Truncate("START");

	/** The end of the input is dropped (the default). */
	public static final Truncate END = new Truncate("END");

	private static final List<Truncate> KNOWN = List.of(NONE, START, END);

	/**
	 * Creates a value, checking that it is not blank.
	 * @param value the wire value
	 */
	public Truncate {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A Truncate must not be blank");
		}
	}

	/**
	 * Returns the value for a wire string, a known constant or a new value.
	 * @param value the wire value
	 * @return the matching value
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static Truncate of(String value) {
		for (Truncate known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new Truncate(value);
	}

	/**
	 * Returns the values documented by the API when this library was written.
	 * @return the known values, in spec order
	 */
	public static List<Truncate> knownValues() {
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
