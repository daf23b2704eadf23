package dev.springcohere.backend.platform;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.CheckApiKeyResponse;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.ListModelsResponse;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.backend.BackendCalls;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.ChatStreams;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.v1.CohereV1Backend;
import dev.springcohere.backend.PlatformCall;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.http.CohereHttpTransport;
import dev.springcohere.http.HttpCall;
import dev.springcohere.http.HttpSettings;
import dev.springcohere.http.HttpTransportEngine;
import dev.springcohere.http.ServerSentEvent;

/**
 * The backend for Cohere's own HTTP API, on {@code https://api.cohere.com}
 * ({@code platform}) or on a private deployment of the same API ({@code private}):
 * {@code /v2/chat} (JSON, and server-sent events when streaming), {@code /v2/embed},
 * {@code /v2/rerank}, {@code /v1/tokenize}, {@code /v1/detokenize}, {@code /v1/models}
 * and {@code /v1/check-api-key}, and every other operation of the platform API through
 * {@link #execute(PlatformCall)} (fine-tuning, datasets, embed jobs, batches, connectors,
 * classify, audio).
 * <p>
 * Requests travel through a {@link CohereHttpTransport}: bearer authentication,
 * {@code X-Client-Name}, idle read timeouts, and retries of 408/429/5xx and connection
 * failures honouring {@code Retry-After} (a stream only until its response is accepted,
 * never after an event reached the caller). The reactive methods use the transport's
 * asynchronous path; no thread blocks. Stream events are parsed into the typed
 * {@link StreamEvent}s (unknown types become {@link StreamEvent.Unknown}); the stream
 * obeys {@link ChatStreams#requireMessageEnd}.
 * <p>
 * The {@code ...Raw} methods ({@link #chatRaw}, {@link #chatStreamRaw}, {@link #embedRaw}
 * ...) send a call with its {@link RequestOptions} (headers, extra body fields, a
 * timeout) and answer with the status, headers and body text; a stream's answer is
 * emitted at its first event.
 * <p>
 * Tokenize and detokenize run locally with the model's own tokenizer when the
 * {@code tokenize.offline} setting allows it ({@link TokenizeMode}; backends made by
 * {@link #create(String, BackendSettings)} default to {@link TokenizeMode#AUTO}, those
 * made with the public constructor always use the endpoints): its {@code tokenizer_url}
 * (from {@code GET /v1/models/{model}}) is downloaded once into the
 * {@code tokenize.cache-dir} and run by Hugging Face's tokenizers (the optional
 * {@code ai.djl.huggingface:tokenizers} library).
 * <p>
 * Thread-safe. Closing the backend closes the transport it built, not one handed to
 * {@link #PlatformBackend(String, CohereHttpTransport)}.
 *
 * @since 0.1.0
 */
public final class PlatformBackend implements CohereBackend, CohereV1Backend.Source {

	private static final String CHAT = "/v2/chat";

	private static final String EMBED = "/v2/embed";

	private static final String RERANK = "/v2/rerank";

	private static final String TOKENIZE = "/v1/tokenize";

	private static final String DETOKENIZE = "/v1/detokenize";

	private static final String MODELS = "/v1/models";

	private static final String CHECK_API_KEY = "/v1/check-api-key";

	private static final byte[] EMPTY_OBJECT = { '{', '}' };

	private final String id;

	private final CohereHttpTransport transport;

	private final boolean ownsTransport;

	private final JsonMapper mapper = CohereJson.createMapper();

	private final ModelTokenizers tokenizers;

	private final PlatformV1Backend v1;

	/**
	 * Creates a backend over a transport the caller owns (and closes); it tokenizes
	 * through the endpoints.
	 * @param id the backend id, such as {@code platform}
	 * @param transport the transport, with its base URL, key and retry policy
	 */
	public PlatformBackend(String id, CohereHttpTransport transport) {
		this(id, transport, false, TokenizeMode.NEVER, ModelTokenizers.defaultCacheDir(System::getenv));
	}

	PlatformBackend(String id, CohereHttpTransport transport, boolean ownsTransport, TokenizeMode tokenizeMode,
			Path tokenizerCache) {
		this(id, transport, ownsTransport,
				new ModelTokenizers(tokenizeMode, tokenizerCache, transport, CohereJson.createMapper()));
	}

	PlatformBackend(String id, CohereHttpTransport transport, ModelTokenizers tokenizers) {
		this(id, transport, false, tokenizers);
	}

