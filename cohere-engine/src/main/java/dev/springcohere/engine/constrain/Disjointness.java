package dev.springcohere.engine.constrain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.engine.constrain.Spec.AnyOfSpec;
import dev.springcohere.engine.constrain.Spec.ArraySpec;
import dev.springcohere.engine.constrain.Spec.LiteralSpec;
import dev.springcohere.engine.constrain.Spec.ObjectSpec;
import dev.springcohere.engine.constrain.Spec.Property;

/**
 * Decides, conservatively, whether no JSON value validates against two compiled specs, by
 * the schema's meaning (not only the values the grammar writes): different types,
 * disjoint bounds or lengths, literal sets outside the other, patterns without a common
 * string, a required property whose values are disjoint, or a required property the other
 * object forbids. "Not disjoint" may be wrong (the check gives up on what it cannot
 * prove), never "disjoint".
 */
final class Disjointness {

	private static final int MAX_DEPTH = 8;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Disjointness() {
	}

	static boolean disjoint(Spec a, Spec b) {
		return disjoint(a, b, 0);
	}

	private static boolean disjoint(Spec first, Spec second, int depth) {
		Spec a = first.resolve();
		Spec b = second.resolve();
		if (!a.satisfiable || !b.satisfiable) {
			return true;
		}
		if (depth > MAX_DEPTH) {
			return false;
		}
		if (a instanceof AnyOfSpec any) {
			return any.alternatives.stream().allMatch((x) -> disjoint(x, b, depth + 1));
		}
		if (b instanceof AnyOfSpec any) {
			return any.alternatives.stream().allMatch((x) -> disjoint(a, x, depth + 1));
		}
		if (a instanceof LiteralSpec l) {
			return outside(l, b);
		}
		if (b instanceof LiteralSpec l) {
			return outside(l, a);
		}
		if (a.getClass() != b.getClass()) {
			return true;
		}
		return switch (a) {
			case ObjectSpec x -> objects(x, (ObjectSpec) b, depth);
			case ArraySpec x -> arrays(x, (ArraySpec) b, depth);
			case StringSpec x -> strings(x, (StringSpec) b);
			case NumberSpec x -> numbers(x, (NumberSpec) b);
			default -> false;
		};
	}

	private static boolean outside(LiteralSpec literal, Spec other) {
		for (byte[] option : literal.options) {
			if (mayMatch(other, MAPPER.readTree(new String(option, StandardCharsets.UTF_8)), option)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a value may validate against a spec (exact for literals, strings and
	 * numbers).
	 */
	private static boolean mayMatch(Spec declared, JsonNode value, byte[] json) {
		Spec spec = declared.resolve();
		return switch (spec) {
			case AnyOfSpec any -> any.alternatives.stream().anyMatch((x) -> mayMatch(x, value, json));
			case LiteralSpec l -> {
				String canonical = ValueSet.ofJson(json);
				for (String c : l.canonical) {
					if (c.equals(canonical)) {
						yield true;
					}
				}
				yield false;
			}
			case ObjectSpec o -> value.isObject();
			case ArraySpec a -> value.isArray();
			case StringSpec s -> value.isString() && (!s.exact || GrammarState.matches(s, json));
			case NumberSpec n -> value.isNumber() && inRange(n, value.decimalValue());
			default -> true;
		};
	}

	private static boolean inRange(NumberSpec n, BigDecimal v) {
		if (n.integer && v.stripTrailingZeros().scale() > 0) {
			return false;
		}
		if (n.min != null && (v.compareTo(n.min) < 0 || (n.minExclusive && v.compareTo(n.min) == 0))) {
			return false;
		}
		if (n.max != null && (v.compareTo(n.max) > 0 || (n.maxExclusive && v.compareTo(n.max) == 0))) {
			return false;
		}
		BigDecimal units = v.movePointRight(n.scale());
		return units.stripTrailingZeros().scale() > 0 || units.remainder(BigDecimal.valueOf(n.step)).signum() == 0;
	}

	private static boolean objects(ObjectSpec a, ObjectSpec b, int depth) {
		for (Property p : a.properties) {
			if (!p.required()) {
				continue;
			}
			Property q = property(b, p.name());
			if (q == null) {
				if (b.closed) {
					return true;
				}
			}
			else if (disjoint(p.spec(), q.spec(), depth + 1)) {
				// a's values have the property, and b holds it to disjoint values
				// wherever it is present
				return true;
			}
		}
		for (Property q : b.properties) {
			Property p = property(a, q.name());
			if (q.required() && ((p == null && a.closed) || (p != null && disjoint(p.spec(), q.spec(), depth + 1)))) {
				return true;
			}
		}
		return ranges(a.minProperties, a.maxProperties, b.minProperties, b.maxProperties);
	}

	private static @Nullable Property property(ObjectSpec spec, String name) {
		for (Property p : spec.properties) {
			if (p.name().equals(name)) {
				return p;
			}
		}
		return null;
	}

	private static boolean arrays(ArraySpec a, ArraySpec b, int depth) {
		if (ranges(a.minItems, a.maxItems, b.minItems, b.maxItems)) {
			return true;
		}
		for (int i = 0; i < Math.min(a.minItems, b.minItems); i++) {
			Spec x = a.item(i);
			Spec y = b.item(i);
			if (x != null && y != null && disjoint(x, y, depth + 1)) {
				return true;
			}
		}
		return false;
	}

	/** Whether two count ranges ({@code max} -1 for none) do not overlap. */
	private static boolean ranges(int minA, int maxA, int minB, int maxB) {
		return (maxA >= 0 && maxA < minB) || (maxB >= 0 && maxB < minA);
	}

	private static boolean strings(StringSpec a, StringSpec b) {
		if (ranges(a.minLength, a.maxLength, b.minLength, b.maxLength)) {
			return true;
		}
		if (!a.exact || !b.exact || (a.dfa == null && b.dfa == null)) {
			return false;
		}
		CharDfa both;
		try {
			both = (a.dfa == null) ? b.dfa
					: (b.dfa == null) ? a.dfa : a.dfa.intersect(b.dfa, (message) -> new UnsupportedSchemaException(
							message.contains("matches no string") ? "empty" : "size", "", message));
		}
		catch (UnsupportedSchemaException ex) {
			// no common string is disjoint; an intersection too large to build proves
			// nothing
			return "empty".equals(ex.keyword());
		}
		int max = (a.maxLength < 0) ? b.maxLength
				: (b.maxLength < 0) ? a.maxLength : Math.min(a.maxLength, b.maxLength);
		return !new StringSpec(both, Math.max(a.minLength, b.minLength), max).feasible(0, 0);
	}

	private static boolean numbers(NumberSpec a, NumberSpec b) {
		return below(a.max, a.maxExclusive, b.min, b.minExclusive)
				|| below(b.max, b.maxExclusive, a.min, a.minExclusive);
	}

	/** Whether every value under {@code max} is below every value over {@code min}. */
	private static boolean below(@Nullable BigDecimal max, boolean maxExclusive, @Nullable BigDecimal min,
			boolean minExclusive) {
		if (max == null || min == null) {
			return false;
		}
		int c = max.compareTo(min);
		return c < 0 || (c == 0 && (maxExclusive || minExclusive));
	}

}
