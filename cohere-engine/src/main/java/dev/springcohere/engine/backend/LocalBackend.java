package dev.springcohere.engine.backend;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.api.ToolChoice;
import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereApiExceptions;
import dev.springcohere.backend.BackendGauge;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.ChatStreams;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.client.RequestDefaults;
import dev.springcohere.engine.backend.ChatTemplateMapper.MappedChat;
import dev.springcohere.engine.constrain.JsonConstraint;
import dev.springcohere.engine.constrain.RequiredActionConstraint;
import dev.springcohere.engine.constrain.UnsupportedSchemaException;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.CpuDecoderBackend;
import dev.springcohere.engine.decode.KvBlockPool;
import dev.springcohere.engine.decode.KvCacheType;
import dev.springcohere.engine.decode.SamplingParams;
import dev.springcohere.engine.decode.TokenConstraint;
import dev.springcohere.engine.model.ModelConfig;
import dev.springcohere.engine.model.QuantizationPlan;
import dev.springcohere.engine.model.WeightQuantization;
import dev.springcohere.engine.tokenizer.ChatTemplate;
import dev.springcohere.engine.tokenizer.ChatTemplateRequest;
import dev.springcohere.engine.tokenizer.HfTokenizer;

/**
 * The {@code local} backend: a Cohere chat model (Command R7B, Command R/R+ or any
 * {@code cohere}/{@code cohere2} checkpoint with a chat template) run in this JVM, plus
 * optional embedding and rerank models, behind the same v2 API as the platform.
 * <p>
 * Chat renders the request through the model's own chat template
 * ({@link ChatTemplateMapper}), generates in the {@link GenerationScheduler}'s continuous
 * batch (up to {@code pool-size} requests in one forward pass per step, their keys and
 * values in one paged {@link KvBlockPool} under the {@code kv-cache-memory} budget, with
 * prompt prefixes shared between requests) and parses the output into v2 events as it is
 * decoded. {@link #chat} runs the same stream and accumulates it, so both give the same
 * answer.
 * <p>
 * Sampling defaults (when the request leaves them unset): temperature 0.3, {@code p}
 * 0.75, {@code k} 0 (off), a random seed, and {@code max_tokens} as many as the context
 * limit leaves after the prompt. Temperature 0 is greedy. {@code response_format}
 * ({@code json_object}, with or without {@code json_schema}) and {@code strict_tools} are
 * enforced by constrained decoding ({@link JsonConstraint}): the answer, or the
 * parameters of each tool call, always validate; an unsupported schema keyword fails the
 * request at once with an {@link UnsupportedSchemaException} naming it.
 * {@code tool_choice} is enforced the same way: {@code REQUIRED} by a
 * {@link RequiredActionConstraint} (an optional tool plan, then an action whose calls
 * follow the tools' schemas, then the end of the turn), {@code NONE} by masking the
 * action tokens (the request is also rendered without its tools). Non-zero frequency or
 * presence penalties and {@code logprobs} are rejected; {@code thinking} and
 * {@code safety_mode} are ignored (the template's default safety preamble applies).
 * <p>
 * The request's {@code model} may be unset, the configured model name, or
 * {@link RequestDefaults#DEFAULT_CHAT_MODEL} (which a {@code CohereClient} fills in when
 * neither the request nor the client names a model); any other name is rejected, since
 * one backend serves one chat model.
 * <p>
 * The class is the adapter between the v2 API and the engine: {@link LoadedModels} loads,
 * checks and closes the models and their native resources, {@link ChatConstraints} builds
 * (and caches) the decoding constraints of a request, {@link LocalEmbeddings} and
 * {@link LocalReranking} answer embed and rerank. It stays above 500 lines because its
 * {@link Builder}, the public way to configure the backend, is nested in it.
 *
 * @since 0.1.0
 */
public final class LocalBackend implements CohereBackend {

	/** The backend id. */
	public static final String ID = "local";

	/** The default temperature. */
	public static final double DEFAULT_TEMPERATURE = 0.3;

	/** The default top-p. */
	public static final double DEFAULT_P = 0.75;

	private final LoadedModels loaded;

	private final String modelName;

	private final HfTokenizer tokenizer;

	private final CohereModel model;

	private final int maxContext;

	private final Set<Integer> stopTokenIds;

