package dev.springcohere.engine.constrain;

import dev.springcohere.engine.constrain.Frame.Stage;

/**
 * The whitespace a container allows between its tokens. {@link #COMPACT} (every schema):
 * at most one space after {@code :} and after {@code ,}, none anywhere else, so a model
 * cannot pad or loop on newlines. The fixed layouts write exactly the whitespace Command
 * models were trained on for their action (the tool-call list one call per line,
 * {@code ": "} and {@code ", "} inside a call), which also makes it predictable enough to
 * jump over.
 *
 * @param afterOpen the whitespace after the opening bracket
 * @param afterComma the whitespace after a comma
 * @param afterColon the whitespace after a colon
 * @param beforeClose the whitespace before the closing bracket
 * @param optionalSpaces {@code true} for the compact policy (the four strings are
 * ignored)
 */
record Layout(String afterOpen, String afterComma, String afterColon, String beforeClose, boolean optionalSpaces) {

	/** At most one space after {@code :} and {@code ,}; nothing else. */
	static final Layout COMPACT = new Layout("", "", "", "", true);

	/** The tool-call list of a Command action: {@code [\n {...},\n {...}\n]}. */
	static final Layout ACTION_LIST = new Layout("\n    ", "\n    ", "", "\n", false);

	/**
	 * A tool call of a Command action: {@code {"tool_call_id": "0", "tool_name": "f",
	 * "parameters": {...}}}.
	 */
	static final Layout ACTION_CALL = new Layout("", " ", " ", "", false);

	private String fixed(Stage stage) {
		return switch (stage) {
			case OPEN -> this.afterOpen;
			case COMMA -> this.afterComma;
			case BEFORE_VALUE -> this.afterColon;
			case AFTER -> this.beforeClose;
			case KEY, EXTRA_KEY, COLON, IN_VALUE -> "";
		};
	}

	/**
	 * Whether byte {@code b} may come as whitespace at a stage after {@code ws}
	 * whitespace bytes.
	 */
	boolean space(Stage stage, int ws, int b) {
		if (this.optionalSpaces) {
			return b == ' ' && ws < 1 && (stage == Stage.COMMA || stage == Stage.BEFORE_VALUE);
		}
		String fixed = fixed(stage);
		return ws < fixed.length() && fixed.charAt(ws) == b;
	}

	/**
	 * Whether a member or value may start at a stage (OPEN, COMMA, BEFORE_VALUE) after
	 * {@code ws} whitespace bytes.
	 */
	boolean ready(Stage stage, int ws) {
		return this.optionalSpaces || ws == fixed(stage).length();
	}

	/**
	 * Whether the closing bracket may come after {@code ws} whitespace bytes (stage
	 * AFTER, or OPEN when empty).
	 */
	boolean closeReady(Stage stage, int ws) {
		if (this.optionalSpaces) {
			return ws == 0;
		}
		return (stage == Stage.AFTER) ? ws == this.beforeClose.length() : ws == 0;
	}

	/** Whether a comma may come after {@code ws} whitespace bytes (stage AFTER). */
	boolean commaReady(int ws) {
		return ws == 0;
	}

	/** The whitespace the shortest text writes at a stage (none where it is optional). */
	String minimal(Stage stage) {
		return this.optionalSpaces ? "" : fixed(stage);
	}

}
