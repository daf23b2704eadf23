package dev.springcohere.sample.quickstart;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A typed server-sent event of {@code POST /api/chat/events}: the event's
 * {@linkplain #eventName() event name} is the SSE {@code event:} field and the record
 * itself is sent as the JSON {@code data:}.
 */
public sealed interface ChatUiEvent permits ChatUiEvent.Text, ChatUiEvent.ToolPlan, ChatUiEvent.CitationFound,
		ChatUiEvent.ToolCallStarted, ChatUiEvent.ToolResultReady, ChatUiEvent.End, ChatUiEvent.Failed {

	/**
	 * Returns the SSE event name.
	 * @return the name
	 */
	String eventName();

	/**
	 * A fragment of the answer's text ({@code text}).
	 *
	 * @param text the fragment
	 */
	record Text(String text) implements ChatUiEvent {

		@Override
		public String eventName() {
			return "text";
		}

	}

	/**
	 * A fragment of the model's plan before it calls tools ({@code tool-plan}).
	 *
	 * @param text the fragment
	 */
	record ToolPlan(String text) implements ChatUiEvent {

		@Override
		public String eventName() {
			return "tool-plan";
		}

	}

	/**
	 * A cited span of the answer ({@code citation}); offsets count UTF-16 characters of
	 * the concatenated {@code text} events of this response.
	 *
	 * @param start the span's start offset, inclusive
	 * @param end the span's end offset, exclusive
	 * @param text the cited text
	 * @param sources the cited documents or tool results
	 */
	record CitationFound(int start, int end, String text, List<SourceOut> sources) implements ChatUiEvent {

		@Override
		public String eventName() {
			return "citation";
		}

	}

	/**
	 * A source of a citation.
	 *
	 * @param id the id of the document or tool result
	 * @param type {@code document} or {@code tool}
	 * @param content the document's fields or the tool's output, {@code null} when Cohere
	 * sent none
	 */
	record SourceOut(String id, String type, @Nullable JsonNode content) {
	}

	/**
	 * A tool call the model asked for, about to run ({@code tool-call}).
	 *
	 * @param id the call's id
	 * @param name the tool's name
	 * @param arguments the call's arguments
	 */
	record ToolCallStarted(String id, String name, JsonNode arguments) implements ChatUiEvent {

		@Override
		public String eventName() {
			return "tool-call";
		}

	}

	/**
	 * The result of a tool call ({@code tool-result}).
	 *
	 * @param id the call's id
	 * @param name the tool's name
	 * @param result what the tool returned (or the error explained to the model)
	 * @param error whether the call failed
	 * @param durationMs how long the tool ran, in milliseconds
	 */
	record ToolResultReady(String id, String name, JsonNode result, boolean error,
			long durationMs) implements ChatUiEvent {

		@Override
		public String eventName() {
			return "tool-result";
		}

	}

	/**
	 * The answer is complete ({@code end}).
	 *
	 * @param finishReason why generation stopped, {@code null} when not reported
	 * @param steps how many model calls the run took
	 * @param inputTokens the input tokens of all model calls, {@code null} when not
	 * reported
	 * @param outputTokens the output tokens of all model calls, {@code null} when not
	 * reported
	 * @param firstTextMs milliseconds from the start of the run to the first text,
	 * {@code null} when no text came
	 * @param totalMs milliseconds from the start of the run to its end
	 */
	record End(@Nullable String finishReason, int steps, @Nullable Long inputTokens, @Nullable Long outputTokens,
			@Nullable Long firstTextMs, long totalMs) implements ChatUiEvent {

		@Override
		public String eventName() {
			return "end";
		}

	}

	/**
	 * The run failed after the stream had started ({@code error}); nothing follows it.
	 *
	 * @param error what went wrong
	 */
	record Failed(String error) implements ChatUiEvent {

		@Override
		public String eventName() {
			return "error";
		}

	}

}
