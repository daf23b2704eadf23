package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The {@code type} of a message content block.
 * <p>
 * An open enumeration: the constants are the values the API documents today, and
 * {@link #of(String)} accepts any other value the server may send later, which is kept
 * and written back unchanged.
 *
 * @param value the wire value, never blank
 * @since 0.1.0
 */
public record ContentType(String value) {

	/** Plain text. */
	public static final ContentType TEXT = new ContentType("text");

	/** An image given by URL or data URI (user messages). */
	public static final ContentType IMAGE_URL = new ContentType("image_url");

	/** A document (tool results). */
	public static final ContentType DOCUMENT = new ContentType("document");

	/** The reasoning of the model (assistant messages). */
	public static final ContentType THINKING = new ContentType("thinking");

	private static final List<ContentType> KNOWN = List.of(TEXT, IMAGE_URL, DOCUMENT, THINKING);

	/**
	 * Creates a value, checking that it is not blank.
	 * @param value the wire value
	 */
	public ContentType {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A ContentType must not be blank");
		}
	}

	/**
	 * Returns the value for a wire string, a known constant or a new value.
	 * @param value the wire value
	 * @return the matching value
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static ContentType of(String value) {
		for (ContentType known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new ContentType(value);
	}

	/**
	 * Returns the values documented by the API when this library was written.
	 * @return the known values, in spec order
	 */
	public static List<ContentType> knownValues() {
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
