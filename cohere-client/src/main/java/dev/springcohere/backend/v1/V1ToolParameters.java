package dev.springcohere.backend.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.springcohere.api.Tool;

/**
 * Turns the JSON schema of a v2 function tool into v1 {@code parameter_definitions}: one
 * definition per top-level property, with its description, whether it is required, and
 * its type as the Python type name v1 expects ({@code str}, {@code int}, {@code float},
 * {@code bool}, {@code Dict}, {@code List}, {@code List[int]}…; Cohere's v1 {@code Tool}
 * reference). A nullable type ({@code ["string", "null"]}) maps as its non-null type. A
 * property without a type v1 can express fails with the tool, the parameter and the
 * schema, rather than being sent as {@code str}.
 *
 * @since 0.1.0
 */
public final class V1ToolParameters {

	private V1ToolParameters() {
	}

	/**
	 * One v1 parameter definition.
	 *
	 * @param name the parameter name
	 * @param description the description, or {@code null}
	 * @param type the Python type name
	 * @param required whether the parameter is required
	 */
	public record Definition(String name, @Nullable String description, String type, boolean required) {
	}

	/**
	 * Maps a tool's parameters.
	 * @param tool a function tool
	 * @param target the name of the backend, for the error message
	 * @return the definitions in the order of the schema's properties
	 * @throws IllegalArgumentException for a tool that is not a function, or a parameter
	 * without a v1 type
	 */
	public static List<Definition> definitions(Tool tool, String target) {
		Objects.requireNonNull(tool, "'tool' must not be null");
		Tool.Function function = tool.function();
		if (!Tool.FUNCTION.equals(tool.type()) || function == null) {
			throw new IllegalArgumentException(
					"Only function tools can be sent to " + target + ", got a tool of " + "type '" + tool.type() + "'");
		}
		JsonNode schema = function.parameters();
		List<String> required = new ArrayList<>();
		schema.path("required").forEach((name) -> required.add(name.asString()));
		List<Definition> definitions = new ArrayList<>();
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			JsonNode description = property.getValue().get("description");
			definitions.add(new Definition(property.getKey(),
					(description != null && description.isString()) ? description.asString() : null,
					pythonType(function.name(), property.getKey(), property.getValue()),
					required.contains(property.getKey())));
		}
		return definitions;
	}

	/**
	 * The Python type name of one JSON-schema property.
	 * @param tool the tool, for the error message
	 * @param parameter the parameter, for the error message
	 * @param schema the property's schema
	 * @return the type name
	 * @throws IllegalArgumentException when the schema has no type v1 can express
	 */
	public static String pythonType(String tool, String parameter, JsonNode schema) {
		JsonNode type = schema.get("type");
		if (type != null && type.isArray()) {
			for (JsonNode candidate : type) {
				if (!"null".equals(candidate.asString())) {
					type = candidate;
					break;
				}
			}
		}
		String name = (type != null && type.isString()) ? type.asString() : "";
		return switch (name) {
			case "string" -> "str";
			case "integer" -> "int";
			case "number" -> "float";
			case "boolean" -> "bool";
			case "object" -> "Dict";
			case "array" -> {
				JsonNode items = schema.get("items");
				yield (items != null && items.has("type")) ? "List[" + pythonType(tool, parameter, items) + "]"
						: "List";
			}
			default -> throw new IllegalArgumentException("The parameter '" + parameter + "' of the tool '" + tool
					+ "' has no JSON-schema type the v1 parameter_definitions can express (string, integer, number, "
					+ "boolean, object, array); got: " + schema);
		};
	}

}
