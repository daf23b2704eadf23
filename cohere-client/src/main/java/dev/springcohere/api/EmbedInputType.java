package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What embedded inputs are used for (spec {@code EmbedInputType}).
 * <p>
 * An open enumeration: the constants are the values the API documents today, and
 * {@link #of(String)} accepts any other value the server may send later, which is kept
 * and written back unchanged.
 *
 * @param value the wire value, never blank
 * @since 0.1.0
 */
public record EmbedInputType(String value) {

	/** Documents stored in a vector database. */
	public static final EmbedInputType SEARCH_DOCUMENT = new EmbedInputType("search_document");

	/** Queries searched against stored documents. */
	public static final EmbedInputType SEARCH_QUERY = new EmbedInputType("search_query");

	/** Inputs to a text classifier. */
	public static final EmbedInputType CLASSIFICATION = new EmbedInputType("classification");

	/** Inputs to a clustering algorithm. */
	public static final EmbedInputType CLUSTERING = new EmbedInputType("clustering");

	/** Images. */
	public static final EmbedInputType IMAGE = new EmbedInputType("image");

	private static final List<EmbedInputType> KNOWN = List.of(SEARCH_DOCUMENT, SEARCH_QUERY, CLASSIFICATION, CLUSTERING,
			IMAGE);

	/**
	 * Creates a value, checking that it is not blank.
	 * @param value the wire value
	 */
	public EmbedInputType {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A EmbedInputType must not be blank");
		}
	}

	/**
	 * Returns the value for a wire string, a known constant or a new value.
	 * @param value the wire value
	 * @return the matching value
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static EmbedInputType of(String value) {
		for (EmbedInputType known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new EmbedInputType(value);
	}

	/**
	 * Returns the values documented by the API when this library was written.
	 * @return the known values, in spec order
	 */
	public static List<EmbedInputType> knownValues() {
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
