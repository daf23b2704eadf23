package dev.springcohere.engine.constrain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An immutable set of JSON scalar values in canonical form, compared by content: the keys
 * an object already has, the items a {@code uniqueItems} array already holds. Canonical
 * forms make equal JSON values equal whatever their spelling: {@code s:} and the decoded
 * text for strings, {@code n:} and the plain decimal without trailing zeros for numbers
 * ({@code 1}, {@code 1.0} and {@code 1.00} are one value), the JSON text for the rest.
 */
final class ValueSet {

	static final ValueSet EMPTY = new ValueSet(new String[0]);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final String[] values;

	private final int hash;

	private ValueSet(String[] sorted) {
		this.values = sorted;
		this.hash = Arrays.hashCode(sorted);
	}

	/** The canonical form of a string value. */
	static String ofString(String text) {
		return "s:" + text;
	}

	/** The canonical form of a number written without exponent. */
	static String ofNumber(String text) {
		BigDecimal value = new BigDecimal(text).stripTrailingZeros();
		return "n:" + ((value.signum() == 0) ? "0" : value.toPlainString());
	}

	/** The canonical form of a JSON text (a literal). */
	static String ofJson(byte[] json) {
		JsonNode node = MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
		if (node.isString()) {
			return ofString(node.asString());
		}
		if (node.isNumber()) {
			return ofNumber(node.decimalValue().toPlainString());
		}
		return "j:" + MAPPER.writeValueAsString(node);
	}

	boolean isEmpty() {
		return this.values.length == 0;
	}

	int size() {
		return this.values.length;
	}

	boolean contains(String canonical) {
		return Arrays.binarySearch(this.values, canonical) >= 0;
	}

	/** How many values start with a prefix (of their canonical form). */
	int countWithPrefix(String prefix) {
		int from = Arrays.binarySearch(this.values, prefix);
		if (from < 0) {
			from = -from - 1;
		}
		int n = 0;
		while (from + n < this.values.length && this.values[from + n].startsWith(prefix)) {
			n++;
		}
		return n;
	}

	/** The values, sorted. */
	String[] values() {
		return this.values.clone();
	}

	ValueSet with(String canonical) {
		int at = Arrays.binarySearch(this.values, canonical);
		if (at >= 0) {
			return this;
		}
		int insert = -at - 1;
		String[] next = new String[this.values.length + 1];
		System.arraycopy(this.values, 0, next, 0, insert);
		next[insert] = canonical;
		System.arraycopy(this.values, insert, next, insert + 1, this.values.length - insert);
		return new ValueSet(next);
	}

	ValueSet withAll(ValueSet other) {
		ValueSet out = this;
		for (String v : other.values) {
			out = out.with(v);
		}
		return out;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof ValueSet that && that.hash == this.hash
				&& Arrays.equals(that.values, this.values));
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return Arrays.toString(this.values);
	}

}
