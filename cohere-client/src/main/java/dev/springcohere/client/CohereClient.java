package dev.springcohere.client;

import dev.springcohere.api.error.CohereException;
import dev.springcohere.http.CohereRetryPolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.ListModelsResponse;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackends;
import dev.springcohere.http.ApiKey;
import dev.springcohere.http.HttpSettings;

/**
 * The entry point for plain Java: chat (complete, streamed, reactive), embed (batched), rerank, tokenize,
 * detokenize and model listing on a {@link CohereBackend}. Thread-safe; share one instance.
 * <p>
 * Requests without a model get the client's default model ({@value #DEFAULT_CHAT_MODEL},
 * {@value #DEFAULT_EMBED_MODEL}, {@value #DEFAULT_RERANK_MODEL} unless configured; tokenize and detokenize use the
 * chat model). Embed requests with more inputs than the batch size are split and merged by an
 * {@link EmbedBatcher}.
 * <pre>{@code
 * try (CohereClient cohere = CohereClient.builder().clientName("my-app").build()) { // key from CO_API_KEY
 *     String answer = cohere.chat("Hello!").text();
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CohereClient implements AutoCloseable {

	/** The default chat model. */
	public static final String DEFAULT_CHAT_MODEL = "command-a-03-2025";

	/** The default embed model. */
	public static final String DEFAULT_EMBED_MODEL = "embed-v4.0";

	/** The default rerank model. */
	public static final String DEFAULT_RERANK_MODEL = "rerank-v3.5";

	/** The default backend id. */
	public static final String DEFAULT_BACKEND = "platform";

	private final CohereBackend backend;

	private final boolean ownsBackend;

	private final String chatModel;

	private final String embedModel;

	private final String rerankModel;

	private final EmbedBatcher embedBatcher;


	private CohereClient(CohereBackend backend, boolean ownsBackend, Builder builder) {
		this.backend = backend;
		this.ownsBackend = ownsBackend;
		this.chatModel = builder.chatModel;
		this.embedModel = builder.embedModel;
		this.rerankModel = builder.rerankModel;
		this.embedBatcher = new EmbedBatcher(builder.embedBatchSize, builder.embedConcurrency);
	}

	/**
	 * Starts a builder with the defaults: the {@code platform} backend, the key from {@code CO_API_KEY} (then
	 * {@code COHERE_API_KEY}), the base URL from {@code CO_API_URL} (else {@code https://api.cohere.com}).
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the backend the calls go to.
	 * @return the backend
	 */
	public CohereBackend backend() {
		return this.backend;
	}

	/**
	 * Returns what the backend can do.
	 * @return the backend's capabilities
	 */
	public Capabilities capabilities() {
		return this.backend.capabilities();
	}

	/**
	 * Returns the model used for chat, tokenize and detokenize requests without one.
	 * @return the default chat model
	 */
	public String getDefaultChatModel() {
		return this.chatModel;
	}

	/**
	 * Returns the model used for embed requests without one.
	 * @return the default embed model
	 */
	public String getDefaultEmbedModel() {
		return this.embedModel;
	}

	/**
	 * Returns the model used for rerank requests without one.
	 * @return the default rerank model
	 */
	public String getDefaultRerankModel() {
		return this.rerankModel;
	}

	/**
	 * Returns the batcher of embed requests.
	 * @return the embed batcher
	 */
	public EmbedBatcher getEmbedBatcher() {
		return this.embedBatcher;
	}

	/**
	 * Sends a chat request and returns the complete answer; blocks.
	 * @param request the request; without a model, the default chat model is used
	 * @return the answer
	 * @throws CohereException when the call fails
	 */
	public ChatResponse chat(ChatRequest request) {
		return this.backend.chat(withModel(request));
	}

	/**
	 * Sends one user message and returns the complete answer; blocks.
	 * @param userMessage the message
	 * @return the answer (its text is {@link ChatResponse#text()})
	 * @throws CohereException when the call fails
	 */
	public ChatResponse chat(String userMessage) {
		return chat(userRequest(userMessage));
	}

	/**
	 * Reactive form of {@link #chat(ChatRequest)}; nothing is sent before subscription.
	 * @param request the request; without a model, the default chat model is used
	 * @return a {@code Mono} of the answer
	 */
	public Mono<ChatResponse> chatAsync(ChatRequest request) {
		return this.backend.chatAsync(withModel(request));
	}

	/**
	 * Streams the answer as typed events; see {@link CohereBackend#chatStream(ChatRequest)}. Feed the events to a
	 * {@link dev.springcohere.api.ChatStreamAccumulator} for the complete answer.
	 * @param request the request; without a model, the default chat model is used
	 * @return a cold {@code Flux} of events that ends with {@code message-end}, or with an error
	 */
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		return this.backend.chatStream(withModel(request));
	}

	/**
	 * Streams only the text of the answer, fragment by fragment (thinking, tool calls and citations are left
	 * out).
	 * @param request the request; without a model, the default chat model is used
	 * @return a cold {@code Flux} of non-empty text fragments, ending with an error when the stream fails
	 */
	public Flux<String> chatStreamText(ChatRequest request) {
		return chatStream(request).ofType(StreamEvent.ContentDelta.class)
			.mapNotNull(StreamEvent.ContentDelta::text)
			.filter((text) -> !text.isEmpty());
	}

	/**
	 * Streams only the text of the answer to one user message.
	 * @param userMessage the message
	 * @return a cold {@code Flux} of non-empty text fragments
	 */
	public Flux<String> chatStreamText(String userMessage) {
		return chatStreamText(userRequest(userMessage));
	}

	/**
	 * Embeds texts, images or inputs, in batches when there are more than the batch size; blocks.
	 * @param request the request; without a model, the default embed model is used
	 * @return the embeddings, in input order
	 * @throws CohereException when a call fails (for a batch, the message names its input range)
	 */
	public EmbedResponse embed(EmbedRequest request) {
		EmbedRequest complete = withModel(request);
		if (this.embedBatcher.split(complete).size() == 1) {
			return this.backend.embed(complete);
		}
		EmbedResponse response = embedAsync(complete).block();
		return Objects.requireNonNull(response, "The embed call completed without a response");
	}

	/**
	 * Reactive form of {@link #embed(EmbedRequest)}: batches are sent with the configured concurrency.
	 * @param request the request; without a model, the default embed model is used
	 * @return a {@code Mono} of the embeddings, in input order
	 */
	public Mono<EmbedResponse> embedAsync(EmbedRequest request) {
		EmbedRequest complete = withModel(request);
		return this.embedBatcher.embed(complete, this.backend::embedAsync);
	}

	/**
	 * Orders documents by relevance to a query; blocks.
	 * @param request the request; without a model, the default rerank model is used
	 * @return the ranking
	 * @throws CohereException when the call fails
	 */
	public RerankResponse rerank(RerankRequest request) {
		return this.backend.rerank(withModel(request));
	}

	/**
	 * Reactive form of {@link #rerank(RerankRequest)}.
	 * @param request the request; without a model, the default rerank model is used
	 * @return a {@code Mono} of the ranking
	 */
	public Mono<RerankResponse> rerankAsync(RerankRequest request) {
		return this.backend.rerankAsync(withModel(request));
	}

	/**
	 * Splits a text into tokens; blocks.
	 * @param request the request; without a model, the default chat model is used
	 * @return the tokens
	 * @throws CohereException when the call fails
	 */
	public TokenizeResponse tokenize(TokenizeRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return this.backend.tokenize((request.model() != null) ? request : TokenizeRequest.of(this.chatModel,
				request.text()));
	}

	/**
	 * Splits a text into the tokens of the default chat model; blocks.
	 * @param text the text
	 * @return the tokens
	 */
	public TokenizeResponse tokenize(String text) {
		return tokenize(TokenizeRequest.of(null, text));
	}

	/**
	 * Turns tokens back into text; blocks.
	 * @param request the request; without a model, the default chat model is used
	 * @return the text
	 * @throws CohereException when the call fails
	 */
	public DetokenizeResponse detokenize(DetokenizeRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return this.backend.detokenize((request.model() != null) ? request : DetokenizeRequest.of(this.chatModel,
				request.tokens()));
	}

	/**
	 * Turns tokens of the default chat model back into text; blocks.
	 * @param tokens the tokens
	 * @return the text
	 */
	public DetokenizeResponse detokenize(List<Integer> tokens) {
		return detokenize(DetokenizeRequest.of(null, tokens));
	}

	/**
	 * Lists models; blocks.
	 * @param request the filter and page
	 * @return one page of models
	 * @throws CohereException when the call fails
	 */
	public ListModelsResponse models(ListModelsRequest request) {
		return this.backend.models(Objects.requireNonNull(request, "'request' must not be null"));
	}

	/**
	 * Lists the first page of all models; blocks.
	 * @return one page of models
	 */
	public ListModelsResponse models() {
		return models(ListModelsRequest.all());
	}

	/**
	 * Closes the backend when this client created it (a backend given to {@link Builder#backend(CohereBackend)}
	 * stays open).
	 */
	@Override
	public void close() {
		if (this.ownsBackend) {
			this.backend.close();
		}
	}

	@Override
	public String toString() {
		return "CohereClient[backend=" + this.backend.id() + ", chatModel=" + this.chatModel + ", embedModel="
				+ this.embedModel + ", rerankModel=" + this.rerankModel + ", embedBatchSize="
				+ this.embedBatcher.getBatchSize() + ", embedConcurrency=" + this.embedBatcher.getConcurrency() + "]";
	}

	private static ChatRequest userRequest(String userMessage) {
		Objects.requireNonNull(userMessage, "'userMessage' must not be null");
		return ChatRequest.builder().messages(UserMessage.of(userMessage)).build();
	}

	private ChatRequest withModel(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return (request.model() != null) ? request : request.mutate().model(this.chatModel).build();
	}

	private EmbedRequest withModel(EmbedRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return (request.model() != null) ? request : request.mutate().model(this.embedModel).build();
	}

	private RerankRequest withModel(RerankRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return (request.model() != null) ? request : request.mutate().model(this.rerankModel).build();
	}

	/**
	 * Builds a {@link CohereClient}. With {@link #backend(CohereBackend)} the connection settings are ignored
	 * (the backend has its own); otherwise the backend named by {@link #backendId(String)} is created through
	 * {@link CohereBackends} from them.
	 */
	public static final class Builder {

		private @Nullable CohereBackend backend;

		private String backendId = DEFAULT_BACKEND;

		private @Nullable ApiKey apiKey;

		private @Nullable String baseUrl;

		private @Nullable String clientName;

		private @Nullable Duration connectTimeout;

		private @Nullable Duration readTimeout;

		private HttpSettings httpSettings = HttpSettings.defaults();

		private CohereRetryPolicy retryPolicy = CohereRetryPolicy.defaults();

		private final Map<String, String> properties = new LinkedHashMap<>();

		private Function<String, @Nullable String> environment = System::getenv;

		private @Nullable ClassLoader classLoader;

		private String chatModel = DEFAULT_CHAT_MODEL;

		private String embedModel = DEFAULT_EMBED_MODEL;

		private String rerankModel = DEFAULT_RERANK_MODEL;

		private int embedBatchSize = EmbedBatcher.MAX_BATCH_SIZE;

		private int embedConcurrency = EmbedBatcher.DEFAULT_CONCURRENCY;

		private Builder() {
		}

		/**
		 * Sets the API key.
		 * @param apiKey the key; unset, {@code CO_API_KEY} and then {@code COHERE_API_KEY} are read
		 * @return this builder
		 * @throws IllegalArgumentException if the key is blank or contains whitespace (the message does not repeat
		 * it)
		 */
		public Builder apiKey(String apiKey) {
			return apiKey(ApiKey.of(apiKey));
		}

		/**
		 * Sets the API key.
		 * @param apiKey the key, or {@code null} to read the environment
		 * @return this builder
		 */
		public Builder apiKey(@Nullable ApiKey apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Sets the base URL of the API.
		 * @param baseUrl the URL, or {@code null} to read {@code CO_API_URL} (else the backend's default)
		 * @return this builder
		 */
		public Builder baseUrl(@Nullable String baseUrl) {
			this.baseUrl = (baseUrl == null || baseUrl.isBlank()) ? null : baseUrl.strip();
			return this;
		}

		/**
		 * Sets the name of the calling project, sent as {@code X-Client-Name}.
		 * @param clientName the name, or {@code null} for none
		 * @return this builder
		 */
		public Builder clientName(@Nullable String clientName) {
			this.clientName = clientName;
			return this;
		}

		/**
		 * Sets the longest time to open a connection.
		 * @param connectTimeout a positive duration
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = Objects.requireNonNull(connectTimeout, "'connectTimeout' must not be null");
			return this;
		}

		/**
		 * Sets the longest silence allowed while waiting for a response or between stream events.
		 * @param readTimeout a positive duration
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = Objects.requireNonNull(readTimeout, "'readTimeout' must not be null");
			return this;
		}

		/**
		 * Sets the HTTP settings to start from (headers, HTTP client customizer...); the base URL, client name and
		 * timeouts set on this builder win.
		 * @param httpSettings the settings
		 * @return this builder
		 */
		public Builder httpSettings(HttpSettings httpSettings) {
			this.httpSettings = Objects.requireNonNull(httpSettings, "'httpSettings' must not be null");
			return this;
		}

		/**
		 * Sets the retry policy.
		 * @param retryPolicy the policy; {@link CohereRetryPolicy#none()} disables retries
		 * @return this builder
		 */
		public Builder retryPolicy(CohereRetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "'retryPolicy' must not be null");
			return this;
		}

		/**
		 * Uses a backend directly; the client does not close it.
		 * @param backend the backend, or {@code null} to create one by {@link #backendId(String)}
		 * @return this builder
		 */
		public Builder backend(@Nullable CohereBackend backend) {
			this.backend = backend;
			return this;
		}

		/**
		 * Sets the id of the backend to create, such as {@code platform} (the default) or {@code private}.
		 * @param backendId the id
		 * @return this builder
		 */
		public Builder backendId(String backendId) {
			Objects.requireNonNull(backendId, "'backendId' must not be null");
			if (backendId.isBlank()) {
				throw new IllegalArgumentException("'backendId' must not be blank; use '" + DEFAULT_BACKEND + "'");
			}
			this.backendId = backendId.strip();
			return this;
		}

		/**
		 * Sets a backend-specific property, such as {@code bedrock.region}.
		 * @param key the key, without the {@code cohere.} prefix
		 * @param value the value
		 * @return this builder
		 */
		public Builder property(String key, String value) {
			Objects.requireNonNull(key, "'key' must not be null");
			Objects.requireNonNull(value, "'value' must not be null");
			this.properties.put(key, value);
			return this;
		}

		/**
		 * Sets where environment variables are read ({@code CO_API_KEY}, {@code COHERE_API_KEY},
		 * {@code CO_API_URL}); {@code System::getenv} by default.
		 * @param environment returns the value of a variable, or {@code null}
		 * @return this builder
		 */
		public Builder environment(Function<String, @Nullable String> environment) {
			this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
			return this;
		}

		/**
		 * Sets the class loader searched for backend providers.
		 * @param classLoader the class loader, or {@code null} for the thread's context class loader
		 * @return this builder
		 */
		public Builder classLoader(@Nullable ClassLoader classLoader) {
			this.classLoader = classLoader;
			return this;
		}

		/**
		 * Sets the model for chat, tokenize and detokenize requests without one.
		 * @param model the model, {@value CohereClient#DEFAULT_CHAT_MODEL} by default
		 * @return this builder
		 */
		public Builder defaultChatModel(String model) {
			this.chatModel = model(model, "defaultChatModel");
			return this;
		}

		/**
		 * Sets the model for embed requests without one.
		 * @param model the model, {@value CohereClient#DEFAULT_EMBED_MODEL} by default
		 * @return this builder
		 */
		public Builder defaultEmbedModel(String model) {
			this.embedModel = model(model, "defaultEmbedModel");
			return this;
		}

		/**
		 * Sets the model for rerank requests without one.
		 * @param model the model, {@value CohereClient#DEFAULT_RERANK_MODEL} by default
		 * @return this builder
		 */
		public Builder defaultRerankModel(String model) {
			this.rerankModel = model(model, "defaultRerankModel");
			return this;
		}

		/**
		 * Sets the most inputs per embed call; larger requests are split.
		 * @param embedBatchSize between 1 and {@value EmbedBatcher#MAX_BATCH_SIZE} (the default)
		 * @return this builder
		 * @throws IllegalArgumentException if the size is out of range
		 */
		public Builder embedBatchSize(int embedBatchSize) {
			this.embedBatchSize = EmbedBatcher.checkBatchSize(embedBatchSize);
			return this;
		}

		/**
		 * Sets the most embed batches sent at the same time.
		 * @param embedConcurrency at least 1; {@value EmbedBatcher#DEFAULT_CONCURRENCY} by default
		 * @return this builder
		 * @throws IllegalArgumentException if the value is below 1
		 */
		public Builder embedConcurrency(int embedConcurrency) {
			if (embedConcurrency < 1) {
				throw new IllegalArgumentException("'embedConcurrency' must be at least 1, but was " + embedConcurrency);
			}
			this.embedConcurrency = embedConcurrency;
			return this;
		}

		/**
		 * Builds the client, creating its backend unless one was given.
		 * @return the client
		 * @throws IllegalArgumentException if no backend has the configured id (the message lists those available)
		 * @throws IllegalStateException if the backend lacks a setting it needs, such as the API key
		 */
		public CohereClient build() {
			CohereBackend given = this.backend;
			if (given != null) {
				return new CohereClient(given, false, this);
			}
			CohereBackends backends = (this.classLoader != null) ? CohereBackends.load(this.classLoader)
					: CohereBackends.load();
			return new CohereClient(backends.create(this.backendId, backendSettings()), true, this);
		}

		/**
		 * Returns the settings the backend is created with, the environment fallbacks applied.
		 * @return the backend settings
		 */
		public BackendSettings backendSettings() {
			HttpSettings.Builder http = this.httpSettings.mutate();
			if (this.connectTimeout != null) {
				http.connectTimeout(this.connectTimeout);
			}
			if (this.readTimeout != null) {
				http.readTimeout(this.readTimeout);
			}
			ApiKey key = this.apiKey;
			if (key == null) {
				String fromEnv = env("CO_API_KEY");
				if (fromEnv == null) {
					fromEnv = env("COHERE_API_KEY");
				}
				key = (fromEnv != null) ? ApiKey.of(fromEnv) : null;
			}
			String url = (this.baseUrl != null) ? this.baseUrl : env("CO_API_URL");
			return BackendSettings.builder()
				.apiKey(key)
				.baseUrl(url)
				.clientName(this.clientName)
				.httpSettings(http.build())
				.retryPolicy(this.retryPolicy)
				.properties(this.properties)
				.build();
		}

		private @Nullable String env(String name) {
			String value = this.environment.apply(name);
			return (value == null || value.isBlank()) ? null : value;
		}

		private static String model(String model, String name) {
			Objects.requireNonNull(model, "'" + name + "' must not be null");
			if (model.isBlank()) {
				throw new IllegalArgumentException("'" + name + "' must not be blank");
			}
			return model.strip();
		}

	}

}
