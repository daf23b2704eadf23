package dev.springcohere.backend.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.Citation;
import dev.springcohere.api.ContentType;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.Role;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.Usage;
import dev.springcohere.api.error.CohereMalformedResponseException;

/**
 * Turns the events of one Cohere v1 chat stream ({@code stream-start},
 * {@code text-generation}, {@code citation-generation}, {@code tool-calls-generation},
 * {@code stream-end}, …) into v2 {@link StreamEvent}s: {@code message-start},
 * {@code content-start}/{@code -delta}/{@code -end}, {@code citation-start}/{@code -end},
 * {@code tool-plan-delta}, {@code tool-call-start}/{@code -end} and {@code message-end}
 * (with usage from {@code response.meta} or Bedrock's
 * {@code amazon-bedrock-invocationMetrics}). Events that have no v2 counterpart (search
 * queries and results) become {@link StreamEvent.Unknown}; {@code tool-calls-chunk} is
 * skipped because {@code tool-calls-generation} repeats the complete calls. A v1 error
 * finish reason gives a {@code message-end} with an error, so that the stream fails.
 * Stateful: one translator per stream.
 *
 * @since 0.1.0
 */
public final class CohereV1StreamTranslator {

	private final JsonMapper mapper;

	private final CohereV1Chat chat;

	private final Map<String, JsonNode> documents;

	private @Nullable String id;

	private boolean started;

	private boolean contentOpen;

	private boolean textSeen;

	private int citationIndex;

	private int toolCallIndex;

	/**
	 * Creates a translator for one stream.
	 * @param mapper the JSON mapper
	 * @param documents the documents sent, by id (for citation sources)
	 */
	public CohereV1StreamTranslator(JsonMapper mapper, Map<String, JsonNode> documents) {
		this.mapper = Objects.requireNonNull(mapper, "'mapper' must not be null");
		this.chat = new CohereV1Chat(mapper);
		this.documents = Map.copyOf(documents);
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
		try {
			event = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new CohereMalformedResponseException("A chat stream event is not valid JSON ("
					+ ex.getOriginalMessage() + "): " + CohereV1Chat.shorten(json), json, ex);
		}
		String type = (event != null) ? CohereV1Chat.text(event, "event_type") : null;
		if (type == null) {
			throw new CohereMalformedResponseException("A chat stream event has no 'event_type', so it is not a "
					+ "Cohere v1 stream event: " + CohereV1Chat.shorten(json), json, null);
		}
		List<StreamEvent> out = new ArrayList<>();
		switch (type) {
			case "stream-start" -> {
				String generationId = CohereV1Chat.text(event, "generation_id");
				if (generationId != null) {
					this.id = generationId;
				}
				start(out);
			}
			case "text-generation" -> {
				start(out);
				String text = event.path("text").asString("");
				if (!text.isEmpty() && !text.equals("<EOS_TOKEN>")) {
					if (!this.contentOpen) {
						out.add(new StreamEvent.ContentStart(0, ContentType.TEXT, "", null));
						this.contentOpen = true;
					}
					this.textSeen = true;
					out.add(new StreamEvent.ContentDelta(0, text, null, null));
				}
			}
			case "citation-generation" -> {
				start(out);
				for (Citation citation : CohereV1Chat.citations(event.path("citations"), this.documents)) {
					int index = this.citationIndex++;
					out.add(new StreamEvent.CitationStart(index, citation));
					out.add(new StreamEvent.CitationEnd(index));
				}
			}
			case "tool-calls-generation" -> {
				start(out);
				closeContent(out);
				String plan = event.path("text").asString("");
				if (!plan.isBlank() && !this.textSeen) {
					out.add(new StreamEvent.ToolPlanDelta(plan));
				}
				for (ToolCall call : this.chat.toolCalls(event.path("tool_calls"), this.id)) {
					int index = this.toolCallIndex++;
					out.add(new StreamEvent.ToolCallStart(index, call));
					out.add(new StreamEvent.ToolCallEnd(index));
				}
			}
			case "tool-calls-chunk" -> start(out);
			case "stream-end" -> {
				start(out);
				closeContent(out);
				out.add(end(event));
			}
			default -> {
				start(out);
				out.add(new StreamEvent.Unknown(type, event));
			}
		}
		return out;
	}

	private void start(List<StreamEvent> out) {
		if (!this.started) {
			this.started = true;
			out.add(new StreamEvent.MessageStart(this.id, Role.ASSISTANT));
		}
	}

	private void closeContent(List<StreamEvent> out) {
		if (this.contentOpen) {
			this.contentOpen = false;
			out.add(new StreamEvent.ContentEnd(0));
		}
	}

	private StreamEvent.MessageEnd end(JsonNode event) {
		JsonNode response = event.path("response");
		String v1Reason = CohereV1Chat.text(event, "finish_reason");
		if (v1Reason == null) {
			v1Reason = CohereV1Chat.text(response, "finish_reason");
		}
		FinishReason reason = CohereV1Chat.finishReason(v1Reason, this.toolCallIndex > 0);
		JsonNode metrics = event.path("amazon-bedrock-invocationMetrics");
		Usage.Tokens tokens = metrics.isObject() ? new Usage.Tokens(CohereV1Chat.number(metrics, "inputTokenCount"),
				CohereV1Chat.number(metrics, "outputTokenCount")) : null;
		Usage usage = CohereV1Chat.usage(response.path("meta"), tokens);
		String error = null;
		if (FinishReason.ERROR.equals(reason)) {
			error = "the model stopped with the v1 finish reason " + v1Reason;
		}
		String endId = this.id;
		if (endId == null) {
			endId = CohereV1Chat.text(response, "response_id");
		}
		return new StreamEvent.MessageEnd(endId, reason, usage, error);
	}

}
