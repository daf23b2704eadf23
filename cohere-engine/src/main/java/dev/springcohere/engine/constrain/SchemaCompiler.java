package dev.springcohere.engine.constrain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.engine.constrain.Spec.AnyOfSpec;
import dev.springcohere.engine.constrain.Spec.ArraySpec;
import dev.springcohere.engine.constrain.Spec.LiteralSpec;
import dev.springcohere.engine.constrain.Spec.MapSpec;
import dev.springcohere.engine.constrain.Spec.NumberSpec;
import dev.springcohere.engine.constrain.Spec.ObjectSpec;
import dev.springcohere.engine.constrain.Spec.Property;
import dev.springcohere.engine.constrain.Spec.RefSpec;
import dev.springcohere.engine.constrain.Spec.StringSpec;

/**
 * Compiles a JSON schema of the supported subset into {@link Spec}s; anything else fails
 * with an {@link UnsupportedSchemaException} naming the keyword.
 */
final class SchemaCompiler {

	/**
	 * How deeply a value without a schema (JSON mode, untyped objects and arrays) may
	 * nest.
	 */
	static final int ANY_VALUE_DEPTH = 5;

	/** The most code points of a string in a value without a schema. */
	static final int ANY_STRING_LENGTH = 64;

	private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$schema", "$id", "$comment",
			"default", "examples", "deprecated", "readOnly", "writeOnly", "$defs", "definitions");

	private static final Set<String> SUPPORTED = Set.of("type", "properties", "required", "additionalProperties",
			"items", "minItems", "maxItems", "minLength", "maxLength", "enum", "const", "pattern", "format", "minimum",
			"maximum", "exclusiveMinimum", "exclusiveMaximum", "anyOf", "$ref");

	private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean",
			"null");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final JsonNode root;

	private final Map<String, RefSpec> refs = new HashMap<>();

	private final List<Spec> all = new ArrayList<>();

	private final Spec[] anyValue = new Spec[ANY_VALUE_DEPTH + 1];

	private SchemaCompiler(JsonNode root) {
		this.root = root;
	}

	/**
	 * Compiles a schema.
	 * @param schema the schema
	 * @return the root spec
	 * @throws UnsupportedSchemaException if the schema uses an unsupported keyword or
	 * cannot be satisfied
	 */
	static Spec compile(JsonNode schema) {
		SchemaCompiler compiler = new SchemaCompiler(schema);
		Spec spec = compiler.node(schema, "");
		compiler.resolveRefs();
		compiler.computeSatisfiable();
		if (!spec.resolve().satisfiable) {
			throw new UnsupportedSchemaException("required", "", "no finite JSON value satisfies this schema "
					+ "(a required property or minItems refers back to itself with no way out)");
		}
		return spec;
	}

	/**
	 * Any JSON object, nested at most {@link #ANY_VALUE_DEPTH} levels (JSON mode without
	 * a schema).
	 */
	static Spec anyObject() {
		SchemaCompiler compiler = new SchemaCompiler(MAPPER.createObjectNode());
		Spec spec = compiler.register(new MapSpec(compiler.anyValue(ANY_VALUE_DEPTH - 1)));
		compiler.computeSatisfiable();
		return spec;
	}

	private <S extends Spec> S register(S spec) {
		this.all.add(spec);
		return spec;
	}

	private Spec anyValue(int depth) {
		Spec cached = this.anyValue[depth];
		if (cached != null) {
			return cached;
		}
		List<Spec> alternatives = new ArrayList<>();
		alternatives.add(register(new StringSpec(null, 0, ANY_STRING_LENGTH)));
		alternatives.add(register(new NumberSpec(false, null, false, null, false)));
		alternatives.add(literals(List.of(MAPPER.getNodeFactory().booleanNode(true),
				MAPPER.getNodeFactory().booleanNode(false), MAPPER.getNodeFactory().nullNode())));
		if (depth > 0) {
			alternatives.add(register(new MapSpec(anyValue(depth - 1))));
			alternatives.add(register(new ArraySpec(anyValue(depth - 1), 0, -1)));
		}
		Spec spec = register(new AnyOfSpec(alternatives));
		this.anyValue[depth] = spec;
		return spec;
	}

	private Spec literals(List<JsonNode> values) {
		Set<String> seen = new LinkedHashSet<>();
		for (JsonNode value : values) {
			seen.add(MAPPER.writeValueAsString(value));
		}
		byte[][] options = seen.stream().map((s) -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
		return register(new LiteralSpec(options));
	}

	private Spec node(JsonNode schema, String at) {
		if (schema.isBoolean()) {
			if (schema.asBoolean()) {
				return anyValue(ANY_VALUE_DEPTH);
			}
			throw new UnsupportedSchemaException("false", at, "the schema 'false' allows no value");
		}
		if (!schema.isObject()) {
			throw new UnsupportedSchemaException("type", at, "a schema must be a JSON object, not " + schema);
		}
		for (String key : schema.propertyNames()) {
			if (!SUPPORTED.contains(key) && !ANNOTATIONS.contains(key)) {
				throw new UnsupportedSchemaException(key, at, "the keyword is not supported by constrained "
						+ "decoding; supported: " + String.join(", ", SUPPORTED.stream().sorted().toList()));
			}
		}
		if (schema.has("$ref")) {
			if (schema.size() > 1
					&& schema.propertyNames().stream().anyMatch((k) -> !"$ref".equals(k) && !ANNOTATIONS.contains(k))) {
				throw new UnsupportedSchemaException("$ref", at,
						"a $ref must stand alone (no other constraints next to it)");
			}
			String ref = text(schema.get("$ref"), "$ref", at);
			return this.refs.computeIfAbsent(ref, (r) -> register(new RefSpec(r)));
		}
		if (schema.has("const")) {
			return literals(List.of(schema.get("const")));
		}
		if (schema.has("enum")) {
			JsonNode values = schema.get("enum");
			if (!values.isArray() || values.isEmpty()) {
				throw new UnsupportedSchemaException("enum", at, "'enum' must be a non-empty array");
			}
			List<JsonNode> list = new ArrayList<>();
			values.forEach(list::add);
			return literals(list);
		}
		if (schema.has("anyOf")) {
			JsonNode alternatives = schema.get("anyOf");
			if (!alternatives.isArray() || alternatives.isEmpty()) {
				throw new UnsupportedSchemaException("anyOf", at, "'anyOf' must be a non-empty array of schemas");
			}
			if (schema.has("type")) {
				throw new UnsupportedSchemaException("anyOf", at,
						"'anyOf' next to 'type' is not supported; put the type inside each alternative");
			}
			List<Spec> specs = new ArrayList<>();
			for (int i = 0; i < alternatives.size(); i++) {
				specs.add(node(alternatives.get(i), at + "/anyOf/" + i));
			}
			return register(new AnyOfSpec(specs));
		}
		JsonNode type = schema.get("type");
		if (type == null) {
			if (schema.has("properties") || schema.has("required")) {
				return typed(schema, "object", at);
			}
			if (schema.has("items")) {
				return typed(schema, "array", at);
			}
			if (schema.has("pattern") || schema.has("format")) {
				return typed(schema, "string", at);
			}
			return anyValue(ANY_VALUE_DEPTH);
		}
		if (type.isArray()) {
			List<Spec> specs = new ArrayList<>();
			for (JsonNode t : type) {
				specs.add(typed(schema, text(t, "type", at), at));
			}
			if (specs.isEmpty()) {
				throw new UnsupportedSchemaException("type", at, "'type' must not be an empty array");
			}
			return (specs.size() == 1) ? specs.get(0) : register(new AnyOfSpec(specs));
		}
		return typed(schema, text(type, "type", at), at);
	}

	private Spec typed(JsonNode schema, String type, String at) {
		if (!TYPES.contains(type)) {
			throw new UnsupportedSchemaException("type", at, "unknown type '" + type + "'; expected one of " + TYPES);
		}
		return switch (type) {
			case "object" -> object(schema, at);
			case "array" -> array(schema, at);
			case "string" -> string(schema, at);
			case "number", "integer" -> number(schema, "integer".equals(type), at);
			case "boolean" -> literals(
					List.of(MAPPER.getNodeFactory().booleanNode(true), MAPPER.getNodeFactory().booleanNode(false)));
			default -> literals(List.of(MAPPER.getNodeFactory().nullNode()));
		};
	}

	private Spec object(JsonNode schema, String at) {
		JsonNode additional = schema.get("additionalProperties");
		if (additional != null && !additional.isBoolean()) {
			throw new UnsupportedSchemaException("additionalProperties", at,
					"only true or false is supported, not a schema; list the properties instead");
		}
		JsonNode properties = schema.get("properties");
		Set<String> required = new LinkedHashSet<>();
		JsonNode req = schema.get("required");
		if (req != null) {
			if (!req.isArray()) {
				throw new UnsupportedSchemaException("required", at, "'required' must be an array of names");
			}
			for (JsonNode name : req) {
				required.add(text(name, "required", at));
			}
		}
		if (properties == null && required.isEmpty()) {
			return register(new MapSpec(anyValue(ANY_VALUE_DEPTH - 1)));
		}
		if (properties != null && !properties.isObject()) {
			throw new UnsupportedSchemaException("properties", at, "'properties' must be an object");
		}
		List<Property> list = new ArrayList<>();
		if (properties != null) {
			for (String name : properties.propertyNames()) {
				Spec spec = node(properties.get(name), at + "/properties/" + escape(name));
				byte[] key = MAPPER.writeValueAsString(MAPPER.getNodeFactory().stringNode(name))
					.getBytes(StandardCharsets.UTF_8);
				list.add(new Property(name, key, spec, required.contains(name)));
			}
		}
		for (String name : required) {
			if (properties == null || !properties.has(name)) {
				throw new UnsupportedSchemaException("required", at, "required property '" + name
						+ "' is not in 'properties'; every required property needs a schema");
			}
		}
		return register(new ObjectSpec(List.copyOf(list)));
	}

	private Spec array(JsonNode schema, String at) {
		JsonNode items = schema.get("items");
		Spec itemSpec;
		if (items == null) {
			itemSpec = anyValue(ANY_VALUE_DEPTH - 1);
		}
		else if (items.isArray()) {
			throw new UnsupportedSchemaException("items", at, "tuple 'items' (an array of schemas) is not supported");
		}
		else {
			itemSpec = node(items, at + "/items");
		}
		int min = count(schema, "minItems", at, 0);
		int max = count(schema, "maxItems", at, -1);
		if (max >= 0 && max < min) {
			throw new UnsupportedSchemaException("maxItems", at,
					"maxItems " + max + " is below minItems " + min + "; no array satisfies both");
		}
		return register(new ArraySpec(itemSpec, min, max));
	}

	private static int count(JsonNode schema, String keyword, String at, int absent) {
		JsonNode value = schema.get(keyword);
		if (value == null) {
			return absent;
		}
		if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 10_000) {
			throw new UnsupportedSchemaException(keyword, at,
					"'" + keyword + "' must be an integer between 0 and 10000, not " + value);
		}
		return value.asInt();
	}

	private Spec string(JsonNode schema, String at) {
		if ((schema.has("pattern") || schema.has("format")) && (schema.has("minLength") || schema.has("maxLength"))) {
			throw new UnsupportedSchemaException(schema.has("minLength") ? "minLength" : "maxLength", at,
					"length bounds are only supported on strings without 'pattern' or 'format'; put the length in "
							+ "the pattern, such as [a-z]{1,8}");
		}
		if (schema.has("pattern") && schema.has("format")) {
			throw new UnsupportedSchemaException("format", at, "'pattern' and 'format' together are not supported");
		}
		if (schema.has("pattern")) {
			return register(
					new StringSpec(RegexCompiler.compile(text(schema.get("pattern"), "pattern", at), "pattern", at)));
		}
		if (schema.has("format")) {
			String format = text(schema.get("format"), "format", at);
			String regex = Formats.regex(format);
			if (regex == null) {
				throw new UnsupportedSchemaException("format", at,
						"format '" + format + "' is not supported; supported formats: " + Formats.names());
			}
			return register(new StringSpec(RegexCompiler.compile(regex, "format", at)));
		}
		int min = count(schema, "minLength", at, 0);
		int max = count(schema, "maxLength", at, -1);
		if (max >= 0 && max < min) {
			throw new UnsupportedSchemaException("maxLength", at,
					"maxLength " + max + " is below minLength " + min + "; no string satisfies both");
		}
		return register(new StringSpec(null, min, max));
	}

	private Spec number(JsonNode schema, boolean integer, String at) {
		BigDecimal min = decimal(schema, "minimum", at);
		BigDecimal max = decimal(schema, "maximum", at);
		boolean minEx = false;
		boolean maxEx = false;
		JsonNode exMin = schema.get("exclusiveMinimum");
		if (exMin != null && exMin.isBoolean()) {
			minEx = exMin.asBoolean();
		}
		else if (exMin != null) {
			BigDecimal v = decimal(schema, "exclusiveMinimum", at);
			if (min == null || v.compareTo(min) >= 0) {
				min = v;
				minEx = true;
			}
		}
		JsonNode exMax = schema.get("exclusiveMaximum");
		if (exMax != null && exMax.isBoolean()) {
			maxEx = exMax.asBoolean();
		}
		else if (exMax != null) {
			BigDecimal v = decimal(schema, "exclusiveMaximum", at);
			if (max == null || v.compareTo(max) <= 0) {
				max = v;
				maxEx = true;
			}
		}
		NumberSpec spec = register(new NumberSpec(integer, min, minEx, max, maxEx));
		if (!spec.feasible("")) {
			String keyword = (min != null) ? (minEx ? "exclusiveMinimum" : "minimum")
					: (maxEx ? "exclusiveMaximum" : "maximum");
			throw new UnsupportedSchemaException(keyword, at,
					"no " + (integer ? "integer" : "number") + " of at most " + spec.maxIntDigits() + " digits"
							+ (integer ? "" : " (and " + NumberSpec.NUMBER_FRACTION_DIGITS + " decimals)")
							+ " lies within the bounds; widen them");
		}
		return spec;
	}

	private static @Nullable BigDecimal decimal(JsonNode schema, String keyword, String at) {
		JsonNode value = schema.get(keyword);
		if (value == null) {
			return null;
		}
		if (!value.isNumber()) {
			throw new UnsupportedSchemaException(keyword, at, "'" + keyword + "' must be a number, not " + value);
		}
		return value.decimalValue();
	}

	private static String text(JsonNode value, String keyword, String at) {
		if (!value.isString()) {
			throw new UnsupportedSchemaException(keyword, at, "expected a string but got " + value);
		}
		return value.asString();
	}

	private static String escape(String name) {
		return name.replace("~", "~0").replace("/", "~1");
	}

	private void resolveRefs() {
		// refs can be added while resolving (a $def referring to another)
		List<RefSpec> pending = new ArrayList<>(this.refs.values());
		Set<String> done = new LinkedHashSet<>();
		while (!pending.isEmpty()) {
			RefSpec ref = pending.remove(pending.size() - 1);
			if (!done.add(ref.ref)) {
				continue;
			}
			if (!ref.ref.startsWith("#")) {
				throw new UnsupportedSchemaException("$ref", "",
						"only local references ('#/$defs/...') are " + "supported, not '" + ref.ref + "'");
			}
			JsonNode target = this.root.at(ref.ref.substring(1));
			if (target.isMissingNode()) {
				throw new UnsupportedSchemaException("$ref", "", "'" + ref.ref + "' points to nothing in the schema");
			}
			int before = this.refs.size();
			ref.target = node(target, ref.ref.substring(1));
			if (this.refs.size() != before) {
				pending.addAll(this.refs.values());
			}
		}
	}

	/** The least fixpoint: a spec is satisfiable when some finite value follows it. */
	private void computeSatisfiable() {
		boolean changed = true;
		while (changed) {
			changed = false;
			for (Spec spec : this.all) {
				if (!spec.satisfiable && satisfiable(spec)) {
					spec.satisfiable = true;
					changed = true;
				}
			}
		}
	}

	private static boolean satisfiable(Spec spec) {
		return switch (spec) {
			case ObjectSpec o ->
				o.properties.stream().noneMatch((p) -> p.required() && !p.spec().resolve().satisfiable);
			case ArraySpec a -> a.minItems == 0 || a.items.resolve().satisfiable;
			case AnyOfSpec a -> a.alternatives.stream().anyMatch((s) -> s.resolve().satisfiable);
			case RefSpec r -> r.resolve().satisfiable;
			default -> true;
		};
	}

}
