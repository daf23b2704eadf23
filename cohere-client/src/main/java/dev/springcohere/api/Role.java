package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The role of a chat message author.
 * <p>
 * An open enumeration: the constants are the values the API documents today, and
 * {@link #of(String)} accepts any other value the server may send later, which is kept
 * and written back unchanged.
 *
 * @param value the wire value, never blank
 * @since 0.1.0
 */
public record Role(String value) {

	/** Instructions that steer the model. */
	public static final Role SYSTEM = new Role("system");

	/** A message from the user. */
	public static final Role USER = new Role("user");

	/** A message written by the model. */
	public static final Role ASSISTANT = new Role("assistant");

	/** The result of a tool call. */
	public static final Role TOOL = new Role("tool");

	private static final List<Role> KNOWN = List.of(SYSTEM, USER, ASSISTANT, TOOL);

	/**
	 * Creates a value, checking that it is not blank.
	 * @param value the wire value
	 */
	public Role {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A Role must not be blank");
		}
	}

	/**
	 * Returns the value for a wire string, a known constant or a new value.
	 * @param value the wire value
	 * @return the matching value
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static Role of(String value) {
		for (Role known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new Role(value);
	}

	/**
	 * Returns the values documented by the API when this library was written.
	 * @return the known values, in spec order
	 */
	public static List<Role> knownValues() {
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
