package dev.springcohere.api.finetuning;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The type of a base model to fine-tune. Values this version does not know are kept as
 * they arrived ({@link #isKnown()} tells them apart), never fatal.
 *
 * @param value the wire value
 * @since 0.1.0
 */
public record BaseType(String value) {

	/** {@code BASE_TYPE_UNSPECIFIED}. */
	public static final BaseType UNSPECIFIED = new BaseType("BASE_TYPE_UNSPECIFIED");

	/** {@code BASE_TYPE_GENERATIVE}. */
	public static final BaseType GENERATIVE = new BaseType("BASE_TYPE_GENERATIVE");

	/** {@code BASE_TYPE_CLASSIFICATION}. */
	public static final BaseType CLASSIFICATION = new BaseType("BASE_TYPE_CLASSIFICATION");

	/** {@code BASE_TYPE_RERANK}. */
	public static final BaseType RERANK = new BaseType("BASE_TYPE_RERANK");

	/** {@code BASE_TYPE_CHAT}. */
	public static final BaseType CHAT = new BaseType("BASE_TYPE_CHAT");

	private static final List<BaseType> KNOWN = List.of(UNSPECIFIED, GENERATIVE, CLASSIFICATION, RERANK, CHAT);

	/**
	 * Checks the value.
	 */
	public BaseType {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A BaseType must not be blank");
		}
	}

	/**
	 * Returns the constant of a wire value, or a new instance for a value this version
	 * does not know.
	 * @param value the wire value
	 * @return the instance
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static BaseType of(String value) {
		for (BaseType known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new BaseType(value);
	}

	/**
	 * Returns the values this version knows.
	 * @return the known values
	 */
	public static List<BaseType> knownValues() {
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
