package dev.springcohere.engine.constrain;

/**
 * Compiles a JSON-Schema {@code pattern} (or a {@code format}'s pattern) into a
 * {@link CharDfa} that matches the whole string, in two steps: {@link RegexParser} reads
 * the syntax tree, {@link RegexAutomaton} builds the automaton.
 */
final class RegexCompiler {

	/** The largest code point. */
	static final int MAX_CODE_POINT = RegexParser.MAX_CODE_POINT;

	private RegexCompiler() {
	}

	/**
	 * Compiles a pattern.
	 * @param pattern the regular expression
	 * @param keyword the schema keyword, for messages
	 * @param location the schema location, for messages
	 * @return the automaton
	 * @throws UnsupportedSchemaException if the pattern uses unsupported syntax, is too
	 * large or matches nothing
	 */
	static CharDfa compile(String pattern, String keyword, String location) {
		RegexNode tree = RegexParser.parse(pattern, keyword, location);
		return RegexAutomaton.build(tree, (message) -> new UnsupportedSchemaException(keyword, location,
				message + " in pattern \"" + pattern + "\""));
	}

}
