package dev.springcohere.agent;

import java.util.Objects;

import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.ToolCall;

/**
 * An event of a {@linkplain CohereAgent#stream streamed agent run}. For each step: the
 * model's stream events ({@link ModelEvent}), its complete response
 * ({@link ModelResponse}), the tool calls it asks for ({@link ToolCallRequested}), their
 * results in call order ({@link ToolResultReady}) and {@link StepFinished}; the run ends
 * with {@link Completed}.
 *
 * @since 0.1.0
 */
public sealed interface AgentEvent permits AgentEvent.ModelEvent, AgentEvent.ModelResponse,
		AgentEvent.ToolCallRequested, AgentEvent.ToolResultReady, AgentEvent.StepFinished, AgentEvent.Completed {

	/**
	 * Returns the step the event belongs to, from 1.
	 * @return the step number
	 */
	int step();

	/**
	 * An event of the model's streamed answer.
	 *
	 * @param step the step number
	 * @param event the model's event
	 */
	record ModelEvent(int step, StreamEvent event) implements AgentEvent {

		/**
		 * Creates the event.
		 * @param step the step number
		 * @param event the model's event
		 */
		public ModelEvent {
			Objects.requireNonNull(event, "'event' must not be null");
		}

	}

	/**
	 * The model's complete response at a step.
	 *
	 * @param step the step number
	 * @param response the response
	 */
	record ModelResponse(int step, ChatResponse response) implements AgentEvent {

		/**
		 * Creates the event.
		 * @param step the step number
		 * @param response the response
		 */
		public ModelResponse {
			Objects.requireNonNull(response, "'response' must not be null");
		}

	}

	/**
	 * A tool call the model asked for, about to run.
	 *
	 * @param step the step number
	 * @param call the call
	 */
	record ToolCallRequested(int step, ToolCall call) implements AgentEvent {

		/**
		 * Creates the event.
		 * @param step the step number
		 * @param call the call
		 */
		public ToolCallRequested {
			Objects.requireNonNull(call, "'call' must not be null");
		}

	}

	/**
	 * The result of a tool call, to be sent back to the model.
	 *
	 * @param step the step number
	 * @param execution the call and its result
	 */
	record ToolResultReady(int step, ToolExecution execution) implements AgentEvent {

		/**
		 * Creates the event.
		 * @param step the step number
		 * @param execution the call and its result
		 */
		public ToolResultReady {
			Objects.requireNonNull(execution, "'execution' must not be null");
		}

	}

	/**
	 * A step is over: the model answered and its tool calls, if any, have run.
	 *
	 * @param agentStep the step
	 */
	record StepFinished(AgentStep agentStep) implements AgentEvent {

		/**
		 * Creates the event.
		 * @param agentStep the step
		 */
		public StepFinished {
			Objects.requireNonNull(agentStep, "'agentStep' must not be null");
		}

		@Override
		public int step() {
			return this.agentStep.index();
		}

	}

	/**
	 * The run is over; the last event of a successful run.
	 *
	 * @param result the result
	 */
	record Completed(AgentResult result) implements AgentEvent {

		/**
		 * Creates the event.
		 * @param result the result
		 */
		public Completed {
			Objects.requireNonNull(result, "'result' must not be null");
		}

		@Override
		public int step() {
			return this.result.steps().size();
		}

	}

}
