package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The result of a tool call ({@code {"role": "tool", "tool_call_id": ..., "content":
 * ...}}).
 *
 * @param toolCallId the {@link ToolCall#id() id} of the call this message answers
 * @param content a string or {@link ToolContentBlock text and document blocks}
 * @since 0.1.0
 */
@JsonDeserialize
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "role", allowGetters = true, ignoreUnknown = true)
@JsonPropertyOrder({ "role", "tool_call_id", "content" })
public record ToolMessage(@JsonProperty("tool_call_id") String toolCallId,
		MessageContent<ToolContentBlock> content) implements ChatMessage {

	/**
	 * Creates a tool message.
	 * @param toolCallId the id of the answered call
	 * @param content the content
	 */
	public ToolMessage {
		Objects.requireNonNull(toolCallId, "'toolCallId' must not be null");
		Objects.requireNonNull(content, "'content' must not be null");
	}

	/**
	 * Creates a tool message with string content.
	 * @param toolCallId the id of the answered call
	 * @param text the result, often JSON text
	 * @return the message
	 */
	public static ToolMessage of(String toolCallId, String text) {
		return new ToolMessage(toolCallId, MessageContent.of(text));
	}

	/**
	 * Creates a tool message with block content (text, or documents the model can cite).
	 * @param toolCallId the id of the answered call
	 * @param blocks the blocks
	 * @return the message
	 */
	public static ToolMessage of(String toolCallId, List<? extends ToolContentBlock> blocks) {
		return new ToolMessage(toolCallId, MessageContent.of(blocks));
	}

	@Override
	@JsonProperty("role")
	public Role role() {
		return Role.TOOL;
	}

}
