package dev.springcohere.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereApiExceptions;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.api.error.CohereResponseTooLargeException;
import dev.springcohere.api.error.CohereTimeoutException;

/**
 * Sends requests to a Cohere HTTP API (the platform, a private deployment, any
 * v2-compatible server) at the level of bytes, JSON trees and server-sent events, over an
 * {@link HttpTransportEngine}: the JDK {@code HttpClient} by default, OkHttp or Reactor
 * Netty when one is on the class path (see {@link HttpSettings#getTransport()}). Final
 * and thread-safe; share one instance per base URL and key.
 * <p>
 * Every call:
 * <ul>
 * <li>sends {@code Authorization: Bearer <key>} (when a key is set),
 * {@code Content-Type: application/json} (when there is a body), {@code Accept},
 * {@code User-Agent}, {@code X-Client-Name} (when set) and the default headers;</li>
 * <li>treats any non-2xx status as an error, mapped by {@link CohereApiExceptions}
 * (secrets masked in the body); transport failures become {@link CohereNetworkException}
 * or {@link CohereTimeoutException};</li>
 * <li>enforces the read timeout as an idle timeout: the longest wait for the headers,
 * between two chunks of the body, or between two stream chunks; the whole call has no
 * limit;</li>
 * <li>is retried by the {@link CohereRetryPolicy}: with its {@code RetryTemplate} for
 * blocking calls, with {@code retryWhen} for reactive ones; a stream is only retried
 * until its response is accepted, never after;</li>
 * <li>logs one DEBUG line per attempt (method, path, status, latency) and, at TRACE, the
 * bodies and the headers (the key masked); an {@code X-API-Warning} header is logged at
 * WARN; with {@link HttpSettings#isLogBodies()}, every request and answer (headers and
 * bodies, secrets masked, bodies cut) and each stream event at DEBUG on the logger
 * {@value HttpSettings#WIRE_LOGGER}.</li>
 * </ul>
 * <p>
 * The engine owns the connection (timeouts, size bound, cancellation); this class owns
 * what must be the same for every engine: status mapping, retries, event decoding and
 * logging.
 * <p>
 * Its length is the engine-independent contract above (status mapping, retries, stream
 * decoding, logging) for blocking, reactive and streamed calls side by side; connections,
 * timeouts and TLS belong to the engines.
 *
 * @since 0.1.0
 */
