package dev.springcohere.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import dev.springcohere.api.ChatMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolChoice;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.client.CohereClient;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.tool.ToolCallExecutor;
import dev.springcohere.tool.ToolCallback;
import dev.springcohere.tool.ToolContext;
import dev.springcohere.tool.ToolResult;
import dev.springcohere.tool.ThreadContextSnapshot;

/**
 * Runs Cohere's multi-step tool use: sends the conversation with the tools, runs the tool
 * calls the model asks for (those of one step concurrently), sends back the model's
 * message with its {@code tool_plan} and {@code tool_calls} followed by one {@code tool}
 * message per call (same {@code tool_call_id}, the {@link ToolResult}'s content blocks,
 * so that document results can be cited), and repeats until the model answers or
 * {@linkplain Builder#maxSteps(int) the step limit} is reached. Immutable and
 * thread-safe; one agent serves any number of runs. <pre>{@code
 * CohereAgent agent = CohereAgent.builder(client).tools(List.of(weatherTool)).maxSteps(4).build();
 * AgentResult result = agent.run("What should I wear in Toronto today?");
 * System.out.println(result.text() + " " + result.citations());
 * }</pre>
 * <p>
 * A tool that fails, throws, or is unknown to the agent gives the model an error result,
 * so that it can recover; only model calls and the step limit fail a run.
 * <p>
 * Tool calls run with the thread-bound context of the thread that started the run (its
 * Spring Security authentication, current observation, ...; see
 * {@link ThreadContextSnapshot}), so that method security on a tool bean checks the
 * caller. When the model calls a tool that
 * {@linkplain ToolCallback#requiresConfirmation() needs approval}, no call of that step
 * runs: the run ends with a {@linkplain AgentResult#isPending() pending result}, and
 * {@link #resume(AgentResult, Set)} goes on once a person has decided.
 * <p>
 * Its length is the multi-step protocol itself, blocking and streamed side by side (each
 * step's request, the tool round, the step limit and the trace), which reads best in one
 * place; the tool execution lives in {@link dev.springcohere.tool.ToolCallExecutor}.
 *
 * @since 0.1.0
 */
public final class CohereAgent {

	/** The default most steps (model calls) of one run. */
	public static final int DEFAULT_MAX_STEPS = 8;

	/** The default most tool calls of one step running at the same time. */
	public static final int DEFAULT_MAX_CONCURRENT_TOOL_CALLS = 8;

	private final CohereClient client;

	private final Map<String, ToolCallback> tools;

	private final ToolCallExecutor toolCalls;

	private final List<Tool> definitions;

	private final @Nullable String model;

	private final @Nullable String systemPreamble;

	private final @Nullable Boolean strictTools;

	private final int maxSteps;

	private final MaxStepsBehaviour maxStepsBehaviour;

	private final Scheduler toolScheduler;

	private final int maxConcurrentToolCalls;

	private final ToolContext toolContext;

	private CohereAgent(Builder builder) {
		this.client = builder.client;
		this.tools = Map.copyOf(builder.tools);
		this.toolCalls = new ToolCallExecutor(List.copyOf(builder.tools.values()));
		this.definitions = builder.tools.values().stream().map(ToolCallback::definition).toList();
		this.model = builder.model;
		this.systemPreamble = builder.systemPreamble;
		this.strictTools = builder.strictTools;
		this.maxSteps = builder.maxSteps;
		this.maxStepsBehaviour = builder.maxStepsBehaviour;
		Executor executor = builder.toolExecutor;
		this.toolScheduler = (executor == null) ? Schedulers.boundedElastic()
				: (executor instanceof ExecutorService service) ? Schedulers.fromExecutorService(service)
						: Schedulers.fromExecutor(executor);
		this.maxConcurrentToolCalls = builder.maxConcurrentToolCalls;
		this.toolContext = builder.toolContext;
	}

