package dev.springcohere.engine.tokenizer;

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Python's {@code str()} and {@code repr()} of template values, which is how Jinja2
 * prints them: {@code True}/{@code False}, {@code ['a', 1]}, {@code {'k': None}}, floats
 * as {@code 1.0} or {@code 1e-07}.
 */
final class PythonRepr {

	private PythonRepr() {
	}

	/**
	 * Python's {@code str(value)}, except that {@code null} prints as nothing: Jinjava
	 * cannot tell {@code None} from an undefined variable, and Jinja2 prints the latter
	 * as nothing.
	 * @param value the value
	 * @return the text
	 */
	static String str(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof CharSequence || value instanceof Character) {
			return value.toString();
		}
		return repr(value);
	}

	/**
	 * Python's {@code repr(value)}.
	 * @param value the value
	 * @return the text
	 */
	static String repr(@Nullable Object value) {
		StringBuilder out = new StringBuilder();
		appendRepr(out, value);
		return out.toString();
	}

	private static void appendRepr(StringBuilder out, @Nullable Object value) {
		if (value == null) {
			out.append("None");
		}
		else if (value instanceof Boolean b) {
			out.append(b ? "True" : "False");
		}
		else if (value instanceof Number n) {
			String s = PythonJson.number(n);
			out.append(switch (s) {
				case "NaN" -> "nan";
				case "Infinity" -> "inf";
				case "-Infinity" -> "-inf";
				default -> s;
			});
		}
		else if (value instanceof CharSequence || value instanceof Character) {
			appendString(out, value.toString());
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.append(first ? "" : ", ");
				first = false;
				appendRepr(out, entry.getKey());
				out.append(": ");
				appendRepr(out, entry.getValue());
			}
			out.append('}');
		}
		else if (value instanceof Map.Entry<?, ?> entry) {
			out.append('(');
			appendRepr(out, entry.getKey());
			out.append(", ");
			appendRepr(out, entry.getValue());
			out.append(')');
		}
		else if (value instanceof Collection<?> collection) {
			appendItems(out, collection);
		}
		else if (value instanceof Object[] array) {
			appendItems(out, java.util.Arrays.asList(array));
		}
		else {
			out.append(value);
		}
	}

	private static void appendItems(StringBuilder out, Collection<?> items) {
		out.append('[');
		boolean first = true;
		for (Object item : items) {
			out.append(first ? "" : ", ");
			first = false;
			appendRepr(out, item);
		}
		out.append(']');
	}

	private static void appendString(StringBuilder out, String s) {
		char quote = (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) ? '"' : '\'';
		out.append(quote);
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == quote || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c == '\n') {
				out.append("\\n");
			}
			else if (c == '\r') {
				out.append("\\r");
			}
			else if (c == '\t') {
				out.append("\\t");
			}
			else if (c < 0x20 || c == 0x7f) {
				out.append(String.format("\\x%02x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		out.append(quote);
	}

}
