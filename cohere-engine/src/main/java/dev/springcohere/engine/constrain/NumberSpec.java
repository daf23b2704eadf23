package dev.springcohere.engine.constrain;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;

/**
 * A number or integer, written without exponent: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?},
 * with at most {@link #INTEGER_DIGITS} digits for integers, and
 * {@link #NUMBER_INT_DIGITS} before and {@link #NUMBER_FRACTION_DIGITS} after the point
 * for numbers, so that distinct values stay distinct as doubles. Values live on a grid
 * (integers, or multiples of 10^-6), and the bounds and {@code multipleOf} are exact
 * (decimal arithmetic on that grid).
 */
final class NumberSpec extends Spec {

	static final int INTEGER_DIGITS = 15;

	static final int NUMBER_INT_DIGITS = 9;

	static final int NUMBER_FRACTION_DIGITS = 6;

	private static final long[] POW10 = new long[19];

	static {
		POW10[0] = 1;
		for (int i = 1; i < POW10.length; i++) {
			POW10[i] = POW10[i - 1] * 10;
		}
	}

	final boolean integer;

	final @Nullable BigDecimal min;

	final boolean minExclusive;

	final @Nullable BigDecimal max;

	final boolean maxExclusive;

	/**
	 * The bounds as inclusive limits on the value times 10^scale (values are on that
	 * grid).
	 */
	private final long low;

	private final long high;

	/** {@code multipleOf} in grid units, 1 for none. */
	final long step;

	NumberSpec(boolean integer, @Nullable BigDecimal min, boolean minExclusive, @Nullable BigDecimal max,
			boolean maxExclusive) {
		this(integer, min, minExclusive, max, maxExclusive, 1);
	}

	NumberSpec(boolean integer, @Nullable BigDecimal min, boolean minExclusive, @Nullable BigDecimal max,
			boolean maxExclusive, long step) {
		this.integer = integer;
		this.min = min;
		this.minExclusive = minExclusive;
		this.max = max;
		this.maxExclusive = maxExclusive;
		this.step = step;
		long limit = POW10[maxIntDigits() + scale()];
		this.low = (min != null) ? clamp(scaled(min, minExclusive ? RoundingMode.FLOOR : RoundingMode.CEILING)
			.add(minExclusive ? BigDecimal.ONE : BigDecimal.ZERO), limit) : -limit;
		this.high = (max != null) ? clamp(scaled(max, maxExclusive ? RoundingMode.CEILING : RoundingMode.FLOOR)
			.subtract(maxExclusive ? BigDecimal.ONE : BigDecimal.ZERO), limit) : limit;
	}

	/**
	 * {@code multipleOf} in grid units, or -1 when the multiple is not on the grid (such
	 * as 0.0000001 for a number, or 1.5 for an integer).
	 * @param integer whether the values are integers
	 * @param multipleOf the positive multiple
	 * @return the step
	 */
	static long gridStep(boolean integer, BigDecimal multipleOf) {
		BigDecimal scaled = multipleOf.movePointRight(integer ? 0 : NUMBER_FRACTION_DIGITS).stripTrailingZeros();
		if (scaled.scale() > 0 || scaled.compareTo(BigDecimal.valueOf(POW10[16])) > 0) {
			return -1;
		}
		return scaled.longValueExact();
	}

	private BigDecimal scaled(BigDecimal bound, RoundingMode rounding) {
		return bound.movePointRight(scale()).setScale(0, rounding);
	}

	private static long clamp(BigDecimal value, long limit) {
		if (value.compareTo(BigDecimal.valueOf(limit)) > 0) {
			return limit + 1;
		}
		if (value.compareTo(BigDecimal.valueOf(-limit)) < 0) {
			return -limit - 1;
		}
		return value.longValueExact();
	}

	int maxIntDigits() {
		return this.integer ? INTEGER_DIGITS : NUMBER_INT_DIGITS;
	}

	int scale() {
		return this.integer ? 0 : NUMBER_FRACTION_DIGITS;
	}

	/**
	 * Whether a number text (a syntactically valid prefix) can still be completed to a
	 * value within the bounds.
	 */
	boolean feasible(String text) {
		return count(text, 1, ValueSet.EMPTY) > 0;
	}

	/**
	 * How many values (capped at {@code cap}) complete a number text and are not in
	 * {@code excluded}.
	 * @param text a syntactically valid prefix, perhaps empty
	 * @param cap the most to count
	 * @param excluded values that do not count ({@link ValueSet#ofNumber})
	 * @return the count, at most {@code cap}
	 */
	long count(String text, long cap, ValueSet excluded) {
		long need = cap + matchingExcluded(text, excluded);
		long found;
		if (text.isEmpty()) {
			found = Math.min(need, countDigits("", false, need, false) + countDigits("", true, need, true));
		}
		else {
			boolean negative = text.charAt(0) == '-';
			found = countDigits(negative ? text.substring(1) : text, negative, need, false);
		}
		return Math.max(0, Math.min(cap, found - matchingExcluded(text, excluded)));
	}

	private long matchingExcluded(String text, ValueSet excluded) {
		if (excluded.isEmpty()) {
			return 0;
		}
		long n = 0;
		for (String value : excluded.values()) {
			if (value.startsWith("n:") && hasPrefix(new BigDecimal(value.substring(2)), text)) {
				n++;
			}
		}
		return n;
	}

