package dev.springcohere.engine.constrain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.engine.constrain.SchemaParts.Part;
import dev.springcohere.engine.constrain.Spec.ArraySpec;
import dev.springcohere.engine.constrain.Spec.ObjectSpec;
import dev.springcohere.engine.constrain.Spec.Property;

/**
 * Compiles the object and array keywords of {@link SchemaParts} for
 * {@link SchemaCompiler}: properties merged across parts (a property listed by several
 * parts gets all their schemas, one another part's {@code additionalProperties} forbids
 * is left out), extra properties, property counts; prefix and further items, item counts,
 * {@code uniqueItems}.
 */
final class ContainerSchemas {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private ContainerSchemas() {
	}

	static Spec object(SchemaCompiler compiler, SchemaParts parts) {
		Set<String> required = new LinkedHashSet<>();
		Map<String, List<Part>> properties = new LinkedHashMap<>();
		List<Part> additional = new ArrayList<>();
		boolean closed = false;
		for (Part p : parts.parts()) {
			if (p.has("required")) {
				if (!p.get("required").isArray()) {
					throw new UnsupportedSchemaException("required", p.at(), "'required' must be an array of names");
				}
				for (JsonNode name : p.get("required")) {
					required.add(SchemaParts.text(name, "required", p.at()));
				}
			}
			if (p.has("properties")) {
				if (!p.get("properties").isObject()) {
					throw new UnsupportedSchemaException("properties", p.at(), "'properties' must be an object");
				}
				for (String name : p.get("properties").propertyNames()) {
					properties.computeIfAbsent(name, (n) -> new ArrayList<>())
						.add(new Part(p.get("properties").get(name), p.at() + "/properties/" + escape(name)));
				}
			}
			if (p.has("additionalProperties")) {
				JsonNode extra = p.get("additionalProperties");
				if (extra.isBoolean()) {
					closed |= !extra.asBoolean();
				}
				else {
					additional.add(new Part(extra, p.at() + "/additionalProperties"));
				}
			}
		}
		List<Property> list = new ArrayList<>();
		for (Map.Entry<String, List<Part>> entry : properties.entrySet()) {
			String name = entry.getKey();
			List<Part> schemas = new ArrayList<>(entry.getValue());
			boolean forbidden = false;
			for (Part p : parts.parts()) {
				boolean lists = p.has("properties") && p.get("properties").has(name);
				JsonNode extra = p.get("additionalProperties");
				if (!lists && extra != null) {
					if (extra.isBoolean() && !extra.asBoolean()) {
						forbidden = true;
					}
					else if (!extra.isBoolean()) {
						schemas.add(new Part(extra, p.at() + "/additionalProperties"));
					}
				}
			}
			if (forbidden) {
				if (required.contains(name)) {
					throw new UnsupportedSchemaException("additionalProperties", parts.at("additionalProperties"),
							"required property '" + name + "' is forbidden by another part's additionalProperties "
									+ "false; no object satisfies both");
				}
				continue;
			}
			Spec spec = (schemas.size() == 1) ? compiler.node(schemas.get(0).node(), schemas.get(0).at())
					: compiler.compile(schemas);
			byte[] key = MAPPER.writeValueAsString(MAPPER.getNodeFactory().stringNode(name))
				.getBytes(StandardCharsets.UTF_8);
			list.add(new Property(name, key, spec, required.contains(name)));
		}
		for (String name : required) {
			if (!properties.containsKey(name)) {
				throw new UnsupportedSchemaException("required", parts.at("required"), "required property '" + name
						+ "' is not in 'properties'; every required property needs a schema");
			}
		}
		int min = parts.maxCount("minProperties", 0);
		int max = parts.minCount("maxProperties");
		if (max >= 0 && max < required.size()) {
			throw new UnsupportedSchemaException("maxProperties", parts.at("maxProperties"),
					"maxProperties " + max + " is below the " + required.size() + " required properties");
		}
		if (max >= 0 && max < min) {
			throw new UnsupportedSchemaException("maxProperties", parts.at("maxProperties"),
					"maxProperties " + max + " is below minProperties " + min + "; no object satisfies both");
		}
		Spec extra = null;
		if (!closed) {
			if (!additional.isEmpty()) {
				extra = compiler.compile(additional);
			}
			else if (properties.isEmpty() || min > list.size()) {
				// no listed properties (a free object), or too few for minProperties:
				// extras of any value
				extra = compiler.anyValue(SchemaCompiler.ANY_VALUE_DEPTH - 1);
			}
		}
		if (extra == null && min > list.size()) {
			throw new UnsupportedSchemaException("minProperties", parts.at("minProperties"),
					"minProperties " + min + " is above the " + list.size()
							+ " properties this object may have (additionalProperties " + "false)");
		}
		return compiler.register(new ObjectSpec(List.copyOf(list), extra, closed, min, max, Layout.COMPACT));
	}

