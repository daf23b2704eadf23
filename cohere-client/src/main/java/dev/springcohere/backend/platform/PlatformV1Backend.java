package dev.springcohere.backend.platform;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.springcohere.api.CohereJson;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.api.v1.GenerateRequest;
import dev.springcohere.api.v1.GenerateResponse;
import dev.springcohere.api.v1.GenerateStreamEvent;
import dev.springcohere.api.v1.SummarizeRequest;
import dev.springcohere.api.v1.SummarizeResponse;
import dev.springcohere.api.v1.V1ChatRequest;
import dev.springcohere.api.v1.V1ChatResponse;
import dev.springcohere.api.v1.V1ChatStreamEvent;
import dev.springcohere.backend.BackendCalls;
import dev.springcohere.backend.v1.CohereV1Backend;
import dev.springcohere.http.CohereHttpTransport;
import dev.springcohere.http.HttpCall;
import dev.springcohere.http.HttpTransportEngine;
import dev.springcohere.http.ServerSentEvent;

/**
 * Cohere's v1 text endpoints over HTTP, for the {@code platform} and {@code private}
 * backends: {@code /v1/chat} (JSON, and server-sent events when streaming),
 * {@code /v1/generate} and {@code /v1/summarize}.
 * <p>
 * The v1 chat streams newline-delimited JSON unless the request carries the header
 * {@code Accepts: text/event-stream} (spec {@code /v1/chat}, header {@code Accepts}); its
 * streams send that header with the call, and get server-sent events.
 * {@code /v1/generate} streams newline-delimited JSON, read incrementally: each event is
 * emitted as its line arrives (see {@link #generateStream(GenerateRequest)}).
 * <p>
 * {@link #withOptions(RequestOptions)} gives the same endpoints with per-call options
 * (timeout, headers, extra body fields).
 *
 * @since 0.1.0
 */
@SuppressWarnings("deprecation")
public final class PlatformV1Backend implements CohereV1Backend {

	/** The header that asks {@code /v1/chat} to stream server-sent events. */
	public static final String ACCEPTS_HEADER = "Accepts";

	private static final String CHAT = "/v1/chat";

	private static final String GENERATE = "/v1/generate";

	private static final String SUMMARIZE = "/v1/summarize";

	private final String id;

	private final CohereHttpTransport transport;

	private final JsonMapper mapper;

	private final RequestOptions options;

	/**
	 * Creates the v1 endpoints of a backend.
	 * @param id the backend id, for messages
	 * @param transport the transport
	 */
	PlatformV1Backend(String id, CohereHttpTransport transport) {
		this(id, transport, CohereJson.createMapper(), RequestOptions.none());
	}

	private PlatformV1Backend(String id, CohereHttpTransport transport, JsonMapper mapper, RequestOptions options) {
		this.id = Objects.requireNonNull(id, "'id' must not be null");
		this.transport = Objects.requireNonNull(transport, "'transport' must not be null");
		this.mapper = mapper;
		this.options = Objects.requireNonNull(options, "'options' must not be null");
	}

	/**
	 * Returns the same endpoints whose calls carry these options (replacing these): their
	 * headers and extra body fields are sent, their timeout bounds a complete answer, or
	 * the wait for a stream to start.
	 * @param options the options
	 * @return the endpoints with the options
	 */
	@Override
	public PlatformV1Backend withOptions(RequestOptions options) {
		Objects.requireNonNull(options, "'options' must not be null");
		return new PlatformV1Backend(this.id, this.transport, this.mapper, options);
	}

