package dev.springcohere.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ChatMessage;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.Citation;
import dev.springcohere.api.ToolSource;
import dev.springcohere.api.Usage;

/**
 * The outcome of an agent run: the model's final answer, the steps that led to it and the
 * whole conversation; or, when the model called a tool that needs approval
 * ({@link dev.springcohere.annotation.CohereTool#confirm()}), the calls waiting for it
 * ({@link #isPending()}), to be passed to
 * {@link CohereAgent#resume(AgentResult, java.util.Set)}.
 *
 * @param response the model's final response (no tool calls), or for a pending result the
 * response whose tool calls wait for approval
 * @param steps every step of the run, the last one being the final answer (or the pending
 * step, without tool executions)
 * @param conversation the messages of the run: those sent at the last step followed by
 * the model's message, ready to continue the conversation
 * @param awaitingConfirmation the tool calls of the last step that need approval before
 * they run; empty for a finished run
 * @since 0.1.0
 */
public record AgentResult(ChatResponse response, List<AgentStep> steps, List<ChatMessage> conversation,
		List<ToolCall> awaitingConfirmation) {

	/**
	 * Creates a result.
	 * @param response the final response
	 * @param steps the steps, at least one
	 * @param conversation the conversation
	 * @param awaitingConfirmation the calls waiting for approval, empty for a finished
	 * run
	 */
	public AgentResult {
		Objects.requireNonNull(response, "'response' must not be null");
		steps = List.copyOf(Objects.requireNonNull(steps, "'steps' must not be null"));
		if (steps.isEmpty()) {
			throw new IllegalArgumentException("An agent result needs at least one step");
		}
		conversation = List.copyOf(Objects.requireNonNull(conversation, "'conversation' must not be null"));
		awaitingConfirmation = List
			.copyOf(Objects.requireNonNull(awaitingConfirmation, "'awaitingConfirmation' must not be null"));
	}

	/**
	 * Creates the result of a finished run.
	 * @param response the final response
	 * @param steps the steps, at least one
	 * @param conversation the conversation
	 */
	public AgentResult(ChatResponse response, List<AgentStep> steps, List<ChatMessage> conversation) {
		this(response, steps, conversation, List.of());
	}

	/**
	 * Tells whether the run stopped for approval of tool calls: the model called a tool
	 * that needs confirmation, and none of the step's calls ran yet.
	 * @return {@code true} when {@link #awaitingConfirmation()} is not empty
	 */
	public boolean isPending() {
		return !this.awaitingConfirmation.isEmpty();
	}

	/**
	 * Returns the text of the final answer.
	 * @return the text, possibly empty
	 */
	public String text() {
		return this.response.text();
	}

	/**
	 * Returns the citations of the final answer; those backed by tool results have
	 * {@link ToolSource} sources (see {@link #toolExecutionOf(ToolSource)}).
	 * @return the citations, possibly empty
	 */
	public List<Citation> citations() {
		return this.response.citations();
	}

	/**
	 * Returns every tool call of the run with its result, step by step and in call order.
	 * @return the tool executions, possibly empty
	 */
	public List<ToolExecution> toolExecutions() {
		List<ToolExecution> executions = new ArrayList<>();
		for (AgentStep step : this.steps) {
			executions.addAll(step.toolExecutions());
		}
		return List.copyOf(executions);
	}

	/**
	 * Finds the tool call whose result a citation source points to. Cohere names a tool
	 * source by the {@code tool_call_id} followed by {@code :} and the index of the
	 * result's content block.
	 * @param source a source of one of the {@link #citations()}
	 * @return the tool execution, or empty when no call of this run matches
	 */
	public Optional<ToolExecution> toolExecutionOf(ToolSource source) {
		Objects.requireNonNull(source, "'source' must not be null");
		String id = source.id();
		if (id == null) {
			return Optional.empty();
		}
		for (ToolExecution execution : toolExecutions()) {
			String callId = execution.callId();
			if (id.equals(callId) || id.startsWith(callId + ":")) {
				return Optional.of(execution);
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns the token counts of all model calls of the run added up.
	 * @return the summed usage (counts the server did not report are left out of the
	 * sums)
	 */
	public Usage usage() {
		double billedIn = 0;
		double billedOut = 0;
		double tokensIn = 0;
		double tokensOut = 0;
		double cached = 0;
		for (AgentStep step : this.steps) {
			Usage usage = step.response().usage();
			if (usage == null) {
				continue;
			}
			if (usage.billedUnits() != null) {
				billedIn += value(usage.billedUnits().inputTokens());
				billedOut += value(usage.billedUnits().outputTokens());
			}
			if (usage.tokens() != null) {
				tokensIn += value(usage.tokens().inputTokens());
				tokensOut += value(usage.tokens().outputTokens());
			}
			cached += value(usage.cachedTokens());
		}
		return new Usage(new Usage.BilledUnits(billedIn, billedOut, null, null), new Usage.Tokens(tokensIn, tokensOut),
				cached);
	}

	private static double value(@Nullable Double count) {
		return (count != null) ? count : 0;
	}

}
