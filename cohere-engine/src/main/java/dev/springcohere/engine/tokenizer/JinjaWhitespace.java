package dev.springcohere.engine.tokenizer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies Jinja2's whitespace rules to a template source ahead of rendering, so the
 * renderer sees a template whose text is already exactly what Jinja2 would emit.
 * <p>
 * Hugging Face renders chat templates with {@code trim_blocks=True},
 * {@code lstrip_blocks=True} and {@code keep_trailing_newline=False}. This class resolves
 * those options, the {@code -}/{@code +} markers of every tag, and removes comments,
 * following the rules of Jinja2's lexer:
 * <ul>
 * <li>newlines are normalized to {@code \n} and one trailing newline of the source is
 * dropped;</li>
 * <li>{@code {%-}, <code>{{-</code>, {@code {#-} strip all whitespace before the tag;
 * {@code -%}}, {@code -}}}, {@code -#}} strip all whitespace after it;</li>
 * <li>lstrip_blocks: spaces and tabs between the start of a line and a block or comment
 * tag are removed, unless the tag opens with {@code +};</li>
 * <li>trim_blocks: one newline right after a block or comment tag is removed, unless the
 * tag closes with {@code +};</li>
 * <li>a whitespace marker stops at the neighbouring tag: a comment between a {@code -%}}
 * and an indented line keeps the indentation (the case Jinjava's own handling gets
 * wrong).</li>
 * </ul>
 * The output contains no comments and no whitespace markers, and must be rendered with
 * trimming disabled. The inside of every tag goes through {@link JinjaExpressions} so
 * that Jinjava parses it as Jinja2 does.
 */
final class JinjaWhitespace {

	private static final Pattern END_RAW = Pattern.compile("\\{%([-+]?)\\s*endraw\\s*([-+]?)%}");

	private JinjaWhitespace() {
	}

	/**
	 * Resolves the whitespace rules of a Jinja2 template source.
	 * @param source the template source
	 * @return an equivalent template without comments or whitespace markers
	 * @throws IllegalArgumentException if a tag or comment is not closed
	 */
	static String normalize(String source) {
		String src = source.replace("\r\n", "\n").replace('\r', '\n');
		if (src.endsWith("\n")) {
			src = src.substring(0, src.length() - 1);
		}
		StringBuilder out = new StringBuilder(src.length());
		int pos = 0;
		boolean lineStarting = true;
		while (pos <= src.length()) {
			int start = nextTagStart(src, pos);
			if (start < 0) {
				out.append(src, pos, src.length());
				break;
			}
			String text = src.substring(pos, start);
			char kind = src.charAt(start + 1);
			int p = start + 2;
			char open = p < src.length() ? src.charAt(p) : 0;
			if (open == '-' || open == '+') {
				p++;
			}
			else {
				open = 0;
			}
			text = stripBeforeTag(text, kind, open, lineStarting);
			out.append(text);
			int end = (kind == '#') ? src.indexOf("#}", p) : findTagEnd(src, p, kind);
			if (end < 0) {
				throw new IllegalArgumentException("Unclosed Jinja " + describe(kind) + " opened at line "
						+ lineOf(src, start) + " of the chat template");
			}
			char close = (end > p && (src.charAt(end - 1) == '-' || src.charAt(end - 1) == '+')) ? src.charAt(end - 1)
					: 0;
			String body = src.substring(p, (close != 0) ? end - 1 : end);
			pos = end + 2;
			if (kind == '%' && body.strip().equals("raw")) {
				int[] next = appendRaw(src, pos, close, out);
				pos = next[0];
				close = (char) next[1];
				kind = '%';
			}
			else if (kind == '{') {
				out.append("{{").append(JinjaExpressions.printExpression(body)).append("}}");
			}
			else if (kind == '%') {
				out.append("{%").append(JinjaExpressions.rewrite(body)).append("%}");
			}
			int consumedFrom = pos;
			if (close == '-') {
				while (pos < src.length() && isPythonSpace(src.charAt(pos))) {
					pos++;
				}
				lineStarting = pos > consumedFrom && src.charAt(pos - 1) == '\n';
			}
			else if (kind != '{' && close != '+' && pos < src.length() && src.charAt(pos) == '\n') {
				pos++;
				lineStarting = true;
			}
			else {
				lineStarting = false;
			}
			if (pos >= src.length()) {
				break;
			}
		}
		return out.toString();
	}

	private static String stripBeforeTag(String text, char kind, char open, boolean lineStarting) {
		if (open == '-') {
			int i = text.length();
			while (i > 0 && isPythonSpace(text.charAt(i - 1))) {
				i--;
			}
			return text.substring(0, i);
		}
		if (open != '+' && kind != '{') {
			int lineStart = text.lastIndexOf('\n') + 1;
			if ((lineStart > 0 || lineStarting) && lineStart < text.length()
					&& text.substring(lineStart).chars().allMatch(c -> isPythonSpace((char) c))) {
				return text.substring(0, lineStart);
			}
		}
		return text;
	}

	/**
	 * Copies a {@code {% raw %}} block verbatim, applying the whitespace rules of its own
	 * tags.
	 * @return the position after the {@code endraw} tag and that tag's closing marker
	 */
	private static int[] appendRaw(String src, int contentStart, char openTagClose, StringBuilder out) {
		int from = contentStart;
		if (openTagClose == '-') {
			while (from < src.length() && isPythonSpace(src.charAt(from))) {
				from++;
			}
		}
		else if (openTagClose != '+' && from < src.length() && src.charAt(from) == '\n') {
			from++;
		}
		Matcher m = END_RAW.matcher(src);
		if (!m.find(from)) {
			throw new IllegalArgumentException(
					"Unclosed {% raw %} block at line " + lineOf(src, contentStart) + " of the chat template");
		}
		String content = src.substring(from, m.start());
		char open = m.group(1).isEmpty() ? 0 : m.group(1).charAt(0);
		content = stripBeforeTag(content, '%', open, from > 0 && src.charAt(from - 1) == '\n');
		out.append("{% raw %}").append(content).append("{% endraw %}");
		char close = m.group(2).isEmpty() ? 0 : m.group(2).charAt(0);
		return new int[] { m.end(), close };
	}

	private static int nextTagStart(String src, int from) {
		int i = src.indexOf('{', from);
		while (i >= 0 && i + 1 < src.length()) {
			char c = src.charAt(i + 1);
			if (c == '{' || c == '%' || c == '#') {
				return i;
			}
			i = src.indexOf('{', i + 1);
		}
		return -1;
	}

	/**
	 * Finds the {@code }}} or {@code %}} that closes a tag, skipping string literals and
	 * nested brackets.
	 * @return the index of the closing marker's first character, or -1
	 */
	private static int findTagEnd(String src, int from, char kind) {
		char endChar = (kind == '{') ? '}' : '%';
		int depth = 0;
		int i = from;
		while (i < src.length()) {
			char c = src.charAt(i);
			if (c == '\'' || c == '"') {
				i = skipString(src, i);
				continue;
			}
			if (depth == 0 && c == endChar && i + 1 < src.length() && src.charAt(i + 1) == '}') {
				return i;
			}
			if (c == '(' || c == '[' || c == '{') {
				depth++;
			}
			else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
				depth--;
			}
			i++;
		}
		return -1;
	}

	private static int skipString(String src, int quoteIndex) {
		char quote = src.charAt(quoteIndex);
		int i = quoteIndex + 1;
		while (i < src.length()) {
			char c = src.charAt(i);
			if (c == '\\') {
				i += 2;
				continue;
			}
			if (c == quote) {
				return i + 1;
			}
			i++;
		}
		return i;
	}

	/**
	 * Whether Python's {@code str.isspace()} holds for a character (what Jinja2's
	 * {@code \s} and {@code strip()} use).
	 */
	static boolean isPythonSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
	}

	private static String describe(char kind) {
		return switch (kind) {
			case '{' -> "expression '{{'";
			case '%' -> "statement '{%'";
			default -> "comment '{#'";
		};
	}

	private static int lineOf(String src, int index) {
		int line = 1;
		for (int i = 0; i < index; i++) {
			if (src.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

}
