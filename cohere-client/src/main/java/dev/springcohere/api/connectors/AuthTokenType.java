package dev.springcohere.api.connectors;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a connector sends its service token. Values this version does not know are kept as
 * they arrived ({@link #isKnown()} tells them apart), never fatal.
 *
 * @param value the wire value
 * @since 0.1.0
 */
public record AuthTokenType(String value) {

	/** {@code bearer}. */
	public static final AuthTokenType BEARER = new AuthTokenType("bearer");

	/** {@code basic}. */
	public static final AuthTokenType BASIC = new AuthTokenType("basic");

	/** {@code noscheme}. */
	public static final AuthTokenType NOSCHEME = new AuthTokenType("noscheme");

	private static final List<AuthTokenType> KNOWN = List.of(BEARER, BASIC, NOSCHEME);

	/**
	 * Checks the value.
	 */
	public AuthTokenType {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A AuthTokenType must not be blank");
		}
	}

	/**
	 * Returns the constant of a wire value, or a new instance for a value this version
	 * does not know.
	 * @param value the wire value
	 * @return the instance
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static AuthTokenType of(String value) {
		for (AuthTokenType known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new AuthTokenType(value);
	}

	/**
	 * Returns the values this version knows.
	 * @return the known values
	 */
	public static List<AuthTokenType> knownValues() {
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
