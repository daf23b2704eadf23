package dev.springcohere.engine.constrain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A compiled schema node: what one JSON value may be. Specs compare by identity
 * (recursive {@code $ref}s make the graph cyclic), and {@link #satisfiable} is computed
 * once the whole schema is compiled, so that generation never starts a value it cannot
 * finish.
 */
abstract sealed class Spec {

	boolean satisfiable;

	/** The spec a value actually follows ({@code $ref}s resolved). */
	Spec resolve() {
		return this;
	}

	/**
	 * An object with known properties, written in schema order; optional properties may
	 * be left out.
	 */
	static final class ObjectSpec extends Spec {

		final List<Property> properties;

		ObjectSpec(List<Property> properties) {
			this.properties = properties;
		}

		/**
		 * The index of the first required property at or after {@code from}, or the
		 * property count.
		 */
		int firstRequired(int from) {
			for (int i = from; i < this.properties.size(); i++) {
				if (this.properties.get(i).required) {
					return i;
				}
			}
			return this.properties.size();
		}

	}

	/**
	 * A property of an object.
	 *
	 * @param name the name
	 * @param key the JSON-encoded name, quotes included
	 * @param spec the value's spec
	 * @param required whether it must be present
	 */
	record Property(String name, byte[] key, Spec spec, boolean required) {
	}

	/**
	 * An object with any string keys and values of one spec (JSON mode without a schema).
	 */
	static final class MapSpec extends Spec {

		final Spec values;

		MapSpec(Spec values) {
			this.values = values;
		}

	}

	/** An array of items of one spec. */
	static final class ArraySpec extends Spec {

		final Spec items;

		final int minItems;

		/** The most items, or -1 for no limit. */
		final int maxItems;

		ArraySpec(Spec items, int minItems, int maxItems) {
			this.items = items;
			this.minItems = minItems;
			this.maxItems = maxItems;
		}

	}

	/** A string, free or following an automaton ({@code pattern}, {@code format}). */
	static final class StringSpec extends Spec {

		final @Nullable CharDfa dfa;

		final int minLength;

		/** The most code points, or -1 for no limit. */
		final int maxLength;

		StringSpec(@Nullable CharDfa dfa) {
			this(dfa, 0, -1);
		}

		StringSpec(@Nullable CharDfa dfa, int minLength, int maxLength) {
			this.dfa = dfa;
			this.minLength = minLength;
			this.maxLength = maxLength;
		}

	}

	/**
	 * One of a set of exact JSON texts ({@code enum}, {@code const}, {@code boolean},
	 * {@code null}).
	 */
	static final class LiteralSpec extends Spec {

		final byte[][] options;

		LiteralSpec(byte[][] options) {
			this.options = options;
		}

	}

	/** One of several specs. */
	static final class AnyOfSpec extends Spec {

		final List<Spec> alternatives;

		AnyOfSpec(List<Spec> alternatives) {
			this.alternatives = alternatives;
		}

	}

	/** A {@code $ref}, resolved after the schema is compiled. */
	static final class RefSpec extends Spec {

		final String ref;

		@Nullable Spec target;

		RefSpec(String ref) {
			this.ref = ref;
		}

		@Override
		Spec resolve() {
			Spec t = this.target;
			if (t == null) {
				throw new IllegalStateException("Unresolved $ref " + this.ref);
			}
			return t.resolve();
		}

	}

	/**
	 * A number or integer, written without exponent:
	 * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?}, with at most {@link #INTEGER_DIGITS} digits
	 * for integers, and {@link #NUMBER_INT_DIGITS} before and
	 * {@link #NUMBER_FRACTION_DIGITS} after the point for numbers, so that distinct
	 * values stay distinct as doubles.
	 */
	static final class NumberSpec extends Spec {

		static final int INTEGER_DIGITS = 15;

		static final int NUMBER_INT_DIGITS = 9;

		static final int NUMBER_FRACTION_DIGITS = 6;

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

		NumberSpec(boolean integer, @Nullable BigDecimal min, boolean minExclusive, @Nullable BigDecimal max,
				boolean maxExclusive) {
			this.integer = integer;
			this.min = min;
			this.minExclusive = minExclusive;
			this.max = max;
			this.maxExclusive = maxExclusive;
			long limit = BigDecimal.TEN.pow(maxIntDigits() + scale()).longValueExact();
			this.low = (min != null) ? clamp(scaled(min, minExclusive ? RoundingMode.FLOOR : RoundingMode.CEILING)
				.add(minExclusive ? BigDecimal.ONE : BigDecimal.ZERO), limit) : -limit;
			this.high = (max != null) ? clamp(scaled(max, maxExclusive ? RoundingMode.CEILING : RoundingMode.FLOOR)
				.subtract(maxExclusive ? BigDecimal.ONE : BigDecimal.ZERO), limit) : limit;
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

		private static final long[] POW10 = new long[19];

		static {
			POW10[0] = 1;
			for (int i = 1; i < POW10.length; i++) {
				POW10[i] = POW10[i - 1] * 10;
			}
		}

		/**
		 * Whether a number text (a syntactically valid prefix) can still be completed to
		 * a value within the bounds.
		 */
		boolean feasible(String text) {
			if (text.isEmpty()) {
				return feasible("-") || feasibleDigits("", false);
			}
			boolean negative = text.charAt(0) == '-';
			return feasibleDigits(negative ? text.substring(1) : text, negative);
		}

		private boolean feasibleDigits(String body, boolean negative) {
			if (body.isEmpty()) {
				for (char d = '0'; d <= '9'; d++) {
					if (feasibleDigits(String.valueOf(d), negative)) {
						return true;
					}
				}
				return false;
			}
			// inclusive limits on the magnitude x (times 10^scale), where the value is x
			// or -x
			long lo = negative ? -this.high : this.low;
			long hi = negative ? -this.low : this.high;
			int dot = body.indexOf('.');
			int s = scale();
			if (dot >= 0) {
				long whole = Long.parseLong(body.substring(0, dot));
				String frac = body.substring(dot + 1);
				long a = whole * POW10[s] + (frac.isEmpty() ? 0 : Long.parseLong(frac) * POW10[s - frac.length()]);
				long b = a + POW10[s - Math.min(frac.length(), s)];
				return overlaps(a, b, lo, hi);
			}
			long whole = Long.parseLong(body);
			int extra = "0".equals(body) ? 0 : maxIntDigits() - body.length();
			for (int j = 0; j <= extra; j++) {
				long a = whole * POW10[j + s];
				long b = this.integer && j == 0 ? a + 1 : (whole + 1) * POW10[j + s];
				if (overlaps(a, b, lo, hi)) {
					return true;
				}
			}
			return false;
		}

		/** Whether some grid point in {@code [a, b)} lies in {@code [lo, hi]}. */
		private static boolean overlaps(long a, long b, long lo, long hi) {
			return Math.max(a, lo) <= Math.min(b - 1, hi);
		}

		/** Whether a complete number text is within the bounds. */
		boolean inBounds(String text) {
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
			long v = negative ? -x : x;
			return v >= this.low && v <= this.high;
		}

	}

}