	/**
	 * Starts a builder of an agent that calls the model through a client.
	 * @param client the client (its default chat model applies to requests without one)
	 * @return a new builder
	 */
	public static Builder builder(CohereClient client) {
		return new Builder(client);
	}

	/**
	 * Starts a builder of an agent that calls a backend directly, through a client that
	 * does not close it (its default chat model,
	 * {@value CohereClient#DEFAULT_CHAT_MODEL}, applies to requests without one).
	 * @param backend the backend
	 * @return a new builder
	 */
	public static Builder builder(CohereBackend backend) {
		Objects.requireNonNull(backend, "'backend' must not be null");
		return new Builder(CohereClient.builder().backend(backend).build());
	}

	/**
	 * Returns the tool definitions sent with every request, in the order the tools were
	 * added.
	 * @return the definitions
	 */
	public List<Tool> toolDefinitions() {
		return this.definitions;
	}

	/**
	 * Runs the agent on one user message; blocks.
	 * @param userMessage the message
	 * @return the result
	 * @throws AgentMaxStepsException when the model still asks for tools at the last step
	 * @throws dev.springcohere.api.error.CohereException when a model call fails
	 */
	public AgentResult run(String userMessage) {
		return run(userRequest(userMessage));
	}

	/**
	 * Runs the agent on a conversation; blocks. Must not be called on a non-blocking
	 * (Reactor) thread.
	 * @param request the conversation and the request options; its {@code tools} must be
	 * empty (the agent sends its own), its {@code tool_choice} applies to the first step
	 * only
	 * @return the result
	 * @throws AgentMaxStepsException when the model still asks for tools at the last step
	 * @throws dev.springcohere.api.error.CohereException when a model call fails
	 */
	public AgentResult run(ChatRequest request) {
		return run(request, this.toolContext);
	}

	/**
	 * Runs the agent on a conversation with a context of its own for the tools; blocks.
	 * @param request the conversation and the request options (see
	 * {@link #run(ChatRequest)})
	 * @param context the context passed to the tools of this run
	 * @return the result
	 * @throws AgentMaxStepsException when the model still asks for tools at the last step
	 * @throws dev.springcohere.api.error.CohereException when a model call fails
	 */
	public AgentResult run(ChatRequest request, ToolContext context) {
		AgentResult result = runAsync(request, context).block();
		return Objects.requireNonNull(result, "The agent run completed without a result");
	}

	/**
	 * Reactive form of {@link #run(ChatRequest)}: nothing is sent before subscription;
	 * cancelling stops the run.
	 * @param request the conversation and the request options (see
	 * {@link #run(ChatRequest)})
	 * @return a {@code Mono} of the result, failing with {@link AgentMaxStepsException}
	 * or the model call's error
	 */
	public Mono<AgentResult> runAsync(ChatRequest request) {
		return runAsync(request, this.toolContext);
	}

	/**
	 * Reactive form of {@link #run(ChatRequest, ToolContext)}.
	 * @param request the conversation and the request options (see
	 * {@link #run(ChatRequest)})
	 * @param context the context passed to the tools of this run
	 * @return a {@code Mono} of the result
	 */
	public Mono<AgentResult> runAsync(ChatRequest request, ToolContext context) {
		return events(request, context, false).ofType(AgentEvent.Completed.class)
			.map(AgentEvent.Completed::result)
			.single();
	}

	/**
	 * Streams a run on one user message.
	 * @param userMessage the message
	 * @return a cold {@code Flux} of events (see
	 * {@link #stream(ChatRequest, ToolContext)})
	 */
	public Flux<AgentEvent> stream(String userMessage) {
		return stream(userRequest(userMessage));
	}

	/**
	 * Streams a run on a conversation.
	 * @param request the conversation and the request options (see
	 * {@link #run(ChatRequest)})
	 * @return a cold {@code Flux} of events (see
	 * {@link #stream(ChatRequest, ToolContext)})
	 */
	public Flux<AgentEvent> stream(ChatRequest request) {
		return stream(request, this.toolContext);
	}

