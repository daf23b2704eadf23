package dev.springcohere.agent;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ToolCall;
import dev.springcohere.tool.ToolResult;

/**
 * One tool call of the model and what the agent sent back for it.
 *
 * @param call the call as the model asked for it
 * @param result the result sent back in the {@code tool} message (an error result when
 * the tool failed, was unknown, or threw)
 * @param duration how long the tool ran
 * @since 0.1.0
 */
public record ToolExecution(ToolCall call, ToolResult result, Duration duration) {

	/**
	 * Creates a tool execution.
	 * @param call the call
	 * @param result the result
	 * @param duration how long the tool ran
	 */
	public ToolExecution {
		Objects.requireNonNull(call, "'call' must not be null");
		Objects.requireNonNull(result, "'result' must not be null");
		Objects.requireNonNull(duration, "'duration' must not be null");
	}

	/**
	 * Returns the id of the call, the {@code tool_call_id} of the {@code tool} message.
	 * @return the call id
	 */
	public String callId() {
		return Objects.requireNonNull(this.call.id(), "A tool execution always has a call id");
	}

	/**
	 * Returns the name of the called tool.
	 * @return the name, or {@code null} if the model sent none
	 */
	public @Nullable String toolName() {
		ToolCall.Function function = this.call.function();
		return (function != null) ? function.name() : null;
	}

	/**
	 * Tells whether the call failed (its result is an error result).
	 * @return {@code true} for a failed call
	 */
	public boolean isError() {
		return this.result.isError();
	}

}
