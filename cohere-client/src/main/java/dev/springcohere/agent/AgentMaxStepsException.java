package dev.springcohere.agent;

import java.util.List;

import dev.springcohere.api.error.CohereException;

/**
 * Thrown when the model still asks for tools at the last step an agent allows.
 *
 * @since 0.1.0
 */
public class AgentMaxStepsException extends CohereException {

	private static final long serialVersionUID = 1L;

	private final transient List<AgentStep> steps;

	/**
	 * Creates the exception.
	 * @param message the message
	 * @param steps the steps taken, the last one being the step that still asked for
	 * tools
	 */
	public AgentMaxStepsException(String message, List<AgentStep> steps) {
		super(message);
		this.steps = List.copyOf(steps);
	}

	/**
	 * Returns the steps taken before the run was stopped.
	 * @return the steps, the last one being the step that still asked for tools
	 */
	public List<AgentStep> getSteps() {
		return this.steps;
	}

}
