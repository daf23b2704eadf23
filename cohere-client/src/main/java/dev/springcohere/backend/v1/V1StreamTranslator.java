package dev.springcohere.backend.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.Citation;
import dev.springcohere.api.ContentType;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.Role;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.Usage;
import dev.springcohere.api.v1.V1ChatResponse;
import dev.springcohere.api.v1.V1ChatStreamEvent;

/**
 * Turns the typed events of one v1 chat stream into v2 {@link StreamEvent}s:
 * {@code message-start}, {@code content-start}/{@code -delta}/{@code -end},
 * {@code citation-start}/{@code -end}, {@code tool-plan-delta},
 * {@code tool-call-start}/{@code -end} and {@code message-end} (usage from
 * {@code response.meta}, else from counts the target reports elsewhere). Events without a
 * v2 counterpart (search queries and results, debug, unknown types) become
 * {@link StreamEvent.Unknown} with their v1 event type; {@code tool-calls-chunk} is
 * skipped because {@code tool-calls-generation} repeats the complete calls. A v1 error
 * finish reason gives a {@code message-end} with an error, so that the stream fails.
 * Answers and events map by the rules of {@link V1ChatResponseMapper}. Stateful: one
 * translator per stream, not thread-safe.
 *
 * @since 0.1.0
 */
public final class V1StreamTranslator {

	private final JsonMapper mapper;

	private final Map<String, JsonNode> documents;

	private @Nullable String id;

	private boolean started;

	private boolean contentOpen;

	private boolean textSeen;

	private int citationIndex;

	private int toolCallIndex;

	/**
	 * Creates a translator for one stream.
	 * @param mapper the JSON mapper (events without a v2 counterpart are passed on as
	 * JSON)
	 * @param documents the documents sent, by id (for citation sources)
	 */
	public V1StreamTranslator(JsonMapper mapper, Map<String, JsonNode> documents) {
		this.mapper = Objects.requireNonNull(mapper, "'mapper' must not be null");
		this.documents = Map.copyOf(documents);
	}

	/**
	 * Translates one event.
	 * @param event the v1 event
	 * @param tokens token counts the target reports beside a {@code stream-end} (such as
	 * Bedrock's invocation metrics), or {@code null}
	 * @return the v2 events it becomes, in order (possibly none)
	 */
	public List<StreamEvent> translate(V1ChatStreamEvent event, Usage.@Nullable Tokens tokens) {
		List<StreamEvent> out = new ArrayList<>();
		if (event instanceof V1ChatStreamEvent.StreamStart start && start.generationId() != null) {
			this.id = start.generationId();
		}
		start(out);
		if (event instanceof V1ChatStreamEvent.TextGeneration text) {
			text(text.text(), out);
		}
		else if (event instanceof V1ChatStreamEvent.CitationGeneration citations) {
			for (Citation citation : V1ChatResponseMapper.citations(citations.citations(), this.documents)) {
				int index = this.citationIndex++;
				out.add(new StreamEvent.CitationStart(index, citation));
				out.add(new StreamEvent.CitationEnd(index));
			}
		}
		else if (event instanceof V1ChatStreamEvent.ToolCallsGeneration calls) {
			closeContent(out);
			String plan = (calls.text() != null) ? calls.text() : "";
			if (!plan.isBlank() && !this.textSeen) {
				out.add(new StreamEvent.ToolPlanDelta(plan));
			}
			for (ToolCall call : V1ChatResponseMapper.toolCalls(calls.toolCalls(), this.id, this.toolCallIndex)) {
				int index = this.toolCallIndex++;
				out.add(new StreamEvent.ToolCallStart(index, call));
				out.add(new StreamEvent.ToolCallEnd(index));
			}
		}
		else if (event instanceof V1ChatStreamEvent.StreamEnd end) {
			closeContent(out);
			out.add(end(end, tokens));
		}
		else if (event instanceof V1ChatStreamEvent.Unknown unknown) {
			out.add(new StreamEvent.Unknown(unknown.eventType(), unknown.raw()));
		}
		else if (!(event instanceof V1ChatStreamEvent.StreamStart
				|| event instanceof V1ChatStreamEvent.ToolCallsChunk)) {
			// search queries, search results, debug: no v2 counterpart
			ObjectNode raw = this.mapper.valueToTree(event);
			raw.put("event_type", event.eventType());
			out.add(new StreamEvent.Unknown(event.eventType(), raw));
		}
		return out;
	}

	private void text(String text, List<StreamEvent> out) {
		if (text.isEmpty() || text.equals("<EOS_TOKEN>")) {
			return;
		}
		if (!this.contentOpen) {
			out.add(new StreamEvent.ContentStart(0, ContentType.TEXT, "", null));
			this.contentOpen = true;
		}
		this.textSeen = true;
		out.add(new StreamEvent.ContentDelta(0, text, null, null));
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

	private StreamEvent.MessageEnd end(V1ChatStreamEvent.StreamEnd event, Usage.@Nullable Tokens tokens) {
		V1ChatResponse response = event.response();
		String v1Reason = event.finishReason();
		if (v1Reason == null && response != null) {
			v1Reason = response.finishReason();
		}
		FinishReason reason = V1ChatResponseMapper.finishReason(v1Reason, this.toolCallIndex > 0);
		Usage usage = V1ChatResponseMapper.usage((response != null) ? response.meta() : null, tokens);
		String error = FinishReason.ERROR.equals(reason) ? "the model stopped with the v1 finish reason " + v1Reason
				: null;
		String endId = this.id;
		if (endId == null && response != null) {
			endId = response.responseId();
		}
		return new StreamEvent.MessageEnd(endId, reason, usage, error);
	}

}
