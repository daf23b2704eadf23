package dev.springcohere.backend.aws;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.Usage;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.v1.V1ChatStreamEvent;
import dev.springcohere.backend.v1.V1StreamTranslator;

/**
 * Turns the JSON events of one Cohere v1 chat stream on Bedrock or SageMaker into v2
 * {@link StreamEvent}s: each event is read into the typed {@link V1ChatStreamEvent} and
 * translated by the shared {@link V1StreamTranslator}; Bedrock's
 * {@code amazon-bedrock-invocationMetrics} beside {@code stream-end} supply the token
 * counts when the answer's {@code meta} has none. Stateful: one translator per stream.
 *
 * @since 0.1.0
 */
public final class CohereV1StreamTranslator {

	private final JsonMapper mapper;

	private final V1StreamTranslator translator;

	/**
	 * Creates a translator for one stream.
	 * @param mapper the JSON mapper
	 * @param documents the documents sent, by id (for citation sources)
	 */
	public CohereV1StreamTranslator(JsonMapper mapper, Map<String, JsonNode> documents) {
		this.mapper = Objects.requireNonNull(mapper, "'mapper' must not be null");
		this.translator = new V1StreamTranslator(mapper, documents);
	}

	/**
	 * Translates one v1 event given as JSON text.
	 * @param json the event
	 * @return the v2 events it becomes, in order (possibly none)
	 * @throws CohereMalformedResponseException when the text is not a JSON object with an
	 * {@code event_type}
	 */
	public List<StreamEvent> translate(String json) {
		JsonNode event;
		V1ChatStreamEvent typed;
		try {
			event = this.mapper.readTree(json);
			typed = V1ChatStreamEvent.of(this.mapper, event);
		}
		catch (JacksonException ex) {
			throw new CohereMalformedResponseException("A chat stream event is not valid JSON ("
					+ ex.getOriginalMessage() + "): " + CohereV1Chat.shorten(json), json, ex);
		}
		catch (IllegalArgumentException ex) {
			throw new CohereMalformedResponseException("A chat stream event has no 'event_type', so it is not a "
					+ "Cohere v1 stream event: " + CohereV1Chat.shorten(json), json, ex);
		}
		JsonNode metrics = event.path("amazon-bedrock-invocationMetrics");
		Usage.Tokens tokens = metrics.isObject() ? new Usage.Tokens(CohereV1Chat.number(metrics, "inputTokenCount"),
				CohereV1Chat.number(metrics, "outputTokenCount")) : null;
		return this.translator.translate(typed, tokens);
	}

}
