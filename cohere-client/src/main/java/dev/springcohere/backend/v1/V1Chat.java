package dev.springcohere.backend.v1;

import java.util.Map;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

import dev.springcohere.api.v1.V1ChatRequest;

/**
 * A v1 chat request made from a v2 one, with the documents it carries by the id sent (for
 * turning citations back into v2 sources).
 *
 * @param request the v1 request (no {@code model}, no {@code stream}: the backend sets
 * them as its target needs)
 * @param documents the documents sent, keyed by their id, as JSON objects
 * @since 0.1.0
 */
public record V1Chat(V1ChatRequest request, Map<String, JsonNode> documents) {

	/**
	 * Checks and copies the parts.
	 * @param request the request
	 * @param documents the documents by id
	 */
	public V1Chat {
		Objects.requireNonNull(request, "'request' must not be null");
		documents = Map.copyOf(documents);
	}

}
