package dev.springcohere.tool;

import dev.springcohere.api.Tool;

/**
 * A tool the model may call: its v2 definition (name, description, JSON schema of the
 * arguments) and the code that runs when the model calls it.
 * <p>
 * Implementations are thread-safe: the tool calls of one step may run concurrently.
 *
 * @since 0.1.0
 */
public interface ToolCallback {

	/**
	 * Returns the definition sent to the model in the request's {@code tools}.
	 * @return the tool definition
	 */
	Tool definition();

	/**
	 * Returns the name the model uses to call this tool.
	 * @return the tool name
	 */
	default String name() {
		Tool.Function function = definition().function();
		if (function == null) {
			throw new IllegalStateException("The definition of " + this + " has no function");
		}
		return function.name();
	}

	/**
	 * Runs the tool for one call of the model. Failures of the tool itself (invalid
	 * arguments, an exception thrown by the tool's code) are returned as an
	 * {@linkplain ToolResult#isError() error result} that the model sees, never thrown.
	 * @param arguments the arguments as the model sent them: a JSON object as text
	 * @param context the caller's context for this conversation
	 * @return the result to send back to the model
	 */
	ToolResult call(String arguments, ToolContext context);

	/**
	 * Tells whether a person must approve each call of this tool before it runs
	 * ({@link dev.springcohere.annotation.CohereTool#confirm()}); an agent returns such
	 * calls as pending instead of running them.
	 * @return {@code true} when each call needs approval; {@code false} by default
	 */
	default boolean requiresConfirmation() {
		return false;
	}

}
