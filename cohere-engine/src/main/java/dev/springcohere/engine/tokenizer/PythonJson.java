package dev.springcohere.engine.tokenizer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Serializes plain Java values as Python's {@code json.dumps(value, ensure_ascii=False)}
 * does, which is what Hugging Face's {@code tojson} template filter produces: separators
 * {@code ", "} and {@code ": "} (or {@code ","} and {@code ": "} with an indent), keys in
 * the map's own order, non-ASCII characters kept as they are, and floats written as
 * Python's {@code repr}.
 */
final class PythonJson {

	private final @Nullable String indent;

	private final String itemSeparator;

	private final String keySeparator;

	private final boolean sortKeys;

	private final boolean ensureAscii;

	/**
	 * Creates a serializer.
	 * @param indent the indent of nested levels, or {@code null} for a single line
	 * @param itemSeparator the separator between items, or {@code null} for Python's
	 * default
	 * @param keySeparator the separator between a key and its value, or {@code null} for
	 * Python's default
	 * @param sortKeys whether to sort map keys
	 * @param ensureAscii whether to escape every non-ASCII character
	 */
	PythonJson(@Nullable String indent, @Nullable String itemSeparator, @Nullable String keySeparator, boolean sortKeys,
			boolean ensureAscii) {
		this.indent = indent;
		this.itemSeparator = (itemSeparator != null) ? itemSeparator : (indent != null) ? "," : ", ";
		this.keySeparator = (keySeparator != null) ? keySeparator : ": ";
		this.sortKeys = sortKeys;
		this.ensureAscii = ensureAscii;
	}

	/**
	 * The serializer of {@code json.dumps(value, ensure_ascii=False)}.
	 * @return a single-line serializer
	 */
	static PythonJson compact() {
		return new PythonJson(null, null, null, false, false);
	}

	/**
	 * Serializes a value.
	 * @param value a map, collection, array, string, number, boolean or {@code null}
	 * @return the JSON text
	 * @throws IllegalArgumentException if the value holds something JSON cannot represent
	 */
	String dumps(@Nullable Object value) {
		StringBuilder out = new StringBuilder();
		write(out, value, 0);
		return out.toString();
	}

	private void write(StringBuilder out, @Nullable Object value, int level) {
		if (value instanceof Optional<?> optional) {
			value = optional.orElse(null);
		}
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof CharSequence || value instanceof Character) {
			writeString(out, value.toString());
		}
		else if (value instanceof Boolean b) {
			out.append(b ? "true" : "false");
		}
		else if (value instanceof Number n) {
			out.append(number(n));
		}
		else if (value instanceof Map<?, ?> map) {
			writeMap(out, map, level);
		}
		else if (value instanceof Collection<?> collection) {
			writeList(out, collection.iterator(), collection.isEmpty(), level);
		}
		else if (value instanceof Object[] array) {
			writeList(out, java.util.Arrays.asList(array).iterator(), array.length == 0, level);
		}
		else if (value instanceof Enum<?> e) {
			writeString(out, e.name());
		}
		else {
			throw new IllegalArgumentException("Object of type " + value.getClass().getName()
					+ " is not JSON serializable in a chat template; pass maps, lists, strings, numbers and booleans");
		}
	}

	private void writeMap(StringBuilder out, Map<?, ?> map, int level) {
		if (map.isEmpty()) {
			out.append("{}");
			return;
		}
		Iterable<? extends Map.Entry<?, ?>> entries = map.entrySet();
		if (this.sortKeys) {
			java.util.List<Map.Entry<?, ?>> sorted = new java.util.ArrayList<>(map.entrySet());
			sorted.sort((a, b) -> key(a.getKey()).compareTo(key(b.getKey())));
			entries = sorted;
		}
		out.append('{');
		boolean first = true;
		for (Map.Entry<?, ?> entry : entries) {
			if (!first) {
				out.append(this.itemSeparator);
			}
			first = false;
			newline(out, level + 1);
			writeString(out, key(entry.getKey()));
			out.append(this.keySeparator);
			write(out, entry.getValue(), level + 1);
		}
		newline(out, level);
		out.append('}');
	}

	private void writeList(StringBuilder out, Iterator<?> items, boolean empty, int level) {
		if (empty) {
			out.append("[]");
			return;
		}
		out.append('[');
		boolean first = true;
		while (items.hasNext()) {
			if (!first) {
				out.append(this.itemSeparator);
			}
			first = false;
			newline(out, level + 1);
			write(out, items.next(), level + 1);
		}
		newline(out, level);
		out.append(']');
	}

	private void newline(StringBuilder out, int level) {
		if (this.indent != null) {
			out.append('\n');
			out.append(this.indent.repeat(level));
		}
	}

	/**
	 * Python turns non-string keys into strings: {@code True} → {@code "true"},
	 * {@code None} → {@code "null"}.
	 */
	private static String key(@Nullable Object key) {
		if (key == null) {
			return "null";
		}
		if (key instanceof Boolean b) {
			return b ? "true" : "false";
		}
		if (key instanceof Number n) {
			return number(n);
		}
		return key.toString();
	}

	private void writeString(StringBuilder out, String s) {
		out.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					if (c < 0x20 || (this.ensureAscii && c > 0x7e)) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	/**
	 * Formats a number as Python does: integers in full, floats as {@code repr(float)}
	 * ({@code 1.0}, {@code 0.1}, {@code 1e-07}, {@code 1e+16}, {@code NaN},
	 * {@code Infinity}).
	 */
	static String number(Number n) {
		if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
				|| n instanceof BigInteger) {
			return n.toString();
		}
		if (n instanceof BigDecimal bd) {
			return floatRepr(bd.doubleValue());
		}
		return floatRepr(n.doubleValue());
	}

	private static String floatRepr(double d) {
		if (Double.isNaN(d)) {
			return "NaN";
		}
		if (Double.isInfinite(d)) {
			return (d > 0) ? "Infinity" : "-Infinity";
		}
		if (d == 0) {
			return (1 / d < 0) ? "-0.0" : "0.0";
		}
		// Double.toString gives the shortest digits that round-trip, as Python's repr
		// does.
		BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
		String digits = exact.unscaledValue().toString();
		int exponent = digits.length() - 1 - exact.scale();
		StringBuilder out = new StringBuilder();
		if (d < 0) {
			out.append('-');
		}
		if (exponent < -4 || exponent >= 16) {
			out.append(digits.charAt(0));
			if (digits.length() > 1) {
				out.append('.').append(digits, 1, digits.length());
			}
			out.append('e').append(exponent < 0 ? '-' : '+');
			int abs = Math.abs(exponent);
			if (abs < 10) {
				out.append('0');
			}
			out.append(abs);
		}
		else if (exponent < 0) {
			out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
		}
		else if (digits.length() <= exponent + 1) {
			out.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
		}
		else {
			out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
		}
		return out.toString();
	}

}
