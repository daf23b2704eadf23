package dev.springcohere.tool;

import java.util.Objects;

import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolMessage;

/**
 * One tool call of the model and its result.
 *
 * @param call the call as the model sent it
 * @param result the result (an error result when the call failed)
 * @since 0.1.0
 */
public record ToolCallOutcome(ToolCall call, ToolResult result) {

	/**
	 * Creates an outcome.
	 * @param call the call
	 * @param result the result
	 */
	public ToolCallOutcome {
		Objects.requireNonNull(call, "'call' must not be null");
		Objects.requireNonNull(result, "'result' must not be null");
	}

	/**
	 * Returns the {@code tool} message that answers the call.
	 * @return the message, with the call's id and the result's content
	 * @throws IllegalStateException if the call has no id
	 */
	public ToolMessage toMessage() {
		String id = this.call.id();
		if (id == null) {
			throw new IllegalStateException("The tool call " + this.call + " has no id to answer");
		}
		return ToolMessage.of(id, this.result.content());
	}

}