	private PlatformBackend(String id, CohereHttpTransport transport, boolean ownsTransport,
			ModelTokenizers tokenizers) {
		this.id = Objects.requireNonNull(id, "'id' must not be null");
		this.transport = Objects.requireNonNull(transport, "'transport' must not be null");
		this.ownsTransport = ownsTransport;
		this.tokenizers = Objects.requireNonNull(tokenizers, "'tokenizers' must not be null");
		this.v1 = new PlatformV1Backend(id, transport);
	}

	/**
	 * Creates a backend and its transport from settings: the settings' base URL (when
	 * set) and client name override those of its HTTP settings; the
	 * {@link PlatformBackendProvider#TOKENIZE_OFFLINE} and
	 * {@link PlatformBackendProvider#TOKENIZE_CACHE_DIR} settings choose where tokenize
	 * runs.
	 * @param id the backend id, such as {@code platform}
	 * @param settings the settings
	 * @return a backend that closes its transport when closed
	 */
	public static PlatformBackend create(String id, BackendSettings settings) {
		Objects.requireNonNull(settings, "'settings' must not be null");
		HttpSettings.Builder http = settings.httpSettings().mutate();
		if (settings.baseUrl() != null) {
			http.baseUrl(settings.baseUrl());
		}
		if (settings.clientName() != null) {
			http.clientName(settings.clientName());
		}
		TokenizeMode mode = settings.get(PlatformBackendProvider.TOKENIZE_OFFLINE);
		String cacheDir = settings.get(PlatformBackendProvider.TOKENIZE_CACHE_DIR);
		Path cache = (cacheDir != null && !cacheDir.isBlank()) ? Path.of(cacheDir.strip())
				: ModelTokenizers.defaultCacheDir(System::getenv);
		HttpSettings httpSettings = http.build();
		CohereHttpTransport transport = CohereHttpTransport.builder()
			.settings(httpSettings)
			.apiKey(settings.apiKey())
			.retryPolicy(settings.retryPolicy())
			.build();
		return new PlatformBackend(id, transport, true, (mode != null) ? mode : TokenizeMode.AUTO, cache);
	}

	/**
	 * Returns Cohere's v1 text endpoints ({@code /v1/chat}, {@code /v1/generate},
	 * {@code /v1/summarize}) on the same server, key and settings.
	 * @return the v1 endpoints
	 */
	@Override
	public PlatformV1Backend v1() {
		return this.v1;
	}

	@Override
	public String id() {
		return this.id;
	}

	/**
	 * Returns every capability: the HTTP API offers them all.
	 * @return all capabilities
	 */
	@Override
	public Capabilities capabilities() {
		return Capabilities.all();
	}

	/**
	 * Returns the transport, with its base URL and settings.
	 * @return the transport
	 */
	public CohereHttpTransport getTransport() {
		return this.transport;
	}

	@Override
	public ChatResponse chat(ChatRequest request) {
		return read(CHAT, this.transport.post(CHAT, write(notStreaming(request))), ChatResponse.class);
	}

	@Override
	public Mono<ChatResponse> chatAsync(ChatRequest request) {
		return post(CHAT, () -> notStreaming(request), ChatResponse.class);
	}

