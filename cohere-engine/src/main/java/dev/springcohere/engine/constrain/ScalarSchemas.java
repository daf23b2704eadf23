package dev.springcohere.engine.constrain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.springcohere.engine.constrain.SchemaParts.Part;

/**
 * Compiles the string and number keywords of {@link SchemaParts}: {@code pattern}s and
 * {@code format}s intersected into one automaton with the length bounds; bounds and
 * {@code multipleOf} of numbers.
 */
final class ScalarSchemas {

	private ScalarSchemas() {
	}

	static StringSpec string(SchemaParts parts) {
		CharDfa dfa = null;
		boolean exact = true;
		for (String[] pattern : parts.strings("pattern")) {
			dfa = intersect(dfa, RegexCompiler.compile(pattern[0], "pattern", pattern[1]), "pattern", pattern[1]);
		}
		for (String[] format : parts.strings("format")) {
			String regex = Formats.regex(format[0]);
			if (regex == null) {
				throw new UnsupportedSchemaException("format", format[1],
						"format '" + format[0] + "' is not supported; supported formats: " + Formats.names());
			}
			dfa = intersect(dfa, RegexCompiler.compile(regex, "format", format[1]), "format", format[1]);
			exact = false;
		}
		int min = parts.maxCount("minLength", 0);
		int max = parts.minCount("maxLength");
		if (max >= 0 && max < min) {
			throw new UnsupportedSchemaException("maxLength", parts.at("maxLength"),
					"maxLength " + max + " is below minLength " + min + "; no string satisfies both");
		}
		StringSpec spec = new StringSpec(dfa, min, max, exact);
		if (dfa != null && !spec.feasible(0, 0)) {
			String keyword = parts.has("maxLength") ? "maxLength" : "minLength";
			throw new UnsupportedSchemaException(keyword, parts.at(keyword),
					"no string of the " + (parts.has("pattern") ? "pattern" : "format") + " has a length between " + min
							+ " and " + ((max < 0) ? "any" : String.valueOf(max)) + " code points; widen the bounds");
		}
		return spec;
	}

	private static CharDfa intersect(@Nullable CharDfa current, CharDfa next, String keyword, String at) {
		if (current == null) {
			return next;
		}
		Function<String, UnsupportedSchemaException> error = (message) -> new UnsupportedSchemaException(keyword, at,
				message.replace("the pattern matches no string",
						"no string matches all the patterns and " + "formats of this schema"));
		return current.intersect(next, error);
	}

	static NumberSpec number(SchemaParts parts, boolean integer) {
		BigDecimal min = null;
		boolean minEx = false;
		BigDecimal max = null;
		boolean maxEx = false;
		for (Part p : parts.parts()) {
			BigDecimal lo = p.has("minimum") ? SchemaParts.decimal(p, "minimum") : null;
			boolean loEx = false;
			BigDecimal hi = p.has("maximum") ? SchemaParts.decimal(p, "maximum") : null;
			boolean hiEx = false;
			if (p.has("exclusiveMinimum")) {
				if (p.get("exclusiveMinimum").isBoolean()) {
					loEx = p.get("exclusiveMinimum").asBoolean() && lo != null;
				}
				else {
					BigDecimal v = SchemaParts.decimal(p, "exclusiveMinimum");
					if (lo == null || v.compareTo(lo) >= 0) {
						lo = v;
						loEx = true;
					}
				}
			}
			if (p.has("exclusiveMaximum")) {
				if (p.get("exclusiveMaximum").isBoolean()) {
					hiEx = p.get("exclusiveMaximum").asBoolean() && hi != null;
				}
				else {
					BigDecimal v = SchemaParts.decimal(p, "exclusiveMaximum");
					if (hi == null || v.compareTo(hi) <= 0) {
						hi = v;
						hiEx = true;
					}
				}
			}
			if (lo != null && (min == null || lo.compareTo(min) > 0 || (lo.compareTo(min) == 0 && loEx))) {
				min = lo;
				minEx = loEx;
			}
			if (hi != null && (max == null || hi.compareTo(max) < 0 || (hi.compareTo(max) == 0 && hiEx))) {
				max = hi;
				maxEx = hiEx;
			}
		}
		long step = 1;
		for (Part p : parts.with("multipleOf")) {
			BigDecimal m = SchemaParts.decimal(p, "multipleOf");
			if (m.signum() <= 0) {
				throw new UnsupportedSchemaException("multipleOf", p.at(), "'multipleOf' must be positive, not " + m);
			}
			long s = NumberSpec.gridStep(integer, m);
			if (s < 0 && integer && BigDecimal.ONE.remainder(m).signum() == 0) {
				s = 1;
			}
			if (s < 0) {
				throw new UnsupportedSchemaException("multipleOf", p.at(),
						"multipleOf " + m.toPlainString() + " is not supported for "
								+ (integer ? "integers (use an integer multiple)"
										: "numbers (at most " + NumberSpec.NUMBER_FRACTION_DIGITS + " decimals)"));
			}
			step = lcm(step, s);
		}
		NumberSpec spec = new NumberSpec(integer, min, minEx, max, maxEx, step);
		if (!spec.feasible("")) {
			String keyword = parts.has("multipleOf") ? "multipleOf" : (min != null)
					? (minEx ? "exclusiveMinimum" : "minimum") : (maxEx ? "exclusiveMaximum" : "maximum");
			throw new UnsupportedSchemaException(keyword, parts.at(keyword),
					"no " + (integer ? "integer" : "number") + " of at most " + spec.maxIntDigits() + " digits"
							+ (integer ? "" : " (and " + NumberSpec.NUMBER_FRACTION_DIGITS + " decimals)")
							+ " lies within the bounds" + (parts.has("multipleOf") ? " and is a multiple" : "")
							+ "; widen them");
		}
		return spec;
	}

	private static long lcm(long a, long b) {
		BigInteger x = BigInteger.valueOf(a);
		BigInteger y = BigInteger.valueOf(b);
		BigInteger l = x.multiply(y).divide(x.gcd(y));
		return (l.bitLength() > 60) ? Long.MAX_VALUE / 4 : l.longValueExact();
	}

}
