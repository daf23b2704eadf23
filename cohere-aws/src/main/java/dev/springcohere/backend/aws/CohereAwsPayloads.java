package dev.springcohere.backend.aws;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.ApiMeta;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.error.CohereMalformedResponseException;

/**
 * Bodies and answers that Bedrock and SageMaker share: the embed body (the v2 embed
 * fields without {@code model}), the embed answer (a plain list of float vectors, or
 * vectors by type), the rerank answer, and the decoding of streamed model bytes into v2
 * events (through a {@link JsonEventBuffer}, so events split across parts are
 * reassembled, and a stream that stops inside an event fails).
 *
 * @since 0.1.0
 */
public final class CohereAwsPayloads {

	private final JsonMapper mapper;

	/**
	 * Creates the helper.
	 * @param mapper the JSON mapper
	 */
	public CohereAwsPayloads(JsonMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "'mapper' must not be null");
	}

	/**
	 * Builds an embed body: the request's fields without {@code model}.
	 * @param request the request
	 * @param target the target for messages
	 * @return the body
	 * @throws IllegalArgumentException when the request sets {@code priority}, which AWS
	 * endpoints do not take
	 */
	public ObjectNode embedBody(EmbedRequest request, String target) {
		Objects.requireNonNull(request, "'request' must not be null");
		if (request.priority() != null) {
			throw new IllegalArgumentException("Embed requests for " + target + " cannot carry 'priority' (a Cohere "
					+ "platform setting); remove it");
		}
		ObjectNode body = this.mapper.valueToTree(request);
		body.remove("model");
		return body;
	}

	/**
	 * Reads an embed answer.
	 * @param json the answer
	 * @param call the call, for messages
	 * @return the v2 embed response
	 * @throws CohereMalformedResponseException when the answer has no {@code embeddings}
	 */
	public EmbedResponse readEmbed(String json, String call) {
		JsonNode root = readObject(json, call);
		JsonNode embeddings = root.get("embeddings");
		EmbedResponse.Embeddings vectors;
		String responseType;
		try {
			if (embeddings != null && embeddings.isArray()) {
				vectors = new EmbedResponse.Embeddings(
						this.mapper.treeToValue(embeddings,
								this.mapper.getTypeFactory()
									.constructCollectionType(List.class,
											this.mapper.getTypeFactory()
												.constructCollectionType(List.class, Double.class))),
						null, null, null, null, null);
				responseType = "embeddings_floats";
			}
			else if (embeddings != null && embeddings.isObject()) {
				vectors = this.mapper.treeToValue(embeddings, EmbedResponse.Embeddings.class);
				responseType = "embeddings_by_type";
			}
			else {
				throw new CohereMalformedResponseException("The answer of " + call + " has no 'embeddings' list or "
						+ "object: " + CohereV1Chat.shorten(json), json, null);
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new CohereMalformedResponseException(
					"The 'embeddings' of the answer of " + call + " cannot be read: " + ex.getMessage(), json, ex);
		}
		List<String> texts = null;
		JsonNode textsNode = root.get("texts");
		if (textsNode != null && textsNode.isArray()) {
			texts = textsNode.valueStream().map((text) -> text.asString("")).toList();
		}
		JsonNode metaNode = root.get("meta");
		ApiMeta meta = (metaNode != null && metaNode.isObject()) ? this.mapper.treeToValue(metaNode, ApiMeta.class)
				: null;
		String type = CohereV1Chat.text(root, "response_type");
		return new EmbedResponse(CohereV1Chat.text(root, "id"), (type != null) ? type : responseType, vectors, texts,
				null, meta);
	}

	/**
	 * Reads a rerank answer ({@code {"id": …, "results": [{"index": …, "relevance_score":
	 * …}]}}).
	 * @param json the answer
	 * @param call the call, for messages
	 * @return the v2 rerank response
	 */
	public RerankResponse readRerank(String json, String call) {
		JsonNode root = readObject(json, call);
		if (!root.path("results").isArray()) {
			throw new CohereMalformedResponseException(
					"The answer of " + call + " has no 'results' list: " + CohereV1Chat.shorten(json), json, null);
		}
		try {
			return this.mapper.treeToValue(root, RerankResponse.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new CohereMalformedResponseException(
					"The answer of " + call + " is not a rerank response: " + ex.getMessage(), json, ex);
		}
	}

	/**
	 * Decodes streamed model bytes carrying Cohere v1 stream events.
	 * @param parts the bytes as they arrive, cut anywhere
	 * @param translator the translator of this stream
	 * @param call the call, for messages
	 * @return the v2 events
	 */
	public Flux<StreamEvent> v1Events(Flux<byte[]> parts, CohereV1StreamTranslator translator, String call) {
		return jsonEvents(parts, call).concatMapIterable(translator::translate);
	}

	/**
	 * Decodes streamed model bytes carrying Cohere v2 stream events (JSON objects with a
	 * {@code type}).
	 * @param parts the bytes as they arrive, cut anywhere
	 * @param call the call, for messages
	 * @return the v2 events
	 */
	public Flux<StreamEvent> v2Events(Flux<byte[]> parts, String call) {
		return jsonEvents(parts, call).map((json) -> {
			try {
				return StreamEvent.parse(this.mapper, json);
			}
			catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
				throw new CohereMalformedResponseException("An event of the " + call + " stream is not a valid v2 "
						+ "chat stream event (" + ex.getMessage() + "): " + CohereV1Chat.shorten(json), json, ex);
			}
		});
	}

	private Flux<String> jsonEvents(Flux<byte[]> parts, String call) {
		return Flux.defer(() -> {
			JsonEventBuffer buffer = new JsonEventBuffer();
			return parts.concatMapIterable(buffer::append)
				.concatWith(
						Mono.defer(
								() -> buffer.hasPartialEvent() ? Mono.error(new CohereMalformedResponseException(
										"The " + call + " stream ended inside an "
												+ "event (the connection was cut); the incomplete event: "
												+ CohereV1Chat.shorten(buffer.partialEvent()),
										buffer.partialEvent(), null)) : Mono.empty()));
		});
	}

	private JsonNode readObject(String json, String call) {
		JsonNode root;
		try {
			root = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new CohereMalformedResponseException("The answer of " + call + " is not JSON ("
					+ ex.getOriginalMessage() + "): " + CohereV1Chat.shorten(json), json, ex);
		}
		if (root == null || !root.isObject()) {
			throw new CohereMalformedResponseException(
					"The answer of " + call + " is not a JSON object: " + CohereV1Chat.shorten(json), json, null);
		}
		return root;
	}

	/**
	 * Reads a token count header value.
	 * @param value the header value, or {@code null}
	 * @return the count, or {@code null} when missing or not a number
	 */
	public static @Nullable Double count(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Double.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
