package dev.springcohere.backend.aws;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.Usage;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.v1.V1ChatResponse;
import dev.springcohere.backend.v1.V1Chat;
import dev.springcohere.backend.v1.V1ChatRequestMapper;
import dev.springcohere.backend.v1.V1ChatResponseMapper;

/**
 * The Cohere v1 chat body of Command R / R+ on Amazon Bedrock and of Cohere's SageMaker
 * containers: the typed v1 request of the shared {@link V1ChatRequestMapper}, serialized
 * as it is (the body carries neither {@code model} nor {@code stream}: the path and the
 * endpoint choose them; SageMaker adds {@code model} for a stacked fine-tune), and the v1
 * answer read into the typed {@link V1ChatResponse} and mapped back by
 * {@link V1ChatResponseMapper}.
 *
 * @since 0.1.0
 */
public final class CohereV1Chat {

	private static final String REMEDY = "use a model that takes v2 bodies";

	private final JsonMapper mapper;

	private final V1ChatRequestMapper requests;

	/**
	 * Creates a translator.
	 * @param mapper the JSON mapper (configured like
	 * {@link dev.springcohere.api.CohereJson})
	 */
	public CohereV1Chat(JsonMapper mapper) {
		this.mapper = Objects.requireNonNull(mapper, "'mapper' must not be null");
		this.requests = new V1ChatRequestMapper(mapper);
	}

	/**
	 * A v1 body and the documents it carries, by the id sent (for mapping citations
	 * back).
	 *
	 * @param body the v1 chat body, without {@code model} and {@code stream}
	 * @param documents the documents sent, keyed by their id
	 */
	public record V1Request(ObjectNode body, Map<String, JsonNode> documents) {

		/**
		 * Checks the parts.
		 * @param body the body
		 * @param documents the documents
		 */
		public V1Request {
			Objects.requireNonNull(body, "'body' must not be null");
			documents = Map.copyOf(documents);
		}

	}

	/**
	 * Builds the v1 body of a v2 request.
	 * @param request the v2 request
	 * @param target the target for messages, such as
	 * {@code Bedrock model cohere.command-r-v1:0}
	 * @return the body and the documents it carries
	 * @throws IllegalArgumentException when the request uses something the v1 body cannot
	 * carry
	 */
	public V1Request toV1(ChatRequest request, String target) {
		V1Chat chat = this.requests.toV1(request, target, REMEDY);
		ObjectNode body = this.mapper.valueToTree(chat.request());
		return new V1Request(body, chat.documents());
	}

	/**
	 * Reads a v1 chat answer into a v2 response.
	 * @param json the v1 answer
	 * @param documents the documents sent, by id (from {@link V1Request#documents()})
	 * @param tokens token counts from elsewhere (such as Bedrock's headers), used when
	 * the answer has none
	 * @return the v2 response
	 * @throws CohereMalformedResponseException when the answer is not a v1 chat answer
	 */
	public ChatResponse fromV1(String json, Map<String, JsonNode> documents, Usage.@Nullable Tokens tokens) {
		JsonNode root;
		try {
			root = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new CohereMalformedResponseException("The chat answer is not JSON: " + ex.getOriginalMessage(), json,
					ex);
		}
		if (root == null || !root.isObject() || !(root.has("text") || root.has("tool_calls"))) {
			throw new CohereMalformedResponseException("The chat answer is not a Cohere v1 chat response (no 'text' "
					+ "or 'tool_calls'): " + shorten(json), json, null);
		}
		V1ChatResponse response;
		try {
			response = this.mapper.treeToValue(root, V1ChatResponse.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new CohereMalformedResponseException("The chat answer is not a valid Cohere v1 chat response ("
					+ ex.getMessage() + "): " + shorten(json), json, ex);
		}
		return V1ChatResponseMapper.toV2(response, documents, tokens);
	}

	static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	static @Nullable Double number(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isNumber()) ? value.asDouble() : null;
	}

	static String shorten(String text) {
		String stripped = text.strip();
		return (stripped.length() <= 500) ? stripped : stripped.substring(0, 500) + "…";
	}

}
