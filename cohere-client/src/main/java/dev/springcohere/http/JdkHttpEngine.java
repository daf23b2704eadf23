package dev.springcohere.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereResponseTooLargeException;

/**
 * The {@link HttpTransportEngine} on the JDK {@link HttpClient}: the zero-dependency
 * default. Blocking exchanges run {@code HttpClient.send} on the calling thread (no extra
 * executor hop as with {@code sendAsync}); the JDK's request timeout covers the wait for
 * the headers, and {@link IdleTimeoutBodySubscriber} (blocking) or a Reactor
 * {@code timeout} (reactive, streams) the silences in the body, which the JDK's timeout
 * does not cover.
 */
final class JdkHttpEngine implements HttpTransportEngine {

	private static final Logger logger = LoggerFactory.getLogger(JdkHttpEngine.class);

	/**
	 * Reactor's context key for a subscription-local dropped-error handler
	 * ({@code Hooks.KEY_ON_ERROR_DROPPED}).
	 */
	private static final String ON_ERROR_DROPPED_KEY = "reactor.onErrorDropped.local";

	/**
	 * The JDK hands a proxy's final {@code 407} back as an answer, without a body when it
	 * came for a tunnel.
	 */
	private static final int PROXY_AUTHENTICATION_REQUIRED = 407;

	private final HttpClient httpClient;

	private final boolean ownsHttpClient;

	private final EngineSupport support;

	private final HttpSettings settings;

	/** Carries the fixed headers and the timeout; copied for each request. */
	private final HttpRequest.Builder template;

	JdkHttpEngine(HttpSettings settings, @Nullable ApiKey apiKey) {
		this.settings = settings;
		HttpClient custom = settings.getHttpClient();
		this.ownsHttpClient = (custom == null);
		this.httpClient = (custom != null) ? custom : buildHttpClient(settings);
		this.support = new EngineSupport(settings, apiKey,
				this.httpClient.connectTimeout().orElse(settings.getConnectTimeout()));
		HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(settings.getReadTimeout());
		for (Map.Entry<String, String> header : this.support.headers()) {
			builder.header(header.getKey(), header.getValue());
		}
		this.template = builder;
	}

