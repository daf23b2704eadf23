package dev.springcohere.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereApiExceptions;
import dev.springcohere.api.error.CohereBrokenBodyException;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.api.error.CohereResponseTooLargeException;
import dev.springcohere.api.error.CohereTimeoutException;

/**
 * Sends requests to a Cohere HTTP API (the platform, a private deployment, any
 * v2-compatible server) over the JDK {@link HttpClient}, at the level of bytes, JSON
 * trees and server-sent events. Final and thread-safe; share one instance per base URL
 * and key.
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
 * WARN.</li>
 * </ul>
 * <p>
 * Its length is the one place that owns the JDK client's request lifecycle (blocking and
 * reactive exchanges, the SSE stream, idle timeouts, retries and error mapping), which
 * must stay consistent with each other.
 *
 * @since 0.1.0
 */
public final class CohereHttpTransport implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CohereHttpTransport.class);

	private static final String APPLICATION_JSON = "application/json";

	private static final String TEXT_EVENT_STREAM = "text/event-stream";

	private static final int MAX_BODY_IN_MESSAGE = 500;

	/**
	 * Reactor's context key for a subscription-local dropped-error handler
	 * ({@code Hooks.KEY_ON_ERROR_DROPPED}).
	 */
	private static final String ON_ERROR_DROPPED_KEY = "reactor.onErrorDropped.local";

	private final HttpSettings settings;

	private final @Nullable ApiKey apiKey;

	private final CohereRetryPolicy retryPolicy;

	private final HttpClient httpClient;

	private final boolean ownsHttpClient;

	private CohereHttpTransport(Builder builder) {
		this.settings = builder.settings;
		this.apiKey = builder.apiKey;
		this.retryPolicy = builder.retryPolicy;
		HttpClient custom = this.settings.getHttpClient();
		this.ownsHttpClient = (custom == null);
		this.httpClient = (custom != null) ? custom : buildHttpClient(this.settings);
	}

	private static HttpClient buildHttpClient(HttpSettings settings) {
		HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.getConnectTimeout());
		if (settings.getHttpClientCustomizer() != null) {
			settings.getHttpClientCustomizer().accept(builder);
		}
		return builder.build();
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
		return this.retryPolicy.execute(() -> exchangeBlocking("POST", path, body));
	}

	/**
	 * Sends a GET and returns the response body, retrying as the policy allows; blocks.
	 * @param path the path below the base URL, such as {@code /v1/models}, with its query
	 * if any
	 * @return the body of the successful response
	 * @throws CohereException when the call fails
	 */
	public byte[] get(String path) {
		return this.retryPolicy.execute(() -> exchangeBlocking("GET", path, null));
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
		return exchange("POST", path, body).retryWhen(this.retryPolicy.toReactorRetry());
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
		String call = "POST " + path;
		return Flux.defer(() -> {
			long start = System.nanoTime();
			AtomicLong events = new AtomicLong();
			Mono<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> open = Mono.defer(() -> {
				HttpRequest request = request("POST", path, body, TEXT_EVENT_STREAM);
				long attemptStart = System.nanoTime();
				return send(call, request).flatMap((response) -> acceptStream(call, response, attemptStart))
					.doOnError((ex) -> logFailure(call, attemptStart, ex));
			}).retryWhen(this.retryPolicy.toReactorRetry());
			return open.flatMapMany((response) -> events(call, response))
				.takeWhile((event) -> !event.isDone())
				.doOnNext((event) -> {
					events.incrementAndGet();
					if (logger.isTraceEnabled()) {
						logger.trace("{} event {}: {}", call, event.event(), redact(event.data()));
					}
				})
				.doFinally((signal) -> logger.debug("{} stream ended ({}) after {} events in {} ms", call, signal,
						events.get(), millisSince(start)));
		});
	}

	private Mono<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> acceptStream(String call,
			HttpResponse<Flow.Publisher<List<ByteBuffer>>> response, long attemptStart) {
		if (!isSuccess(response.statusCode())) {
			return readBody(call, response.body())
				.flatMap((bytes) -> Mono.error(apiException(call, response, bytes, attemptStart)));
		}
		logResponse(call, response, attemptStart);
		String contentType = response.headers().firstValue("content-type").orElse("");
		if (!contentType.isEmpty() && !contentType.toLowerCase(Locale.ROOT).startsWith(TEXT_EVENT_STREAM)) {
			return readBody(call, response.body()).flatMap((bytes) -> Mono.error(
					new CohereMalformedResponseException("Expected a text/event-stream answer to " + call + " but got '"
							+ contentType + "'; make sure the request asks for streaming (\"stream\": true). Body: "
							+ shorten(redact(text(bytes))), redact(text(bytes)), null)));
		}
		return Mono.just(response);
	}

	private Flux<ServerSentEvent> events(String call, HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
		return Flux.defer(() -> {
			ServerSentEventDecoder decoder = new ServerSentEventDecoder(this.settings.getMaxResponseSize());
			return chunks(call, response.body()).concatMapIterable(decoder::decode)
				.concatWith(Mono.defer(() -> decoder.hasIncompleteEvent()
						? Mono.error(new CohereNetworkException("The event stream of " + call
								+ " ended in the middle of an event: the connection closed before the server"
								+ " finished sending", null))
						: Mono.empty()))
				.onErrorMap(ServerSentEventDecoder.EventTooLargeException.class,
						(ex) -> new CohereResponseTooLargeException(call, "one event of the stream", ex.getLimit()));
		});
	}

	private Mono<byte[]> exchange(String method, String path, byte @Nullable [] body) {
		Objects.requireNonNull(path, "'path' must not be null");
		String call = method + " " + path;
		return Mono.defer(() -> {
			HttpRequest request = request(method, path, body, APPLICATION_JSON);
			long start = System.nanoTime();
			return send(call, request)
				.flatMap((response) -> readBody(call, response.body()).onErrorMap((ex) -> brokenBody(call, ex))
					.flatMap((bytes) -> {
						if (!isSuccess(response.statusCode())) {
							return Mono.error(apiException(call, response, bytes, start));
						}
						logResponse(call, response, start);
						if (logger.isTraceEnabled()) {
							logger.trace("{} response body: {}", call, redact(text(bytes)));
						}
						return Mono.just(bytes);
					}))
				.doOnError((ex) -> logFailure(call, start, ex));
		});
	}

	/**
	 * One blocking attempt on the calling thread: {@code HttpClient.send} hands the
	 * response straight back to the caller (no extra executor hop as with
	 * {@code sendAsync}), and the body subscriber enforces the idle timeout.
	 */
	private byte[] exchangeBlocking(String method, String path, byte @Nullable [] body) {
		Objects.requireNonNull(path, "'path' must not be null");
		String call = method + " " + path;
		HttpRequest request = request(method, path, body, APPLICATION_JSON);
		long start = System.nanoTime();
		AtomicBoolean statusArrived = new AtomicBoolean();
		HttpResponse<byte[]> response;
		try {
			response = this.httpClient.send(request, (info) -> {
				statusArrived.set(true);
				return new IdleTimeoutBodySubscriber(this.settings.getReadTimeout(), Schedulers.parallel(),
						this.settings.getMaxResponseSize(), call);
			});
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			CohereException failure = new CohereException("Interrupted while waiting for " + call, ex);
			logFailure(call, start, failure);
			throw failure;
		}
		catch (IOException | RuntimeException ex) {
			Throwable failure = mapFailure(call, ex);
			if (statusArrived.get()) {
				failure = brokenBody(call, failure);
			}
			logFailure(call, start, failure);
			throw (failure instanceof RuntimeException runtime) ? runtime
					: new CohereException("Unexpected failure during " + call, failure);
		}
		byte[] bytes = response.body();
		if (!isSuccess(response.statusCode())) {
			throw apiException(call, response, bytes, start);
		}
		logResponse(call, response, start);
		if (logger.isTraceEnabled()) {
			logger.trace("{} response body: {}", call, redact(text(bytes)));
		}
		return bytes;
	}

	private HttpRequest request(String method, String path, byte @Nullable [] body, String accept) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.settings.resolve(path))
			.timeout(this.settings.getReadTimeout())
			.header("Accept", accept)
			.header("User-Agent", this.settings.getUserAgent());
		if (this.settings.getClientName() != null) {
			builder.header("X-Client-Name", this.settings.getClientName());
		}
		this.settings.getDefaultHeaders().forEach(builder::header);
		if (this.apiKey != null) {
			builder.header("Authorization", "Bearer " + this.apiKey.reveal());
		}
		if (body != null) {
			builder.header("Content-Type", APPLICATION_JSON)
				.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
		}
		else {
			builder.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpRequest request = builder.build();
		if (logger.isTraceEnabled()) {
			logger.trace("{} {} headers {} body: {}", method, request.uri(), maskedHeaders(request.headers()),
					(body != null) ? redact(text(body)) : "<none>");
		}
		return request;
	}

	private Mono<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> send(String call, HttpRequest request) {
		return Mono.fromFuture(() -> this.httpClient.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher()))
			.onErrorMap((ex) -> mapFailure(call, ex));
	}

	private Flux<List<ByteBuffer>> chunks(String call, Flow.Publisher<List<ByteBuffer>> body) {
		Consumer<Throwable> afterCancel = (ex) -> logger.trace("{} body failure after cancellation: {}", call,
				ex.toString());
		return JdkFlowAdapter.flowPublisherToFlux(body)
			.timeout(this.settings.getReadTimeout())
			.onErrorMap((ex) -> mapFailure(call, ex))
			// the JDK reports "subscription cancelled" as an error after a cancel
			// (timeout, take, dispose); that is
			// expected, so it is logged at TRACE here instead of Reactor's global ERROR
			// log for dropped errors
			.contextWrite(Context.of(ON_ERROR_DROPPED_KEY, afterCancel));
	}

	private Mono<byte[]> readBody(String call, Flow.Publisher<List<ByteBuffer>> body) {
		long limit = this.settings.getMaxResponseSize();
		return chunks(call, body).collect(ByteArrayOutputStream::new, (out, buffers) -> {
			for (ByteBuffer buffer : buffers) {
				if (out.size() + (long) buffer.remaining() > limit) {
					throw new CohereResponseTooLargeException(call, "the response body", limit);
				}
				byte[] bytes = new byte[buffer.remaining()];
				buffer.get(bytes);
				out.write(bytes, 0, bytes.length);
			}
		}).map(ByteArrayOutputStream::toByteArray);
	}

	/**
	 * A network failure while the body of an answer was read, after its status arrived:
	 * the server may have generated (and billed) the answer, so it is a
	 * {@link CohereBrokenBodyException}, retried only when the policy allows it.
	 */
	private static Throwable brokenBody(String call, Throwable failure) {
		if (failure instanceof CohereNetworkException && !(failure instanceof CohereBrokenBodyException)) {
			return new CohereBrokenBodyException("The connection broke while the answer to " + call
					+ " was read, after its status arrived (" + failure.getMessage() + "); the answer may already "
					+ "have been generated, so it is not asked for again unless cohere.retry.on-broken-body=true",
					failure.getCause());
		}
		return failure;
	}

	private CohereApiException apiException(String call, HttpResponse<?> response, byte[] body, long start) {
		logResponse(call, response, start);
		String text = redact(text(body));
		if (logger.isTraceEnabled()) {
			logger.trace("{} error body: {}", call, text);
		}
		return CohereApiExceptions.fromResponse(call, response.statusCode(), response.headers(), text);
	}

	private Throwable mapFailure(String call, Throwable failure) {
		Throwable ex = failure;
		while ((ex instanceof CompletionException || ex instanceof ExecutionException) && ex.getCause() != null) {
			ex = ex.getCause();
		}
		if (ex instanceof IOException && (ex.getCause() instanceof TimeoutException
				|| ex.getCause() instanceof CohereResponseTooLargeException)) {
			// HttpClient.send wraps the body subscriber's failures (idle timeout, size
			// bound) in an IOException
			ex = ex.getCause();
		}
		if (ex instanceof CohereException) {
			return ex;
		}
		String host = this.settings.getBaseUrl().getHost();
		if (ex instanceof HttpConnectTimeoutException) {
			Duration timeout = this.httpClient.connectTimeout().orElse(this.settings.getConnectTimeout());
			return new CohereTimeoutException(
					"Could not connect to " + host + " within " + timeout + " for " + call
							+ "; check the network, the proxy and the base URL, or raise 'cohere.http.connect-timeout'",
					CohereTimeoutException.Phase.CONNECT, timeout, ex);
		}
		if (ex instanceof HttpTimeoutException) {
			return new CohereTimeoutException(
					"No response from " + host + " within " + this.settings.getReadTimeout() + " for " + call
							+ "; raise 'cohere.http.read-timeout' or stream long generations",
					CohereTimeoutException.Phase.RESPONSE_HEADERS, this.settings.getReadTimeout(), ex);
		}
		if (ex instanceof TimeoutException) {
			return new CohereTimeoutException(
					"No data received from " + host + " for " + this.settings.getReadTimeout()
							+ " while reading the response of " + call
							+ "; the server stalled; raise 'cohere.http.read-timeout' if it is just slow",
					CohereTimeoutException.Phase.READ, this.settings.getReadTimeout(), ex);
		}
		if (ex instanceof ConnectException) {
			return new CohereNetworkException("Could not connect to " + host + " for " + call + " (" + describe(ex)
					+ "); check the base URL and the network", ex);
		}
		if (ex instanceof IOException) {
			return new CohereNetworkException(
					"The connection to " + host + " failed during " + call + " (" + describe(ex) + ")", ex);
		}
		return new CohereException("Unexpected failure during " + call + " (" + describe(ex) + ")", ex);
	}

	private String describe(Throwable ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + redact(message) : "");
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

	private static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static String maskedHeaders(HttpHeaders headers) {
		StringBuilder out = new StringBuilder("{");
		headers.map().forEach((name, values) -> {
			if (out.length() > 1) {
				out.append(", ");
			}
			boolean secret = name.equalsIgnoreCase("authorization") || name.toLowerCase(Locale.ROOT).contains("key")
					|| name.toLowerCase(Locale.ROOT).contains("token");
			out.append(name).append('=').append(secret ? "****" : values);
		});
		return out.append('}').toString();
	}

	private void logResponse(String call, HttpResponse<?> response, long start) {
		if (logger.isDebugEnabled()) {
			logger.debug("{} -> {} in {} ms", call, response.statusCode(), millisSince(start));
		}
		if (logger.isTraceEnabled()) {
			logger.trace("{} response headers {}", call, maskedHeaders(response.headers()));
		}
		response.headers()
			.firstValue("x-api-warning")
			.ifPresent((warning) -> logger.warn("Cohere API warning for {}: {}", call, warning));
	}

	private void logFailure(String call, long start, Throwable failure) {
		if (logger.isDebugEnabled() && !(failure instanceof CohereApiException)) {
			logger.debug("{} failed after {} ms: {}", call, millisSince(start), failure.toString());
		}
	}

	/**
	 * Shuts down the {@link HttpClient} the transport built (on Java 21 and later, where
	 * it holds a selector thread), aborting calls in progress; a client given through
	 * {@link HttpSettings#getHttpClient()} is left open. The transport must not be used
	 * afterwards.
	 */
	@Override
	public void close() {
		if (!this.ownsHttpClient) {
			return;
		}
		try {
			// HttpClient.shutdownNow() exists from Java 21; this library compiles for
			// Java 17
			HttpClient.class.getMethod("shutdownNow").invoke(this.httpClient);
		}
		catch (NoSuchMethodException ex) {
			// Java 17: the client's resources are released when it is garbage collected
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Could not shut down the HTTP client: {}", ex.toString());
		}
	}

	@Override
	public String toString() {
		return "CohereHttpTransport[" + this.settings + ", apiKey=" + ((this.apiKey != null) ? this.apiKey : "none")
				+ ", retryPolicy=" + this.retryPolicy + "]";
	}

	/**
	 * Builds a {@link CohereHttpTransport}.
	 */
	public static final class Builder {

		private HttpSettings settings = HttpSettings.defaults();

		private @Nullable ApiKey apiKey;

		private CohereRetryPolicy retryPolicy = CohereRetryPolicy.defaults();

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
		 * Builds the transport (and its {@link HttpClient}, unless the settings name
		 * one).
		 * @return the transport
		 */
		public CohereHttpTransport build() {
			return new CohereHttpTransport(this);
		}

	}

}