	private final KvBlockPool kvPool;

	private final GenerationScheduler scheduler;

	private final ChatTemplateMapper mapper;

	private final ChatConstraints constraints;

	private final Capabilities capabilities;

	private final AtomicBoolean closed = new AtomicBoolean();

	private LocalBackend(Builder builder) {
		this.loaded = new LoadedModels(new LoadedModels.Spec(builder.modelDir, builder.modelName, builder.threads,
				QuantizationPlan.of(builder.quantization, builder.outputQuantization), builder.kvCacheType,
				builder.maxContext, builder.embedModelDir, builder.embedModelName, builder.rerankModelDir,
				builder.rerankModelName, LoadedModels.ENCODER_BATCH));
		this.modelName = this.loaded.modelName();
		this.tokenizer = this.loaded.tokenizer();
		this.model = this.loaded.model();
		this.maxContext = this.loaded.maxContext();
		this.stopTokenIds = this.loaded.stopTokenIds();
		this.mapper = this.loaded.mapper();
		this.capabilities = this.loaded.capabilities();
		this.constraints = new ChatConstraints(this.tokenizer, this.stopTokenIds, this.modelName);
		try {
			this.kvPool = new KvBlockPool(this.model.config(), builder.kvCacheType, KvBlockPool.DEFAULT_BLOCK_TOKENS,
					kvCacheMemory(builder, this.model.config(), this.maxContext));
			this.scheduler = new GenerationScheduler(new CpuDecoderBackend(this.model, this.kvPool), builder.poolSize,
					builder.maxQueued, builder.maxWait);
		}
		catch (RuntimeException ex) {
			this.loaded.close();
			throw ex;
		}
	}

	/**
	 * The KV cache budget: as configured, else room for {@code pool-size} sequences of
	 * the whole context (what the per-slot caches could hold before).
	 */
	private static long kvCacheMemory(Builder builder, ModelConfig config, int maxContext) {
		if (builder.kvCacheMemory > 0) {
			return builder.kvCacheMemory;
		}
		return defaultKvCacheMemory(config, builder.kvCacheType, maxContext, builder.poolSize);
	}

	/**
	 * The default KV cache budget: {@code poolSize} sequences of {@code maxContext}
	 * tokens, each rounded up to whole blocks.
	 * @param config the model's architecture
	 * @param type the KV cache type
	 * @param maxContext the context limit of one request
	 * @param poolSize the most sequences run at once
	 * @return the budget in bytes
	 */
	public static long defaultKvCacheMemory(ModelConfig config, KvCacheType type, int maxContext, int poolSize) {
		long blockTokens = KvBlockPool.DEFAULT_BLOCK_TOKENS;
		long blocks = (maxContext + blockTokens - 1) / blockTokens;
		return (long) poolSize * blocks * blockTokens * KvBlockPool.bytesPerToken(config, type);
	}

