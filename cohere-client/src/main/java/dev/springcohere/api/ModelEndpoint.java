package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An endpoint a model is compatible with (spec {@code CompatibleEndpoint}).
 * <p>
 * An open enumeration: the constants are the values the API documents today, and
 * {@link #of(String)} accepts any other value the server may send later, which is kept
 * and written back unchanged.
 *
 * @param value the wire value, never blank
 * @since 0.1.0
 */
public record ModelEndpoint(String value) {

	/** Chat. */
	public static final ModelEndpoint CHAT = new ModelEndpoint("chat");

	/** Embed. */
	public static final ModelEndpoint EMBED = new ModelEndpoint("embed");

	/** Classify. */
	public static final ModelEndpoint CLASSIFY = new ModelEndpoint("classify");

	/** Summarize. */
	public static final ModelEndpoint SUMMARIZE = new ModelEndpoint("summarize");

	/** Rerank. */
	public static final ModelEndpoint RERANK = new ModelEndpoint("rerank");

	/** Rate. */
	public static final ModelEndpoint RATE = new ModelEndpoint("rate");

	/** Generate. */
	public static final ModelEndpoint GENERATE = new ModelEndpoint("generate");

	private static final List<ModelEndpoint> KNOWN = List.of(CHAT, EMBED, CLASSIFY, SUMMARIZE, RERANK, RATE, GENERATE);

	/**
	 * Creates a value, checking that it is not blank.
	 * @param value the wire value
	 */
	public ModelEndpoint {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A ModelEndpoint must not be blank");
		}
	}

	/**
	 * Returns the value for a wire string, a known constant or a new value.
	 * @param value the wire value
	 * @return the matching value
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static ModelEndpoint of(String value) {
		for (ModelEndpoint known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new ModelEndpoint(value);
	}

	/**
	 * Returns the values documented by the API when this library was written.
	 * @return the known values, in spec order
	 */
	public static List<ModelEndpoint> knownValues() {
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
