package dev.springcohere.engine.constrain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A compiled schema node: what one JSON value may be. Specs compare by identity (recursive {@code $ref}s make the
 * graph cyclic), and {@link #satisfiable} is computed once the whole schema is compiled, so that generation never
 * starts a value it cannot finish.
 */
abstract sealed class Spec {

	boolean satisfiable;

	/** The spec a value actually follows ({@code $ref}s resolved). */
	Spec resolve() {
		return this;
	}

	/** An object with known properties, written in schema order; optional properties may be left out. */
	static final class ObjectSpec extends Spec {

		final List<Property> properties;

		ObjectSpec(List<Property> properties) {
			this.properties = properties;
		}

		/** The index of the first required property at or after {@code from}, or the property count. */
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

	/** An object with any string keys and values of one spec (JSON mode without a schema). */
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

	/** One of a set of exact JSON texts ({@code enum}, {@code const}, {@code boolean}, {@code null}). */
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
	 * A number or integer, written without exponent: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?}, with at most
	 * {@link #INTEGER_DIGITS} digits for integers, and {@link #NUMBER_INT_DIGITS} before and
	 * {@link #NUMBER_FRACTION_DIGITS} after the point for numbers, so that distinct values stay distinct as doubles.
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

		NumberSpec(boolean integer, @Nullable BigDecimal min, boolean minExclusive, @Nullable BigDecimal max,
				boolean maxExclusive) {
			this.integer = integer;
			this.min = min;
			this.minExclusive = minExclusive;
			this.max = max;
			this.maxExclusive = maxExclusive;
		}

		int maxIntDigits() {
			return this.integer ? INTEGER_DIGITS : NUMBER_INT_DIGITS;
		}

		int scale() {
			return this.integer ? 0 : NUMBER_FRACTION_DIGITS;
		}

		/**
		 * Whether a number text (a syntactically valid prefix) can still be completed to a value within the bounds.
		 */
		boolean feasible(String text) {
			boolean negative = text.startsWith("-");
			String body = negative ? text.substring(1) : text;
			if (text.isEmpty() && feasible("-")) {
				return true;
			}
			if (body.isEmpty()) {
				for (char d = '0'; d <= '9'; d++) {
					if (feasible(text + d)) {
						return true;
					}
				}
				return false;
			}
			int dot = body.indexOf('.');
			String intPart = (dot < 0) ? body : body.substring(0, dot);
			// bounds on the magnitude x, where the value is x or -x
			BigDecimal lo;
			boolean loEx;
			BigDecimal hi;
			boolean hiEx;
			if (negative) {
				lo = (this.max != null) ? this.max.negate() : null;
				loEx = this.maxExclusive;
				hi = (this.min != null) ? this.min.negate() : null;
				hiEx = this.minExclusive;
			}
			else {
				lo = this.min;
				loEx = this.minExclusive;
				hi = this.max;
				hiEx = this.maxExclusive;
			}
			BigDecimal ulp = BigDecimal.ONE.movePointLeft(scale());
			if (dot >= 0) {
				String frac = body.substring(dot + 1);
				BigDecimal a = new BigDecimal(intPart + "." + (frac.isEmpty() ? "0" : frac));
				BigDecimal b = a.add(BigDecimal.ONE.movePointLeft(Math.max(frac.length(), 0)));
				if (frac.length() >= scale()) {
					b = a.add(ulp);
				}
				return pieceFeasible(a, b, lo, loEx, hi, hiEx, ulp);
			}
			BigDecimal whole = new BigDecimal(intPart);
			int extra = "0".equals(intPart) ? 0 : maxIntDigits() - intPart.length();
			for (int j = 0; j <= extra; j++) {
				BigDecimal a = whole.movePointRight(j);
				BigDecimal b = whole.add(BigDecimal.ONE).movePointRight(j);
				if (j > 0 || !this.integer) {
					if (pieceFeasible(a, b, lo, loEx, hi, hiEx, ulp)) {
						return true;
					}
				}
				else if (pieceFeasible(a, a.add(ulp), lo, loEx, hi, hiEx, ulp)) {
					return true;
				}
			}
			return false;
		}

		/** Whether a grid point of spacing {@code ulp} in {@code [a, b)} is within the bounds. */
		private static boolean pieceFeasible(BigDecimal a, BigDecimal b, @Nullable BigDecimal lo, boolean loEx,
				@Nullable BigDecimal hi, boolean hiEx, BigDecimal ulp) {
			BigDecimal x = a;
			if (lo != null && lo.compareTo(x) > 0) {
				x = lo.setScale(ulp.scale(), RoundingMode.CEILING);
			}
			if (lo != null && loEx && x.compareTo(lo) == 0) {
				x = x.add(ulp);
			}
			if (x.compareTo(b) >= 0) {
				return false;
			}
			if (hi == null) {
				return true;
			}
			int c = x.compareTo(hi);
			return hiEx ? c < 0 : c <= 0;
		}

		/** Whether a complete number text is within the bounds. */
		boolean inBounds(String text) {
			BigDecimal v = new BigDecimal(text);
			if (this.min != null) {
				int c = v.compareTo(this.min);
				if (this.minExclusive ? c <= 0 : c < 0) {
					return false;
				}
			}
			if (this.max != null) {
				int c = v.compareTo(this.max);
				return this.maxExclusive ? c < 0 : c <= 0;
			}
			return true;
		}

	}

}