	/**
	 * Streams the answer: sends the request with {@code "stream": true} and parses each
	 * server-sent event.
	 * @param request the request
	 * @return a cold {@code Flux} of events
	 * @throws CohereMalformedResponseException (as the error signal) when an event is not
	 * valid JSON
	 */
	@Override
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return ChatStreams.requireMessageEnd(this.id, Flux.defer(() -> {
			byte[] body = write(request.mutate().stream(true).build());
			return this.transport.stream(CHAT, body).filter((event) -> !event.data().isBlank()).map(this::parseEvent);
		}));
	}

	@Override
	public EmbedResponse embed(EmbedRequest request) {
		return read(EMBED, this.transport.post(EMBED, write(request)), EmbedResponse.class);
	}

	@Override
	public Mono<EmbedResponse> embedAsync(EmbedRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return post(EMBED, () -> request, EmbedResponse.class);
	}

	@Override
	public RerankResponse rerank(RerankRequest request) {
		return read(RERANK, this.transport.post(RERANK, write(request)), RerankResponse.class);
	}

	@Override
	public Mono<RerankResponse> rerankAsync(RerankRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return post(RERANK, () -> request, RerankResponse.class);
	}

	/**
	 * Tokenizes locally with the model's tokenizer when the tokenize mode allows it and
	 * one is available, else through {@code /v1/tokenize}.
	 * @param request the request
	 * @return the tokens
	 */
	@Override
	public TokenizeResponse tokenize(TokenizeRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		LocalTokenizer local = this.tokenizers.forModel(request.model());
		if (local != null) {
			return local.tokenize(request.text());
		}
		return read(TOKENIZE, this.transport.post(TOKENIZE, write(request)), TokenizeResponse.class);
	}

	/**
	 * Detokenizes locally with the model's tokenizer when the tokenize mode allows it and
	 * one is available, else through {@code /v1/detokenize}.
	 * @param request the request
	 * @return the text
	 */
	@Override
	public DetokenizeResponse detokenize(DetokenizeRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		LocalTokenizer local = this.tokenizers.forModel(request.model());
		if (local != null) {
			return local.detokenize(request.tokens());
		}
		return read(DETOKENIZE, this.transport.post(DETOKENIZE, write(request)), DetokenizeResponse.class);
	}

	@Override
	public ListModelsResponse models(ListModelsRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		String path = MODELS + query(request.queryParameters());
		return read(path, this.transport.get(path), ListModelsResponse.class);
	}

	@Override
	public CheckApiKeyResponse checkApiKey() {
		return read(CHECK_API_KEY, this.transport.post(CHECK_API_KEY, new byte[0]), CheckApiKeyResponse.class);
	}

	@Override
	public Mono<RawResponse<ChatResponse>> chatRaw(ChatRequest request, RequestOptions options) {
		Objects.requireNonNull(request, "'request' must not be null");
		return raw("POST", CHAT, () -> notStreaming(request), ChatResponse.class, options);
	}

	/**
	 * Streams the answer with per-call options: the {@code Mono} emits the answer's
	 * status and headers with the parsed events once the first event arrived.
	 * @param request the request
	 * @param options the options of the call
	 * @return a {@code Mono} of the answer whose body is the events
	 */
	@Override
	public Mono<RawResponse<Flux<StreamEvent>>> chatStreamRaw(ChatRequest request, RequestOptions options) {
		Objects.requireNonNull(request, "'request' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		return BackendCalls.withHead((onHead) -> ChatStreams.requireMessageEnd(this.id, Flux.defer(() -> {
			HttpCall call = new HttpCall("POST", CHAT, json(request.mutate().stream(true).build(), options), null,
					options);
			return this.transport.stream(call, onHead).filter((event) -> !event.data().isBlank()).map(this::parseEvent);
		})));
	}

	@Override
	public Mono<RawResponse<EmbedResponse>> embedRaw(EmbedRequest request, RequestOptions options) {
		Objects.requireNonNull(request, "'request' must not be null");
		return raw("POST", EMBED, () -> request, EmbedResponse.class, options);
	}

	@Override
	public Mono<RawResponse<RerankResponse>> rerankRaw(RerankRequest request, RequestOptions options) {
		Objects.requireNonNull(request, "'request' must not be null");
		return raw("POST", RERANK, () -> request, RerankResponse.class, options);
	}

	/**
	 * Tokenizes through {@code /v1/tokenize} with per-call options (never offline: the
	 * caller asked for an HTTP answer).
	 */
	@Override
	public Mono<RawResponse<TokenizeResponse>> tokenizeRaw(TokenizeRequest request, RequestOptions options) {
		Objects.requireNonNull(request, "'request' must not be null");
		return raw("POST", TOKENIZE, () -> request, TokenizeResponse.class, options);
	}

	/**
	 * Detokenizes through {@code /v1/detokenize} with per-call options (never offline).
	 */
	@Override
	public Mono<RawResponse<DetokenizeResponse>> detokenizeRaw(DetokenizeRequest request, RequestOptions options) {
		Objects.requireNonNull(request, "'request' must not be null");
		return raw("POST", DETOKENIZE, () -> request, DetokenizeResponse.class, options);
	}

	@Override
	public Mono<RawResponse<ListModelsResponse>> modelsRaw(ListModelsRequest request, RequestOptions options) {
		Objects.requireNonNull(request, "'request' must not be null");
		return raw("GET", MODELS + query(request.queryParameters()), null, ListModelsResponse.class, options);
	}

	private <T> Mono<RawResponse<T>> raw(String method, String path, @Nullable Supplier<Object> body, Class<T> type,
			RequestOptions options) {
		Objects.requireNonNull(options, "'options' must not be null");
		return Mono.defer(() -> {
			byte[] json = (body != null) ? json(body.get(), options) : null;
			return this.transport.executeAsync(new HttpCall(method, path, json, null, options));
		})
			.map((response) -> new RawResponse<>(response.status(), response.headers(),
					read(path, response.body(), type), new String(response.body(), StandardCharsets.UTF_8)));
	}

	/**
	 * The JSON of a request with the options' extra body fields beside (or over) its own.
	 */
	private byte[] json(Object request, RequestOptions options) {
		if (options.getExtraBody().isEmpty()) {
			return write(request);
		}
		JsonNode tree = this.mapper.valueToTree(request);
		if (!(tree instanceof ObjectNode object)) {
			throw new IllegalArgumentException("Extra body fields (RequestOptions.extraBody) need a JSON object body, "
					+ "but this request is " + tree.getNodeType());
		}
		options.getExtraBody().forEach((name, value) -> object.set(name, this.mapper.valueToTree(value)));
		return write(object);
	}

	/**
	 * Runs an operation of Cohere's platform API over the transport: the call's body as
	 * JSON (unknown fields of records with an {@code extra} map included) or streamed as
	 * multipart, the answer parsed into the call's response type (an empty body, as a
	 * {@code DELETE} may answer, is read as {@code {}}).
	 * @param <T> the type of the answer's body
	 * @param call the operation
	 * @return the answer with its status and headers
	 */
	@Override
	public <T> RawResponse<T> execute(PlatformCall<T> call) {
		HttpTransportEngine.Response response = this.transport.execute(httpCall(call));
		return new RawResponse<>(response.status(), response.headers(), read(call, response.body()));
	}

	@Override
	public <T> Mono<RawResponse<T>> executeAsync(PlatformCall<T> call) {
		Objects.requireNonNull(call, "'call' must not be null");
		return Mono.defer(() -> this.transport.executeAsync(httpCall(call)))
			.map((response) -> new RawResponse<>(response.status(), response.headers(), read(call, response.body())));
	}

	private HttpCall httpCall(PlatformCall<?> call) {
		Objects.requireNonNull(call, "'call' must not be null");
		byte[] json = (call.body() != null) ? json(call.body(), call.options()) : null;
		return new HttpCall(call.method(), call.path(), json, call.multipart(), call.options());
	}

	private <T> T read(PlatformCall<T> call, byte[] body) {
		byte[] json = (body.length == 0) ? EMPTY_OBJECT : body;
		return read(call.method() + " " + call.path(), json, call.responseType());
	}

	/**
	 * Closes the local tokenizers, and the transport when this backend built it.
	 */
	@Override
	public void close() {
		this.tokenizers.close();
		if (this.ownsTransport) {
			this.transport.close();
		}
	}

	@Override
	public String toString() {
		return "PlatformBackend[id=" + this.id + ", " + this.transport + "]";
	}

	private static ChatRequest notStreaming(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return request.isStreaming() ? request.mutate().stream(null).build() : request;
	}

	private <T> Mono<T> post(String path, java.util.function.Supplier<Object> request, Class<T> type) {
		return Mono.defer(() -> this.transport.postReactive(path, write(request.get())))
			.map((bytes) -> read(path, bytes, type));
	}

	private static String query(Map<String, String> parameters) {
		if (parameters.isEmpty()) {
			return "";
		}
		StringBuilder query = new StringBuilder();
		parameters.forEach((name, value) -> query.append((query.length() == 0) ? '?' : '&')
			.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return query.toString();
	}

	private byte[] write(Object request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return this.mapper.writeValueAsBytes(request);
	}

	private <T> T read(String path, byte[] body, Class<T> type) {
		try {
			return this.mapper.readValue(body, type);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			String text = this.transport.redact(new String(body, StandardCharsets.UTF_8));
			throw new CohereMalformedResponseException("The response of " + path + " is not a valid "
					+ type.getSimpleName() + " (" + this.transport.redact(message(ex))
					+ "); the server may not be a Cohere v2 API. Body: " + shorten(text), text,
					this.transport.causeWithoutKey(ex));
		}
	}

	private StreamEvent parseEvent(ServerSentEvent event) {
		try {
			return StreamEvent.parse(this.mapper, event.data());
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new CohereMalformedResponseException(
					"An event of the " + CHAT + " stream is not a valid chat " + "stream event ("
							+ this.transport.redact(message(ex)) + "): " + shorten(this.transport.redact(event.data())),
					this.transport.redact(event.data()), this.transport.causeWithoutKey(ex));
		}
	}

	private static String message(Exception ex) {
		return (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage()
				: String.valueOf(ex.getMessage());
	}

	private static String shorten(String text) {
		String stripped = text.strip();
		return (stripped.length() <= 500) ? stripped : stripped.substring(0, 500) + "…";
	}

}
