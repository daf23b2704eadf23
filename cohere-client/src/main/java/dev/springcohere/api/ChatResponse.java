package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a non-streamed {@code /v2/chat} call (spec {@code ChatResponseV2}); a
 * streamed call gives the same value through {@link ChatStreamAccumulator}.
 *
 * @param id the id of the answer, or {@code null} if the server sent none
 * @param finishReason why generation stopped, or {@code null} if the server sent none
 * @param message the answer
 * @param usage the token counts, or {@code null}
 * @param logprobs the log probabilities (when requested), never {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "id", "finish_reason", "message", "usage", "logprobs" })
public record ChatResponse(@Nullable String id, @JsonProperty("finish_reason") @Nullable FinishReason finishReason,
		AssistantMessage message, @Nullable Usage usage,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<LogprobItem> logprobs) {

	/**
	 * Creates a response.
	 * @param id the id, or {@code null}
	 * @param finishReason the finish reason, or {@code null}
	 * @param message the answer
	 * @param usage the token counts, or {@code null}
	 * @param logprobs the log probabilities, or {@code null} for none
	 */
	public ChatResponse {
		Objects.requireNonNull(message, "'message' must not be null: a chat response always has a message");
		logprobs = (logprobs != null) ? List.copyOf(logprobs) : List.of();
	}

	/**
	 * Returns the text of the answer: the text blocks of the message joined.
	 * @return the text, possibly empty
	 */
	public String text() {
		return this.message.text();
	}

	/**
	 * Returns the tool calls the model asks for.
	 * @return the tool calls, possibly empty
	 */
	public List<ToolCall> toolCalls() {
		return this.message.toolCalls();
	}

	/**
	 * Returns the citations of the answer.
	 * @return the citations, possibly empty
	 */
	public List<Citation> citations() {
		return this.message.citations();
	}

}
