package dev.springcohere.engine.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the inside of a Jinja tag so that Jinjava's expression parser reads it as
 * Jinja2 does:
 * <ul>
 * <li>a unary {@code not} covers the whole comparison after it, as in Jinja2
 * ({@code not a in b} is {@code not (a in b)}, where Jinjava would read
 * {@code (not a) in b}), and tests Python truthiness: it becomes a call of
 * {@link #NOT_FUNCTION};</li>
 * <li>a printed expression becomes a call of {@link #PRINT_FUNCTION}, which writes values
 * as Python's {@code str()} ({@code True}, {@code ['a', 1]}); a function call rather than
 * parentheses, which Jinjava reads as a tuple around a dict;</li>
 * <li>string literals are re-encoded: Python escapes ({@code \n}, {@code \xHH},
 * {@code \u00e9}...) become the characters themselves, since Jinjava only knows
 * {@code \'}, {@code \"} and {@code \\};</li>
 * <li>two adjacent closing braces get a space between them, so a nested dict literal does
 * not end the tag early in Jinjava's scanner.</li>
 * </ul>
 */
final class JinjaExpressions {

	/**
	 * The function that prints a value as Python's {@code str()} does; see
	 * {@link TemplateFunctions}.
	 */
	static final String PRINT_FUNCTION = "springcohere_str";

	/**
	 * The function that negates a value's Python truthiness; see
	 * {@link TemplateFunctions}.
	 */
	static final String NOT_FUNCTION = "springcohere_not";

	private static final Set<String> UNARY_NOT_FOLLOWS = Set.of("and", "or", "not", "if", "elif", "else", "in",
			"return", "do", "print", "set");

	private static final Set<String> COMPARISON_ENDS = Set.of("and", "or", "if", "else");

	private JinjaExpressions() {
	}

	/**
	 * Rewrites the expression of a {@code {{ ... }}} tag and prints it through the Python
	 * {@code str()} filter.
	 * @param body the text between the delimiters
	 * @return the rewritten text
	 */
	static String printExpression(String body) {
		return " " + PRINT_FUNCTION + "(" + rewrite(body).strip() + ") ";
	}

	/**
	 * Rewrites the inside of a tag.
	 * @param body the text between the delimiters
	 * @return the rewritten text
	 */
	static String rewrite(String body) {
		List<String> tokens = lex(body);
		Map<Integer, Integer> closesBefore = new HashMap<>();
		List<Integer> unaryNots = new ArrayList<>();
		String previous = null;
		for (int i = 0; i < tokens.size(); i++) {
			String token = tokens.get(i);
			if (isBlank(token)) {
				continue;
			}
			if (token.equals("not") && isUnaryPosition(previous)) {
				unaryNots.add(i);
				int end = comparisonEnd(tokens, i + 1);
				closesBefore.merge(end, 1, Integer::sum);
			}
			previous = token;
		}
		StringBuilder out = new StringBuilder(body.length() + 16);
		for (int i = 0; i <= tokens.size(); i++) {
			int closes = closesBefore.getOrDefault(i, 0);
			for (int c = 0; c < closes; c++) {
				out.append(')');
			}
			if (i == tokens.size()) {
				break;
			}
			String token = tokens.get(i);
			if (token.charAt(0) == '\'' || token.charAt(0) == '"') {
				token = reencodeString(token);
			}
			if (token.charAt(0) == '}' && !out.isEmpty() && out.charAt(out.length() - 1) == '}') {
				out.append(' ');
			}
			if (unaryNots.contains(i)) {
				out.append(NOT_FUNCTION).append('(');
				i = skipBlank(tokens, i + 1) - 1;
			}
			else {
				out.append(token);
			}
		}
		return out.toString();
	}

	private static boolean isUnaryPosition(String previous) {
		if (previous == null) {
			return true;
		}
		char c = previous.charAt(0);
		if (Character.isLetter(c) || c == '_') {
			return UNARY_NOT_FOLLOWS.contains(previous);
		}
		if (Character.isDigit(c) || c == '\'' || c == '"') {
			return false;
		}
		return !(previous.equals(")") || previous.equals("]") || previous.equals("}"));
	}

	/** The token index where the comparison that starts at {@code from} ends. */
	private static int comparisonEnd(List<String> tokens, int from) {
		int depth = 0;
		for (int j = from; j < tokens.size(); j++) {
			String t = tokens.get(j);
			if (isBlank(t)) {
				continue;
			}
			switch (t) {
				case "(", "[", "{" -> depth++;
				case ")", "]", "}" -> {
					if (depth == 0) {
						return trimBlankBefore(tokens, j);
					}
					depth--;
				}
				default -> {
					if (depth == 0 && (COMPARISON_ENDS.contains(t) || t.equals(",") || t.equals(":"))) {
						return trimBlankBefore(tokens, j);
					}
				}
			}
		}
		return trimBlankBefore(tokens, tokens.size());
	}

	private static int skipBlank(List<String> tokens, int index) {
		while (index < tokens.size() && isBlank(tokens.get(index))) {
			index++;
		}
		return index;
	}

	private static int trimBlankBefore(List<String> tokens, int index) {
		while (index > 0 && isBlank(tokens.get(index - 1))) {
			index--;
		}
		return index;
	}

	private static boolean isBlank(String token) {
		return Character.isWhitespace(token.charAt(0));
	}

	/**
	 * Splits a tag body into whitespace runs, strings, names, numbers and single
	 * punctuation characters.
	 */
	static List<String> lex(String body) {
		List<String> tokens = new ArrayList<>();
		int i = 0;
		int n = body.length();
		while (i < n) {
			char c = body.charAt(i);
			int j = i + 1;
			if (Character.isWhitespace(c)) {
				while (j < n && Character.isWhitespace(body.charAt(j))) {
					j++;
				}
			}
			else if (c == '\'' || c == '"') {
				while (j < n && body.charAt(j) != c) {
					j += (body.charAt(j) == '\\') ? 2 : 1;
				}
				j = Math.min(j + 1, n);
			}
			else if (Character.isLetter(c) || c == '_') {
				while (j < n && (Character.isLetterOrDigit(body.charAt(j)) || body.charAt(j) == '_')) {
					j++;
				}
			}
			else if (Character.isDigit(c)) {
				while (j < n && (Character.isLetterOrDigit(body.charAt(j)) || body.charAt(j) == '_'
						|| (body.charAt(j) == '.' && j + 1 < n && Character.isDigit(body.charAt(j + 1))))) {
					j++;
				}
			}
			tokens.add(body.substring(i, j));
			i = j;
		}
		return tokens;
	}

	/**
	 * Decodes a Python string literal and writes it back with only the escapes Jinjava
	 * understands.
	 */
	static String reencodeString(String literal) {
		char quote = literal.charAt(0);
		int end = (literal.length() > 1 && literal.charAt(literal.length() - 1) == quote) ? literal.length() - 1
				: literal.length();
		String value = decodePythonEscapes(literal.substring(1, end));
		StringBuilder out = new StringBuilder(value.length() + 2).append(quote);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' || c == quote) {
				out.append('\\');
			}
			out.append(c);
		}
		return out.append(quote).toString();
	}

	private static String decodePythonEscapes(String s) {
		StringBuilder out = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c != '\\' || i + 1 >= s.length()) {
				out.append(c);
				continue;
			}
			char e = s.charAt(++i);
			switch (e) {
				case 'n' -> out.append('\n');
				case 't' -> out.append('\t');
				case 'r' -> out.append('\r');
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'v' -> out.append('\u000b');
				case 'a' -> out.append('\u0007');
				case '0' -> out.append('\0');
				case '\\', '\'', '"' -> out.append(e);
				case '\n' -> {
					// line continuation
				}
				case 'x' -> i = appendCodePoint(s, i, 2, out);
				case 'u' -> i = appendCodePoint(s, i, 4, out);
				case 'U' -> i = appendCodePoint(s, i, 8, out);
				default -> out.append('\\').append(e);
			}
		}
		return out.toString();
	}

	private static int appendCodePoint(String s, int escapeIndex, int digits, StringBuilder out) {
		int start = escapeIndex + 1;
		if (start + digits > s.length()) {
			out.append('\\').append(s.charAt(escapeIndex));
			return escapeIndex;
		}
		try {
			out.appendCodePoint(Integer.parseInt(s.substring(start, start + digits), 16));
			return start + digits - 1;
		}
		catch (IllegalArgumentException ex) {
			out.append('\\').append(s.charAt(escapeIndex));
			return escapeIndex;
		}
	}

}
