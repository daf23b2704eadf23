package dev.springcohere.api.v1;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * One turn of a v1 {@code chat_history} (spec {@code Message}: {@code ChatMessage} for
 * the roles {@code USER}, {@code CHATBOT} and {@code SYSTEM}, {@code ChatToolMessage} for
 * {@code TOOL}).
 *
 * @param role {@code USER}, {@code CHATBOT}, {@code SYSTEM} or {@code TOOL}
 * @param message the text of the turn ({@code null} for a tool turn)
 * @param toolCalls the calls a {@code CHATBOT} turn made, possibly empty
 * @param toolResults the results a {@code TOOL} turn carries, possibly empty
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "role", "message", "tool_calls", "tool_results" })
public record V1Message(String role, @Nullable String message,
		@JsonProperty("tool_calls") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<V1ToolCall> toolCalls,
		@JsonProperty("tool_results") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<V1ToolResult> toolResults) {

	/** The role of a user turn. */
	public static final String USER = "USER";

	/** The role of a model turn. */
	public static final String CHATBOT = "CHATBOT";

	/** The role of a system turn. */
	public static final String SYSTEM = "SYSTEM";

	/** The role of a turn of tool results. */
	public static final String TOOL = "TOOL";

	/**
	 * Creates a turn.
	 * @param role the role
	 * @param message the text, or {@code null}
	 * @param toolCalls the calls, or {@code null} for none
	 * @param toolResults the results, or {@code null} for none
	 */
	public V1Message {
		Objects.requireNonNull(role, "'role' must not be null");
		toolCalls = (toolCalls != null) ? List.copyOf(toolCalls) : List.of();
		toolResults = (toolResults != null) ? List.copyOf(toolResults) : List.of();
	}

	/**
	 * Creates a user turn.
	 * @param message the text
	 * @return the turn
	 */
	public static V1Message user(String message) {
		return new V1Message(USER, Objects.requireNonNull(message, "'message' must not be null"), null, null);
	}

	/**
	 * Creates a system turn.
	 * @param message the text
	 * @return the turn
	 */
	public static V1Message system(String message) {
		return new V1Message(SYSTEM, Objects.requireNonNull(message, "'message' must not be null"), null, null);
	}

	/**
	 * Creates a model turn.
	 * @param message the text
	 * @param toolCalls the calls it made, possibly empty
	 * @return the turn
	 */
	public static V1Message chatbot(String message, List<V1ToolCall> toolCalls) {
		return new V1Message(CHATBOT, Objects.requireNonNull(message, "'message' must not be null"), toolCalls, null);
	}

	/**
	 * Creates a turn of tool results.
	 * @param toolResults the results
	 * @return the turn
	 */
	public static V1Message tool(List<V1ToolResult> toolResults) {
		return new V1Message(TOOL, null, null, toolResults);
	}

}
