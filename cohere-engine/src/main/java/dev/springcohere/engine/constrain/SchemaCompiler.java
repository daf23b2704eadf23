package dev.springcohere.engine.constrain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.engine.constrain.SchemaParts.Part;
import dev.springcohere.engine.constrain.Spec.AnyOfSpec;
import dev.springcohere.engine.constrain.Spec.ArraySpec;
import dev.springcohere.engine.constrain.Spec.LiteralSpec;
import dev.springcohere.engine.constrain.Spec.ObjectSpec;
import dev.springcohere.engine.constrain.Spec.Property;
import dev.springcohere.engine.constrain.Spec.RefSpec;

/**
 * Compiles a JSON schema of the supported subset into {@link Spec}s; anything else fails
 * with an {@link UnsupportedSchemaException} naming the keyword and its JSON pointer.
 * {@code allOf} and a {@code $ref} with keywords next to it are merged
 * ({@link SchemaParts}); {@code anyOf} and {@code oneOf} next to other keywords are
 * distributed over their alternatives; {@code oneOf} must have disjoint alternatives
 * ({@link Disjointness}). What needs the whole schema (references, {@code enum} values
 * filtered by the keywords next to them, {@code uniqueItems}, {@code oneOf}) is checked
 * once everything is compiled.
 */
final class SchemaCompiler {

	/**
	 * How deeply a value without a schema (JSON mode, untyped objects and arrays) may
	 * nest.
	 */
	static final int ANY_VALUE_DEPTH = 5;

	private static final Set<String> TYPES = new LinkedHashSet<>(
			List.of("object", "array", "string", "number", "integer", "boolean", "null"));

	private static final int MAX_MERGE_DEPTH = 32;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final JsonNode root;

	private final Map<String, RefSpec> refs = new HashMap<>();

	private final List<Spec> all = new ArrayList<>();

	private final Spec[] anyValue = new Spec[ANY_VALUE_DEPTH + 1];

	/**
	 * Literal sets to filter by the keywords next to them, once references are resolved.
	 */
	private final Map<LiteralSpec, Spec> literalFilters = new IdentityHashMap<>();

	private final Map<ArraySpec, String> uniqueArrays = new IdentityHashMap<>();

