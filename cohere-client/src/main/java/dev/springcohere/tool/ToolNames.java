package dev.springcohere.tool;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Cohere's rule for tool names: letters, digits and underscores, not starting with a
 * digit ({@code ^[A-Za-z_][A-Za-z0-9_]*$}). Cohere documents no maximum length, so none
 * is enforced.
 *
 * @since 0.1.0
 */
public final class ToolNames {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private ToolNames() {
	}

	/**
	 * Tells whether a name is a valid tool name.
	 * @param name the name
	 * @return {@code true} when Cohere accepts it
	 */
	public static boolean isValid(String name) {
		return NAME.matcher(Objects.requireNonNull(name, "'name' must not be null")).matches();
	}

	/**
	 * Checks a tool name.
	 * @param name the name
	 * @param subject where the name comes from, for the message
	 * @return the name
	 * @throws IllegalArgumentException if the name is not valid, saying why
	 */
	public static String requireValid(String name, String subject) {
		if (!isValid(name)) {
			String reason = name.isEmpty() ? "it is empty" : Character.isDigit(name.charAt(0))
					? "it starts with a digit" : "it contains characters other than A-Z, a-z, 0-9 and _";
			throw new IllegalArgumentException("Tool name '" + name + "' of " + subject + " is not valid: " + reason
					+ "; Cohere accepts names matching ^[A-Za-z_][A-Za-z0-9_]*$ (set @CohereTool(name = ...))");
		}
		return name;
	}

}
