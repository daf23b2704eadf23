package dev.springcohere.backend.openai;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
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
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.backend.BackendCalls;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.ChatStreams;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.error.UnsupportedCapabilityException;
import dev.springcohere.http.DemandExactFlatten;
import dev.springcohere.http.ApiKey;
import dev.springcohere.http.CohereHttpTransport;
import dev.springcohere.http.HttpCall;
import dev.springcohere.http.HttpSettings;
import dev.springcohere.http.ServerSentEvent;

/**
 * A backend speaking the OpenAI Chat Completions and Embeddings format: Cohere's
 * compatibility API, vLLM, TGI, LiteLLM and any other OpenAI-compatible server (also the
 * Azure AI model inference route of the {@code azure} backend). Cohere v2 requests are
 * translated on the way out and the answers translated back, so callers keep the v2
 * vocabulary.
 * <p>
 * Chat: messages with tool calls and tool results both ways, tools (with
 * {@code strict: true} for {@code strict_tools}), {@code response_format}
 * ({@code json_object}, or {@code json_schema} with {@code strict: true} when a schema is
 * given), sampling fields, and streaming of {@code chat.completion.chunk}s into typed
 * {@link StreamEvent}s ending with {@code message-end} (a stream that ends without a
 * finish reason is an error). {@code documents} are rendered into the system prompt (no
 * citations come back); {@code safety_mode}, {@code citation_options} (other than OFF),
 * {@code logprobs} and a thinking token budget are rejected with an
 * {@link UnsupportedRequestFieldException}. Embed: texts, float only. Rerank: only when a
 * rerank path is set (Cohere/Jina-style body, as vLLM serves it). Tokenize, detokenize
 * and models are not offered.
 * <p>
 * Requests travel through a {@link CohereHttpTransport} (bearer key when one is set, idle
 * timeouts, retries and error mapping as for the platform backend). Thread-safe.
 *
 * @since 0.1.0
 */
public final class OpenAiCompatBackend implements CohereBackend {

	private final String id;

	private final CohereHttpTransport transport;

	private final OpenAiRoutes routes;

	private final boolean ownsTransport;

	private final JsonMapper mapper = CohereJson.createMapper();

	private final OpenAiChatMapper chatMapper;

	private final OpenAiEmbedMapper embedMapper;

	private final Capabilities capabilities;

	/**
	 * Creates a backend over a transport the caller owns (and closes).
	 * @param id the backend id, such as {@code openai-compat}
	 * @param transport the transport, with the server's base URL (such as
	 * {@code http://vllm:8000/v1}) and key
	 * @param routes the paths and dialect of the server
	 */
	public OpenAiCompatBackend(String id, CohereHttpTransport transport, OpenAiRoutes routes) {
		this(id, transport, routes, false);
	}

	private OpenAiCompatBackend(String id, CohereHttpTransport transport, OpenAiRoutes routes, boolean ownsTransport) {
		this.id = Objects.requireNonNull(id, "'id' must not be null");
		this.transport = Objects.requireNonNull(transport, "'transport' must not be null");
		this.routes = Objects.requireNonNull(routes, "'routes' must not be null");
		this.ownsTransport = ownsTransport;
		this.chatMapper = new OpenAiChatMapper(id, routes, this.mapper);
		this.embedMapper = new OpenAiEmbedMapper(id, routes);
		EnumSet<Capability> offered = EnumSet.of(Capability.CHAT, Capability.CHAT_STREAM, Capability.EMBED);
		if (routes.rerank() != null) {
			offered.add(Capability.RERANK);
		}
		this.capabilities = Capabilities.of(offered);
	}

	/**
	 * Creates a backend and its transport: the HTTP settings, retry policy and client
	 * name come from the settings, the base URL and key are given (the settings' own
	 * Cohere key and base URL are not used).
	 * @param id the backend id
	 * @param settings the common settings
	 * @param baseUrl the base URL of the server, such as {@code http://vllm:8000/v1}
	 * @param apiKey the bearer key, or {@code null} to send none
	 * @param routes the paths and dialect of the server
	 * @return a backend that closes its transport when closed
	 */
	public static OpenAiCompatBackend create(String id, BackendSettings settings, String baseUrl,
			@Nullable ApiKey apiKey, OpenAiRoutes routes) {
		Objects.requireNonNull(settings, "'settings' must not be null");
		HttpSettings.Builder http = settings.httpSettings().mutate().baseUrl(baseUrl);
		if (settings.clientName() != null) {
			http.clientName(settings.clientName());
		}
		CohereHttpTransport transport = CohereHttpTransport.builder()
			.settings(http.build())
			.apiKey(apiKey)
			.retryPolicy(settings.retryPolicy())
			.build();
		return new OpenAiCompatBackend(id, transport, routes, true);
	}

