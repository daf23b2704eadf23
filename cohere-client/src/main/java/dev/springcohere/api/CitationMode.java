package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How citations are generated (request {@code citation_options.mode}).
 * <p>
 * An open enumeration: the constants are the values the API documents today, and
 * {@link #of(String)} accepts any other value the server may send later, which is kept
 * and written back unchanged.
 *
 * @param value the wire value, never blank
 * @since 0.1.0
 */
public record CitationMode(String value) {

	/** Citations are generated. */
	public static final CitationMode ENABLED = new CitationMode("ENABLED");

	/** Citations are not generated. */
	public static final CitationMode DISABLED = new CitationMode("DISABLED");

	/** Fast citations (older models). */
	public static final CitationMode FAST = new CitationMode("FAST");

	/** Accurate citations (older models). */
	public static final CitationMode ACCURATE = new CitationMode("ACCURATE");

	/** No citations (the string {@code "OFF"}, not a boolean). */
	public static final CitationMode OFF = new CitationMode("OFF");

	private static final List<CitationMode> KNOWN = List.of(ENABLED, DISABLED, FAST, ACCURATE, OFF);

	/**
	 * Creates a value, checking that it is not blank.
	 * @param value the wire value
	 */
	public CitationMode {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A CitationMode must not be blank");
		}
	}

	/**
	 * Returns the value for a wire string, a known constant or a new value.
	 * @param value the wire value
	 * @return the matching value
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static CitationMode of(String value) {
		for (CitationMode known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new CitationMode(value);
	}

	/**
	 * Returns the values documented by the API when this library was written.
	 * @return the known values, in spec order
	 */
	public static List<CitationMode> knownValues() {
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
