package dev.springcohere.engine.backend.output;

/**
 * Where the text between {@code <|START_THINKING|>} and {@code <|END_THINKING|>} goes.
 *
 * @since 0.1.0
 */
public enum ThinkingChannel {

	/**
	 * The tool plan ({@code tool-plan-delta} events, {@link ParsedOutput#toolPlan()}), as
	 * the platform returns the plan of Command R7B-style tool use; citations in it get
	 * the {@code PLAN} type.
	 */
	TOOL_PLAN,

	/**
	 * A thinking content block ({@code content-start} of type {@code thinking},
	 * {@link ParsedOutput#thinking()}), as the platform returns the reasoning of
	 * reasoning models; citations in it get the {@code THINKING_CONTENT} type.
	 */
	CONTENT

}
