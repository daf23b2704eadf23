package dev.springcohere.backend.platform;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.ListModelsResponse;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.ChatStreams;
import dev.springcohere.backend.CohereBackend;
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
 * {@code /v2/rerank}, {@code /v1/tokenize}, {@code /v1/detokenize} and
 * {@code /v1/models}, and every other operation of the platform API through
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
 * Thread-safe. Closing the backend closes the transport it built, not one handed to
 * {@link #PlatformBackend(String, CohereHttpTransport)}.
 *
 * @since 0.1.0
 */
public final class PlatformBackend implements CohereBackend {

	private static final String CHAT = "/v2/chat";

	private static final String EMBED = "/v2/embed";

	private static final String RERANK = "/v2/rerank";

	private static final String TOKENIZE = "/v1/tokenize";

	private static final String DETOKENIZE = "/v1/detokenize";

	private static final String MODELS = "/v1/models";

	private static final byte[] EMPTY_OBJECT = { '{', '}' };

	private final String id;

	private final CohereHttpTransport transport;

	private final boolean ownsTransport;

	private final JsonMapper mapper = CohereJson.createMapper();

	/**
	 * Creates a backend over a transport the caller owns (and closes).
	 * @param id the backend id, such as {@code platform}
	 * @param transport the transport, with its base URL, key and retry policy
	 */
	public PlatformBackend(String id, CohereHttpTransport transport) {
		this(id, transport, false);
	}

	private PlatformBackend(String id, CohereHttpTransport transport, boolean ownsTransport) {
		this.id = Objects.requireNonNull(id, "'id' must not be null");
		this.transport = Objects.requireNonNull(transport, "'transport' must not be null");
		this.ownsTransport = ownsTransport;
	}

	/**
	 * Creates a backend and its transport from settings: the settings' base URL (when
	 * set) and client name override those of its HTTP settings.
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
		CohereHttpTransport transport = CohereHttpTransport.builder()
			.settings(http.build())
			.apiKey(settings.apiKey())
			.retryPolicy(settings.retryPolicy())
			.build();
		return new PlatformBackend(id, transport, true);
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

	@Override
	public TokenizeResponse tokenize(TokenizeRequest request) {
		return read(TOKENIZE, this.transport.post(TOKENIZE, write(request)), TokenizeResponse.class);
	}

	@Override
	public DetokenizeResponse detokenize(DetokenizeRequest request) {
		return read(DETOKENIZE, this.transport.post(DETOKENIZE, write(request)), DetokenizeResponse.class);
	}

	@Override
	public ListModelsResponse models(ListModelsRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		String path = MODELS + query(request.queryParameters());
		return read(path, this.transport.get(path), ListModelsResponse.class);
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
		byte[] json = (call.body() != null) ? write(call.body()) : null;
		return new HttpCall(call.method(), call.path(), json, call.multipart(), call.options());
	}

	private <T> T read(PlatformCall<T> call, byte[] body) {
		byte[] json = (body.length == 0) ? EMPTY_OBJECT : body;
		return read(call.method() + " " + call.path(), json, call.responseType());
	}

	/**
	 * Closes the transport when this backend built it.
	 */
	@Override
	public void close() {
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
