package dev.springcohere.api.finetuning;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The (deprecated) strategy used to serve a fine-tuned model. Values this version does
 * not know are kept as they arrived ({@link #isKnown()} tells them apart), never fatal.
 *
 * @param value the wire value
 * @since 0.1.0
 */
public record Strategy(String value) {

	/** {@code STRATEGY_UNSPECIFIED}. */
	public static final Strategy UNSPECIFIED = new Strategy("STRATEGY_UNSPECIFIED");

	/** {@code STRATEGY_VANILLA}. */
	public static final Strategy VANILLA = new Strategy("STRATEGY_VANILLA");

	/** {@code STRATEGY_TFEW}. */
	public static final Strategy TFEW = new Strategy("STRATEGY_TFEW");

	private static final List<Strategy> KNOWN = List.of(UNSPECIFIED, VANILLA, TFEW);

	/**
	 * Checks the value.
	 */
	public Strategy {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A Strategy must not be blank");
		}
	}

	/**
	 * Returns the constant of a wire value, or a new instance for a value this version
	 * does not know.
	 * @param value the wire value
	 * @return the instance
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static Strategy of(String value) {
		for (Strategy known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new Strategy(value);
	}

	/**
	 * Returns the values this version knows.
	 * @return the known values
	 */
	public static List<Strategy> knownValues() {
		return KNOWN;
	}

	/**
	 * Tells whether this version knows the value.
	 * @return {@code true} for one of the constants
	 */
	public boolean isKnown() {
		return KNOWN.contains(this);
	}

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
