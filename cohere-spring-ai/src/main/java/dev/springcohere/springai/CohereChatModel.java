package dev.springcohere.springai;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.client.CohereClient;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.StreamingChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * Spring AI {@link ChatModel} and {@link StreamingChatModel} on Cohere's v2 chat, through
 * a {@link CohereClient} (so through whichever backend the client uses).
 * <p>
 * Semantics follow Spring AI 2.0: a prompt's options <em>replace</em> the model's default
 * options (merging them is {@code ChatClient}'s job); only the model name falls back to
 * the default options, then to the client's default model. The options are sent as they
 * are: the client's request defaults other than its models (such as
 * {@code cohere.chat.temperature}, which is the model's default option instead) are not
 * added again. Tool calls are returned to the caller (Spring AI's {@code ChatClient} runs
 * them through its tool-calling advisor) unless
 * {@link CohereChatOptions#getInternalToolExecutionEnabled()} is {@code true}, in which
 * case this model runs them with its {@link ToolCallingManager} and calls Cohere again
 * until the answer has no tool calls.
 * <p>
 * Response metadata: {@code id}, {@code model} and {@code usage} (prompt and completion
 * tokens) on the {@link ChatResponse}; the finish reason on each generation; the
 * citations (a {@code List} of {@link dev.springcohere.api.Citation}) under
 * {@value #CITATIONS_METADATA_KEY} both on the response metadata and on the generation
 * metadata; the tool plan under {@value #TOOL_PLAN_METADATA_KEY} in the assistant
 * message's metadata; the model's reasoning (with {@link CohereChatOptions#getThinking()
 * thinking} on) under {@value #THINKING_METADATA_KEY} in the assistant message's
 * metadata, sent back to Cohere with the message's tool calls on the next turn; the log
 * probabilities (with {@link CohereChatOptions#getLogprobs() logprobs} on) under
 * {@value #LOGPROBS_METADATA_KEY} in the generation metadata.
 * <p>
 * Streams: each text fragment is one response; a thinking fragment is one response with
 * empty text and the fragment under {@value #THINKING_METADATA_KEY}; a fragment's log
 * probabilities ride in its generation metadata. The last response (the one with the
 * finish reason) carries no text but the complete thinking, tool calls, citations and log
 * probabilities, so an aggregated message holds them whole.
 *
 * @since 0.1.0
 */
public final class CohereChatModel implements ChatModel, StreamingChatModel {

	/** Metadata key of the citations (a {@code List<dev.springcohere.api.Citation>}). */
	public static final String CITATIONS_METADATA_KEY = "cohere.citations";

	/** Metadata key of the tool plan, the model's text explaining its tool calls. */
	public static final String TOOL_PLAN_METADATA_KEY = "cohere.toolPlan";

	/**
	 * Metadata key of the model's reasoning (a {@code String}) on the assistant message,
	 * the key Spring AI's Ollama model uses too. With tool calls it is sent back to
	 * Cohere on the next turn, as Cohere requires.
	 */
	public static final String THINKING_METADATA_KEY = "thinking";

	/**
	 * Metadata key of the log probabilities (a
	 * {@code List<dev.springcohere.api.LogprobItem>}) on the generation metadata, present
	 * when {@link CohereChatOptions#getLogprobs()} is {@code true}.
	 */
	public static final String LOGPROBS_METADATA_KEY = "cohere.logprobs";

	/**
	 * The provider name in observations (Spring AI's {@code AiProvider} has no Cohere
	 * entry).
	 */
	public static final String PROVIDER = "cohere";

	private static final ChatModelObservationConvention DEFAULT_OBSERVATION_CONVENTION = new DefaultChatModelObservationConvention();

	private final CohereClient client;

	private final CohereChatOptions defaultOptions;

	private final ToolCallingManager toolCallingManager;

	private final int maxToolRounds;

	private final ObservationRegistry observationRegistry;

	private final @Nullable ChatModelObservationConvention observationConvention;

	private final CohereMessageMapper mapper = new CohereMessageMapper(CohereJson.createMapper());

	private CohereChatModel(Builder builder) {
		CohereClient client = Objects.requireNonNull(builder.client,
				"'cohereClient' must not be null: call CohereChatModel.builder().cohereClient(client)");
		this.client = client.withRequestDefaults(client.requestDefaults().modelsOnly());
		this.defaultOptions = builder.defaultOptions;
		this.toolCallingManager = (builder.toolCallingManager != null) ? builder.toolCallingManager
				: ToolCallingManager.builder().build();
		this.maxToolRounds = builder.maxToolRounds;
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
	}

	/**
	 * Starts a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the default options, used for prompts that carry none.
	 * @return the default options
	 */
	@Override
	public CohereChatOptions getOptions() {
		return this.defaultOptions;
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		Objects.requireNonNull(prompt, "'prompt' must not be null");
		CohereChatOptions options = effectiveOptions(prompt.getOptions());
		Prompt current = new Prompt(prompt.getInstructions(), options);
		for (int round = 0;; round++) {
			ChatRequest request = toRequest(current, options);
			ChatModelObservationContext context = observationContext(current, options, request, false);
			ChatResponse response = observation(context).observe(() -> {
				ChatResponse answer = this.mapper.toChatResponse(this.client.chat(request), request.model(), true);
				context.setResponse(answer);
				return answer;
			});
			if (!runsToolsInternally(options, response)) {
				return response;
			}
			checkRounds(round);
			ToolExecutionResult result = this.toolCallingManager.executeToolCalls(current, response);
			if (result.returnDirect()) {
				return ChatResponse.builder()
					.from(response)
					.generations(ToolExecutionResult.buildGenerations(result))
					.build();
			}
			current = new Prompt(result.conversationHistory(), options);
		}
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		Objects.requireNonNull(prompt, "'prompt' must not be null");
		CohereChatOptions options = effectiveOptions(prompt.getOptions());
		return stream(new Prompt(prompt.getInstructions(), options), options, 0);
	}

	private Flux<ChatResponse> stream(Prompt prompt, CohereChatOptions options, int round) {
		return Flux.deferContextual((contextView) -> {
			ChatRequest request = toRequest(prompt, options);
			ChatModelObservationContext context = observationContext(prompt, options, request, true);
			Observation observation = observation(context)
				.parentObservation(contextView.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			AtomicBoolean stopped = new AtomicBoolean();
			Runnable stop = () -> {
				if (stopped.compareAndSet(false, true)) {
					observation.stop();
				}
			};
			ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
			return this.client.chatStream(request).concatMap((StreamEvent event) -> {
				accumulator.accept(event);
				if (event instanceof StreamEvent.ContentDelta delta
						&& (hasText(delta.text()) || hasText(delta.thinking()) || delta.logprobs() != null)) {
					return Flux.just(this.mapper.toDelta(delta.text(), delta.thinking(), delta.logprobs()));
				}
				if (event instanceof StreamEvent.MessageEnd) {
					ChatResponse full = this.mapper.toChatResponse(accumulator.result(), request.model(), true);
					context.setResponse(full);
					stop.run();
					if (!runsToolsInternally(options, full)) {
						return Flux.just(this.mapper.toChatResponse(accumulator.result(), request.model(), false));
					}
					checkRounds(round);
					// the response carrying the tool calls stays internal: the caller
					// sees the next round
					return Mono.fromCallable(() -> this.toolCallingManager.executeToolCalls(prompt, full))
						.subscribeOn(Schedulers.boundedElastic())
						.flatMapMany((ToolExecutionResult result) -> {
							if (result.returnDirect()) {
								return Flux.just(ChatResponse.builder()
									.from(full)
									.generations(ToolExecutionResult.buildGenerations(result))
									.build());
							}
							return stream(new Prompt(result.conversationHistory(), options), options, round + 1);
						});
				}
				return Flux.empty();
			}).doOnError((Throwable error) -> {
				if (!stopped.get()) {
					observation.error(error);
				}
				stop.run();
			})
				.doOnCancel(stop)
				.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private static boolean hasText(@Nullable String text) {
		return text != null && !text.isEmpty();
	}

	private ChatModelObservationContext observationContext(Prompt prompt, CohereChatOptions options,
			ChatRequest request, boolean streaming) {
		CohereChatOptions observed = Objects.equals(options.getModel(), request.model()) ? options
				: options.mutate().model(request.model()).build();
		return ChatModelObservationContext.builder()
			.prompt(new Prompt(prompt.getInstructions(), observed))
			.provider(PROVIDER)
			.streaming(streaming)
			.build();
	}

	private Observation observation(ChatModelObservationContext context) {
		return ChatModelObservationDocumentation.CHAT_MODEL_OPERATION.observation(this.observationConvention,
				DEFAULT_OBSERVATION_CONVENTION, () -> context, this.observationRegistry);
	}

	private boolean runsToolsInternally(CohereChatOptions options, ChatResponse response) {
		return Boolean.TRUE.equals(options.getInternalToolExecutionEnabled()) && response.hasToolCalls();
	}

	private void checkRounds(int round) {
		if (round + 1 >= this.maxToolRounds) {
			throw new IllegalStateException("The model still asked for tools after " + this.maxToolRounds
					+ " rounds of internal tool execution: raise CohereChatModel.builder().maxToolRounds(..) or"
					+ " check the tools' answers");
		}
	}

	private ChatRequest toRequest(Prompt prompt, CohereChatOptions options) {
		List<ToolDefinition> tools = options.getToolCallbacks().stream().map(ToolCallback::getToolDefinition).toList();
		String model = (this.defaultOptions.getModel() != null) ? this.defaultOptions.getModel()
				: this.client.requestDefaults().chatModel();
		return this.mapper.toRequest(prompt.getInstructions(), options, tools, model);
	}

	private CohereChatOptions effectiveOptions(@Nullable ChatOptions promptOptions) {
		return (promptOptions != null) ? CohereChatOptions.from(promptOptions) : this.defaultOptions;
	}

	@Override
	public String toString() {
		return "CohereChatModel{defaultOptions=" + this.defaultOptions + "}";
	}

	/**
	 * Builds a {@link CohereChatModel}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable CohereClient client;

		private CohereChatOptions defaultOptions = CohereChatOptions.builder().build();

		private @Nullable ToolCallingManager toolCallingManager;

		private int maxToolRounds = 10;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable ChatModelObservationConvention observationConvention;

		private Builder() {
		}

		/**
		 * Sets the registry that records one {@code gen_ai.client.operation} observation
		 * per Cohere call (default: none).
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry,
					"'observationRegistry' must not be null");
			return this;
		}

		/**
		 * Sets a convention that replaces Spring AI's default one for the observations'
		 * names and keys.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable ChatModelObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Sets the client to call (required).
		 * @param client the client
		 * @return this builder
		 */
		public Builder cohereClient(CohereClient client) {
			this.client = Objects.requireNonNull(client, "'client' must not be null");
			return this;
		}

		/**
		 * Sets the default options, used for prompts that carry none.
		 * @param options the options
		 * @return this builder
		 */
		public Builder defaultOptions(CohereChatOptions options) {
			this.defaultOptions = Objects.requireNonNull(options, "'options' must not be null");
			return this;
		}

		/**
		 * Sets the manager that runs tool calls when internal tool execution is enabled
		 * (default: Spring AI's {@code DefaultToolCallingManager}).
		 * @param toolCallingManager the manager
		 * @return this builder
		 */
		public Builder toolCallingManager(ToolCallingManager toolCallingManager) {
			this.toolCallingManager = Objects.requireNonNull(toolCallingManager,
					"'toolCallingManager' must not be null");
			return this;
		}

		/**
		 * Sets how many model calls one prompt may make with internal tool execution
		 * (default 10).
		 * @param maxToolRounds the limit, at least 1
		 * @return this builder
		 */
		public Builder maxToolRounds(int maxToolRounds) {
			if (maxToolRounds < 1) {
				throw new IllegalArgumentException("'maxToolRounds' must be at least 1, but was " + maxToolRounds);
			}
			this.maxToolRounds = maxToolRounds;
			return this;
		}

		/**
		 * Builds the model.
		 * @return the model
		 */
		public CohereChatModel build() {
			return new CohereChatModel(this);
		}

	}

}
