package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The resolution at which an image is read (spec {@code ImageUrl.detail}).
 * <p>
 * An open enumeration: the constants are the values the API documents today, and
 * {@link #of(String)} accepts any other value the server may send later, which is kept
 * and written back unchanged.
 *
 * @param value the wire value, never blank
 * @since 0.1.0
 */
public record ImageDetail(String value) {

	/** Chosen by the model. */
	public static final ImageDetail AUTO = new ImageDetail("auto");

	/** Low resolution. */
	public static final ImageDetail LOW = new ImageDetail("low");

	/** High resolution. */
	public static final ImageDetail HIGH = new ImageDetail("high");

	private static final List<ImageDetail> KNOWN = List.of(AUTO, LOW, HIGH);

	/**
	 * Creates a value, checking that it is not blank.
	 * @param value the wire value
	 */
	public ImageDetail {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A ImageDetail must not be blank");
		}
	}

	/**
	 * Returns the value for a wire string, a known constant or a new value.
	 * @param value the wire value
	 * @return the matching value
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static ImageDetail of(String value) {
		for (ImageDetail known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new ImageDetail(value);
	}

	/**
	 * Returns the values documented by the API when this library was written.
	 * @return the known values, in spec order
	 */
	public static List<ImageDetail> knownValues() {
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
