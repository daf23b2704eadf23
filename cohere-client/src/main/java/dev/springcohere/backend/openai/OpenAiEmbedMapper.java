package dev.springcohere.backend.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.ApiMeta;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.Truncate;

/**
 * Translates Cohere v2 embed requests into OpenAI Embeddings bodies ({@code input},
 * {@code model}, {@code encoding_format: float}, {@code dimensions}) and the answers back
 * into float embeddings. Images, mixed inputs, non-float embedding types,
 * {@code max_tokens} and truncation other than {@code END} are rejected.
 */
final class OpenAiEmbedMapper {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final String backendId;

	private final OpenAiRoutes routes;

	OpenAiEmbedMapper(String backendId, OpenAiRoutes routes) {
		this.backendId = backendId;
		this.routes = routes;
	}

	ObjectNode toRequest(EmbedRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		if (!request.images().isEmpty()) {
			throw reject("images", "the OpenAI embeddings format takes texts only; embed images on another backend");
		}
		if (!request.inputs().isEmpty()) {
			throw reject("inputs", "the OpenAI embeddings format takes texts only; put the texts in 'texts'");
		}
		if (request.texts().isEmpty()) {
			throw new IllegalArgumentException("The embed request has no 'texts'; add at least one text to embed");
		}
		for (EmbeddingType type : request.embeddingTypes()) {
			if (!EmbeddingType.FLOAT.equals(type)) {
				throw reject("embedding_types", "only 'float' embeddings exist in the OpenAI format, not '" + type
						+ "'; ask for float (property 'cohere.embed.embedding-types')");
			}
		}
		if (request.maxTokens() != null) {
			throw reject("max_tokens", "the OpenAI embeddings format has no per-input token limit; remove it");
		}
		if (request.truncate() != null && !Truncate.END.equals(request.truncate())) {
			throw reject("truncate", "the OpenAI embeddings format cannot choose how inputs are truncated, so only"
					+ " END (the server's own behaviour) is accepted, not '" + request.truncate() + "'");
		}
		if (request.priority() != null && !this.routes.samplingExtensions()) {
			throw reject("priority", "this server takes no request priority; remove 'priority'");
		}
		ObjectNode body = NODES.objectNode();
		if (request.model() != null) {
			body.put("model", request.model());
		}
		ArrayNode input = body.putArray("input");
		request.texts().forEach(input::add);
		body.put("encoding_format", "float");
		if (request.outputDimension() != null) {
			body.put("dimensions", request.outputDimension());
		}
		if (this.routes.embedInputType() && request.inputType() != null) {
			body.put("input_type", inputType(request.inputType()));
		}
		if (request.priority() != null) {
			body.put("priority", request.priority());
		}
		return body;
	}

	private String inputType(EmbedInputType type) {
		if (EmbedInputType.SEARCH_DOCUMENT.equals(type)) {
			return "document";
		}
		if (EmbedInputType.SEARCH_QUERY.equals(type)) {
			return "query";
		}
		if (EmbedInputType.CLASSIFICATION.equals(type) || EmbedInputType.CLUSTERING.equals(type)) {
			return "text";
		}
		throw reject("input_type", "'" + type + "' has no equivalent here (document, query or text)");
	}

	EmbedResponse toResponse(JsonNode body, List<String> texts) {
		JsonNode data = body.path("data");
		if (!data.isArray()) {
			throw new IllegalArgumentException("it has no 'data' array");
		}
		TreeMap<Integer, List<Double>> vectors = new TreeMap<>();
		int position = 0;
		for (JsonNode item : data) {
			int index = item.path("index").isIntegralNumber() ? item.path("index").intValue() : position;
			JsonNode embedding = item.path("embedding");
			if (!embedding.isArray()) {
				throw new IllegalArgumentException("embedding " + index + " is not an array of floats");
			}
			List<Double> vector = new ArrayList<>(embedding.size());
			for (JsonNode value : embedding) {
				if (!value.isNumber()) {
					throw new IllegalArgumentException("embedding " + index + " holds a non-number: " + value);
				}
				vector.add(value.doubleValue());
			}
			vectors.put(index, vector);
			position++;
		}
		if (vectors.size() != texts.size()) {
			throw new IllegalArgumentException(
					"it holds " + vectors.size() + " embeddings for " + texts.size() + " texts");
		}
		Double tokens = OpenAiChatMapper.number(body.path("usage").path("prompt_tokens"));
		ApiMeta meta = (tokens != null) ? new ApiMeta(null,
				new ApiMeta.BilledUnits(null, tokens, null, null, null, null, null), null, null, null) : null;
		return new EmbedResponse(OpenAiChatMapper.string(body.path("id")), "embeddings_by_type",
				new EmbedResponse.Embeddings(new ArrayList<>(vectors.values()), null, null, null, null, null), texts,
				null, meta);
	}

	private UnsupportedRequestFieldException reject(String field, String reason) {
		return new UnsupportedRequestFieldException(this.backendId, field, reason);
	}

}
