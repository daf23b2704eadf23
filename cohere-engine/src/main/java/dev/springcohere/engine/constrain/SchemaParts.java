package dev.springcohere.engine.constrain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The schema objects that one value must satisfy together (one normally; several for
 * {@code allOf} and for a {@code $ref} with other keywords next to it), each with its
 * JSON pointer, and the combined value of each keyword: bounds are the tightest,
 * {@code required} the union, patterns and formats all apply.
 *
 * @param parts the schema objects
 */
record SchemaParts(List<Part> parts) {

	/** Annotations: keywords that never change which values validate. */
	static final Set<String> ANNOTATIONS = Set.of("title", "description", "$schema", "$id", "$comment", "default",
			"examples", "deprecated", "readOnly", "writeOnly", "$defs", "definitions", "$anchor", "contentMediaType");

	/** The keywords constrained decoding enforces. */
	static final Set<String> SUPPORTED = Set.of("type", "properties", "required", "additionalProperties",
			"minProperties", "maxProperties", "items", "prefixItems", "minItems", "maxItems", "uniqueItems",
			"minLength", "maxLength", "enum", "const", "pattern", "format", "minimum", "maximum", "exclusiveMinimum",
			"exclusiveMaximum", "multipleOf", "anyOf", "oneOf", "allOf", "$ref");

	/**
	 * One schema object.
	 *
	 * @param node the schema object
	 * @param at its JSON pointer ({@code ""} for the root)
	 */
	record Part(JsonNode node, String at) {

		boolean has(String keyword) {
			return this.node.has(keyword);
		}

		JsonNode get(String keyword) {
			return this.node.get(keyword);
		}

		/** Whether the part holds nothing but annotations. */
		boolean onlyAnnotations() {
			for (String key : this.node.propertyNames()) {
				if (!ANNOTATIONS.contains(key)) {
					return false;
				}
			}
			return true;
		}

	}

	/** Checks that every keyword of a schema object is supported or an annotation. */
	static void checkKeywords(JsonNode node, String at) {
		for (String key : node.propertyNames()) {
			if (!SUPPORTED.contains(key) && !ANNOTATIONS.contains(key)) {
				throw new UnsupportedSchemaException(key, at, "the keyword is not supported by constrained decoding; "
						+ "supported: " + String.join(", ", SUPPORTED.stream().sorted().toList()));
			}
		}
	}

	/** Whether some part has the keyword. */
	boolean has(String keyword) {
		for (Part p : this.parts) {
			if (p.has(keyword)) {
				return true;
			}
		}
		return false;
	}

	/** Whether some part has one of the keywords. */
	boolean hasAny(String... keywords) {
		for (String k : keywords) {
			if (has(k)) {
				return true;
			}
		}
		return false;
	}

	/** The parts that have the keyword. */
	List<Part> with(String keyword) {
		List<Part> out = new ArrayList<>();
		for (Part p : this.parts) {
			if (p.has(keyword)) {
				out.add(p);
			}
		}
		return out;
	}

	/** The parts without one keyword (the part left out when it holds nothing else). */
	SchemaParts without(String keyword) {
		List<Part> out = new ArrayList<>();
		for (Part p : this.parts) {
			if (p.has(keyword)) {
				tools.jackson.databind.node.ObjectNode copy = ((tools.jackson.databind.node.ObjectNode) p.node())
					.deepCopy();
				copy.remove(keyword);
				out.add(new Part(copy, p.at()));
			}
			else {
				out.add(p);
			}
		}
		return new SchemaParts(out);
	}

	/** The pointer to report for a keyword: the first part that has it. */
	String at(String keyword) {
		for (Part p : this.parts) {
			if (p.has(keyword)) {
				return p.at();
			}
		}
		return this.parts.isEmpty() ? "" : this.parts.get(0).at();
	}

	/**
	 * The types all parts allow, in order of appearance; {@code null} when no part has
	 * {@code type}.
	 */
	@Nullable Set<String> types(Set<String> known) {
		Set<String> result = null;
		for (Part p : with("type")) {
			JsonNode type = p.get("type");
			Set<String> these = new LinkedHashSet<>();
			if (type.isArray()) {
				if (type.isEmpty()) {
					throw new UnsupportedSchemaException("type", p.at(), "'type' must not be an empty array");
				}
				for (JsonNode t : type) {
					these.add(text(t, "type", p.at()));
				}
			}
			else {
				these.add(text(type, "type", p.at()));
			}
			for (String t : these) {
				if (!known.contains(t)) {
					throw new UnsupportedSchemaException("type", p.at(),
							"unknown type '" + t + "'; expected one of " + known);
				}
			}
			if (result == null) {
				result = these;
			}
			else {
				Set<String> merged = new LinkedHashSet<>();
				for (String t : result) {
					if (these.contains(t) || ("integer".equals(t) && these.contains("number"))) {
						merged.add(t);
					}
					else if ("number".equals(t) && these.contains("integer")) {
						merged.add("integer");
					}
				}
				result = merged;
			}
		}
		if (result != null && result.isEmpty()) {
			throw new UnsupportedSchemaException("type", at("type"),
					"the parts of this schema (allOf or $ref) allow no common type");
		}
		return result;
	}

	/** The largest value of a count keyword, or {@code absent}. */
	int maxCount(String keyword, int absent) {
		int result = absent;
		for (Part p : with(keyword)) {
			result = Math.max(result, count(p, keyword));
		}
		return result;
	}

	/** The smallest value of a count keyword, or -1 when no part has it. */
	int minCount(String keyword) {
		int result = -1;
		for (Part p : with(keyword)) {
			int c = count(p, keyword);
			result = (result < 0) ? c : Math.min(result, c);
		}
		return result;
	}

	private static int count(Part p, String keyword) {
		JsonNode value = p.get(keyword);
		if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 10_000) {
			throw new UnsupportedSchemaException(keyword, p.at(),
					"'" + keyword + "' must be an integer between 0 and 10000, not " + value);
		}
		return value.asInt();
	}

	/** Whether some part sets a boolean keyword to true. */
	boolean flag(String keyword) {
		for (Part p : with(keyword)) {
			JsonNode value = p.get(keyword);
			if (!value.isBoolean()) {
				throw new UnsupportedSchemaException(keyword, p.at(), "'" + keyword + "' must be true or false");
			}
			if (value.asBoolean()) {
				return true;
			}
		}
		return false;
	}

	/** Every part's string value of a keyword, with its part. */
	List<String[]> strings(String keyword) {
		List<String[]> out = new ArrayList<>();
		for (Part p : with(keyword)) {
			out.add(new String[] { text(p.get(keyword), keyword, p.at()), p.at() });
		}
		return out;
	}

	/** A number keyword's value. */
	static BigDecimal decimal(Part p, String keyword) {
		JsonNode value = p.get(keyword);
		if (!value.isNumber()) {
			throw new UnsupportedSchemaException(keyword, p.at(), "'" + keyword + "' must be a number, not " + value);
		}
		return value.decimalValue();
	}

	static String text(JsonNode value, String keyword, String at) {
		if (!value.isString()) {
			throw new UnsupportedSchemaException(keyword, at, "expected a string but got " + value);
		}
		return value.asString();
	}

}
