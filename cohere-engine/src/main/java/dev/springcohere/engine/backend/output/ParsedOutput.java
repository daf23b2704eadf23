package dev.springcohere.engine.backend.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.springcohere.api.AssistantContentBlock;
import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.Citation;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.MessageContent;
import dev.springcohere.api.TextContent;
import dev.springcohere.api.ThinkingContent;
import dev.springcohere.api.ToolCall;
import org.jspecify.annotations.Nullable;

/**
 * The final result of parsing one generation.
 *
 * @param text the response text with all markup removed (empty when there is none)
 * @param thinking the thinking text, when the parser routes thinking into a thinking
 * content block, or {@code null}
 * @param toolPlan the tool plan, when the parser routes thinking into the tool plan, or
 * {@code null}
 * @param toolCalls the tool calls with their v2 ids, in order
 * @param citations the citations, in the order their spans closed
 * @param problem what was wrong with the model output (unclosed action, invalid action
 * JSON), or {@code null} when it was well formed
 * @since 0.1.0
 */
public record ParsedOutput(String text, @Nullable String thinking, @Nullable String toolPlan, List<ToolCall> toolCalls,
		List<Citation> citations, @Nullable String problem) {

	/**
	 * Creates a result.
	 * @param text the response text
	 * @param thinking the thinking text, or {@code null}
	 * @param toolPlan the tool plan, or {@code null}
	 * @param toolCalls the tool calls (copied)
	 * @param citations the citations (copied)
	 * @param problem what was malformed, or {@code null}
	 */
	public ParsedOutput {
		Objects.requireNonNull(text, "'text' must not be null");
		toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "'toolCalls' must not be null"));
		citations = List.copyOf(Objects.requireNonNull(citations, "'citations' must not be null"));
	}

	/**
	 * Tells whether the model output was malformed and was (partly) degraded to text.
	 * @return {@code true} when {@link #problem()} is set
	 */
	public boolean malformed() {
		return this.problem != null;
	}

	/**
	 * Returns the v2 finish reason for this output, given why decoding stopped:
	 * {@code TOOL_CALL} when the model completed normally and asked for tool calls,
	 * otherwise {@code stopped} unchanged ({@code MAX_TOKENS} stays {@code MAX_TOKENS}
	 * even when a truncated action left a {@link #problem()}).
	 * @param stopped why decoding stopped ({@code COMPLETE}, {@code STOP_SEQUENCE},
	 * {@code MAX_TOKENS}, ...)
	 * @return the finish reason to report
	 */
	public FinishReason finishReason(FinishReason stopped) {
		Objects.requireNonNull(stopped, "'stopped' must not be null");
		if (!this.toolCalls.isEmpty() && FinishReason.COMPLETE.equals(stopped)) {
			return FinishReason.TOOL_CALL;
		}
		return stopped;
	}

	/**
	 * Returns the v2 assistant message of this output, the same message that accumulating
	 * the parser's stream events gives: a thinking block when there is thinking, a text
	 * block when the text is not empty (no content when there is neither), the tool plan,
	 * the tool calls and the citations.
	 * @return the message
	 */
	public AssistantMessage toAssistantMessage() {
		List<AssistantContentBlock> blocks = new ArrayList<>();
		if (this.thinking != null) {
			blocks.add(new ThinkingContent(this.thinking));
		}
		if (!this.text.isEmpty()) {
			blocks.add(new TextContent(this.text));
		}
		return new AssistantMessage(this.toolCalls, this.toolPlan, blocks.isEmpty() ? null : MessageContent.of(blocks),
				this.citations);
	}

}
