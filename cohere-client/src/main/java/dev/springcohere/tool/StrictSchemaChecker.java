package dev.springcohere.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

import dev.springcohere.api.Tool;

/**
 * Checks JSON schemas against the subset Cohere documents for {@code strict_tools} and
 * for {@code response_format} schemas, so that a mismatch fails at startup with a clear
 * message instead of a 400 at the first request.
 * <p>
 * The rules: the root is an {@code object}; every object lists its {@code properties}, at
 * least one of them in {@code required} (so every tool has a required parameter), only
 * existing names in {@code required}, and {@code additionalProperties: false}; keywords
 * are limited to {@code type} (one of {@code string}, {@code integer}, {@code number},
 * {@code boolean}, {@code array}, {@code object}, {@code null}), {@code properties},
 * {@code required}, {@code additionalProperties}, {@code items}, {@code enum},
 * {@code const} (scalar values), {@code pattern} (without {@code ^}, {@code $},
 * {@code (?=}, {@code (?!}), {@code format} ({@code date-time}, {@code uuid},
 * {@code date}, {@code time}), {@code $ref} (to {@code #/$defs/...}, or {@code #} for the
 * root of a recursive type), {@code $defs}, {@code anyOf}, and the annotations
 * {@code title}, {@code description}, {@code $comment}; so {@code minimum},
 * {@code maximum}, {@code minLength}, {@code maxLength}, {@code minItems},
 * {@code maxItems}, {@code uniqueItems}, {@code allOf}, {@code oneOf} and {@code not} are
 * rejected. A set of strict tools may declare at most {@value #MAX_TOOL_PROPERTIES}
 * properties in all.
 * <p>
 * Choices where Cohere's documentation is silent (pinned by tests): {@code anyOf} is
 * accepted (the v2 page lists it, the older v1 page does not); properties count toward
 * the {@value #MAX_TOOL_PROPERTIES} limit at every nesting level, each {@code $defs}
 * entry once; nesting depth is not limited unless a limit is given to
 * {@link #StrictSchemaChecker(int)}; a type array such as {@code ["string", "null"]} is
 * rejected. Thread-safe.
 *
 * @since 0.1.0
 */
public final class StrictSchemaChecker {

	/**
	 * The most properties that all strict tools of one request may declare (Cohere's
	 * documented limit).
	 */
	public static final int MAX_TOOL_PROPERTIES = 200;

	private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$comment");

	private static final Set<String> KEYWORDS = Set.of("type", "properties", "required", "additionalProperties",
			"items", "enum", "const", "pattern", "format", "$ref", "$defs", "anyOf");

