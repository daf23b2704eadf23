package dev.springcohere.http;

import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereResponseTooLargeException;

/**
 * The {@link HttpTransportEngine} on Reactor Netty's {@link HttpClient}, used when
 * Reactor Netty is on the class path (as in every WebFlux application) or asked for.
 * Answers are read on the connection's event loop and handed to the caller once, without
 * the JDK client's hops through an executor. Its own connection pool is released by
 * {@link #close()}; the event loops are Reactor Netty's shared ones.
 * <p>
 * The read timeout is Reactor Netty's {@code responseTimeout}: a read-idle handler added
 * when the request is sent and removed when the answer is complete, so it covers the wait
 * for the headers and every silence in the body or the stream.
 */
final class ReactorNettyEngine implements HttpTransportEngine {

	private final EngineSupport support;

	private final long maxResponseSize;

	private final ConnectionProvider connections;

	private final HttpClient withBody;

	private final HttpClient withoutBody;

	private final HttpClient streaming;

	private volatile boolean closed;

	private final HttpSettings settings;

	private final @Nullable ApiKey apiKey;

	/** For blocking calls made on a non-blocking thread; created on first need. */
	private volatile @Nullable JdkHttpEngine blockingFallback;

	ReactorNettyEngine(HttpSettings settings, @Nullable ApiKey apiKey) {
		this.support = new EngineSupport(settings, apiKey, settings.getConnectTimeout());
		this.settings = settings;
		this.apiKey = apiKey;
		this.maxResponseSize = settings.getMaxResponseSize();
		this.connections = ConnectionProvider.builder("springcohere")
			.maxConnections(500)
			.maxIdleTime(Duration.ofSeconds(50))
			.pendingAcquireMaxCount(-1)
			.build();
		int connectMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, settings.getConnectTimeout().toMillis()));
		List<Map.Entry<String, String>> fixed = this.support.headers();
		HttpClient base = NettyConnectionSetup
			.apply(settings,
					HttpClient.create(this.connections)
						.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
						.responseTimeout(settings.getReadTimeout()))
			.headers((headers) -> fixed.forEach((header) -> headers.add(header.getKey(), header.getValue())));
		this.withBody = base.headers((headers) -> headers.set("Accept", EngineSupport.APPLICATION_JSON)
			.set("Content-Type", EngineSupport.APPLICATION_JSON));
		this.withoutBody = base.headers((headers) -> headers.set("Accept", EngineSupport.APPLICATION_JSON));
		this.streaming = base.headers((headers) -> headers.set("Accept", EngineSupport.TEXT_EVENT_STREAM)
			.set("Content-Type", EngineSupport.APPLICATION_JSON));
	}

	@Override
	public HttpTransportType type() {
		return HttpTransportType.REACTOR_NETTY;
	}

	@Override
	public Response exchange(Request request) {
		if (Schedulers.isInNonBlockingThread()) {
			// Reactor refuses block() on an event loop or a parallel worker, and waiting
			// there for an answer read by the same event loop could never end; such a
			// caller (a blocking call in a WebFlux handler) gets the JDK client, which
			// blocks only the caller, as it always did
			return blockingFallback().exchange(request);
		}
		try {
			Response response = exchangeReactive(request).block();
			if (response == null) {
				throw new CohereException("No answer to " + request.call(), null);
			}
			return response;
		}
		catch (RuntimeException ex) {
			Throwable cause = Exceptions.unwrap(ex);
			if (cause instanceof InterruptedException) {
				Thread.currentThread().interrupt();
				throw new CohereException("Interrupted while waiting for " + request.call(), cause);
			}
			throw ex;
		}
	}

	@Override
	public Mono<Response> exchangeReactive(Request request) {
		return Mono.defer(() -> {
			if (this.closed) {
				return Mono.error(closedFailure(request));
			}
			AtomicBoolean statusArrived = new AtomicBoolean();
			return send(request).response((response, body) -> {
				statusArrived.set(true);
				long declared = response.responseHeaders().getInt("content-length", -1);
				return body
					.reduceWith(() -> new Accumulator(this.maxResponseSize, request.call(), declared), Accumulator::add)
					.map((accumulator) -> new Response(response.status().code(), headers(response),
							accumulator.toByteArray()));
			}).single().onErrorMap((ex) -> {
				CohereException failure = map(request.call(), ex, statusArrived.get());
				return statusArrived.get() ? EngineSupport.brokenBody(request.call(), failure) : failure;
			});
		});
	}

	@Override
	public <T> Flux<T> exchangeStream(Request request,
			BiFunction<ResponseHead, Flux<ByteBuffer>, ? extends Publisher<T>> handler) {
		return Flux.defer(() -> {
			if (this.closed) {
				return Flux.error(closedFailure(request));
			}
			AtomicBoolean statusArrived = new AtomicBoolean();
			return send(request).response((response, body) -> {
				statusArrived.set(true);
				return handler.apply(new ResponseHead(response.status().code(), headers(response)),
						body.map(ByteBuf::nioBuffer).onErrorMap((ex) -> map(request.call(), ex, true)));
			}).onErrorMap((ex) -> map(request.call(), ex, statusArrived.get()));
		});
	}

	private HttpClient.ResponseReceiver<?> send(Request request) {
		byte[] body = request.body();
		HttpClient client = (body == null) ? this.withoutBody
				: EngineSupport.TEXT_EVENT_STREAM.equals(request.accept()) ? this.streaming : this.withBody;
		MultipartBody multipart = request.multipart();
		if (multipart != null) {
			long length = multipart.contentLength();
			client = this.withoutBody.headers((headers) -> {
				headers.set("Content-Type", multipart.contentType());
				if (length >= 0) {
					headers.set("Content-Length", length);
				}
			});
		}
		if (!request.accept().equals(EngineSupport.APPLICATION_JSON)
				&& !request.accept().equals(EngineSupport.TEXT_EVENT_STREAM)) {
			client = client.headers((headers) -> headers.set("Accept", request.accept()));
		}
		if (!request.headers().isEmpty()) {
			client = client.headers((headers) -> request.headers().forEach(headers::set));
		}
		HttpClient.RequestSender sender = client.request(HttpMethod.valueOf(request.method())).uri(request.uri());
		if (multipart != null) {
			return sender.send(multipart.chunks().map(Unpooled::wrappedBuffer));
		}
		// a supplier, not Mono.just: a followed redirect sends the body again, from a
		// fresh buffer
		return (body != null) ? sender.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body))) : sender;
	}

	private CohereException map(String call, Throwable failure, boolean statusArrived) {
		Throwable ex = failure;
		if (ex instanceof ProxyConnectException && String.valueOf(ex.getMessage()).contains("407")) {
			return this.support.proxyRefused(call, false);
		}
		if (ex instanceof ConnectTimeoutException) {
			ex = new HttpConnectTimeoutException(ex.getMessage());
		}
		else if (ex instanceof ReadTimeoutException) {
			ex = statusArrived ? new TimeoutException("No data within the read timeout")
					: new HttpTimeoutException("No response headers within the read timeout");
		}
		else if (!(ex instanceof IOException) && !(ex instanceof CohereException)
				&& ex.getCause() instanceof IOException) {
			ex = ex.getCause();
		}
		return this.support.map(call, ex);
	}

	private static HttpHeaders headers(HttpClientResponse response) {
		Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (Map.Entry<String, String> header : response.responseHeaders()) {
			map.computeIfAbsent(header.getKey(), (name) -> new ArrayList<>(1)).add(header.getValue());
		}
		return HttpHeaders.of(map, (name, value) -> true);
	}

	private JdkHttpEngine blockingFallback() {
		JdkHttpEngine fallback = this.blockingFallback;
		if (fallback == null) {
			synchronized (this) {
				fallback = this.blockingFallback;
				if (fallback == null) {
					fallback = new JdkHttpEngine(this.settings, this.apiKey);
					this.blockingFallback = fallback;
				}
			}
		}
		return fallback;
	}

	private static CohereException closedFailure(Request request) {
		return new CohereException("The HTTP transport was closed, so " + request.call() + " was not sent");
	}

	@Override
	public void close() {
		this.closed = true;
		this.connections.dispose();
		JdkHttpEngine fallback = this.blockingFallback;
		if (fallback != null) {
			fallback.close();
		}
	}

	/**
	 * Copies the chunks of a body into one array, failing once it passes the bound (which
	 * cancels the read and closes the connection).
	 */
	private static final class Accumulator {

		private final long limit;

		private final String call;

		private byte[] bytes;

		private int length;

		Accumulator(long limit, String call, long declaredLength) {
			this.limit = limit;
			this.call = call;
			if (declaredLength > limit) {
				throw new CohereResponseTooLargeException(call, "the response body", limit);
			}
			// sized by Content-Length when the server sends one, so the body is copied
			// once
			this.bytes = new byte[(int) Math.max(0, declaredLength)];
		}

		Accumulator add(ByteBuf chunk) {
			int readable = chunk.readableBytes();
			if (this.length + (long) readable > this.limit) {
				throw new CohereResponseTooLargeException(this.call, "the response body", this.limit);
			}
			if (this.length + readable > this.bytes.length) {
				this.bytes = java.util.Arrays.copyOf(this.bytes,
						Math.max(Math.max(this.bytes.length * 2, 1024), this.length + readable));
			}
			chunk.readBytes(this.bytes, this.length, readable);
			this.length += readable;
			return this;
		}

		byte[] toByteArray() {
			return (this.length == this.bytes.length) ? this.bytes : java.util.Arrays.copyOf(this.bytes, this.length);
		}

	}

}
