package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A numeric encoding of returned embeddings (spec {@code EmbeddingType}).
 * <p>
 * An open enumeration: the constants are the values the API documents today, and
 * {@link #of(String)} accepts any other value the server may send later, which is kept
 * and written back unchanged.
 *
 * @param value the wire value, never blank
 * @since 0.1.0
 */
public record EmbeddingType(String value) {

	/** Floating point numbers. */
	public static final EmbeddingType FLOAT = new EmbeddingType("float");

	/** Signed 8-bit integers. */
	public static final EmbeddingType INT8 = new EmbeddingType("int8");

	/** Unsigned 8-bit integers. */
	public static final EmbeddingType UINT8 = new EmbeddingType("uint8");

	/** Signed packed bits. */
	public static final EmbeddingType BINARY = new EmbeddingType("binary");

	/** Unsigned packed bits. */
	public static final EmbeddingType UBINARY = new EmbeddingType("ubinary");

	/** Base64 strings of the float bytes. */
	public static final EmbeddingType BASE64 = new EmbeddingType("base64");

	private static final List<EmbeddingType> KNOWN = List.of(FLOAT, INT8, UINT8, BINARY, UBINARY, BASE64);

	/**
	 * Creates a value, checking that it is not blank.
	 * @param value the wire value
	 */
	public EmbeddingType {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A EmbeddingType must not be blank");
		}
	}

	/**
	 * Returns the value for a wire string, a known constant or a new value.
	 * @param value the wire value
	 * @return the matching value
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static EmbeddingType of(String value) {
		for (EmbeddingType known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new EmbeddingType(value);
	}

	/**
	 * Returns the values documented by the API when this library was written.
	 * @return the known values, in spec order
	 */
	public static List<EmbeddingType> knownValues() {
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
