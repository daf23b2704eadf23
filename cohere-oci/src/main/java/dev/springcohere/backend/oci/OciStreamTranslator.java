package dev.springcohere.backend.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.springcohere.api.Citation;
import dev.springcohere.api.CitationType;
import dev.springcohere.api.ContentType;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.Role;
import dev.springcohere.api.Source;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.v1.V1Citation;
import dev.springcohere.api.v1.V1ToolCall;
import dev.springcohere.backend.v1.V1ChatResponseMapper;

/**
 * Turns the server-sent events of one OCI chat stream ({@code data: {json}} lines, either
 * api format) into Cohere v2 {@link StreamEvent}s: {@code message-start} before the first
 * delta, {@code content-start}/{@code content-delta}/ {@code content-end} around text and
 * thinking, tool-call and citation events, and {@code message-end} when an event carries
 * a {@code finishReason} (OCI sends no event types and may omit {@code [DONE]}).
 * <p>
 * COHERE events carry {@code text} deltas; the last one carries the {@code finishReason}
 * and may repeat the whole text, which is then not emitted again. COHEREV2 events carry
 * {@code message.content} deltas. Not thread-safe: one instance per stream.
 */
final class OciStreamTranslator {

	private final OciApiFormat format;

	private boolean started;

	private boolean ended;

	private int openIndex = -1;

	private @Nullable String openType;

	private int nextIndex;

	private int toolCallIndex = -1;

	private int citationIndex;

	private final StringBuilder text = new StringBuilder();

	private final Map<String, JsonNode> documents;

	OciStreamTranslator(OciApiFormat format, Map<String, JsonNode> documents) {
		this.format = format;
		this.documents = Map.copyOf(documents);
	}

	List<StreamEvent> accept(JsonNode event) {
		List<StreamEvent> events = new ArrayList<>();
		if (this.ended) {
			return events;
		}
		if (!this.started) {
			this.started = true;
			events.add(new StreamEvent.MessageStart(OciJson.text(event, "id"), Role.ASSISTANT));
		}
		String finishReason = OciJson.text(event, "finishReason");
		if (this.format == OciApiFormat.COHERE) {
			acceptV1(event, finishReason != null, events);
		}
		else {
			acceptV2(event, events);
		}
		if (finishReason != null) {
			closeContent(events);
			if (this.toolCallIndex >= 0 && this.format == OciApiFormat.COHEREV2) {
				events.add(new StreamEvent.ToolCallEnd(this.toolCallIndex));
			}
			this.ended = true;
			String error = OciJson.text(event, "errorMessage");
			FinishReason reason = (this.format == OciApiFormat.COHERE)
					? V1ChatResponseMapper.finishReason(finishReason, this.toolCallIndex >= 0)
					: FinishReason.of(finishReason);
			if (error == null && FinishReason.ERROR.equals(reason) && !"ERROR".equals(finishReason)) {
				error = finishReason;
			}
			events.add(new StreamEvent.MessageEnd(OciJson.text(event, "id"), reason,
					OciChatV2Translator.usage(event.get("usage")), error));
		}
		return events;
	}

	private void acceptV1(JsonNode event, boolean last, List<StreamEvent> events) {
		String delta = OciJson.text(event, "text");
		if (delta != null && !delta.isEmpty() && !(last && this.text.length() > 0)) {
			contentDelta("TEXT", delta, events);
			this.text.append(delta);
		}
		JsonNode calls = event.get("toolCalls");
		if (calls != null && calls.isArray()) {
			closeContent(events);
			List<V1ToolCall> v1Calls = new ArrayList<>();
			for (JsonNode call : calls) {
				v1Calls.add(new V1ToolCall(String.valueOf(OciJson.text(call, "name")), call.get("parameters")));
			}
			for (ToolCall toolCall : V1ChatResponseMapper.toolCalls(v1Calls, null, this.toolCallIndex + 1)) {
				this.toolCallIndex++;
				events.add(new StreamEvent.ToolCallStart(this.toolCallIndex, toolCall));
				events.add(new StreamEvent.ToolCallEnd(this.toolCallIndex));
			}
		}
		JsonNode citations = event.get("citations");
		if (citations != null && citations.isArray()) {
			List<V1Citation> v1Citations = new ArrayList<>();
			for (JsonNode citation : citations) {
				List<String> ids = new ArrayList<>();
				citation.path("documentIds").forEach((id) -> ids.add(id.asString()));
				v1Citations.add(new V1Citation(OciJson.integer(citation, "start"), OciJson.integer(citation, "end"),
						OciJson.text(citation, "text"), ids, null));
			}
			V1ChatResponseMapper.citations(v1Citations, this.documents)
				.forEach((citation) -> citation(citation, events));
		}
	}

	private void acceptV2(JsonNode event, List<StreamEvent> events) {
		JsonNode message = event.get("message");
		if (message == null || !message.isObject()) {
			return;
		}
		JsonNode content = message.get("content");
		if (content != null && content.isArray()) {
			for (JsonNode block : content) {
				boolean thinking = "THINKING".equalsIgnoreCase(OciJson.text(block, "type"));
				String delta = OciJson.text(block, thinking ? "thinking" : "text");
				if (delta != null) {
					contentDelta(thinking ? "THINKING" : "TEXT", delta, events);
				}
			}
		}
		String toolPlan = OciJson.text(message, "toolPlan");
		if (toolPlan != null) {
			events.add(new StreamEvent.ToolPlanDelta(toolPlan));
		}
		JsonNode calls = message.get("toolCalls");
		if (calls != null && calls.isArray()) {
			closeContent(events);
			for (JsonNode call : calls) {
				ToolCall toolCall = OciChatV2Translator.toolCall(call);
				boolean startsCall = call.has("id") || this.toolCallIndex < 0
						|| (toolCall.function() != null && toolCall.function().name() != null);
				if (startsCall) {
					if (this.toolCallIndex >= 0) {
						events.add(new StreamEvent.ToolCallEnd(this.toolCallIndex));
					}
					this.toolCallIndex++;
					events.add(new StreamEvent.ToolCallStart(this.toolCallIndex, toolCall));
				}
				else if (toolCall.function() != null && toolCall.function().arguments() != null) {
					events.add(new StreamEvent.ToolCallDelta(this.toolCallIndex, toolCall.function().arguments()));
				}
			}
		}
		JsonNode citations = message.get("citations");
		if (citations != null && citations.isArray()) {
			for (JsonNode citation : citations) {
				citation(OciChatV2Translator.citation(citation), events);
			}
		}
	}

	private void citation(Citation citation, List<StreamEvent> events) {
		events.add(new StreamEvent.CitationStart(this.citationIndex, citation));
		events.add(new StreamEvent.CitationEnd(this.citationIndex));
		this.citationIndex++;
	}

	private void contentDelta(String type, String delta, List<StreamEvent> events) {
		if (!type.equals(this.openType)) {
			closeContent(events);
			this.openIndex = this.nextIndex++;
			this.openType = type;
			boolean thinking = "THINKING".equals(type);
			events.add(new StreamEvent.ContentStart(this.openIndex, thinking ? ContentType.THINKING : ContentType.TEXT,
					thinking ? null : "", thinking ? "" : null));
		}
		boolean thinking = "THINKING".equals(type);
		events
			.add(new StreamEvent.ContentDelta(this.openIndex, thinking ? null : delta, thinking ? delta : null, null));
	}

	private void closeContent(List<StreamEvent> events) {
		if (this.openType != null) {
			events.add(new StreamEvent.ContentEnd(this.openIndex));
			this.openType = null;
		}
	}

}