	/**
	 * Starts a builder for a chat model checkpoint directory (config, safetensors
	 * weights, tokenizer files with a chat template).
	 * @param modelDir the checkpoint directory
	 * @return a builder
	 */
	public static Builder builder(Path modelDir) {
		return new Builder(modelDir);
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public Capabilities capabilities() {
		return this.capabilities;
	}

	/**
	 * Returns the name the chat model answers to in the request's {@code model} field.
	 * @return the model name
	 */
	public String modelName() {
		return this.modelName;
	}

	/**
	 * The models served: the chat model, then the embedding and rerank models where
	 * configured.
	 * @return the models
	 */
	public List<LocalModel> models() {
		return this.loaded.models();
	}

	/**
	 * Returns the context limit of one request (prompt plus generated tokens).
	 * @return the limit in tokens
	 */
	public int maxContext() {
		return this.maxContext;
	}

	/** The scheduler's free slots (tests). */
	int freeSlots() {
		return this.scheduler.freeSlots();
	}

	/**
	 * A snapshot of the chat scheduler: queue depth, active sequences, the recent decode
	 * rate, KV cache blocks in use and in total, and the prefix cache's hit rate.
	 * @return the statistics
	 */
	public SchedulerStats stats() {
		return this.scheduler.stats();
	}

	/**
	 * The scheduler's figures as the gauges {@code cohere.local.*} (queue depth, active
	 * sequences, decode tokens/s, KV blocks, prefix-cache hit rate, preemptions, steps):
	 * the starter registers them with Micrometer, and {@code serve} answers them on
	 * {@code GET /engine/metrics}.
	 * @return the gauges, each reading a fresh {@link #stats()}
	 */
	@Override
	public List<BackendGauge> gauges() {
		return SchedulerGauges.of(this::stats);
	}

	/**
	 * Generates the complete answer by running {@link #chatStream} and accumulating its
	 * events. Malformed model output does not throw: the answer holds the text and the
	 * finish reason {@code ERROR}.
	 * @param request the request
	 * @return the answer
	 * @throws LocalBackendException if the request cannot be served (busy, too long,
	 * another model)
	 * @throws IllegalArgumentException if the request is invalid for a local model
	 */
	@Override
	public ChatResponse chat(ChatRequest request) {
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		rawStream(request, (id) -> {
		}).doOnNext(accumulator::accept).blockLast();
		if (!accumulator.isComplete()) {
			return accumulator.result();
		}
		return accumulator.partialResult();
	}

	/**
	 * Streams the answer: {@code message-start}, content, tool-plan, tool-call and
	 * citation events as the tokens are decoded, then {@code message-end} with the finish
	 * reason and usage. Cancelling the subscription stops the generation at the next
	 * token and frees its slot at once. A request that cannot be served fails before it
	 * is queued.
	 * @param request the request
	 * @return a cold {@code Flux} of events
	 */
	@Override
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		return ChatStreams.requireMessageEnd(ID, rawStream(request, (id) -> {
		}));
	}

	/**
	 * The event stream without the message-end check; {@code tokenListener} sees every
	 * sampled id (tests).
	 */
	Flux<StreamEvent> rawStream(ChatRequest request, IntConsumer tokenListener) {
		Objects.requireNonNull(request, "'request' must not be null");
		return Flux.defer(() -> {
			ChatGeneration generation = prepare(request, tokenListener);
			return this.scheduler.<StreamEvent>submit(() -> generation.sequence(this.tokenizer, this.stopTokenIds));
		});
	}

	/** Renders, tokenizes and validates a request; fails before anything is queued. */
	ChatGeneration prepare(ChatRequest request, IntConsumer tokenListener) {
		checkModel(request.model());
		if (request.frequencyPenalty() != null && request.frequencyPenalty() != 0) {
			throw new IllegalArgumentException("The local backend does not support 'frequency_penalty' (got "
					+ request.frequencyPenalty() + "); leave it unset or 0");
		}
		if (request.presencePenalty() != null && request.presencePenalty() != 0) {
			throw new IllegalArgumentException("The local backend does not support 'presence_penalty' (got "
					+ request.presencePenalty() + "); leave it unset or 0");
		}
		if (Boolean.TRUE.equals(request.logprobs())) {
			throw new IllegalArgumentException(
					"The local backend does not return log probabilities; leave " + "'logprobs' unset or false");
		}
		Supplier<TokenConstraint> constraint = constraint(request);
		MappedChat mapped = this.mapper.map(request);
		ChatTemplateRequest templateRequest = mapped.templateRequest();
		int[] prompt = this.tokenizer.encode(template(templateRequest).render(templateRequest), false);
		if (prompt.length == 0) {
			throw new IllegalArgumentException("The chat template rendered an empty prompt");
		}
		int room = this.maxContext - prompt.length + 1;
		if (room < 1) {
			throw clientError(400,
					"The prompt is " + prompt.length + " tokens long, more than the context " + "limit of "
							+ this.maxContext + " tokens (cohere.local.max-context); shorten the conversation, "
							+ "documents or tools, or raise cohere.local.max-context");
		}
		int maxTokens = room;
		if (request.maxTokens() != null) {
			maxTokens = request.maxTokens();
			if (maxTokens < 1) {
				throw new IllegalArgumentException("'max_tokens' must be at least 1 but was " + maxTokens);
			}
			if (maxTokens > room) {
				throw clientError(400,
						"A prompt of " + prompt.length + " tokens plus max_tokens " + maxTokens
								+ " does not fit the context limit of " + this.maxContext
								+ " tokens (cohere.local.max-context); ask for at most " + room
								+ " tokens, shorten the prompt, or raise cohere.local.max-context");
			}
		}
		if (constraint != null) {
			int minimal = constraint.get().minimalTokens();
			if (maxTokens < minimal) {
				throw clientError(400,
						((request.maxTokens() != null) ? "'max_tokens' is " + maxTokens
								: "The context limit leaves room for " + maxTokens + " tokens") + ", fewer than the "
								+ minimal + " tokens of the shortest answer the request's "
								+ (ToolChoice.REQUIRED.equals(request.toolChoice())
										? "tool_choice REQUIRED (the action with " + "the shortest tool call)"
										: "response_format")
								+ " allows; raise max_tokens to at least " + minimal);
			}
		}
		return new ChatGeneration("local-" + UUID.randomUUID(), prompt, maxTokens, this.maxContext, sampling(request),
				request.stopSequences(), mapped.sources(), tokenListener, constraint);
	}

