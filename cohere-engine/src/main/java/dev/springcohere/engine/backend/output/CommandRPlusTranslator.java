package dev.springcohere.engine.backend.output;

/**
 * Rewrites Command R/R+ output incrementally into the Command R7B markup that
 * {@link StreamingOutputParser} reads: {@code Action: ```json [...]```} becomes
 * {@code <|START_ACTION|>[...]<|END_ACTION|>}, and a grounded answer
 * ({@code Relevant Documents: ... Cited Documents: ... Answer: ... Grounded answer: text})
 * becomes {@code <|START_RESPONSE|>text}; any other output passes through as plain text.
 */
final class CommandRPlusTranslator {

	private static final String ACTION = "Action:";

	private static final String RELEVANT = "Relevant Documents:";

	private static final String GROUNDED = "Grounded answer:";

	private static final String ANSWER = "Answer:";

	private static final String FENCE = "```";

	private enum State {

		START, ACTION, GROUNDED_PREAMBLE, ANSWER_START, PASS

	}

	private final StringBuilder buffer = new StringBuilder();

	private State state = State.START;

	/**
	 * Translates the next piece of output.
	 * @param text the next decoded text
	 * @return the R7B-style text that is certain now
	 */
	String accept(String text) {
		if (this.state == State.PASS) {
			return text;
		}
		this.buffer.append(text);
		return advance(false);
	}

	/**
	 * Ends the output.
	 * @return the rest of the translated text
	 */
	String finish() {
		if (this.state == State.PASS) {
			return "";
		}
		return advance(true);
	}

	private String advance(boolean finishing) {
		StringBuilder out = new StringBuilder();
		boolean progress = true;
		while (progress && this.state != State.PASS) {
			progress = switch (this.state) {
				case START -> start(out, finishing);
				case ACTION -> action(out, finishing);
				case GROUNDED_PREAMBLE -> groundedPreamble(out, finishing);
				case ANSWER_START -> answerStart(out, finishing);
				case PASS -> false;
			};
		}
		if (this.state == State.PASS) {
			out.append(this.buffer);
			this.buffer.setLength(0);
		}
		return out.toString();
	}

	private boolean start(StringBuilder out, boolean finishing) {
		String head = this.buffer.toString().stripLeading();
		if (head.startsWith(ACTION)) {
			this.buffer.setLength(0);
			this.buffer.append(head.substring(ACTION.length()));
			this.state = State.ACTION;
			return true;
		}
		if (head.startsWith(RELEVANT) || head.startsWith(GROUNDED)) {
			this.state = State.GROUNDED_PREAMBLE;
			return true;
		}
		if (!finishing && (head.isEmpty() || ACTION.startsWith(head) || RELEVANT.startsWith(head)
				|| GROUNDED.startsWith(head))) {
			return false;
		}
		this.state = State.PASS;
		return true;
	}

	private boolean action(StringBuilder out, boolean finishing) {
		String text = this.buffer.toString();
		int open = text.indexOf(FENCE);
		if (open >= 0) {
			int bodyStart = open + FENCE.length();
			if (text.startsWith("json", bodyStart)) {
				bodyStart += "json".length();
			}
			int close = closingFence(text, bodyStart);
			if (close >= 0) {
				out.append("<|START_ACTION|>").append(text, bodyStart, close).append("<|END_ACTION|>");
				this.buffer.delete(0, close + FENCE.length());
				this.state = State.PASS;
				return true;
			}
			if (finishing) {
				// an unclosed fence is an unclosed action
				out.append("<|START_ACTION|>").append(text.substring(bodyStart));
				this.buffer.setLength(0);
				this.state = State.PASS;
				return true;
			}
			return false;
		}
		if (finishing) {
			// no fence at all: read what follows "Action:" as the list itself
			out.append("<|START_ACTION|>").append(text).append("<|END_ACTION|>");
			this.buffer.setLength(0);
			this.state = State.PASS;
			return true;
		}
		return false;
	}

	/**
	 * The closing fence of a JSON body: the first {@code ```} that is not inside a JSON
	 * string.
	 */
	private static int closingFence(String text, int from) {
		boolean inString = false;
		for (int i = from; i < text.length(); i++) {
			char c = text.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (text.startsWith(FENCE, i)) {
				return i;
			}
		}
		return -1;
	}

	private boolean groundedPreamble(StringBuilder out, boolean finishing) {
		String text = this.buffer.toString();
		int grounded = text.indexOf(GROUNDED);
		if (grounded >= 0) {
			this.buffer.delete(0, grounded + GROUNDED.length());
			out.append("<|START_RESPONSE|>");
			this.state = State.ANSWER_START;
			return true;
		}
		if (finishing) {
			int answer = text.lastIndexOf(ANSWER);
			this.buffer.setLength(0);
			out.append("<|START_RESPONSE|>");
			if (answer >= 0) {
				this.buffer.append(text.substring(answer + ANSWER.length()).stripLeading());
			}
			this.state = State.PASS;
			return true;
		}
		return false;
	}

	private boolean answerStart(StringBuilder out, boolean finishing) {
		String rest = this.buffer.toString().stripLeading();
		this.buffer.setLength(0);
		this.buffer.append(rest);
		if (rest.isEmpty() && !finishing) {
			return false;
		}
		this.state = State.PASS;
		return true;
	}

}