	/**
	 * Streams a run: every model call is streamed and its events are passed on as
	 * {@link AgentEvent.ModelEvent}s, with the tool calls and their results between the
	 * steps. Nothing is sent before subscription; cancelling stops the model stream or
	 * the running tools (their threads are interrupted) and sends nothing more.
	 * @param request the conversation and the request options (see
	 * {@link #run(ChatRequest)})
	 * @param context the context passed to the tools of this run
	 * @return a cold {@code Flux} of events that ends with {@link AgentEvent.Completed},
	 * or with an error ({@link AgentMaxStepsException}, or that of a model call)
	 */
	public Flux<AgentEvent> stream(ChatRequest request, ToolContext context) {
		return events(request, context, true);
	}

	private Flux<AgentEvent> events(ChatRequest request, ToolContext context, boolean streamed) {
		Objects.requireNonNull(request, "'request' must not be null");
		Objects.requireNonNull(context, "'context' must not be null");
		if (!request.tools().isEmpty()) {
			return Flux
				.error(new IllegalArgumentException("The request given to the agent has " + request.tools().size()
						+ " tools of its own; give the agent ToolCallbacks instead (they are sent with every step)"));
		}
		List<ChatMessage> conversation = new ArrayList<>();
		if (this.systemPreamble != null) {
			conversation.add(SystemMessage.of(this.systemPreamble));
		}
		conversation.addAll(request.messages());
		if (conversation.isEmpty()) {
			return Flux.error(new IllegalArgumentException("The request given to the agent has no messages"));
		}
		ChatRequest.Builder base = request.mutate().tools(this.definitions).stream(null);
		if (this.model != null) {
			base.model(this.model);
		}
		if (this.strictTools != null) {
			base.strictTools(this.strictTools);
		}
		Run run = new Run(base.build(), context, streamed, ThreadContextSnapshot.capture());
		return Flux.defer(() -> run.step(1, List.copyOf(conversation), List.of()));
	}

	/**
	 * Goes on with a run that stopped for approval ({@link AgentResult#isPending()}):
	 * runs the approved calls and those of the step that need no approval, gives the
	 * model a "not approved" error result for the others, and continues; blocks.
	 * @param pending the pending result
	 * @param approvedCallIds the ids of the {@link AgentResult#awaitingConfirmation()}
	 * calls a person approved; the others are declined
	 * @return the result: finished, or pending again
	 * @throws IllegalArgumentException if the result is not pending or an id is not one
	 * of its awaiting calls
	 * @throws AgentMaxStepsException when the model still asks for tools at the last step
	 */
	public AgentResult resume(AgentResult pending, Set<String> approvedCallIds) {
		return resume(pending, approvedCallIds, this.toolContext);
	}

	/**
	 * Goes on with a pending run with a context of its own for the tools; blocks.
	 * @param pending the pending result
	 * @param approvedCallIds the ids of the approved calls (see
	 * {@link #resume(AgentResult, Set)})
	 * @param context the context passed to the tools
	 * @return the result: finished, or pending again
	 */
	public AgentResult resume(AgentResult pending, Set<String> approvedCallIds, ToolContext context) {
		AgentResult result = resumeAsync(pending, approvedCallIds, context).block();
		return Objects.requireNonNull(result, "The agent run completed without a result");
	}

	/**
	 * Reactive form of {@link #resume(AgentResult, Set, ToolContext)}.
	 * @param pending the pending result
	 * @param approvedCallIds the ids of the approved calls
	 * @param context the context passed to the tools
	 * @return a {@code Mono} of the result
	 */
	public Mono<AgentResult> resumeAsync(AgentResult pending, Set<String> approvedCallIds, ToolContext context) {
		return resumed(pending, approvedCallIds, context, false).ofType(AgentEvent.Completed.class)
			.map(AgentEvent.Completed::result)
			.single();
	}