	private final Map<AnyOfSpec, String> oneOfs = new IdentityHashMap<>();

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
		compiler.filterLiterals();
		compiler.checkUniqueArrays();
		compiler.checkOneOfs();
		if (!spec.resolve().satisfiable) {
			throw new UnsupportedSchemaException("required", "", "no finite JSON value satisfies this schema "
					+ "(a required property, minItems or minProperties refers back to itself with no way out, or "
					+ "no enum value satisfies the keywords next to it)");
		}
		return spec;
	}

	/**
	 * Any JSON object, nested at most {@link #ANY_VALUE_DEPTH} levels (JSON mode without
	 * a schema).
	 */
	static Spec anyObject() {
		SchemaCompiler compiler = new SchemaCompiler(MAPPER.createObjectNode());
		Spec spec = compiler.freeObject(compiler.anyValue(ANY_VALUE_DEPTH - 1), 0, -1);
		compiler.computeSatisfiable();
		return spec;
	}

	<S extends Spec> S register(S spec) {
		this.all.add(spec);
		return spec;
	}

	/** Records an array with {@code uniqueItems}, checked once the schema is compiled. */
	void uniqueArray(ArraySpec spec, String at) {
		this.uniqueArrays.put(spec, at);
	}

	private ObjectSpec freeObject(Spec values, int minProperties, int maxProperties) {
		return register(new ObjectSpec(List.of(), values, false, minProperties, maxProperties, Layout.COMPACT));
	}

	Spec anyValue(int depth) {
		Spec cached = this.anyValue[depth];
		if (cached != null) {
			return cached;
		}
		List<Spec> alternatives = new ArrayList<>();
		alternatives.add(register(new StringSpec(null)));
		alternatives.add(register(new NumberSpec(false, null, false, null, false)));
		alternatives.add(literals(List.of(MAPPER.getNodeFactory().booleanNode(true),
				MAPPER.getNodeFactory().booleanNode(false), MAPPER.getNodeFactory().nullNode())));
		if (depth > 0) {
			alternatives.add(freeObject(anyValue(depth - 1), 0, -1));
			alternatives.add(register(new ArraySpec(anyValue(depth - 1), 0, -1)));
		}
		Spec spec = register(new AnyOfSpec(alternatives));
		this.anyValue[depth] = spec;
		return spec;
	}

	/** The literal set of some JSON values, one per distinct value. */
	private LiteralSpec literals(List<JsonNode> values) {
		Map<String, byte[]> seen = new LinkedHashMap<>();
		for (JsonNode value : values) {
			byte[] json = MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
			seen.putIfAbsent(ValueSet.ofJson(json), json);
		}
		return register(new LiteralSpec(seen.values().toArray(byte[][]::new)));
	}

	/** Compiles one schema object. */
	Spec node(JsonNode schema, String at) {
		if (schema.isObject() && schema.has("$ref")) {
			boolean alone = true;
			for (String key : schema.propertyNames()) {
				alone &= "$ref".equals(key) || SchemaParts.ANNOTATIONS.contains(key);
			}
			if (alone) {
				SchemaParts.checkKeywords(schema, at);
				String ref = SchemaParts.text(schema.get("$ref"), "$ref", at);
				return this.refs.computeIfAbsent(ref, (r) -> register(new RefSpec(r)));
			}
		}
		return compile(List.of(new Part(schema, at)));
	}

	/** Compiles schema objects that one value must satisfy together. */
	Spec compile(List<Part> input) {
		List<Part> flat = new ArrayList<>();
		for (Part p : input) {
			flatten(p, flat, 0);
		}
		if (flat.isEmpty()) {
			return anyValue(ANY_VALUE_DEPTH);
		}
		SchemaParts parts = new SchemaParts(flat);
		for (Part p : flat) {
			for (String keyword : List.of("anyOf", "oneOf")) {
				if (p.has(keyword)) {
					return distribute(parts, p, keyword);
				}
			}
		}
		if (parts.hasAny("enum", "const")) {
			return enumerated(parts);
		}
		Set<String> types = parts.types(TYPES);
		if (types == null) {
			String inferred = parts.hasAny("properties", "required", "additionalProperties", "minProperties",
					"maxProperties")
							? "object"
							: parts.hasAny("items", "prefixItems", "minItems", "maxItems", "uniqueItems") ? "array"
									: parts.hasAny("pattern", "format", "minLength", "maxLength") ? "string"
											: parts.hasAny("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
													"multipleOf") ? "number" : null;
			if (inferred == null) {
				return anyValue(ANY_VALUE_DEPTH);
			}
			types = Set.of(inferred);
		}
		List<Spec> specs = new ArrayList<>();
		for (String type : types) {
			specs.add(typed(parts, type));
		}
		return (specs.size() == 1) ? specs.get(0) : register(new AnyOfSpec(specs));
	}

	/**
	 * Adds a schema object to the parts, replacing {@code allOf} by its branches and a
	 * {@code $ref} next to other keywords by its target (both merged with the rest of the
	 * object).
	 */
	private void flatten(Part part, List<Part> out, int depth) {
		JsonNode node = part.node();
		if (node.isBoolean()) {
			if (!node.asBoolean()) {
				throw new UnsupportedSchemaException("false", part.at(), "the schema 'false' allows no value");
			}
			return;
		}
		if (!node.isObject()) {
			throw new UnsupportedSchemaException("type", part.at(), "a schema must be a JSON object, not " + node);
		}
		SchemaParts.checkKeywords(node, part.at());
		if (depth > MAX_MERGE_DEPTH) {
			throw new UnsupportedSchemaException(node.has("$ref") ? "$ref" : "allOf", part.at(),
					"allOf and $ref merge into themselves (a circular reference through allOf or a $ref with other "
							+ "keywords); only a $ref standing alone may be recursive");
		}
		ObjectNode rest = (ObjectNode) node;
		if (node.has("$ref")) {
			String ref = SchemaParts.text(node.get("$ref"), "$ref", part.at());
			flatten(new Part(target(ref, part.at()), ref.substring(1)), out, depth + 1);
			rest = rest.deepCopy();
			rest.remove("$ref");
		}
		if (node.has("allOf")) {
			JsonNode branches = node.get("allOf");
			if (!branches.isArray() || branches.isEmpty()) {
				throw new UnsupportedSchemaException("allOf", part.at(),
						"'allOf' must be a non-empty array of schemas");
			}
			for (int i = 0; i < branches.size(); i++) {
				flatten(new Part(branches.get(i), part.at() + "/allOf/" + i), out, depth + 1);
			}
			rest = rest.deepCopy();
			rest.remove("allOf");
		}
		Part remaining = new Part(rest, part.at());
		if (!remaining.onlyAnnotations()) {
			out.add(remaining);
		}
	}

	private JsonNode target(String ref, String at) {
		if (!ref.startsWith("#")) {
			throw new UnsupportedSchemaException("$ref", at,
					"only local references ('#/$defs/...') are supported, " + "not '" + ref + "'");
		}
		JsonNode target = this.root.at(ref.substring(1));
		if (target.isMissingNode()) {
			throw new UnsupportedSchemaException("$ref", at, "'" + ref + "' points to nothing in the schema");
		}
		return target;
	}

	/**
	 * {@code anyOf}/{@code oneOf} next to other keywords: each alternative merged with
	 * the rest.
	 */
	private Spec distribute(SchemaParts parts, Part holder, String keyword) {
		JsonNode alternatives = holder.get(keyword);
		if (!alternatives.isArray() || alternatives.isEmpty()) {
			throw new UnsupportedSchemaException(keyword, holder.at(),
					"'" + keyword + "' must be a non-empty array of schemas");
		}
		List<Part> rest = new ArrayList<>();
		for (Part p : parts.parts()) {
			if (p == holder) {
				ObjectNode copy = ((ObjectNode) p.node()).deepCopy();
				copy.remove(keyword);
				rest.add(new Part(copy, p.at()));
			}
			else {
				rest.add(p);
			}
		}
		List<Spec> specs = new ArrayList<>();
		for (int i = 0; i < alternatives.size(); i++) {
			List<Part> merged = new ArrayList<>(rest);
			merged.add(new Part(alternatives.get(i), holder.at() + "/" + keyword + "/" + i));
			specs.add(compile(merged));
		}
		AnyOfSpec spec = register(new AnyOfSpec(specs));
		if ("oneOf".equals(keyword)) {
			this.oneOfs.put(spec, holder.at());
		}
		return spec;
	}

	/**
	 * {@code enum}/{@code const}: the values all of them allow, filtered later by the
	 * keywords next to them.
	 */
	private Spec enumerated(SchemaParts parts) {
		List<JsonNode> values = null;
		for (Part p : parts.parts()) {
			List<JsonNode> these = new ArrayList<>();
			if (p.has("const")) {
				these.add(p.get("const"));
			}
			if (p.has("enum")) {
				JsonNode list = p.get("enum");
				if (!list.isArray() || list.isEmpty()) {
					throw new UnsupportedSchemaException("enum", p.at(), "'enum' must be a non-empty array");
				}
				List<JsonNode> allowed = new ArrayList<>();
				list.forEach(allowed::add);
				these = p.has("const") ? intersect(these, allowed) : allowed;
			}
			else if (!p.has("const")) {
				continue;
			}
			values = (values == null) ? these : intersect(values, these);
		}
		if (values == null || values.isEmpty()) {
			String keyword = parts.has("enum") ? "enum" : "const";
			throw new UnsupportedSchemaException(keyword, parts.at(keyword),
					"no value is allowed by every enum and const of this schema");
		}
		LiteralSpec spec = literals(values);
		SchemaParts rest = parts.without("enum").without("const");
		boolean constrained = false;
		for (Part p : rest.parts()) {
			constrained |= !p.onlyAnnotations();
		}
		if (constrained) {
			this.literalFilters.put(spec, compile(rest.parts()));
		}
		return spec;
	}

	private static List<JsonNode> intersect(List<JsonNode> a, List<JsonNode> b) {
		Set<String> keep = new HashSet<>();
		for (JsonNode v : b) {
			keep.add(ValueSet.ofJson(MAPPER.writeValueAsString(v).getBytes(StandardCharsets.UTF_8)));
		}
		List<JsonNode> out = new ArrayList<>();
		for (JsonNode v : a) {
			if (keep.contains(ValueSet.ofJson(MAPPER.writeValueAsString(v).getBytes(StandardCharsets.UTF_8)))) {
				out.add(v);
			}
		}
		return out;
	}

	private Spec typed(SchemaParts parts, String type) {
		return switch (type) {
			case "object" -> ContainerSchemas.object(this, parts);
			case "array" -> ContainerSchemas.array(this, parts);
			case "string" -> register(ScalarSchemas.string(parts));
			case "number", "integer" -> register(ScalarSchemas.number(parts, "integer".equals(type)));
			case "boolean" -> literals(
					List.of(MAPPER.getNodeFactory().booleanNode(true), MAPPER.getNodeFactory().booleanNode(false)));
			default -> literals(List.of(MAPPER.getNodeFactory().nullNode()));
		};
	}

	private void resolveRefs() {
		// refs can be added while resolving (a $def referring to another)
		Set<String> done = new HashSet<>();
		boolean more = true;
		while (more) {
			more = false;
			for (RefSpec ref : new ArrayList<>(this.refs.values())) {
				if (done.add(ref.ref)) {
					ref.target = node(target(ref.ref, ""), ref.ref.substring(1));
					more = true;
				}
			}
		}
		for (RefSpec ref : this.refs.values()) {
			Set<RefSpec> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
			Spec s = ref;
			while (s instanceof RefSpec r) {
				if (!seen.add(r)) {
					throw new UnsupportedSchemaException("$ref", r.ref.substring(1),
							"the references '" + ref.ref + "' and '" + r.ref + "' only point at each other");
				}
				s = r.target;
			}
		}
	}

	/** The least fixpoint: a spec is satisfiable when some finite value follows it. */
	private void computeSatisfiable() {
		for (Spec spec : this.all) {
			spec.satisfiable = false;
		}
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
			case ObjectSpec o -> o.properties.stream().noneMatch((p) -> p.required() && !p.spec().resolve().satisfiable)
					&& (o.extrasAllowed() || o.properties.stream()
						.filter((p) -> p.spec().resolve().satisfiable)
						.count() >= o.minProperties);
			case ArraySpec a -> {
				for (int i = 0; i < a.minItems; i++) {
					Spec item = a.item(i);
					if (item == null || !item.resolve().satisfiable) {
						yield false;
					}
					if (i >= a.prefix.size()) {
						break;
					}
				}
				yield true;
			}
			case AnyOfSpec a -> a.alternatives.stream().anyMatch((s) -> s.resolve().satisfiable);
			case RefSpec r -> r.resolve().satisfiable;
			case LiteralSpec l -> l.options.length > 0;
			case StringSpec s -> true;
			case NumberSpec n -> true;
		};
	}

	private void filterLiterals() {
		if (this.literalFilters.isEmpty()) {
			return;
		}
		for (Map.Entry<LiteralSpec, Spec> filter : this.literalFilters.entrySet()) {
			filter.getKey().retain((json) -> GrammarState.matches(filter.getValue(), json));
		}
		computeSatisfiable();
	}

	private void checkUniqueArrays() {
		for (Map.Entry<ArraySpec, String> entry : this.uniqueArrays.entrySet()) {
			ArraySpec array = entry.getKey();
			Spec item = (array.items != null) ? array.items.resolve() : null;
			long distinct = switch (item) {
				case LiteralSpec l -> l.options.length;
				case StringSpec s -> s.completions(0, 0, Spec.MANY);
				case NumberSpec n -> n.count("", Spec.MANY, ValueSet.EMPTY);
				case null, default -> throw new UnsupportedSchemaException("uniqueItems", entry.getValue(),
						"uniqueItems is supported for arrays of enum or const values, strings, numbers and integers "
								+ "(one type), not for these items");
			};
			if (distinct < array.minItems) {
				throw new UnsupportedSchemaException("uniqueItems", entry.getValue(), "minItems " + array.minItems
						+ " distinct items are needed but the items may take only " + distinct + " values");
			}
			array.distinct = distinct;
		}
	}

	private void checkOneOfs() {
		for (Map.Entry<AnyOfSpec, String> entry : this.oneOfs.entrySet()) {
			List<Spec> alternatives = entry.getKey().alternatives;
			for (int i = 0; i < alternatives.size(); i++) {
				for (int j = i + 1; j < alternatives.size(); j++) {
					if (!Disjointness.disjoint(alternatives.get(i), alternatives.get(j))) {
						throw new UnsupportedSchemaException("oneOf", entry.getValue(), "alternatives " + i + " and "
								+ j + " may both match one value, and constrained decoding only enforces oneOf when "
								+ "no value matches two alternatives; use anyOf, or tell them apart (a required "
								+ "property with different const values, different types or disjoint bounds)");
					}
				}
			}
		}
	}

}