	@Override
	public String id() {
		return this.id;
	}

	/**
	 * Returns chat, chat-stream and embed, plus rerank when a rerank path is configured.
	 * @return the capabilities
	 */
	@Override
	public Capabilities capabilities() {
		return this.capabilities;
	}

	/**
	 * Returns the transport, with its base URL and settings.
	 * @return the transport
	 */
	public CohereHttpTransport getTransport() {
		return this.transport;
	}

	/**
	 * Returns the routes of the server.
	 * @return the routes
	 */
	public OpenAiRoutes getRoutes() {
		return this.routes;
	}

	/**
	 * Sends a chat request as an OpenAI chat completion.
	 * @param request the request
	 * @return the answer
	 * @throws UnsupportedRequestFieldException when the request sets a field the format
	 * cannot express
	 */
	@Override
	public ChatResponse chat(ChatRequest request) {
		String path = this.routes.chat();
		byte[] body = write(this.chatMapper.toRequest(request, false));
		return read(path, this.transport.post(path, body), "chat completion", this.chatMapper::toResponse);
	}

	@Override
	public Mono<ChatResponse> chatAsync(ChatRequest request) {
		String path = this.routes.chat();
		return Mono.defer(() -> this.transport.postReactive(path, write(this.chatMapper.toRequest(request, false))))
			.map((bytes) -> read(path, bytes, "chat completion", this.chatMapper::toResponse));
	}

