package dev.springcohere.agent;

/**
 * What a {@link CohereAgent} does when the model still asks for tools at its last allowed
 * step.
 *
 * @since 0.1.0
 */
public enum MaxStepsBehaviour {

	/**
	 * The run fails with an {@link AgentMaxStepsException} carrying the steps taken; the
	 * tool calls of the last step are not run.
	 */
	FAIL,

	/**
	 * The last allowed step is sent with {@code tool_choice: NONE}, so the model must
	 * answer from the tool results it has; should it still ask for tools, the run fails
	 * with an {@link AgentMaxStepsException}.
	 */
	FORCE_ANSWER

}