	/**
	 * Streams the rest of a pending run (see {@link #stream(ChatRequest, ToolContext)}).
	 * @param pending the pending result
	 * @param approvedCallIds the ids of the approved calls
	 * @param context the context passed to the tools
	 * @return a cold {@code Flux} of events, starting with the tool calls of the pending
	 * step
	 */
	public Flux<AgentEvent> resumeStream(AgentResult pending, Set<String> approvedCallIds, ToolContext context) {
		return resumed(pending, approvedCallIds, context, true);
	}

	private Flux<AgentEvent> resumed(AgentResult pending, Set<String> approvedCallIds, ToolContext context,
			boolean streamed) {
		Objects.requireNonNull(pending, "'pending' must not be null");
		Objects.requireNonNull(approvedCallIds, "'approvedCallIds' must not be null");
		Objects.requireNonNull(context, "'context' must not be null");
		if (!pending.isPending()) {
			return Flux.error(new IllegalArgumentException(
					"The agent result is not pending (no tool call awaits approval); only a result whose isPending() "
							+ "is true can be resumed"));
		}
		Set<String> awaiting = new LinkedHashSet<>();
		pending.awaitingConfirmation().forEach((call) -> awaiting.add(call.id()));
		Set<String> unknown = new LinkedHashSet<>(approvedCallIds);
		unknown.removeAll(awaiting);
		if (!unknown.isEmpty()) {
			return Flux.error(new IllegalArgumentException("The approved call ids " + unknown
					+ " are not among the calls awaiting approval " + awaiting + "; approve those ids only"));
		}
		Set<String> declined = new LinkedHashSet<>(awaiting);
		declined.removeAll(approvedCallIds);
		List<AgentStep> steps = pending.steps();
		AgentStep last = steps.get(steps.size() - 1);
		List<ChatMessage> conversation = pending.conversation().subList(0, pending.conversation().size() - 1);
		Run run = new Run(last.request(), context, streamed, ThreadContextSnapshot.capture());
		return Flux.defer(() -> run.toolRound(last.index(), last.request(), last.response(), last.modelDuration(),
				List.copyOf(conversation), List.copyOf(steps.subList(0, steps.size() - 1)), Set.copyOf(declined)));
	}

	private static ChatRequest userRequest(String userMessage) {
		Objects.requireNonNull(userMessage, "'userMessage' must not be null");
		return ChatRequest.builder().messages(UserMessage.of(userMessage)).build();
	}

	private ToolExecution execute(ToolCall call, ToolContext context) {
		long start = System.nanoTime();
		ToolResult result = this.toolCalls.call(call, context);
		return new ToolExecution(call, result, Duration.ofNanos(System.nanoTime() - start));
	}

	@Override
	public String toString() {
		return "CohereAgent[tools=" + this.tools.keySet() + ", model=" + this.model + ", maxSteps=" + this.maxSteps
				+ ", maxStepsBehaviour=" + this.maxStepsBehaviour + "]";
	}

	/**
	 * One run: the request options shared by its steps.
	 */
	private final class Run {

		private final ChatRequest base;

		private final ToolContext context;

		private final boolean streamed;

		private final ThreadContextSnapshot threadContext;

		Run(ChatRequest base, ToolContext context, boolean streamed, ThreadContextSnapshot threadContext) {
			this.base = base;
			this.context = context;
			this.streamed = streamed;
			this.threadContext = threadContext;
		}