	private static HttpClient buildHttpClient(HttpSettings settings) {
		HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.getConnectTimeout());
		JdkConnectionSetup.apply(settings, builder);
		if (settings.getHttpClientCustomizer() != null) {
			settings.getHttpClientCustomizer().accept(builder);
		}
		return builder.build();
	}

	@Override
	public HttpTransportType type() {
		return HttpTransportType.JDK;
	}

	@Override
	public Response exchange(Request request) {
		AtomicBoolean statusArrived = new AtomicBoolean();
		HttpResponse<byte[]> response;
		try {
			response = this.httpClient.send(request(request), (info) -> {
				statusArrived.set(true);
				return new IdleTimeoutBodySubscriber(this.settings.getReadTimeout(), Schedulers.parallel(),
						this.settings.getMaxResponseSize(), request.call(),
						info.headers().firstValueAsLong("content-length").orElse(-1));
			});
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CohereException("Interrupted while waiting for " + request.call(), ex);
		}
		catch (IOException | RuntimeException ex) {
			CohereException failure = map(request, ex);
			throw statusArrived.get() ? EngineSupport.brokenBody(request.call(), failure) : failure;
		}
		if (response.statusCode() == PROXY_AUTHENTICATION_REQUIRED) {
			throw this.support.proxyRefused(request.call(), isHttps(request));
		}
		return new Response(response.statusCode(), response.headers(), response.body());
	}

	/**
	 * Maps a failure; the JDK reports credentials the proxy keeps refusing as an
	 * {@code IOException} after three tries (the authenticator answers proxies only).
	 */
	private CohereException map(Request request, Throwable failure) {
		for (Throwable ex = failure; ex != null; ex = (ex.getCause() != ex) ? ex.getCause() : null) {
			if (ex instanceof IOException && String.valueOf(ex.getMessage()).startsWith("too many authentication")
					&& this.settings.getProxy() != null) {
				return this.support.proxyRefused(request.call(), isHttps(request));
			}
		}
		return this.support.map(request.call(), failure);
	}

	private static boolean isHttps(Request request) {
		return "https".equalsIgnoreCase(request.uri().getScheme());
	}

	@Override
	public Mono<Response> exchangeReactive(Request request) {
		return Mono.defer(() -> send(request).flatMap((response) -> readBody(request.call(), response.body())
			.onErrorMap(CohereException.class, (ex) -> EngineSupport.brokenBody(request.call(), ex))
			.map((bytes) -> new Response(response.statusCode(), response.headers(), bytes))));
	}

	@Override
	public <T> Flux<T> exchangeStream(Request request,
			BiFunction<ResponseHead, Flux<ByteBuffer>, ? extends Publisher<T>> handler) {
		return Flux.defer(() -> send(request)
			.flatMapMany((response) -> handler.apply(new ResponseHead(response.statusCode(), response.headers()),
					chunks(request.call(), response.body()).concatMapIterable((buffers) -> buffers))));
	}

	private HttpRequest request(Request request) {
		HttpRequest.Builder builder = this.template.copy().uri(request.uri()).header("Accept", request.accept());
		request.headers().forEach(builder::setHeader);
		byte[] body = request.body();
		MultipartBody multipart = request.multipart();
		if (multipart != null) {
			builder.header("Content-Type", multipart.contentType())
				.method(request.method(), multipartPublisher(multipart));
		}
		else if (body != null) {
			builder.header("Content-Type", EngineSupport.APPLICATION_JSON)
				.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body));
		}
		else {
			builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
		}
		return builder.build();
	}

	private static HttpRequest.BodyPublisher multipartPublisher(MultipartBody multipart) {
		Flow.Publisher<ByteBuffer> chunks = JdkFlowAdapter.publisherToFlowPublisher(multipart.chunks());
		long length = multipart.contentLength();
		return (length >= 0) ? HttpRequest.BodyPublishers.fromPublisher(chunks, length)
				: HttpRequest.BodyPublishers.fromPublisher(chunks);
	}

	private Mono<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> send(Request request) {
		return Mono
			.fromFuture(() -> this.httpClient.sendAsync(request(request), HttpResponse.BodyHandlers.ofPublisher()))
			.onErrorMap((ex) -> map(request, ex))
			.flatMap((response) -> (response.statusCode() != PROXY_AUTHENTICATION_REQUIRED) ? Mono.just(response)
					: Mono.error(this.support.proxyRefused(request.call(), isHttps(request))));
	}

	private Flux<List<ByteBuffer>> chunks(String call, Flow.Publisher<List<ByteBuffer>> body) {
		Consumer<Throwable> afterCancel = (ex) -> logger.trace("{} body failure after cancellation: {}", call,
				ex.toString());
		return JdkFlowAdapter.flowPublisherToFlux(body)
			.timeout(this.settings.getReadTimeout())
			.onErrorMap((ex) -> this.support.map(call, ex))
			// the JDK reports "subscription cancelled" as an error after a cancel
			// (timeout, take, dispose); that is expected, so it is logged at TRACE here
			// instead of Reactor's global ERROR log for dropped errors
			.contextWrite(Context.of(ON_ERROR_DROPPED_KEY, afterCancel));
	}

	private Mono<byte[]> readBody(String call, Flow.Publisher<List<ByteBuffer>> body) {
		long limit = this.settings.getMaxResponseSize();
		return chunks(call, body).collect(BodyBuffer::new, (out, buffers) -> {
			for (ByteBuffer buffer : buffers) {
				out.add(buffer, limit, call);
			}
		}).map(BodyBuffer::toByteArray);
	}

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

	/**
	 * A growing byte array bounded by the maximum response size.
	 */
	static final class BodyBuffer {

		private byte[] bytes = new byte[1024];

		private int length;

		void add(ByteBuffer buffer, long limit, String call) {
			int remaining = buffer.remaining();
			if (this.length + (long) remaining > limit) {
				throw new CohereResponseTooLargeException(call, "the response body", limit);
			}
			if (this.length + remaining > this.bytes.length) {
				this.bytes = java.util.Arrays.copyOf(this.bytes,
						Math.max(this.bytes.length * 2, this.length + remaining));
			}
			buffer.get(this.bytes, this.length, remaining);
			this.length += remaining;
		}

		byte[] toByteArray() {
			return (this.length == this.bytes.length) ? this.bytes : java.util.Arrays.copyOf(this.bytes, this.length);
		}

	}

}
