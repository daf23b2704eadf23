package dev.springcohere.agent;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;

/**
 * One step of an agent run: the request sent to the model, its response and the tool
 * calls run for it.
 *
 * @param index the step number, from 1
 * @param request the request sent to the model at this step (the whole conversation so
 * far)
 * @param response the model's response
 * @param toolExecutions the tool calls of the response with their results, in the order
 * of the calls; empty for the final answer
 * @param modelDuration how long the model call took
 * @since 0.1.0
 */
public record AgentStep(int index, ChatRequest request, ChatResponse response, List<ToolExecution> toolExecutions,
		Duration modelDuration) {

	/**
	 * Creates a step.
	 * @param index the step number, from 1
	 * @param request the request
	 * @param response the response
	 * @param toolExecutions the tool executions
	 * @param modelDuration how long the model call took
	 */
	public AgentStep {
		if (index < 1) {
			throw new IllegalArgumentException("'index' must be at least 1, but was " + index);
		}
		Objects.requireNonNull(request, "'request' must not be null");
		Objects.requireNonNull(response, "'response' must not be null");
		toolExecutions = List.copyOf(Objects.requireNonNull(toolExecutions, "'toolExecutions' must not be null"));
		Objects.requireNonNull(modelDuration, "'modelDuration' must not be null");
	}

	/**
	 * Returns the model's plan for the tool calls of this step.
	 * @return the tool plan, or {@code null} when the model sent none
	 */
	public @Nullable String toolPlan() {
		return this.response.message().toolPlan();
	}

	/**
	 * Tells whether the model asked for tools at this step.
	 * @return {@code true} when the response has tool calls
	 */
	public boolean hasToolCalls() {
		return !this.response.toolCalls().isEmpty();
	}

}
