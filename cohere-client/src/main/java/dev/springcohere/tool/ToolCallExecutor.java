package dev.springcohere.tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.springcohere.api.ToolCall;

/**
 * Runs the tool calls of one model step: each call goes to the tool of its name, the
 * calls of a step run concurrently on an {@link Executor}, and the outcomes come back in
 * call order.
 * <p>
 * Nothing is thrown for a failed call: an unknown tool name, a call without a function,
 * or an exception escaping a {@link ToolCallback} becomes an
 * {@linkplain ToolResult#error(String) error result} the model can read, and the other
 * calls of the step still run. By default a step with one call runs on the caller's
 * thread and each call of a larger step on a new daemon thread; pass an executor (such as
 * a bounded pool) to change that. The calls run with the thread-bound context of the
 * caller (its authentication, observation, ...; see {@link ThreadContextSnapshot}).
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class ToolCallExecutor {

	private static final Logger logger = LoggerFactory.getLogger(ToolCallExecutor.class);

	private final Map<String, ToolCallback> tools;

	private final Executor executor;

	/**
	 * Creates an executor that starts a daemon thread per call of a multi-call step.
	 * @param tools the tools, by their distinct names
	 */
	public ToolCallExecutor(List<? extends ToolCallback> tools) {
		this(tools, new ThreadPerCall());
	}

	/**
	 * Creates an executor.
	 * @param tools the tools, by their distinct names
	 * @param executor where the calls of a multi-call step run
	 * @throws IllegalArgumentException if two tools have the same name
	 */
	public ToolCallExecutor(List<? extends ToolCallback> tools, Executor executor) {
		Objects.requireNonNull(tools, "'tools' must not be null");
		this.executor = Objects.requireNonNull(executor, "'executor' must not be null");
		Map<String, ToolCallback> byName = new LinkedHashMap<>();
		for (ToolCallback tool : tools) {
			if (byName.putIfAbsent(tool.name(), tool) != null) {
				throw new IllegalArgumentException("Duplicate tool name '" + tool.name() + "': "
						+ StrictSchemaChecker.describe(byName.get(tool.name())) + " and "
						+ StrictSchemaChecker.describe(tool));
			}
		}
		this.tools = Map.copyOf(byName);
	}

	/**
	 * Returns the tools.
	 * @return the tools, by name
	 */
	public Map<String, ToolCallback> tools() {
		return this.tools;
	}

	/**
	 * Returns the tool of a name.
	 * @param name the name
	 * @return the tool, or empty
	 */
	public Optional<ToolCallback> find(String name) {
		return Optional.ofNullable(this.tools.get(Objects.requireNonNull(name, "'name' must not be null")));
	}

	/**
	 * Runs one call on the caller's thread.
	 * @param call the call
	 * @param context the caller's context
	 * @return the result, an error result when the call failed
	 */
	public ToolResult call(ToolCall call, ToolContext context) {
		Objects.requireNonNull(call, "'call' must not be null");
		Objects.requireNonNull(context, "'context' must not be null");
		ToolCall.Function function = call.function();
		if (function == null || function.name() == null) {
			return ToolResult
				.error("The tool call " + call.id() + " names no function; call one of " + this.tools.keySet());
		}
		ToolCallback tool = this.tools.get(function.name());
		if (tool == null) {
			return ToolResult.error("There is no tool named '" + function.name() + "'; the tools available are "
					+ this.tools.keySet() + ". Call one of them by its exact name.");
		}
		try {
			return tool.call((function.arguments() != null) ? function.arguments() : "{}", context);
		}
		catch (RuntimeException | Error ex) {
			if (ex instanceof VirtualMachineError) {
				throw ex;
			}
			logger.warn("Tool '{}' threw instead of returning an error result (call {}); the model gets an error "
					+ "result", function.name(), call.id(), ex);
			return ToolResult.error("Tool '" + function.name() + "' failed: " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? ": " + ex.getMessage() : ""));
		}
	}

	/**
	 * Runs the calls of one step concurrently and waits for all of them.
	 * @param calls the calls, in the model's order
	 * @param context the caller's context
	 * @return one outcome per call, in call order
	 */
	public List<ToolCallOutcome> callAll(List<ToolCall> calls, ToolContext context) {
		Objects.requireNonNull(calls, "'calls' must not be null");
		Objects.requireNonNull(context, "'context' must not be null");
		if (calls.size() == 1) {
			return List.of(new ToolCallOutcome(calls.get(0), call(calls.get(0), context)));
		}
		List<CompletableFuture<ToolResult>> futures = new ArrayList<>(calls.size());
		Executor withCallerContext = ThreadContextSnapshot.capture().wrap(this.executor);
		for (ToolCall call : calls) {
			CompletableFuture<ToolResult> future;
			try {
				future = CompletableFuture.supplyAsync(() -> call(call, context), withCallerContext);
			}
			catch (RuntimeException ex) {
				future = CompletableFuture.completedFuture(ToolResult.error("The tool call could not be started: "
						+ ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "")));
			}
			futures.add(future);
		}
		List<ToolCallOutcome> outcomes = new ArrayList<>(calls.size());
		for (int i = 0; i < calls.size(); i++) {
			ToolResult result;
			try {
				result = futures.get(i).join();
			}
			catch (RuntimeException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				result = ToolResult.error("The tool call failed: " + cause.getClass().getSimpleName()
						+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : ""));
			}
			outcomes.add(new ToolCallOutcome(calls.get(i), result));
		}
		return List.copyOf(outcomes);
	}

	private static final class ThreadPerCall implements Executor {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public void execute(Runnable task) {
			Thread thread = new Thread(task, "cohere-tool-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			thread.start();
		}

	}

}