	static Spec array(SchemaCompiler compiler, SchemaParts parts) {
		int prefixLength = 0;
		int max = parts.minCount("maxItems");
		for (Part p : parts.with("prefixItems")) {
			JsonNode prefix = p.get("prefixItems");
			if (!prefix.isArray() || prefix.isEmpty()) {
				throw new UnsupportedSchemaException("prefixItems", p.at(),
						"'prefixItems' must be a non-empty array of schemas");
			}
			prefixLength = Math.max(prefixLength, prefix.size());
		}
		for (Part p : parts.with("items")) {
			if (p.get("items").isArray()) {
				throw new UnsupportedSchemaException("items", p.at(), "tuple 'items' (an array of schemas) is not "
						+ "supported; use 'prefixItems' (draft 2020-12) instead");
			}
			if (p.get("items").isBoolean() && !p.get("items").asBoolean()) {
				int own = p.has("prefixItems") ? p.get("prefixItems").size() : 0;
				max = (max < 0) ? own : Math.min(max, own);
			}
		}
		List<Spec> prefix = new ArrayList<>();
		for (int i = 0; i < prefixLength && (max < 0 || i < max); i++) {
			List<Part> schemas = new ArrayList<>();
			for (Part p : parts.parts()) {
				JsonNode own = p.get("prefixItems");
				if (own != null && i < own.size()) {
					schemas.add(new Part(own.get(i), p.at() + "/prefixItems/" + i));
				}
				else if (p.has("items")) {
					schemas.add(new Part(p.get("items"), p.at() + "/items"));
				}
			}
			prefix.add((schemas.size() == 1) ? compiler.node(schemas.get(0).node(), schemas.get(0).at())
					: compiler.compile(schemas));
		}
		Spec items = null;
		if (max < 0 || max > prefix.size()) {
			List<Part> schemas = new ArrayList<>();
			for (Part p : parts.with("items")) {
				schemas.add(new Part(p.get("items"), p.at() + "/items"));
			}
			items = schemas.isEmpty() ? compiler.anyValue(SchemaCompiler.ANY_VALUE_DEPTH - 1) : (schemas.size() == 1)
					? compiler.node(schemas.get(0).node(), schemas.get(0).at()) : compiler.compile(schemas);
		}
		int min = parts.maxCount("minItems", 0);
		if (max >= 0 && max < min) {
			throw new UnsupportedSchemaException("maxItems", parts.at(parts.has("maxItems") ? "maxItems" : "items"),
					"at most " + max + " items are allowed but minItems is " + min + "; no array satisfies both");
		}
		boolean unique = parts.flag("uniqueItems");
		if (unique && !prefix.isEmpty()) {
			throw new UnsupportedSchemaException("uniqueItems", parts.at("uniqueItems"),
					"uniqueItems together with prefixItems is not supported");
		}
		ArraySpec spec = compiler.register(new ArraySpec(List.copyOf(prefix), items, min, max, unique, Layout.COMPACT));
		if (unique) {
			compiler.uniqueArray(spec, parts.at("uniqueItems"));
		}
		return spec;
	}

	private static String escape(String name) {
		return name.replace("~", "~0").replace("/", "~1");
	}

}