	/**
	 * The constraint of a request (see {@link ChatConstraints#of}); {@code null} for free
	 * text.
	 */
	private @Nullable Supplier<TokenConstraint> constraint(ChatRequest request) {
		return this.constraints.of(request);
	}

	/**
	 * The template Hugging Face would be asked for: {@code tool_use} with tools,
	 * {@code rag} with documents and no tools (Command R/R+ checkpoints), otherwise the
	 * default.
	 */
	private ChatTemplate template(ChatTemplateRequest request) {
		if (request.tools() == null && request.documents() != null) {
			Optional<ChatTemplate> rag = this.tokenizer.chatTemplate("rag");
			if (rag.isPresent()) {
				return rag.get();
			}
		}
		return this.tokenizer.chatTemplateFor(request);
	}

	private static SamplingParams sampling(ChatRequest request) {
		double temperature = (request.temperature() != null) ? request.temperature() : DEFAULT_TEMPERATURE;
		if (!(temperature >= 0)) {
			throw new IllegalArgumentException("'temperature' must be 0 or more but was " + temperature);
		}
		double p = (request.p() != null) ? request.p() : DEFAULT_P;
		if (!(p > 0 && p <= 1)) {
			throw new IllegalArgumentException("'p' must be above 0 and at most 1 but was " + p);
		}
		int k = (request.k() != null) ? request.k() : 0;
		long seed = (request.seed() != null) ? request.seed() : ThreadLocalRandom.current().nextLong();
		return new SamplingParams(temperature, k, p, seed);
	}

	/**
	 * A mistake of the request, typed as the platform types it (400
	 * {@code CohereInvalidRequestException}, 404 {@code CohereNotFoundException}), so
	 * callers do not retry it and {@code serve} answers with that status.
	 */
	private static CohereApiException clientError(int status, String message) {
		return CohereApiExceptions.forStatus(status, message,
				new CohereApiException.Details(status, message, "", null, null));
	}

	private void checkModel(@Nullable String requested) {
		if (requested != null && !requested.equals(this.modelName)
				&& !requested.equals(RequestDefaults.DEFAULT_CHAT_MODEL)) {
			throw clientError(404,
					"The local backend serves the chat model '" + this.modelName + "', but the request asks for '"
							+ requested + "'; leave 'model' unset, use that name, or set "
							+ "it as the client's chat model");
		}
	}

	/**
	 * Embeds texts with the configured embedding model.
	 * @param request the request
	 * @return the embeddings
	 * @throws dev.springcohere.api.error.UnsupportedCapabilityException if no embedding
	 * model is configured
	 */
	@Override
	public EmbedResponse embed(EmbedRequest request) {
		LocalEmbeddings local = this.loaded.embeddings();
		if (local == null) {
			throw unsupported(Capability.EMBED);
		}
		return local.embed(request);
	}

	/**
	 * Reranks documents with the configured cross-encoder.
	 * @param request the request
	 * @return the ranking
	 * @throws dev.springcohere.api.error.UnsupportedCapabilityException if no rerank
	 * model is configured
	 */
	@Override
	public RerankResponse rerank(RerankRequest request) {
		LocalReranking local = this.loaded.reranking();
		if (local == null) {
			throw unsupported(Capability.RERANK);
		}
		return local.rerank(request);
	}

