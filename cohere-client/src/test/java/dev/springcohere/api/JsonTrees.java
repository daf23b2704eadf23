package dev.springcohere.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.Assertions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares JSON trees as JSON: numbers by value ({@code 5} equals {@code 5.0}),
 * everything else exactly.
 */
public final class JsonTrees {

	private JsonTrees() {
	}

	public static void assertEquivalent(JsonNode actual, JsonNode expected) {
		Assertions.assertThat(actual.equals((a, b) -> compare(a, b), expected))
			.as("JSON trees differ%nactual:   %s%nexpected: %s", actual, expected)
			.isTrue();
	}

	private static int compare(JsonNode a, JsonNode b) {
		if (a.isNumber() && b.isNumber()) {
			return a.decimalValue().compareTo(b.decimalValue());
		}
		return a.equals(b) ? 0 : 1;
	}

	/**
	 * Returns a copy without empty arrays, which the model reads as "none" and does not
	 * write back (documented on the response records).
	 */
	public static JsonNode withoutEmptyArrays(JsonNode node) {
		JsonNode copy = node.deepCopy();
		strip(copy);
		return copy;
	}

	private static void strip(JsonNode node) {
		if (node instanceof ObjectNode object) {
			List<String> empty = new ArrayList<>();
			for (Map.Entry<String, JsonNode> property : object.properties()) {
				if (property.getValue().isArray() && property.getValue().isEmpty()) {
					empty.add(property.getKey());
				}
				else {
					strip(property.getValue());
				}
			}
			empty.forEach(object::remove);
		}
		else if (node instanceof ArrayNode array) {
			array.forEach(JsonTrees::strip);
		}
	}

}