	private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "array", "object",
			"null");

	private static final Set<String> FORMATS = Set.of("date-time", "uuid", "date", "time");

	private static final String NUMBER_FIX = "remove @Min, @Max, @DecimalMin, @DecimalMax, @Positive, @Negative"
			+ " (and their OrZero forms) here and check the value in your code";

	private static final String LENGTH_FIX = "remove @Size, @NotEmpty or @NotBlank from this text and check its length"
			+ " in your code";

	private static final String ITEMS_FIX = "remove @Size or @NotEmpty from this collection and check its size in"
			+ " your code";

	private static final String COMPOSITION_FIX = "use one concrete record type here (no polymorphic subtypes or"
			+ " schema composition)";

	private static final Map<String, String> FIXES = Map.ofEntries(Map.entry("minimum", NUMBER_FIX),
			Map.entry("maximum", NUMBER_FIX), Map.entry("exclusiveMinimum", NUMBER_FIX),
			Map.entry("exclusiveMaximum", NUMBER_FIX), Map.entry("multipleOf", NUMBER_FIX),
			Map.entry("minLength", LENGTH_FIX), Map.entry("maxLength", LENGTH_FIX), Map.entry("minItems", ITEMS_FIX),
			Map.entry("maxItems", ITEMS_FIX), Map.entry("minProperties", ITEMS_FIX),
			Map.entry("maxProperties", ITEMS_FIX),
			Map.entry("uniqueItems",
					"declare a List instead of a Set, or leave strict mode (uniqueItems is accepted"
							+ " only in non-strict tool use)"),
			Map.entry("allOf", COMPOSITION_FIX), Map.entry("oneOf", COMPOSITION_FIX), Map.entry("not", COMPOSITION_FIX),
			Map.entry("if", COMPOSITION_FIX), Map.entry("then", COMPOSITION_FIX), Map.entry("else", COMPOSITION_FIX));

	private final int maxDepth;

	/**
	 * Creates a checker without a nesting limit.
	 */
	public StrictSchemaChecker() {
		this(Integer.MAX_VALUE);
	}

	/**
	 * Creates a checker that also limits how deeply objects nest.
	 * @param maxDepth the most nested object levels, the root being level 1
	 */
	public StrictSchemaChecker(int maxDepth) {
		if (maxDepth < 1) {
			throw new IllegalArgumentException("'maxDepth' must be at least 1, but was " + maxDepth);
		}
		this.maxDepth = maxDepth;
	}

	/**
	 * Checks one schema (a tool's {@code parameters} or a {@code response_format}
	 * schema).
	 * @param schema the schema
	 * @return the violations, empty when the schema fits
	 */
	public List<StrictSchemaViolation> check(JsonNode schema) {
		Objects.requireNonNull(schema, "'schema' must not be null");
		List<StrictSchemaViolation> violations = new ArrayList<>();
		if (!schema.isObject() || !"object".equals(schema.path("type").asString(""))) {
			violations.add(new StrictSchemaViolation("", "the root schema is not of type 'object'",
					"take the parameters of a method, or wrap the value in a record"));
		}
		walk(schema, schema, "", 1, violations);
		JsonNode definitions = schema.path("$defs");
		if (definitions.isObject()) {
			for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
				walk(schema, definition.getValue(), "/$defs/" + escape(definition.getKey()), 1, violations);
			}
		}
		return List.copyOf(violations);
	}

	/**
	 * Checks one schema and throws when it does not fit.
	 * @param schema the schema
	 * @param subject what the schema belongs to, for the message (such as
	 * {@code tool 'x' (com.example.Tools#x(String))})
	 * @throws StrictSchemaException listing every violation
	 */
	public void requireStrict(JsonNode schema, String subject) {
		List<StrictSchemaViolation> violations = check(schema);
		if (!violations.isEmpty()) {
			throw new StrictSchemaException(subject, violations);
		}
	}

	/**
	 * Checks a set of tools sent together with {@code strict_tools}: each schema, and the
	 * total number of properties.
	 * @param tools the tools
	 * @throws StrictSchemaException naming every tool that does not fit, with its
	 * violations
	 */
	public void requireStrictTools(List<? extends ToolCallback> tools) {
		Objects.requireNonNull(tools, "'tools' must not be null");
		List<StrictSchemaViolation> all = new ArrayList<>();
		List<String> subjects = new ArrayList<>();
		int total = 0;
		for (ToolCallback tool : tools) {
			Tool.Function function = Objects.requireNonNull(tool.definition().function(),
					() -> "The definition of " + tool + " has no function");
			JsonNode parameters = function.parameters();
			total += countProperties(parameters);
			List<StrictSchemaViolation> violations = check(parameters);
			if (!violations.isEmpty()) {
				subjects.add(describe(tool));
				for (StrictSchemaViolation violation : violations) {
					all.add(new StrictSchemaViolation(violation.pointer(),
							"[tool '" + function.name() + "'] " + violation.problem(), violation.fix()));
				}
			}
		}
		if (total > MAX_TOOL_PROPERTIES) {
			subjects.add(tools.size() + " tools");
			all.add(new StrictSchemaViolation("",
					"the tools declare " + total + " properties in all, more than the " + MAX_TOOL_PROPERTIES
							+ " Cohere allows with strict_tools",
					"send fewer tools per request, or flatten nested parameter types"));
		}
		if (!all.isEmpty()) {
			throw new StrictSchemaException("Strict tools " + String.join(", ", subjects), all);
		}
	}

	/**
	 * Counts the properties a schema declares at every nesting level, each {@code $defs}
	 * entry once.
	 * @param schema the schema
	 * @return the number of properties
	 */
	public static int countProperties(JsonNode schema) {
		int count = 0;
		if (schema.isObject()) {
			for (Map.Entry<String, JsonNode> entry : schema.properties()) {
				JsonNode value = entry.getValue();
				if (entry.getKey().equals("properties") && value.isObject()) {
					count += value.size();
					for (JsonNode property : value) {
						count += countProperties(property);
					}
				}
				else if (value.isContainer()) {
					count += countProperties(value);
				}
			}
		}
		else if (schema.isArray()) {
			for (JsonNode element : schema) {
				count += countProperties(element);
			}
		}
		return count;
	}

	static String describe(ToolCallback tool) {
		return (tool instanceof MethodToolCallback method) ? method.toString() : "tool '" + tool.name() + "'";
	}

	private void walk(JsonNode root, JsonNode node, String pointer, int depth, List<StrictSchemaViolation> out) {
		if (!node.isObject()) {
			out.add(new StrictSchemaViolation(pointer, "a schema must be a JSON object, found " + node,
					"use a concrete Java type here"));
			return;
		}
		for (String keyword : node.propertyNames()) {
			if (!KEYWORDS.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
				out.add(new StrictSchemaViolation(pointer, "keyword '" + keyword + "' is not supported",
						FIXES.getOrDefault(keyword, "remove the annotation or type that produces '" + keyword + "'")));
			}
		}
		JsonNode type = node.get("type");
		if (type == null && !node.has("$ref") && !node.has("anyOf") && !node.has("enum") && !node.has("const")
				&& !node.has("oneOf") && !node.has("allOf") && !node.has("not")) {
			out.add(new StrictSchemaViolation(pointer, "a value without a type (such as Object or JsonNode)",
					"use a concrete Java type here"));
		}
		if (type != null && !type.isString()) {
			out.add(new StrictSchemaViolation(pointer, "'type' is " + type + ", not a single type name",
					"make the property non-nullable and leave it out of 'required' instead"));
		}
		else if (type != null && !TYPES.contains(type.asString())) {
			out.add(new StrictSchemaViolation(pointer, "unknown type '" + type.asString() + "'",
					"use string, integer, number, boolean, array or object"));
		}
		boolean object = (type != null && type.isString() && "object".equals(type.asString()))
				|| node.has("properties");
		if (object) {
			checkObject(root, node, pointer, depth, out);
		}
		checkScalars(root, node, pointer, out);
		JsonNode items = node.get("items");
		if (items != null) {
			walk(root, items, pointer + "/items", depth, out);
		}
		JsonNode anyOf = node.get("anyOf");
		if (anyOf != null) {
			if (!anyOf.isArray() || anyOf.isEmpty()) {
				out.add(new StrictSchemaViolation(pointer, "'anyOf' is not a non-empty array", COMPOSITION_FIX));
			}
			else {
				for (int i = 0; i < anyOf.size(); i++) {
					walk(root, anyOf.get(i), pointer + "/anyOf/" + i, depth, out);
				}
			}
		}
		if (!pointer.isEmpty() && node.has("$defs")) {
			out.add(new StrictSchemaViolation(pointer, "'$defs' is nested inside the schema",
					"move the definitions to the root '$defs'"));
		}
	}

	private void checkObject(JsonNode root, JsonNode node, String pointer, int depth, List<StrictSchemaViolation> out) {
		if (depth > this.maxDepth) {
			out.add(new StrictSchemaViolation(pointer,
					"objects nest " + depth + " levels deep, more than the " + this.maxDepth + " allowed",
					"flatten the nested record types"));
		}
		JsonNode properties = node.get("properties");
		if (properties == null || !properties.isObject() || properties.isEmpty()) {
			out.add(new StrictSchemaViolation(pointer,
					"an object without declared properties (such as a Map, Object" + " or JsonNode)",
					"use a record or class with fixed properties"));
			return;
		}
		JsonNode required = node.get("required");
		if (required == null || !required.isArray() || required.isEmpty()) {
			out.add(new StrictSchemaViolation(pointer,
					pointer.isEmpty() ? "no parameter or property is required" : "this object has no required property",
					"make at least one property required: remove Optional, @Nullable or @ToolParam(required = false)"
							+ " from one of " + properties.propertyNames()));
		}
		else {
			for (JsonNode name : required) {
				if (!properties.has(name.asString(""))) {
					out.add(new StrictSchemaViolation(pointer, "required property " + name + " is not in 'properties'",
							"declare the property or remove it from 'required'"));
				}
			}
		}
		JsonNode additional = node.get("additionalProperties");
		if (additional == null || !additional.isBoolean() || additional.asBoolean()) {
			out.add(new StrictSchemaViolation(pointer, "'additionalProperties' is not false",
					"use a record or class with fixed properties instead of a Map"));
		}
		if (additional != null && additional.isObject()) {
			walk(root, additional, pointer + "/additionalProperties", depth + 1, out);
		}
		for (Map.Entry<String, JsonNode> property : properties.properties()) {
			walk(root, property.getValue(), pointer + "/properties/" + escape(property.getKey()), depth + 1, out);
		}
	}

	private static void checkScalars(JsonNode root, JsonNode node, String pointer, List<StrictSchemaViolation> out) {
		JsonNode constant = node.get("const");
		if (constant != null && constant.isContainer()) {
			out.add(new StrictSchemaViolation(pointer,
					"'const' holds " + constant.getNodeType().name().toLowerCase() + " value",
					"use a string, number, boolean or null constant"));
		}
		JsonNode pattern = node.get("pattern");
		if (pattern != null) {
			String problem = patternProblem(pattern.asString(""));
			if (problem != null) {
				out.add(new StrictSchemaViolation(pointer, "pattern '" + pattern.asString("") + "' " + problem,
						"remove anchors and lookaheads from @Pattern (Cohere matches the whole value anyway)"));
			}
		}
		JsonNode format = node.get("format");
		if (format != null && !FORMATS.contains(format.asString(""))) {
			out.add(new StrictSchemaViolation(pointer, "format '" + format.asString("") + "' is not supported",
					"use a type without a format, or one of LocalDate, LocalTime, Instant, OffsetDateTime, UUID"));
		}
		JsonNode ref = node.get("$ref");
		if (ref != null) {
			String target = ref.asString("");
			boolean valid = target.equals("#")
					|| (target.startsWith("#/$defs/") && !root.at(target.substring(1)).isMissingNode());
			if (!valid) {
				out.add(new StrictSchemaViolation(pointer,
						"'$ref' " + ref + " does not point to an entry of the root" + " '$defs'",
						"generate the schema with JsonSchemaGenerator, which hoists definitions"));
			}
		}
	}

	private static @Nullable String patternProblem(String pattern) {
		if (pattern.contains("(?=") || pattern.contains("(?!")) {
			return "uses a lookahead";
		}
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '$' || (c == '^' && (i == 0 || pattern.charAt(i - 1) != '['))) {
				return "uses the anchor '" + c + "'";
			}
		}
		return null;
	}

	private static String escape(String name) {
		return name.replace("~", "~0").replace("/", "~1");
	}

}