	/**
	 * Splits a text into the chat model's tokens (no special tokens added).
	 * @param request the request
	 * @return the token ids and their strings
	 */
	@Override
	public TokenizeResponse tokenize(TokenizeRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		checkModel(request.model());
		int[] ids = this.tokenizer.encode(request.text(), false);
		List<Integer> tokens = new ArrayList<>(ids.length);
		List<String> strings = new ArrayList<>(ids.length);
		for (int id : ids) {
			tokens.add(id);
			strings.add(this.tokenizer.idToToken(id).orElse(""));
		}
		return new TokenizeResponse(tokens, strings, null);
	}

	/**
	 * Turns the chat model's token ids back into text (special tokens kept).
	 * @param request the request
	 * @return the text
	 */
	@Override
	public DetokenizeResponse detokenize(DetokenizeRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		checkModel(request.model());
		int vocab = this.tokenizer.vocabSize();
		int[] ids = new int[request.tokens().size()];
		for (int i = 0; i < ids.length; i++) {
			Integer id = request.tokens().get(i);
			if (id == null || id < 0 || id >= vocab) {
				throw new IllegalArgumentException("tokens[" + i + "] is " + id + ", outside the vocabulary [0, "
						+ vocab + ") of '" + this.modelName + "'");
			}
			ids[i] = id;
		}
		return new DetokenizeResponse(this.tokenizer.decode(ids, false), null);
	}

	/**
	 * The number format of the slots' KV caches.
	 */
	KvCacheType kvCacheType() {
		return this.model.kvCacheType();
	}

	/**
	 * Fails queued and running requests, stops the worker threads and releases the
	 * weights, tokenizers and kernels. Closing again does nothing.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		this.scheduler.close();
		this.loaded.close();
	}

	@Override
	public String toString() {
		return "LocalBackend[model=" + this.modelName + ", maxContext=" + this.maxContext + ", pool="
				+ this.scheduler.poolSize() + ", capabilities=" + this.capabilities + "]";
	}

	/**
	 * Builds a {@link LocalBackend}.
	 */
	public static final class Builder {

		private final Path modelDir;

		private @Nullable String modelName;

		private int maxContext;

		private int poolSize = Objects.requireNonNull(LocalBackendProvider.POOL_SIZE.defaultValue());

		private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

		private WeightQuantization quantization = WeightQuantization.NONE;

		private @Nullable WeightQuantization outputQuantization;

		private int maxQueued = Objects.requireNonNull(LocalBackendProvider.MAX_QUEUED.defaultValue());

		private Duration maxWait = Objects.requireNonNull(LocalBackendProvider.MAX_WAIT.defaultValue());

		private KvCacheType kvCacheType = KvCacheType.DEFAULT;

		private long kvCacheMemory;

		private @Nullable Path embedModelDir;

		private @Nullable String embedModelName;

		private @Nullable Path rerankModelDir;

		private @Nullable String rerankModelName;

		private Builder(Path modelDir) {
			this.modelDir = Objects.requireNonNull(modelDir, "'modelDir' must not be null");
		}

		/**
		 * Sets the name the model answers to in requests (default: the directory's
		 * absolute path).
		 * @param modelName the name, such as {@code CohereLabs/c4ai-command-r7b-12-2024}
		 * @return this builder
		 */
		public Builder modelName(@Nullable String modelName) {
			this.modelName = (modelName == null || modelName.isBlank()) ? null : modelName.strip();
			return this;
		}

		/**
		 * Sets the context limit of one request (prompt plus generated tokens); each
		 * slot's KV cache holds at most this many tokens. Default: the model's
		 * {@code max_position_embeddings}, at most 8192.
		 * @param maxContext the limit, at least 1, or 0 for the default
		 * @return this builder
		 */
		public Builder maxContext(int maxContext) {
			if (maxContext < 0) {
				throw new IllegalArgumentException("cohere.local.max-context must be positive but was " + maxContext);
			}
			this.maxContext = maxContext;
			return this;
		}

		/**
		 * Sets how many requests generate at once (default 1).
		 * @param poolSize the number of slots, at least 1
		 * @return this builder
		 */
		public Builder poolSize(int poolSize) {
			if (poolSize < 1) {
				throw new IllegalArgumentException("cohere.local.pool-size must be at least 1 but was " + poolSize);
			}
			this.poolSize = poolSize;
			return this;
		}