	/** Whether a value in bounds can be written starting with {@code text}. */
	private boolean hasPrefix(BigDecimal value, String text) {
		BigDecimal grid = value.movePointRight(scale());
		if (grid.scale() > 0 && grid.stripTrailingZeros().scale() > 0) {
			return false;
		}
		long v = grid.longValue();
		if (v < this.low || v > this.high || Math.floorMod(v, this.step) != 0) {
			return false;
		}
		if (text.isEmpty()) {
			return true;
		}
		boolean negative = text.charAt(0) == '-';
		if ((v < 0 && !negative) || (v > 0 && negative)) {
			return false;
		}
		long magnitude = Math.abs(v);
		for (long[] interval : intervals(negative ? text.substring(1) : text)) {
			if (magnitude >= interval[0] && magnitude < interval[1]) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The magnitude intervals {@code [a, b)} (grid units) of the values written with a
	 * digit prefix.
	 */
	private long[][] intervals(String body) {
		int s = scale();
		if (body.isEmpty()) {
			return new long[][] { { 0, POW10[maxIntDigits() + s] + 1 } };
		}
		int dot = body.indexOf('.');
		if (dot >= 0) {
			long whole = Long.parseLong(body.substring(0, dot));
			String frac = body.substring(dot + 1);
			long a = whole * POW10[s] + (frac.isEmpty() ? 0 : Long.parseLong(frac) * POW10[s - frac.length()]);
			return new long[][] { { a, a + POW10[s - Math.min(frac.length(), s)] } };
		}
		long whole = Long.parseLong(body);
		int extra = "0".equals(body) ? 0 : maxIntDigits() - body.length();
		long[][] out = new long[extra + 1][];
		for (int j = 0; j <= extra; j++) {
			long a = whole * POW10[j + s];
			long b = this.integer && j == 0 ? a + 1 : (whole + 1) * POW10[j + s];
			out[j] = new long[] { a, b };
		}
		return out;
	}

	private long countDigits(String body, boolean negative, long cap, boolean skipZero) {
		// inclusive limits on the magnitude x (grid units), where the value is x or -x
		long lo = negative ? -this.high : this.low;
		long hi = negative ? -this.low : this.high;
		long total = 0;
		for (long[] interval : intervals(body)) {
			long a = Math.max(interval[0], lo);
			long b = Math.min(interval[1] - 1, hi);
			if (skipZero) {
				// -0 is 0, which the positive side counts
				a = Math.max(a, 1);
			}
			if (a <= b) {
				total += Math.floorDiv(b, this.step) - Math.floorDiv(a - 1, this.step);
				if (total >= cap) {
					return cap;
				}
			}
		}
		return total;
	}

	/** Whether a complete number text is within the bounds and a multiple. */
	boolean inBounds(String text) {
		long v = gridValue(text);
		return v >= this.low && v <= this.high && Math.floorMod(v, this.step) == 0;
	}

	private long gridValue(String text) {
		boolean negative = text.charAt(0) == '-';
		String body = negative ? text.substring(1) : text;
		int dot = body.indexOf('.');
		int s = scale();
		long x;
		if (dot < 0) {
			x = Long.parseLong(body) * POW10[s];
		}
		else {
			String frac = body.substring(dot + 1);
			x = Long.parseLong(body.substring(0, dot)) * POW10[s] + Long.parseLong(frac) * POW10[s - frac.length()];
		}
		return negative ? -x : x;
	}

	/**
	 * The shortest text that completes a number prefix to a value in bounds, outside
	 * {@code excluded}; the prefix itself when it is complete already.
	 * @param text a feasible prefix
	 * @param excluded values that may not be written
	 * @return the completed text (starting with {@code text}), or {@code null} if there
	 * is none
	 */
	@Nullable String shortestCompletion(String text, ValueSet excluded) {
		// breadth-first over appended characters, digits and the point, in byte order;
		// prefixes that are not
		// feasible are pruned, so each level holds few candidates
		java.util.List<String> level = java.util.List.of(text);
		for (int depth = 0; depth <= maxIntDigits() + NUMBER_FRACTION_DIGITS + 2; depth++) {
			java.util.List<String> next = new java.util.ArrayList<>();
			for (String candidate : level) {
				if (complete(candidate) && !excluded.contains(ValueSet.ofNumber(candidate))) {
					return candidate;
				}
			}
			for (String candidate : level) {
				for (char c : new char[] { '-', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' }) {
					String longer = extend(candidate, c);
					if (longer != null && count(longer, 1, excluded) > 0 && next.size() < 64) {
						next.add(longer);
					}
				}
			}
			level = next;
		}
		return null;
	}

	/** Whether a text is a complete number of this spec. */
	boolean complete(String text) {
		return !text.isEmpty() && Character.isDigit(text.charAt(text.length() - 1)) && inBounds(text);
	}

	/**
	 * The number text with one more character, or {@code null} when that is not a number
	 * (prefix) of the policy.
	 */
	@Nullable String extend(String text, int b) {
		if (b == '-') {
			return text.isEmpty() ? "-" : null;
		}
		boolean negative = text.startsWith("-");
		String body = negative ? text.substring(1) : text;
		int dot = body.indexOf('.');
		if (b == '.') {
			return (!this.integer && dot < 0 && !body.isEmpty()) ? text + '.' : null;
		}
		if (b < '0' || b > '9') {
			return null;
		}
		if (dot >= 0) {
			return (body.length() - dot - 1 < NUMBER_FRACTION_DIGITS) ? text + (char) b : null;
		}
		if (body.equals("0") || body.length() >= maxIntDigits()) {
			return null;
		}
		return text + (char) b;
	}

}
