package dev.springcohere.engine.server;

import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes counts as the platform does, as integers: the API model reads every count
 * ({@code input_tokens}, {@code search_units}, {@code context_length}, …) as a
 * {@link Double}, since a server may send a fraction, so it would write {@code 12.0};
 * this turns each whole-valued count back into {@code 12}, anywhere in a body.
 */
final class WholeCounts {

	/** The fields that hold counts. */
	static final Set<String> FIELDS = Set.of("input_tokens", "output_tokens", "search_units", "classifications",
			"images", "image_tokens", "pages", "cached_tokens", "context_length");

	private WholeCounts() {
	}

	/**
	 * Rewrites the whole-valued counts of a body, in place.
	 * @param body the body's tree
	 * @return the same tree
	 */
	static JsonNode of(JsonNode body) {
		if (body instanceof ObjectNode object) {
			for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
				JsonNode value = field.getValue();
				if (FIELDS.contains(field.getKey()) && value.isFloatingPointNumber()) {
					double count = value.doubleValue();
					if (count == Math.rint(count) && Math.abs(count) < 0x1p53) {
						object.put(field.getKey(), (long) count);
					}
				}
				else {
					of(value);
				}
			}
		}
		else if (body instanceof ArrayNode array) {
			for (JsonNode element : array) {
				of(element);
			}
		}
		return body;
	}

}