		/**
		 * Sets how the chat model's weights are quantized on load (default
		 * {@link WeightQuantization#NONE}).
		 * @param quantization the quantization
		 * @return this builder
		 */
		public Builder quantize(WeightQuantization quantization) {
			this.quantization = Objects.requireNonNull(quantization, "'quantization' must not be null");
			return this;
		}

		/**
		 * Sets the type of the token embedding / LM head when quantizing on load
		 * (default: {@link WeightQuantization#Q8_0} when {@link #quantize} is set, else
		 * the checkpoint's own).
		 * @param quantization the quantization of the output matrix
		 * @return this builder
		 */
		public Builder quantizeOutput(WeightQuantization quantization) {
			this.outputQuantization = Objects.requireNonNull(quantization, "'quantization' must not be null");
			return this;
		}

		/**
		 * Sets the number of compute threads (default: the available processors).
		 * @param threads the threads, at least 1
		 * @return this builder
		 */
		public Builder threads(int threads) {
			if (threads < 1) {
				throw new IllegalArgumentException("cohere.local.threads must be at least 1 but was " + threads);
			}
			this.threads = threads;
			return this;
		}

		/**
		 * Sets the number format of every slot's KV cache (default
		 * {@link KvCacheType#DEFAULT bf16}).
		 * @param kvCacheType the type
		 * @return this builder
		 */
		public Builder kvCacheType(KvCacheType kvCacheType) {
			this.kvCacheType = Objects.requireNonNull(kvCacheType, "'kvCacheType' must not be null");
			return this;
		}

		/**
		 * Sets how many requests may wait for a slot (default 64); more fail at once.
		 * @param maxQueued the bound, at least 0
		 * @return this builder
		 */
		public Builder maxQueued(int maxQueued) {
			if (maxQueued < 0) {
				throw new IllegalArgumentException("cohere.local.max-queued must be 0 or more but was " + maxQueued);
			}
			this.maxQueued = maxQueued;
			return this;
		}

		/**
		 * Sets how long a request may wait for a slot before it fails (default 5
		 * minutes).
		 * @param maxWait the duration, positive
		 * @return this builder
		 */
		public Builder maxWait(Duration maxWait) {
			Objects.requireNonNull(maxWait, "'maxWait' must not be null");
			if (maxWait.isNegative() || maxWait.isZero()) {
				throw new IllegalArgumentException("cohere.local.max-wait must be positive but was " + maxWait);
			}
			this.maxWait = maxWait;
			return this;
		}

		/**
		 * Adds an embedding model (a BERT-family checkpoint with its tokenizer).
		 * @param directory the checkpoint directory
		 * @param name the name used in messages, or {@code null} for the directory
		 * @return this builder
		 */
		public Builder embedModel(Path directory, @Nullable String name) {
			this.embedModelDir = Objects.requireNonNull(directory, "'directory' must not be null");
			this.embedModelName = name;
			return this;
		}

		/**
		 * Adds a rerank model (a cross-encoder checkpoint with its tokenizer).
		 * @param directory the checkpoint directory
		 * @param name the name used in messages, or {@code null} for the directory
		 * @return this builder
		 */
		public Builder rerankModel(Path directory, @Nullable String name) {
			this.rerankModelDir = Objects.requireNonNull(directory, "'directory' must not be null");
			this.rerankModelName = name;
			return this;
		}

		/**
		 * Sets the memory budget of the paged KV cache shared by all requests
		 * ({@code cohere.local.kv-cache-memory}); by default room for {@code pool-size}
		 * sequences of the whole context.
		 * @param bytes the budget in bytes, positive (0 for the default)
		 * @return this builder
		 */
		public Builder kvCacheMemory(long bytes) {
			if (bytes < 0) {
				throw new IllegalArgumentException("cohere.local.kv-cache-memory must be positive but was " + bytes);
			}
			this.kvCacheMemory = bytes;
			return this;
		}

		/**
		 * Loads the models and builds the backend.
		 * @return the backend, which the caller closes
		 * @throws IllegalArgumentException if a setting does not fit the model
		 * @throws RuntimeException if a checkpoint cannot be read (the message names the
		 * file)
		 */
		public LocalBackend build() {
			return new LocalBackend(this);
		}

	}

}