		Flux<AgentEvent> step(int index, List<ChatMessage> conversation, List<AgentStep> steps) {
			ChatRequest.Builder builder = this.base.mutate().messages(conversation);
			if (index > 1) {
				builder.toolChoice(null);
			}
			if (index == CohereAgent.this.maxSteps
					&& CohereAgent.this.maxStepsBehaviour == MaxStepsBehaviour.FORCE_ANSWER) {
				builder.toolChoice(ToolChoice.NONE);
			}
			ChatRequest request = builder.build();
			return Flux.defer(() -> {
				long start = System.nanoTime();
				if (this.streamed) {
					ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
					Flux<AgentEvent> modelEvents = CohereAgent.this.client.chatStream(request)
						.doOnNext(accumulator::accept)
						.map((event) -> new AgentEvent.ModelEvent(index, event));
					return modelEvents.concatWith(Flux.defer(() -> answered(index, request, accumulator.result(),
							Duration.ofNanos(System.nanoTime() - start), conversation, steps)));
				}
				return CohereAgent.this.client.chatAsync(request)
					.flatMapMany((response) -> answered(index, request, response,
							Duration.ofNanos(System.nanoTime() - start), conversation, steps));
			});
		}

		private Flux<AgentEvent> answered(int index, ChatRequest request, ChatResponse response, Duration modelDuration,
				List<ChatMessage> conversation, List<AgentStep> steps) {
			Flux<AgentEvent> responded = Flux.just(new AgentEvent.ModelResponse(index, response));
			List<ToolCall> calls = response.toolCalls();
			if (calls.isEmpty()) {
				AgentStep step = new AgentStep(index, request, response, List.of(), modelDuration);
				List<AgentStep> allSteps = append(steps, step);
				List<ChatMessage> finalConversation = append(conversation, response.message());
				return responded.concatWith(Flux.just(new AgentEvent.StepFinished(step),
						new AgentEvent.Completed(new AgentResult(response, allSteps, finalConversation))));
			}
			if (index >= CohereAgent.this.maxSteps) {
				AgentStep step = new AgentStep(index, request, response, List.of(), modelDuration);
				return responded.concatWith(Flux.error(new AgentMaxStepsException(
						"The model still asked for tools " + names(calls) + " at step " + index
								+ ", the last step allowed (maxSteps " + CohereAgent.this.maxSteps + ", "
								+ CohereAgent.this.maxStepsBehaviour + "); raise maxSteps or use "
								+ ((CohereAgent.this.maxStepsBehaviour == MaxStepsBehaviour.FAIL)
										? "MaxStepsBehaviour.FORCE_ANSWER" : "a model that follows tool_choice NONE"),
						append(steps, step))));
			}
			for (ToolCall call : calls) {
				if (call.id() == null || call.id().isBlank()) {
					return responded.concatWith(
							Flux.error(new CohereMalformedResponseException(
									"The model asked for a " + "tool call without id at step " + index
											+ ", so its result cannot be sent back: " + call,
									String.valueOf(call), null)));
				}
			}
			List<ToolCall> awaiting = calls.stream().filter(CohereAgent.this::needsConfirmation).toList();
			if (!awaiting.isEmpty()) {
				AgentStep step = new AgentStep(index, request, response, List.of(), modelDuration);
				AgentResult result = new AgentResult(response, append(steps, step),
						append(conversation, response.message()), awaiting);
				return Flux.concat(responded,
						Flux.fromIterable(calls).map((call) -> new AgentEvent.ToolCallRequested(index, call)),
						Flux.just(new AgentEvent.StepFinished(step), new AgentEvent.Completed(result)));
			}
			return responded
				.concatWith(toolRound(index, request, response, modelDuration, conversation, steps, Set.of()));
		}