	/**
	 * Streams the answer: sends the request with {@code "stream": true} (and usage
	 * included) and translates the chunks into v2 events.
	 * @param request the request
	 * @return a cold {@code Flux} of events ending with {@code message-end}
	 */
	@Override
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		String path = this.routes.chat();
		return ChatStreams.requireMessageEnd(this.id, Flux.defer(() -> {
			byte[] body = write(this.chatMapper.toRequest(request, true));
			OpenAiStreamTranslator translator = new OpenAiStreamTranslator();
			return DemandExactFlatten.flatten(this.transport.stream(path, body)
				.filter((event) -> !event.data().isBlank())
				.map((event) -> translate(path, translator, event))
				.concatWith(Mono.fromSupplier(translator::finish)));
		}));
	}

	@Override
	public EmbedResponse embed(EmbedRequest request) {
		String path = this.routes.embeddings();
		byte[] body = write(this.embedMapper.toRequest(request));
		return read(path, this.transport.post(path, body), "embeddings response",
				(tree) -> this.embedMapper.toResponse(tree, request.texts()));
	}

	@Override
	public Mono<EmbedResponse> embedAsync(EmbedRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		String path = this.routes.embeddings();
		return Mono.defer(() -> this.transport.postReactive(path, write(this.embedMapper.toRequest(request))))
			.map((bytes) -> read(path, bytes, "embeddings response",
					(tree) -> this.embedMapper.toResponse(tree, request.texts())));
	}

	/**
	 * Reranks through the configured rerank path with Cohere's body ({@code query},
	 * {@code documents}, {@code top_n}), as vLLM's {@code /rerank} takes it.
	 * @param request the request
	 * @return the ranking
	 * @throws UnsupportedCapabilityException when no rerank path is configured
	 */
	@Override
	public RerankResponse rerank(RerankRequest request) {
		String path = rerankPath();
		return read(path, this.transport.post(path, write(request)), "rerank response",
				(tree) -> this.mapper.treeToValue(tree, RerankResponse.class));
	}

	@Override
	public Mono<RerankResponse> rerankAsync(RerankRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return Mono.defer(() -> {
			String path = rerankPath();
			return this.transport.postReactive(path, write(request))
				.map((bytes) -> read(path, bytes, "rerank response",
						(tree) -> this.mapper.treeToValue(tree, RerankResponse.class)));
		});
	}

	/**
	 * Sends a chat completion with per-call options: their headers are sent, their extra
	 * body fields go into the OpenAI request (for server-specific parameters, such as
	 * vLLM's), and the answer comes with its status, headers and body text.
	 * @param request the request
	 * @param options the options of the call
	 * @return a {@code Mono} of the answer
	 */
	@Override
	public Mono<RawResponse<ChatResponse>> chatRaw(ChatRequest request, RequestOptions options) {
		Objects.requireNonNull(request, "'request' must not be null");
		return raw(this.routes.chat(), () -> this.chatMapper.toRequest(request, false), options, "chat completion",
				this.chatMapper::toResponse);
	}

	@Override
	public Mono<RawResponse<Flux<StreamEvent>>> chatStreamRaw(ChatRequest request, RequestOptions options) {
		Objects.requireNonNull(request, "'request' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		String path = this.routes.chat();
		return BackendCalls.withHead((onHead) -> ChatStreams.requireMessageEnd(this.id, Flux.defer(() -> {
			HttpCall call = new HttpCall("POST", path, json(this.chatMapper.toRequest(request, true), options), null,
					options);
			OpenAiStreamTranslator translator = new OpenAiStreamTranslator();
			return DemandExactFlatten.flatten(this.transport.stream(call, onHead)
				.filter((event) -> !event.data().isBlank())
				.map((event) -> translate(path, translator, event))
				.concatWith(Mono.fromSupplier(translator::finish)));
		})));
	}

	@Override
	public Mono<RawResponse<EmbedResponse>> embedRaw(EmbedRequest request, RequestOptions options) {
		Objects.requireNonNull(request, "'request' must not be null");
		return raw(this.routes.embeddings(), () -> this.embedMapper.toRequest(request), options, "embeddings response",
				(tree) -> this.embedMapper.toResponse(tree, request.texts()));
	}

	@Override
	public Mono<RawResponse<RerankResponse>> rerankRaw(RerankRequest request, RequestOptions options) {
		Objects.requireNonNull(request, "'request' must not be null");
		return Mono.defer(() -> raw(rerankPath(), () -> this.mapper.valueToTree(request), options, "rerank response",
				(tree) -> this.mapper.treeToValue(tree, RerankResponse.class)));
	}

	private <T> Mono<RawResponse<T>> raw(String path, Supplier<ObjectNode> body, RequestOptions options, String what,
			Function<JsonNode, T> mapping) {
		Objects.requireNonNull(options, "'options' must not be null");
		return Mono.defer(
				() -> this.transport.executeAsync(new HttpCall("POST", path, json(body.get(), options), null, options)))
			.map((response) -> new RawResponse<>(response.status(), response.headers(),
					read(path, response.body(), what, mapping), new String(response.body(), StandardCharsets.UTF_8)));
	}

	private byte[] json(ObjectNode body, RequestOptions options) {
		options.getExtraBody().forEach((name, value) -> body.set(name, this.mapper.valueToTree(value)));
		return write(body);
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
		return "OpenAiCompatBackend[id=" + this.id + ", " + this.routes + ", " + this.transport + "]";
	}

	private String rerankPath() {
		String path = this.routes.rerank();
		if (path == null) {
			throw new UnsupportedCapabilityException(this.id, Capability.RERANK.id(),
					"The OpenAI format has no rerank; if the server offers a Cohere-style rerank route (vLLM: "
							+ "/rerank), set its path in 'cohere.openai-compat.rerank-path'.");
		}
		return path;
	}

	private List<StreamEvent> translate(String path, OpenAiStreamTranslator translator, ServerSentEvent event) {
		JsonNode chunk;
		try {
			chunk = this.mapper.readTree(event.data());
			return translator.accept(chunk);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw new CohereMalformedResponseException(
					"A chunk of the " + path + " stream of the '" + this.id
							+ "' backend is not a valid chat.completion.chunk (" + this.transport.redact(message(ex))
							+ "): " + shorten(this.transport.redact(event.data())),
					this.transport.redact(event.data()), this.transport.causeWithoutKey(ex));
		}
	}

	private byte[] write(Object request) {
		return this.mapper.writeValueAsBytes(request);
	}

	private <T> T read(String path, byte[] body, String what, Function<JsonNode, T> mapping) {
		try {
			return mapping.apply(this.mapper.readTree(body));
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			String text = this.transport.redact(new String(body, StandardCharsets.UTF_8));
			throw new CohereMalformedResponseException(
					"The response of " + path + " is not a valid OpenAI " + what + " ("
							+ this.transport.redact(message(ex)) + "); check that 'cohere." + this.id
							+ "' points at an OpenAI-compatible " + "server. Body: " + shorten(text),
					text, this.transport.causeWithoutKey(ex));
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