public final class CohereHttpTransport implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CohereHttpTransport.class);

	private static final String APPLICATION_JSON = EngineSupport.APPLICATION_JSON;

	private static final String TEXT_EVENT_STREAM = EngineSupport.TEXT_EVENT_STREAM;

	private static final int MAX_BODY_IN_MESSAGE = 500;

	private static final int MAX_CACHED_URIS = 64;

	private final HttpSettings settings;

	private final @Nullable ApiKey apiKey;

	private final CohereRetryPolicy retryPolicy;

	private final RetryTemplate retryTemplate;

	private final Retry reactorRetry;

	private final HttpTransportEngine engine;

	private final boolean ownsEngine;

	private final EngineSupport support;

	private final WireLogging wire;

	/** The URIs of the paths called so far (a handful: /v2/chat, /v2/embed...). */
	private final Map<String, URI> uris = new ConcurrentHashMap<>();

	private CohereHttpTransport(Builder builder) {
		this.settings = builder.settings;
		this.apiKey = builder.apiKey;
		this.retryPolicy = builder.retryPolicy;
		this.retryTemplate = this.retryPolicy.toRetryTemplate();
		this.reactorRetry = this.retryPolicy.toReactorRetry();
		this.ownsEngine = (builder.engine == null);
		this.engine = (builder.engine != null) ? builder.engine : createEngine(this.settings, this.apiKey);
		this.support = new EngineSupport(this.settings, this.apiKey, this.settings.getConnectTimeout());
		this.wire = new WireLogging(this.settings.isLogBodies(), this::redact);
	}

	private static HttpTransportEngine createEngine(HttpSettings settings, @Nullable ApiKey apiKey) {
		return switch (resolveType(settings, CohereHttpTransport.class.getClassLoader())) {
			case REACTOR_NETTY -> new ReactorNettyEngine(settings, apiKey);
			case OKHTTP -> new OkHttpEngine(settings, apiKey);
			default -> new JdkHttpEngine(settings, apiKey);
		};
	}

	/**
	 * Tells which engine settings lead to: {@link HttpTransportType#AUTO} picks OkHttp
	 * when it can be loaded, else Reactor Netty when it can, as long as no JDK
	 * {@code HttpClient} (or customizer of one) is set.
	 * @param settings the settings
	 * @param classLoader the class loader to look for OkHttp and Reactor Netty in, or
	 * {@code null} for this library's
	 * @return {@link HttpTransportType#JDK}, {@link HttpTransportType#REACTOR_NETTY} or
	 * {@link HttpTransportType#OKHTTP}
	 * @throws IllegalStateException when Reactor Netty or OkHttp is asked for but missing
	 */
	public static HttpTransportType resolveType(HttpSettings settings, @Nullable ClassLoader classLoader) {
		Objects.requireNonNull(settings, "'settings' must not be null");
		HttpTransportType type = settings.getTransport();
		if (type == HttpTransportType.REACTOR_NETTY) {
			if (!HttpTransportType.isReactorNettyPresent(classLoader)) {
				throw new IllegalStateException("cohere.http.transport=reactor-netty needs "
						+ "io.projectreactor.netty:reactor-netty-http on the class path; add it or use 'auto' or 'jdk'");
			}
			return type;
		}
		if (type == HttpTransportType.OKHTTP) {
			if (!HttpTransportType.isOkHttpPresent(classLoader)) {
				throw new IllegalStateException("cohere.http.transport=okhttp needs "
						+ "com.squareup.okhttp3:okhttp on the class path; add it or use 'auto' or 'jdk'");
			}
			return type;
		}
		if (type == HttpTransportType.AUTO) {
			if (settings.getHttpClient() != null || settings.getHttpClientCustomizer() != null) {
				return HttpTransportType.JDK;
			}
			if (HttpTransportType.isOkHttpPresent(classLoader)) {
				return HttpTransportType.OKHTTP;
			}
			return HttpTransportType.isReactorNettyPresent(classLoader) ? HttpTransportType.REACTOR_NETTY
					: HttpTransportType.JDK;
		}
		return HttpTransportType.JDK;
	}

	/**
	 * Starts a builder with default settings, no key and the default retry policy.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the HTTP settings.
	 * @return the settings
	 */
	public HttpSettings getSettings() {
		return this.settings;
	}

	/**
	 * Returns the retry policy.
	 * @return the retry policy
	 */
	public CohereRetryPolicy getRetryPolicy() {
		return this.retryPolicy;
	}

	/**
	 * Returns the engine that sends the requests.
	 * @return the engine
	 */
	public HttpTransportEngine getEngine() {
		return this.engine;
	}

	/**
	 * Sends a POST with a JSON body and returns the response body, retrying as the policy
	 * allows; blocks (do not call it from a non-blocking Reactor thread; use
	 * {@link #postReactive(String, byte[])} there).
	 * @param path the path below the base URL, such as {@code /v2/chat}
	 * @param body the JSON body
	 * @return the body of the successful response
	 * @throws CohereException when the call fails
	 */
	public byte[] post(String path, byte[] body) {
		Objects.requireNonNull(body, "'body' must not be null");
		return execute(() -> exchangeBlocking(jsonRequest("POST", path, body)).body());
	}

	/**
	 * Sends a GET and returns the response body, retrying as the policy allows; blocks.
	 * @param path the path below the base URL, such as {@code /v1/models}, with its query
	 * if any
	 * @return the body of the successful response
	 * @throws CohereException when the call fails
	 */
	public byte[] get(String path) {
		return execute(() -> exchangeBlocking(jsonRequest("GET", path, null)).body());
	}

	/**
	 * Sends a call of Cohere's platform API and returns its whole answer (status,
	 * headers, body), retrying as the policy allows when the call's body can be sent
	 * again; blocks. The call's {@link dev.springcohere.api.RequestOptions options} add
	 * headers and may bound each attempt with a timeout (which fails with a
	 * {@link CohereTimeoutException} of phase {@code CALL}).
	 * @param call the call
	 * @return the successful answer
	 * @throws CohereException when the call fails (any non-2xx status included)
	 */
	public HttpTransportEngine.Response execute(HttpCall call) {
		Objects.requireNonNull(call, "'call' must not be null");
		if (call.options().getTimeout() != null) {
			HttpTransportEngine.Response response = executeAsync(call).block();
			return Objects.requireNonNull(response, () -> call.name() + " completed without an answer");
		}
		Supplier<HttpTransportEngine.Response> attempt = () -> exchangeBlocking(request(call));
		return call.isRepeatable() ? execute(attempt) : attempt.get();
	}

	/**
	 * Reactive form of {@link #execute(HttpCall)}: nothing is sent until subscription;
	 * cancelling cancels the request.
	 * @param call the call
	 * @return a {@code Mono} of the successful answer
	 */
	public Mono<HttpTransportEngine.Response> executeAsync(HttpCall call) {
		Objects.requireNonNull(call, "'call' must not be null");
		Mono<HttpTransportEngine.Response> attempt = exchange(request(call));
		java.time.Duration timeout = call.options().getTimeout();
		if (timeout != null) {
			attempt = attempt
				.timeout(timeout,
						Mono.error(() -> new CohereTimeoutException(
								call.name() + " did not complete within its timeout of " + timeout
										+ " (RequestOptions.timeout)",
								CohereTimeoutException.Phase.CALL, timeout, null)));
		}
		return call.isRepeatable() ? attempt.retryWhen(this.reactorRetry) : attempt;
	}

	private HttpTransportEngine.Request request(HttpCall call) {
		return new HttpTransportEngine.Request(call.method(), uri(call.path()), APPLICATION_JSON, call.json(),
				call.name(), call.options().getHeaders(), call.multipart());
	}

	private <T> T execute(Supplier<T> call) {
		if (this.retryPolicy.getMaxAttempts() <= 1) {
			return call.get();
		}
		try {
			return this.retryTemplate.execute(call::get);
		}
		catch (RetryException ex) {
			Throwable last = ex.getLastException();
			if (last instanceof RuntimeException runtimeException) {
				throw runtimeException;
			}
			if (last instanceof Error error) {
				throw error;
			}
			throw new CohereException("Retries exhausted: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Reactive form of {@link #post(String, byte[])}: nothing is sent until subscription;
	 * cancelling cancels the request.
	 * @param path the path below the base URL
	 * @param body the JSON body
	 * @return a {@code Mono} of the body of the successful response
	 */
	public Mono<byte[]> postReactive(String path, byte[] body) {
		Objects.requireNonNull(body, "'body' must not be null");
		return exchange(jsonRequest("POST", path, body)).map(HttpTransportEngine.Response::body)
			.retryWhen(this.reactorRetry);
	}

	/**
	 * Sends a POST that asks for a {@code text/event-stream} answer and emits its events
	 * as they arrive.
	 * <p>
	 * The body is parsed incrementally and honours backpressure (the connection is read
	 * only as fast as events are requested). A {@value ServerSentEvent#DONE} event ends
	 * the stream and is not emitted. Cancelling the subscription closes the connection.
	 * Opening the stream is retried as the policy allows until a successful response
	 * arrives; after that nothing is retried. Errors: an error status as with
	 * {@link #post}; a silence longer than the read timeout →
	 * {@link CohereTimeoutException}; a connection that ends before the server finished
	 * (truncated body, or an event cut in the middle) → {@link CohereNetworkException}; a
	 * success response that is not an event stream →
	 * {@link CohereMalformedResponseException}.
	 * <p>
	 * The idle clock also runs while the subscriber has no outstanding demand, so a
	 * subscriber should not stall longer than the read timeout.
	 * @param path the path below the base URL, such as {@code /v2/chat}
	 * @param body the JSON body (which must ask the server to stream, e.g.
	 * {@code "stream": true})
	 * @return a cold {@code Flux} of events; each subscription sends a request
	 */
	public Flux<ServerSentEvent> stream(String path, byte[] body) {
		Objects.requireNonNull(path, "'path' must not be null");
		Objects.requireNonNull(body, "'body' must not be null");
		return stream(new HttpCall("POST", path, body, null, dev.springcohere.api.RequestOptions.none()), null);
	}

	/**
	 * Streams the answer to a call as {@link #stream(String, byte[])} does, with the
	 * call's {@link dev.springcohere.api.RequestOptions options}: their headers are sent,
	 * and their timeout bounds the wait for the answer to be accepted (its status and
	 * headers), not the stream after it (the read timeout still applies between chunks);
	 * a call that is not accepted in time fails with a {@link CohereTimeoutException} of
	 * phase {@code CALL}. Besides server-sent events, a newline-delimited JSON answer
	 * ({@code application/stream+json}, {@code application/x-ndjson}) is read
	 * incrementally too: each line becomes an event whose data is the line.
	 * @param call the call (a POST with a JSON body asking the server to stream)
	 * @param onAccepted told the status and headers of the accepted answer, before its
	 * first event, or {@code null}
	 * @return a cold {@code Flux} of events; each subscription sends a request
	 */
	public Flux<ServerSentEvent> stream(HttpCall call,
			@Nullable Consumer<HttpTransportEngine.ResponseHead> onAccepted) {
		Objects.requireNonNull(call, "'call' must not be null");
		String name = call.name();
		HttpTransportEngine.Request request = new HttpTransportEngine.Request(call.method(), uri(call.path()),
				TEXT_EVENT_STREAM, call.json(), name, call.options().getHeaders(), call.multipart());
		java.time.Duration timeout = call.options().getTimeout();
		return Flux.defer(() -> {
			TransportLogging.traceRequest(request, this.support.headers(), this::redact);
			long start = System.nanoTime();
			long[] events = new long[1];
			Flux<ServerSentEvent> attempts = Flux.defer(() -> {
				this.wire.request(request, this.support.headers());
				long attemptStart = System.nanoTime();
				AtomicBoolean accepted = new AtomicBoolean();
				Flux<ServerSentEvent> attempt = this.engine.<ServerSentEvent>exchangeStream(request, (head, chunks) -> {
					Publisher<ServerSentEvent> answer = acceptStream(request, head, chunks, attemptStart);
					if (isSuccess(head.status()) && head.status() != 407) {
						accepted.set(true);
						if (onAccepted != null) {
							onAccepted.accept(head);
						}
					}
					return answer;
				}).onErrorMap((ex) -> !(ex instanceof AcceptedStreamFailure), (ex) -> {
					CohereException failure = this.support.map(name, ex);
					TransportLogging.logFailure(name, attemptStart, failure);
					this.wire.failure(name, attemptStart, failure);
					return failure;
				});
				return (timeout != null) ? untilAccepted(attempt, accepted, timeout, name) : attempt;
			}).retryWhen(this.reactorRetry).onErrorMap(AcceptedStreamFailure.class, Throwable::getCause);
			if (this.wire.active()) {
				attempts = attempts.doOnNext((event) -> this.wire.event(name, event));
			}
			return attempts.takeWhile((event) -> !event.isDone()).doOnNext((event) -> {
				events[0]++;
				if (logger.isTraceEnabled()) {
					logger.trace("{} event {}: {}", name, event.event(), redact(event.data()));
				}
			})
				.doFinally((signal) -> logger.debug("{} stream ended ({}) after {} events in {} ms", name, signal,
						events[0], TransportLogging.millisSince(start)));
		});
	}

	/**
	 * Fails an attempt whose answer was not accepted within the timeout.
	 */
	private static Flux<ServerSentEvent> untilAccepted(Flux<ServerSentEvent> attempt, AtomicBoolean accepted,
			java.time.Duration timeout, String name) {
		Mono<Long> deadline = Mono.delay(timeout).filter((tick) -> !accepted.get()).concatWith(Mono.never()).next();
		return attempt.timeout(deadline, (event) -> Mono.never(),
				Flux.error(() -> new CohereTimeoutException(
						name + " was not answered within its timeout of " + timeout + " (RequestOptions.timeout)",
						CohereTimeoutException.Phase.CALL, timeout, null)));
	}

	private Publisher<ServerSentEvent> acceptStream(HttpTransportEngine.Request request,
			HttpTransportEngine.ResponseHead head, Flux<ByteBuffer> chunks, long attemptStart) {
		String call = request.call();
		if (head.status() == 407) {
			return readAll(call, chunks).flatMap((bytes) -> Mono.error(this.support.proxyRefused(call, false)));
		}
		if (!isSuccess(head.status())) {
			return readAll(call, chunks).flatMap(
					(bytes) -> Mono.error(apiException(request, head.status(), head.headers(), bytes, attemptStart)));
		}
		TransportLogging.logResponse(call, head.status(), head.headers(), attemptStart);
		this.wire.response(request, head.status(), head.headers(), null, attemptStart);
		String contentType = head.headers().firstValue("content-type").orElse("");
		String lowerType = contentType.toLowerCase(Locale.ROOT);
		if (lowerType.startsWith("application/stream+json") || lowerType.startsWith("application/x-ndjson")) {
			return jsonLines(call, chunks);
		}
		if (!contentType.isEmpty() && !lowerType.startsWith(TEXT_EVENT_STREAM)) {
			return readAll(call, chunks).flatMap((bytes) -> Mono.error(
					new CohereMalformedResponseException("Expected a text/event-stream answer to " + call + " but got '"
							+ contentType + "'; make sure the request asks for streaming (\"stream\": true). Body: "
							+ shorten(redact(text(bytes))), redact(text(bytes)), null)));
		}
		// from here on the stream is accepted: its failures are not retried
		ServerSentEventDecoder decoder = new ServerSentEventDecoder(this.settings.getMaxResponseSize());
		return DemandExactFlatten.flatten(chunks.map(decoder::decode))
			.concatWith(Mono
				.defer(() -> decoder.hasIncompleteEvent() ? Mono.error(new CohereNetworkException("The event stream of "
						+ call + " ended in the middle of an event: the connection closed before the server"
						+ " finished sending", null)) : Mono.empty()))
			.onErrorMap((ex) -> new AcceptedStreamFailure(
					(ex instanceof ServerSentEventDecoder.EventTooLargeException tooLarge)
							? new CohereResponseTooLargeException(call, "one event of the stream", tooLarge.getLimit())
							: this.support.map(call, ex)));
	}

	/**
	 * The events of an accepted newline-delimited JSON answer, one per line.
	 */
	private Flux<ServerSentEvent> jsonLines(String call, Flux<ByteBuffer> chunks) {
		JsonLinesDecoder decoder = new JsonLinesDecoder(this.settings.getMaxResponseSize());
		return DemandExactFlatten.flatten(chunks.map(decoder::decode).concatWith(Mono.fromSupplier(decoder::finish)))
			.onErrorMap((ex) -> new AcceptedStreamFailure(
					(ex instanceof ServerSentEventDecoder.EventTooLargeException tooLarge)
							? new CohereResponseTooLargeException(call, "one line of the stream", tooLarge.getLimit())
							: this.support.map(call, ex)));
	}

	/**
	 * Reads a (small) error body of a stream; its failures are ignored, the status is
	 * what matters.
	 */
	private Mono<byte[]> readAll(String call, Flux<ByteBuffer> chunks) {
		long limit = this.settings.getMaxResponseSize();
		return chunks.collect(JdkHttpEngine.BodyBuffer::new, (out, buffer) -> out.add(buffer, limit, call))
			.map(JdkHttpEngine.BodyBuffer::toByteArray)
			.onErrorReturn(new byte[0]);
	}

	private HttpTransportEngine.Request jsonRequest(String method, String path, byte @Nullable [] body) {
		Objects.requireNonNull(path, "'path' must not be null");
		return new HttpTransportEngine.Request(method, uri(path), APPLICATION_JSON, body, method + " " + path);
	}

	private Mono<HttpTransportEngine.Response> exchange(HttpTransportEngine.Request request) {
		String call = request.call();
		return Mono.defer(() -> {
			TransportLogging.traceRequest(request, this.support.headers(), this::redact);
			this.wire.request(request, this.support.headers());
			long start = System.nanoTime();
			return this.engine.exchangeReactive(request)
				.onErrorMap((ex) -> this.support.map(call, ex))
				.doOnError((ex) -> this.wire.failure(call, start, ex))
				.map((response) -> accept(request, response, start))
				.doOnError((ex) -> TransportLogging.logFailure(call, start, ex));
		});
	}

	/**
	 * One blocking attempt on the calling thread.
	 */
	private HttpTransportEngine.Response exchangeBlocking(HttpTransportEngine.Request request) {
		String call = request.call();
		TransportLogging.traceRequest(request, this.support.headers(), this::redact);
		this.wire.request(request, this.support.headers());
		long start = System.nanoTime();
		HttpTransportEngine.Response response;
		try {
			response = this.engine.exchange(request);
		}
		catch (RuntimeException ex) {
			CohereException failure = this.support.map(call, ex);
			TransportLogging.logFailure(call, start, failure);
			this.wire.failure(call, start, failure);
			throw failure;
		}
		return accept(request, response, start);
	}

	private URI uri(String path) {
		URI uri = this.uris.get(path);
		if (uri == null) {
			uri = this.settings.resolve(path);
			if (this.uris.size() < MAX_CACHED_URIS) {
				this.uris.put(path, uri);
			}
		}
		return uri;
	}

	private HttpTransportEngine.Response accept(HttpTransportEngine.Request request,
			HttpTransportEngine.Response response, long start) {
		String call = request.call();
		byte[] bytes = response.body();
		if (response.status() == 407) {
			// a proxy's answer, never Cohere's
			throw this.support.proxyRefused(call, false);
		}
		if (!isSuccess(response.status())) {
			throw apiException(request, response.status(), response.headers(), bytes, start);
		}
		TransportLogging.logResponse(call, response.status(), response.headers(), start);
		this.wire.response(request, response.status(), response.headers(), bytes, start);
		if (logger.isTraceEnabled()) {
			logger.trace("{} response body: {}", call, redact(text(bytes)));
		}
		return response;
	}

	private CohereApiException apiException(HttpTransportEngine.Request request, int status, HttpHeaders headers,
			byte[] body, long start) {
		String call = request.call();
		TransportLogging.logResponse(call, status, headers, start);
		this.wire.response(request, status, headers, body, start);
		String text = redact(text(body));
		if (logger.isTraceEnabled()) {
			logger.trace("{} error body: {}", call, text);
		}
		return CohereApiExceptions.fromResponse(call, status, headers, text);
	}

	private static boolean isSuccess(int status) {
		return status >= 200 && status <= 299;
	}

	/**
	 * Masks this transport's API key wherever it occurs in a text; every message or log
	 * line that quotes a response body goes through it (a proxy or echo service may
	 * answer with the request's {@code Authorization} header).
	 * @param text the text
	 * @return the text without the key
	 */
	public String redact(String text) {
		return (this.apiKey != null) ? this.apiKey.redact(text) : text;
	}

	/**
	 * Returns a failure to attach as a cause only when its message does not quote the API
	 * key (a parser's message may quote the token it choked on).
	 * @param failure the failure
	 * @return the failure, or {@code null} when its message contains the key
	 */
	public @Nullable Throwable causeWithoutKey(Throwable failure) {
		String message = String.valueOf(failure.getMessage());
		return redact(message).equals(message) ? failure : null;
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private static String shorten(String text) {
		String stripped = text.strip();
		return (stripped.length() <= MAX_BODY_IN_MESSAGE) ? stripped : stripped.substring(0, MAX_BODY_IN_MESSAGE) + "…";
	}

	/**
	 * Closes the engine the transport created (for the JDK engine: shuts down the
	 * {@code HttpClient} it built, on Java 21 and later, where it holds a selector
	 * thread, aborting calls in progress; a client given through
	 * {@link HttpSettings#getHttpClient()} is left open; for Reactor Netty: releases its
	 * connection pool); an engine given to the builder is left open. The transport must
	 * not be used afterwards.
	 */
	@Override
	public void close() {
		if (this.ownsEngine) {
			this.engine.close();
		}
	}

	@Override
	public String toString() {
		return "CohereHttpTransport[" + this.settings + ", engine=" + this.engine.type().id() + ", apiKey="
				+ ((this.apiKey != null) ? this.apiKey : "none") + ", retryPolicy=" + this.retryPolicy + "]";
	}

	/**
	 * Marks a failure of a stream after its answer was accepted, so that it is not
	 * retried; unwrapped before it reaches the subscriber.
	 */
	private static final class AcceptedStreamFailure extends CohereException {

		private static final long serialVersionUID = 1L;

		AcceptedStreamFailure(Throwable cause) {
			super(String.valueOf(cause.getMessage()), cause);
		}

	}

	/**
	 * Builds a {@link CohereHttpTransport}.
	 */
	public static final class Builder {

		private HttpSettings settings = HttpSettings.defaults();

		private @Nullable ApiKey apiKey;

		private CohereRetryPolicy retryPolicy = CohereRetryPolicy.defaults();

		private @Nullable HttpTransportEngine engine;

		private Builder() {
		}

		/**
		 * Sets the HTTP settings.
		 * @param settings the settings
		 * @return this builder
		 */
		public Builder settings(HttpSettings settings) {
			this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
			return this;
		}

		/**
		 * Sets the API key sent as a bearer token.
		 * @param apiKey the key, or {@code null} to send no {@code Authorization} header
		 * (for servers without authentication)
		 * @return this builder
		 */
		public Builder apiKey(@Nullable ApiKey apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Sets the retry policy.
		 * @param retryPolicy the policy; {@link CohereRetryPolicy#none()} disables
		 * retries
		 * @return this builder
		 */
		public Builder retryPolicy(CohereRetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "'retryPolicy' must not be null");
			return this;
		}

		/**
		 * Sets an engine to send the requests with instead of the one the settings'
		 * {@link HttpSettings#getTransport() transport} selects; the transport then never
		 * closes it. The engine must send the headers of these settings and key (see
		 * {@link HttpTransportEngine}).
		 * @param engine the engine, or {@code null} to create one from the settings
		 * @return this builder
		 */
		public Builder engine(@Nullable HttpTransportEngine engine) {
			this.engine = engine;
			return this;
		}

		/**
		 * Builds the transport (and its engine, unless one is given).
		 * @return the transport
		 * @throws IllegalStateException when the settings ask for Reactor Netty and it is
		 * not on the class path
		 */
		public CohereHttpTransport build() {
			return new CohereHttpTransport(this);
		}

	}

}