	@Override
	public RequestOptions options() {
		return this.options;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public V1ChatResponse chat(V1ChatRequest request) {
		return read(CHAT, this.transport.execute(call(CHAT, notStreaming(request))).body(), V1ChatResponse.class);
	}

	@Override
	public Mono<V1ChatResponse> chatAsync(V1ChatRequest request) {
		return chatRaw(request).map(RawResponse::body);
	}

	@Override
	public Mono<RawResponse<V1ChatResponse>> chatRaw(V1ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return raw(CHAT, () -> notStreaming(request), V1ChatResponse.class);
	}

	@Override
	public Flux<V1ChatStreamEvent> chatStream(V1ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return chatEvents(request, null);
	}

	@Override
	public Mono<RawResponse<Flux<V1ChatStreamEvent>>> chatStreamRaw(V1ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return BackendCalls.withHead((onHead) -> chatEvents(request, onHead));
	}

	private Flux<V1ChatStreamEvent> chatEvents(V1ChatRequest request,
			@Nullable Consumer<HttpTransportEngine.ResponseHead> onHead) {
		Flux<String> data = Flux.defer(
				() -> this.transport.stream(call(CHAT, request.mutate().stream(true).build(), streamOptions()), onHead)
					.map(ServerSentEvent::data));
		return events(CHAT, data, (json) -> V1ChatStreamEvent.parse(this.mapper, json),
				V1ChatStreamEvent.StreamEnd.class::isInstance, (event) -> false);
	}

	@Override
	public GenerateResponse generate(GenerateRequest request) {
		return read(GENERATE, this.transport.execute(call(GENERATE, generateBody(request, false))).body(),
				GenerateResponse.class);
	}

	@Override
	public Mono<RawResponse<GenerateResponse>> generateRaw(GenerateRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return raw(GENERATE, () -> generateBody(request, false), GenerateResponse.class);
	}

	/**
	 * Streams generated text. {@code /v1/generate} answers a stream as
	 * {@code application/stream+json} (one JSON event per line); each line is emitted as
	 * it arrives (server-sent events are read too, when the server sends them).
	 * @param request the request
	 * @return a cold {@code Flux} of events
	 */
	@Override
	public Flux<GenerateStreamEvent> generateStream(GenerateRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return generateEvents(request, null);
	}

	@Override
	public Mono<RawResponse<Flux<GenerateStreamEvent>>> generateStreamRaw(GenerateRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return BackendCalls.withHead((onHead) -> generateEvents(request, onHead));
	}

	private Flux<GenerateStreamEvent> generateEvents(GenerateRequest request,
			@Nullable Consumer<HttpTransportEngine.ResponseHead> onHead) {
		Flux<String> data = Flux.defer(() -> this.transport.stream(call(GENERATE, generateBody(request, true)), onHead))
			.map(ServerSentEvent::data);
		return events(GENERATE, data, (json) -> GenerateStreamEvent.parse(this.mapper, json),
				GenerateStreamEvent.StreamEnd.class::isInstance, GenerateStreamEvent.StreamError.class::isInstance);
	}

	private ObjectNode generateBody(GenerateRequest request, boolean stream) {
		ObjectNode body = this.mapper.valueToTree(Objects.requireNonNull(request, "'request' must not be null"));
		if (stream) {
			body.put("stream", true);
		}
		else if (Boolean.TRUE.equals(request.stream())) {
			body.remove("stream");
		}
		return body;
	}

	@Override
	public SummarizeResponse summarize(SummarizeRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return read(SUMMARIZE, this.transport.execute(call(SUMMARIZE, request)).body(), SummarizeResponse.class);
	}

	@Override
	public Mono<RawResponse<SummarizeResponse>> summarizeRaw(SummarizeRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return raw(SUMMARIZE, () -> request, SummarizeResponse.class);
	}

	private <T> Mono<RawResponse<T>> raw(String path, Supplier<Object> request, Class<T> type) {
		return Mono.defer(() -> this.transport.executeAsync(call(path, request.get())))
			.map((response) -> new RawResponse<>(response.status(), response.headers(),
					read(path, response.body(), type), new String(response.body(), StandardCharsets.UTF_8)));
	}

	@Override
	public String toString() {
		return "PlatformV1Backend[id=" + this.id + "]";
	}

	private <E> Flux<E> events(String path, Flux<String> data, Function<String, E> parser, Predicate<E> isEnd,
			Predicate<E> isError) {
		return Flux.defer(() -> {
			AtomicBoolean ended = new AtomicBoolean();
			return data.filter((json) -> !json.isBlank())
				.map((json) -> parse(path, json, parser))
				.<E>handle((event, sink) -> {
					sink.next(event);
					if (isError.test(event)) {
						sink.error(new CohereNetworkException(
								"The " + path + " stream of the '" + this.id + "' backend reported an error: " + event,
								null));
					}
					else if (isEnd.test(event)) {
						ended.set(true);
						sink.complete();
					}
				})
				.concatWith(
						Mono.defer(() -> ended.get() ? Mono.empty()
								: Mono.error(new CohereNetworkException("The " + path + " stream of the '" + this.id
										+ "' backend ended without a stream-end event, so the answer is incomplete",
										null))));
		});
	}

	private <E> E parse(String path, String json, Function<String, E> parser) {
		try {
			return parser.apply(json);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			String data = this.transport.redact(json);
			throw new CohereMalformedResponseException(
					"An event of the " + path + " stream is not a valid v1 " + "stream event ("
							+ this.transport.redact(String.valueOf(ex.getMessage())) + "): " + shorten(data),
					data, this.transport.causeWithoutKey(ex));
		}
	}

	private static V1ChatRequest notStreaming(V1ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return Boolean.TRUE.equals(request.stream()) ? request.mutate().stream(null).build() : request;
	}

	/**
	 * A POST of a request with this view's options: their extra body fields beside the
	 * request's own.
	 */
	/**
	 * The options of a v1 chat stream: this view's, with
	 * {@code Accepts: text/event-stream}.
	 */
	private RequestOptions streamOptions() {
		return this.options.mutate().header(ACCEPTS_HEADER, "text/event-stream").build();
	}

	private HttpCall call(String path, Object request) {
		return call(path, request, this.options);
	}

	private HttpCall call(String path, Object request, RequestOptions options) {
		byte[] json;
		if (options.getExtraBody().isEmpty()) {
			json = this.mapper.writeValueAsBytes(request);
		}
		else {
			ObjectNode tree = (request instanceof ObjectNode node) ? node : this.mapper.valueToTree(request);
			options.getExtraBody().forEach((name, value) -> tree.set(name, this.mapper.valueToTree(value)));
			json = this.mapper.writeValueAsBytes(tree);
		}
		return new HttpCall("POST", path, json, null, options);
	}

	private <T> T read(String path, byte[] body, Class<T> type) {
		try {
			return this.mapper.readValue(body, type);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			String text = this.transport.redact(new String(body, StandardCharsets.UTF_8));
			throw new CohereMalformedResponseException(
					"The response of " + path + " is not a valid " + type.getSimpleName() + " ("
							+ this.transport.redact(String.valueOf(ex.getMessage())) + "): " + shorten(text),
					text, this.transport.causeWithoutKey(ex));
		}
	}

	private static String shorten(String text) {
		String stripped = text.strip();
		return (stripped.length() <= 500) ? stripped : stripped.substring(0, 500) + "…";
	}

}
