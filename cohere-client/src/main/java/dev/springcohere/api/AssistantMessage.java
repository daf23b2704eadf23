package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A message written by the model ({@code {"role": "assistant", ...}}): in a request, a
 * previous turn of the conversation; in a {@link ChatResponse}, the answer (spec
 * {@code AssistantMessageResponse}), which can be added to the conversation as it is.
 * <p>
 * Empty lists are not written (absent and empty read the same).
 *
 * @param toolCalls the tool calls the model asks for, never {@code null}
 * @param toolPlan the model's plan for its tool calls, or {@code null}
 * @param content a string or {@link AssistantContentBlock text and thinking blocks}, or
 * {@code null}
 * @param citations the citations of the answer, never {@code null}
 * @since 0.1.0
 */
@JsonDeserialize
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "role", allowGetters = true, ignoreUnknown = true)
@JsonPropertyOrder({ "role", "tool_calls", "tool_plan", "content", "citations" })
public record AssistantMessage(
		@JsonProperty("tool_calls") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCall> toolCalls,
		@JsonProperty("tool_plan") @Nullable String toolPlan, @Nullable MessageContent<AssistantContentBlock> content,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Citation> citations) implements ChatMessage {

	/**
	 * Creates an assistant message.
	 * @param toolCalls the tool calls, or {@code null} for none
	 * @param toolPlan the tool plan, or {@code null}
	 * @param content the content, or {@code null}
	 * @param citations the citations, or {@code null} for none
	 */
	public AssistantMessage {
		toolCalls = (toolCalls != null) ? List.copyOf(toolCalls) : List.of();
		citations = (citations != null) ? List.copyOf(citations) : List.of();
	}

	/**
	 * Creates an assistant message with string content.
	 * @param text the text
	 * @return the message
	 */
	public static AssistantMessage of(String text) {
		return new AssistantMessage(null, null, MessageContent.of(text), null);
	}

	/**
	 * Creates an assistant message with block content.
	 * @param blocks the blocks
	 * @return the message
	 */
	public static AssistantMessage of(List<? extends AssistantContentBlock> blocks) {
		return new AssistantMessage(null, null, MessageContent.of(blocks), null);
	}

	/**
	 * Creates an assistant message asking for tool calls.
	 * @param toolPlan the tool plan, or {@code null}
	 * @param toolCalls the tool calls
	 * @return the message
	 */
	public static AssistantMessage ofToolCalls(@Nullable String toolPlan, List<ToolCall> toolCalls) {
		Objects.requireNonNull(toolCalls, "'toolCalls' must not be null");
		return new AssistantMessage(toolCalls, toolPlan, null, null);
	}

	/**
	 * Returns the text of the content: all text blocks joined, or the string content;
	 * empty when there is none.
	 * @return the text
	 */
	public String text() {
		return (this.content != null) ? this.content.text() : "";
	}

	/**
	 * Returns the reasoning of the model: the text of all {@link ThinkingContent} blocks
	 * joined, or an empty string.
	 * @return the thinking text
	 */
	public String thinking() {
		if (!(this.content instanceof MessageContent.Blocks<AssistantContentBlock> blocks)) {
			return "";
		}
		StringBuilder thinking = new StringBuilder();
		for (AssistantContentBlock block : blocks.blocks()) {
			if (block instanceof ThinkingContent thinkingContent) {
				thinking.append(thinkingContent.thinking());
			}
		}
		return thinking.toString();
	}

	@Override
	@JsonProperty("role")
	public Role role() {
		return Role.ASSISTANT;
	}

}