		/**
		 * Runs the tool calls of a step (giving the declined ones a "not approved" result
		 * without running them) and goes on with the next step.
		 */
		Flux<AgentEvent> toolRound(int index, ChatRequest request, ChatResponse response, Duration modelDuration,
				List<ChatMessage> conversation, List<AgentStep> steps, Set<String> declined) {
			List<ToolCall> calls = response.toolCalls();
			Flux<AgentEvent> requested = Flux.fromIterable(calls)
				.map((call) -> new AgentEvent.ToolCallRequested(index, call));
			List<ToolExecution> executions = new ArrayList<>();
			Flux<AgentEvent> results = Flux.fromIterable(calls)
				.flatMapSequential(
						(call) -> declined.contains(call.id()) ? Mono.just(declined(call))
								: Mono.fromCallable(this.threadContext.wrap(() -> execute(call, this.context)))
									.subscribeOn(CohereAgent.this.toolScheduler),
						CohereAgent.this.maxConcurrentToolCalls)
				.doOnNext(executions::add)
				.map((execution) -> new AgentEvent.ToolResultReady(index, execution));
			Flux<AgentEvent> next = Flux.defer(() -> {
				AgentStep step = new AgentStep(index, request, response, executions, modelDuration);
				List<ChatMessage> nextConversation = new ArrayList<>(conversation);
				nextConversation.add(response.message());
				for (ToolExecution execution : executions) {
					nextConversation.add(ToolMessage.of(execution.callId(), execution.result().content()));
				}
				return Flux.<AgentEvent>just(new AgentEvent.StepFinished(step))
					.concatWith(step(index + 1, List.copyOf(nextConversation), append(steps, step)));
			});
			return Flux.concat(requested, results, next);
		}

	}

	private boolean needsConfirmation(ToolCall call) {
		ToolCall.Function function = call.function();
		ToolCallback tool = (function != null && function.name() != null) ? this.tools.get(function.name()) : null;
		return tool != null && tool.requiresConfirmation();
	}

	private static ToolExecution declined(ToolCall call) {
		String name = (call.function() != null) ? String.valueOf(call.function().name()) : "?";
		return new ToolExecution(call, ToolResult.error("The call of '" + name + "' was not approved by the user, so "
				+ "it did not run; do not call it again unless the user asks for it"), Duration.ZERO);
	}

	private static List<String> names(List<ToolCall> calls) {
		return calls.stream()
			.map((call) -> (call.function() != null) ? String.valueOf(call.function().name()) : "?")
			.toList();
	}

	private static <T> List<T> append(List<T> list, T element) {
		List<T> copy = new ArrayList<>(list);
		copy.add(element);
		return List.copyOf(copy);
	}

	/**
	 * Builds a {@link CohereAgent}.
	 */
	public static final class Builder {

		private final CohereClient client;

		private final Map<String, ToolCallback> tools = new LinkedHashMap<>();

		private @Nullable String model;

		private @Nullable String systemPreamble;

		private @Nullable Boolean strictTools;

		private int maxSteps = DEFAULT_MAX_STEPS;

		private MaxStepsBehaviour maxStepsBehaviour = MaxStepsBehaviour.FAIL;

		private @Nullable Executor toolExecutor;

		private int maxConcurrentToolCalls = DEFAULT_MAX_CONCURRENT_TOOL_CALLS;

		private ToolContext toolContext = ToolContext.empty();

		private Builder(CohereClient client) {
			this.client = Objects.requireNonNull(client, "'client' must not be null");
		}

		/**
		 * Adds tools.
		 * @param tools the tools
		 * @return this builder
		 * @throws IllegalArgumentException if two tools have the same name
		 */
		public Builder tools(List<? extends ToolCallback> tools) {
			Objects.requireNonNull(tools, "'tools' must not be null");
			for (ToolCallback tool : tools) {
				tool(tool);
			}
			return this;
		}

		/**
		 * Adds one tool.
		 * @param tool the tool
		 * @return this builder
		 * @throws IllegalArgumentException if a tool with the same name was added
		 */
		public Builder tool(ToolCallback tool) {
			Objects.requireNonNull(tool, "'tool' must not be null");
			String name = tool.name();
			ToolCallback previous = this.tools.putIfAbsent(name, tool);
			if (previous != null) {
				throw new IllegalArgumentException("Two tools are named '" + name + "' (" + previous + " and " + tool
						+ "); tool names must be unique within an agent");
			}
			return this;
		}

