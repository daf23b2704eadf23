package dev.springcohere.backend.openai;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.springcohere.api.ContentType;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.Role;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.Usage;

/**
 * Turns the {@code chat.completion.chunk}s of one OpenAI stream into Cohere v2 stream
 * events: a {@code message-start}, {@code content-start/delta/end} for text (and for the
 * {@code reasoning_content} some servers stream, as thinking),
 * {@code tool-call-start/delta/end} for tool calls whose arguments arrive in fragments,
 * and a {@code message-end} with the finish reason and usage once the stream is over. A
 * stream that ends without a {@code finish_reason} produces no {@code message-end}, so
 * that the caller reports it as cut. One instance per stream; not thread-safe.
 */
final class OpenAiStreamTranslator {

	private boolean started;

	private boolean ended;

	private @Nullable String id;

	private int nextContentIndex;

	private @Nullable Integer openContent;

	private @Nullable ContentType openContentType;

	private @Nullable Integer openToolCall;

	private final Set<Integer> toolCalls = new HashSet<>();

	private @Nullable String finishReason;

	private @Nullable Usage usage;

	List<StreamEvent> accept(JsonNode chunk) {
		List<StreamEvent> events = new ArrayList<>();
		if (this.ended) {
			return events;
		}
		if (this.id == null && chunk.path("id").isString()) {
			this.id = chunk.path("id").asString();
		}
		if (!this.started) {
			this.started = true;
			events.add(new StreamEvent.MessageStart(this.id, Role.ASSISTANT));
		}
		JsonNode error = chunk.path("error");
		if (!error.isMissingNode() && !error.isNull()) {
			String message = error.path("message").isString() ? error.path("message").asString() : error.toString();
			closeOpen(events);
			events.add(new StreamEvent.MessageEnd(this.id, FinishReason.ERROR, this.usage, message));
			this.ended = true;
			return events;
		}
		if (chunk.path("usage").isObject()) {
			this.usage = OpenAiChatMapper.usage(chunk.path("usage"));
		}
		for (JsonNode choice : chunk.path("choices")) {
			if (choice.path("index").asInt(0) != 0) {
				continue;
			}
			JsonNode delta = choice.path("delta");
			String reasoning = OpenAiChatMapper.reasoning(delta);
			if (!reasoning.isEmpty()) {
				int index = content(ContentType.THINKING, events);
				events.add(new StreamEvent.ContentDelta(index, null, reasoning, null));
			}
			if (delta.path("content").isString() && !delta.path("content").asString().isEmpty()) {
				int index = content(ContentType.TEXT, events);
				events.add(new StreamEvent.ContentDelta(index, delta.path("content").asString(), null, null));
			}
			for (JsonNode call : delta.path("tool_calls")) {
				toolCall(call, events);
			}
			if (choice.path("finish_reason").isString()) {
				this.finishReason = choice.path("finish_reason").asString();
			}
		}
		return events;
	}

	/**
	 * Returns the closing events once the stream is over: nothing when it never reported
	 * a finish reason.
	 */
	List<StreamEvent> finish() {
		List<StreamEvent> events = new ArrayList<>();
		if (this.ended || this.finishReason == null) {
			return events;
		}
		if (!this.started) {
			events.add(new StreamEvent.MessageStart(this.id, Role.ASSISTANT));
		}
		closeOpen(events);
		FinishReason reason = OpenAiChatMapper.finishReason(this.finishReason);
		String error = FinishReason.ERROR.equals(reason)
				? "the server stopped the answer (finish_reason '" + this.finishReason + "')" : null;
		events.add(new StreamEvent.MessageEnd(this.id, reason, this.usage, error));
		this.ended = true;
		return events;
	}

	private int content(ContentType type, List<StreamEvent> events) {
		closeToolCall(events);
		if (this.openContent != null && type.equals(this.openContentType)) {
			return this.openContent;
		}
		closeContent(events);
		int index = this.nextContentIndex++;
		boolean text = ContentType.TEXT.equals(type);
		events.add(new StreamEvent.ContentStart(index, type, text ? "" : null, text ? null : ""));
		this.openContent = index;
		this.openContentType = type;
		return index;
	}

	private void toolCall(JsonNode call, List<StreamEvent> events) {
		JsonNode function = call.path("function");
		int index;
		if (call.path("index").isIntegralNumber()) {
			index = call.path("index").intValue();
		}
		else if (call.path("id").isString() || this.openToolCall == null) {
			index = this.toolCalls.size();
		}
		else {
			index = this.openToolCall;
		}
		String arguments = function.path("arguments").isString() ? function.path("arguments").asString() : "";
		if (this.toolCalls.add(index)) {
			String name = OpenAiChatMapper.string(function.path("name"));
			if (name == null || name.isEmpty()) {
				throw new IllegalArgumentException("tool call " + index + " starts without a function name");
			}
			closeContent(events);
			closeToolCall(events);
			events.add(new StreamEvent.ToolCallStart(index, new ToolCall(OpenAiChatMapper.string(call.path("id")),
					ToolCall.FUNCTION, new ToolCall.Function(name, ""))));
			this.openToolCall = index;
		}
		if (!arguments.isEmpty()) {
			events.add(new StreamEvent.ToolCallDelta(index, arguments));
		}
	}

	private void closeOpen(List<StreamEvent> events) {
		closeContent(events);
		closeToolCall(events);
	}

	private void closeContent(List<StreamEvent> events) {
		if (this.openContent != null) {
			events.add(new StreamEvent.ContentEnd(this.openContent));
			this.openContent = null;
			this.openContentType = null;
		}
	}

	private void closeToolCall(List<StreamEvent> events) {
		if (this.openToolCall != null) {
			events.add(new StreamEvent.ToolCallEnd(this.openToolCall));
			this.openToolCall = null;
		}
	}

}