		/**
		 * Sets the model, overriding that of the requests.
		 * @param model the model, or {@code null} to use the request's (else the client's
		 * default)
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = (model == null || model.isBlank()) ? null : model.strip();
			return this;
		}

		/**
		 * Sets a system message put before the conversation of every run.
		 * @param systemPreamble the text, or {@code null} (or blank) for none
		 * @return this builder
		 */
		public Builder systemPreamble(@Nullable String systemPreamble) {
			this.systemPreamble = (systemPreamble == null || systemPreamble.isBlank()) ? null : systemPreamble;
			return this;
		}

		/**
		 * Sets {@code strict_tools}, overriding that of the requests.
		 * @param strictTools whether tool calls must follow the tool schemas strictly, or
		 * {@code null} to keep the request's
		 * @return this builder
		 */
		public Builder strictTools(@Nullable Boolean strictTools) {
			this.strictTools = strictTools;
			return this;
		}

		/**
		 * Sets the most steps (model calls) of one run.
		 * @param maxSteps at least 1; {@value CohereAgent#DEFAULT_MAX_STEPS} by default
		 * @return this builder
		 * @throws IllegalArgumentException if the value is below 1
		 */
		public Builder maxSteps(int maxSteps) {
			if (maxSteps < 1) {
				throw new IllegalArgumentException("'maxSteps' must be at least 1, but was " + maxSteps);
			}
			this.maxSteps = maxSteps;
			return this;
		}

		/**
		 * Sets what happens when the model still asks for tools at the last step.
		 * @param maxStepsBehaviour the behaviour; {@link MaxStepsBehaviour#FAIL} by
		 * default
		 * @return this builder
		 */
		public Builder maxStepsBehaviour(MaxStepsBehaviour maxStepsBehaviour) {
			this.maxStepsBehaviour = Objects.requireNonNull(maxStepsBehaviour, "'maxStepsBehaviour' must not be null");
			return this;
		}

		/**
		 * Sets where tool calls run. Cancelling a run interrupts its running tools when
		 * the executor is an {@link ExecutorService} (or the default); a plain
		 * {@link Executor} lets them finish. The agent never shuts the executor down.
		 * @param toolExecutor the executor, or {@code null} for Reactor's bounded elastic
		 * scheduler
		 * @return this builder
		 */
		public Builder toolExecutor(@Nullable Executor toolExecutor) {
			this.toolExecutor = toolExecutor;
			return this;
		}

		/**
		 * Sets the most tool calls of one step that run at the same time.
		 * @param maxConcurrentToolCalls at least 1 (1 runs them one after the other);
		 * {@value CohereAgent#DEFAULT_MAX_CONCURRENT_TOOL_CALLS} by default
		 * @return this builder
		 * @throws IllegalArgumentException if the value is below 1
		 */
		public Builder maxConcurrentToolCalls(int maxConcurrentToolCalls) {
			if (maxConcurrentToolCalls < 1) {
				throw new IllegalArgumentException(
						"'maxConcurrentToolCalls' must be at least 1, but was " + maxConcurrentToolCalls);
			}
			this.maxConcurrentToolCalls = maxConcurrentToolCalls;
			return this;
		}

		/**
		 * Sets the context passed to the tools of runs that do not give their own.
		 * @param toolContext the context; empty by default
		 * @return this builder
		 */
		public Builder toolContext(ToolContext toolContext) {
			this.toolContext = Objects.requireNonNull(toolContext, "'toolContext' must not be null");
			return this;
		}

		/**
		 * Builds the agent.
		 * @return the agent
		 * @throws IllegalStateException if no tool was added
		 */
		public CohereAgent build() {
			if (this.tools.isEmpty()) {
				throw new IllegalStateException("An agent needs at least one tool; add ToolCallbacks with tools(...)");
			}
			return new CohereAgent(this);
		}

	}

}
