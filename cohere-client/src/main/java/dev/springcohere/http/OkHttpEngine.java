package dev.springcohere.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import javax.net.ssl.SSLPeerUnverifiedException;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereResponseTooLargeException;

/**
 * The {@link HttpTransportEngine} on OkHttp ({@code com.squareup.okhttp3:okhttp}, what
 * the official Cohere SDK is built on), used when OkHttp is on the class path or asked
 * for. A blocking exchange runs entirely on the calling thread: the request is written
 * and the answer read there, with no hand-off to another thread, which is what makes it
 * the fastest engine for blocking calls. Reactive calls go through OkHttp's dispatcher
 * threads; a stream is read on one of Reactor's bounded-elastic threads, chunk by chunk
 * as the subscriber asks for more.
 * <p>
 * The read timeout is OkHttp's socket read timeout: the longest wait for one read, so it
 * covers the wait for the headers and every silence in the body or the stream. OkHttp's
 * own retries on connection failures are off (the transport retries by its policy);
 * redirects follow {@link HttpSettings#isFollowRedirects()}. The engine's connection pool
 * and dispatcher threads are released by {@link #close()}.
 */
final class OkHttpEngine implements HttpTransportEngine {

	private static final MediaType JSON = MediaType.get(EngineSupport.APPLICATION_JSON);

	/** The size of the chunks a stream is read in. */
	private static final int STREAM_CHUNK = 8192;

	private static final int MAX_CACHED_URLS = 64;

	/** Like Reactor Netty's pool: many calls to one host at once. */
	private static final int MAX_CONCURRENT_CALLS = 500;

	private final EngineSupport support;

	private final OkHttpClient client;

	/** The fixed headers of every request, built once. */
	private final Headers fixedHeaders;

	private final long maxResponseSize;

	/** The URLs of the URIs called so far (a handful: /v2/chat, /v2/embed...). */
	private final Map<URI, HttpUrl> urls = new ConcurrentHashMap<>();

	private volatile boolean closed;

	OkHttpEngine(HttpSettings settings, @Nullable ApiKey apiKey) {
		this.support = new EngineSupport(settings, apiKey, settings.getConnectTimeout());
		this.maxResponseSize = settings.getMaxResponseSize();
		Dispatcher dispatcher = new Dispatcher();
		dispatcher.setMaxRequests(MAX_CONCURRENT_CALLS);
		dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_CALLS);
		OkHttpClient.Builder builder = new OkHttpClient.Builder().dispatcher(dispatcher)
			.connectTimeout(settings.getConnectTimeout())
			.readTimeout(settings.getReadTimeout())
			.writeTimeout(settings.getReadTimeout())
			.callTimeout(Duration.ZERO)
			.retryOnConnectionFailure(false);
		OkHttpConnectionSetup.apply(settings, builder);
		this.client = builder.build();
		Headers.Builder headers = new Headers.Builder();
		for (Map.Entry<String, String> header : this.support.headers()) {
			headers.add(header.getKey(), header.getValue());
		}
		this.fixedHeaders = headers.build();
	}

	@Override
	public HttpTransportType type() {
		return HttpTransportType.OKHTTP;
	}

	@Override
	public Response exchange(Request request) {
		okhttp3.Response response = execute(newCall(request), request);
		try (response) {
			return read(request, response);
		}
	}

	@Override
	public Mono<Response> exchangeReactive(Request request) {
		return Mono.defer(() -> {
			Call call = newCall(request);
			return Mono.<Response>create((sink) -> {
				sink.onCancel(call::cancel);
				call.enqueue(new Callback() {

					@Override
					public void onFailure(Call failed, IOException ex) {
						if (!failed.isCanceled()) {
							// after a cancel nobody waits for the failure it caused
							sink.error(map(request, ex, false));
						}
					}

					@Override
					public void onResponse(Call succeeded, okhttp3.Response response) {
						Response answer;
						try (response) {
							answer = read(request, response);
						}
						catch (RuntimeException ex) {
							sink.error(ex);
							return;
						}
						sink.success(answer);
					}

				});
			});
		});
	}

	@Override
	public <T> Flux<T> exchangeStream(Request request,
			BiFunction<ResponseHead, Flux<ByteBuffer>, ? extends Publisher<T>> handler) {
		return Flux.deferContextual((context) -> {
			Call call = newCall(request);
			Flux<T> answer = Mono.fromCallable(() -> executeUnlessCancelled(call, request))
				.flatMapMany((response) -> Flux.using(() -> response,
						(opened) -> handler.apply(new ResponseHead(opened.code(), headers(opened.headers())),
								chunks(request, call, body(opened))),
						okhttp3.Response::close))
				.doOnCancel(call::cancel);
			if (context.getOrDefault(READ_ON_SUBSCRIBING_THREAD, Boolean.FALSE)
					&& !Schedulers.isInNonBlockingThread()) {
				return answer;
			}
			// a stream is read with blocking calls: not on a subscriber's thread that
			// may be an event loop, and subscribe() returns at once as with the other
			// engines
			return answer.subscribeOn(Schedulers.boundedElastic());
		});
	}

	private Call newCall(Request request) {
		if (this.closed) {
			throw new CohereException("The HTTP transport was closed, so " + request.call() + " was not sent");
		}
		return this.client.newCall(request(request));
	}

	private okhttp3.Request request(Request request) {
		okhttp3.Request.Builder builder = new okhttp3.Request.Builder().url(url(request.uri()))
			.headers(this.fixedHeaders)
			.header("Accept", request.accept())
			// like the other engines: no compressed answers, so the read timeout keeps
			// its meaning (a compressing server may hold back a whole body or stream)
			.header("Accept-Encoding", "identity");
		request.headers().forEach(builder::header);
		byte[] body = request.body();
		MultipartBody multipart = request.multipart();
		RequestBody requestBody = null;
		if (multipart != null) {
			requestBody = new MultipartRequestBody(multipart);
		}
		else if (body != null) {
			requestBody = RequestBody.create(body, JSON);
		}
		else if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
			// OkHttp wants a body for POST, PUT and PATCH; an empty one sends
			// Content-Length: 0 like the other engines
			requestBody = RequestBody.create(new byte[0], null);
		}
		return builder.method(request.method(), requestBody).build();
	}

	private HttpUrl url(URI uri) {
		HttpUrl url = this.urls.get(uri);
		if (url == null) {
			url = HttpUrl.get(uri);
			if (url == null) {
				throw new IllegalArgumentException("'" + uri + "' is not an http or https URL");
			}
			if (this.urls.size() < MAX_CACHED_URLS) {
				this.urls.put(uri, url);
			}
		}
		return url;
	}

	/**
	 * Sends the request and waits for the status and headers.
	 */
	private okhttp3.Response execute(Call call, Request request) {
		try {
			return call.execute();
		}
		catch (IOException | RuntimeException ex) {
			throw map(request, ex, false);
		}
	}

	/**
	 * Sends a stream's request; a call the subscriber cancelled meanwhile ends empty,
	 * since nobody waits for the failure the cancel caused.
	 */
	private okhttp3.@Nullable Response executeUnlessCancelled(Call call, Request request) {
		try {
			return call.execute();
		}
		catch (IOException | RuntimeException ex) {
			if (call.isCanceled()) {
				return null;
			}
			throw map(request, ex, false);
		}
	}

	/**
	 * Reads a whole answer; a failure after the status is a broken body.
	 */
	private Response read(Request request, okhttp3.Response response) {
		ResponseBody body = body(response);
		byte[] bytes;
		try {
			bytes = readBody(request.call(), body);
		}
		catch (IOException | RuntimeException ex) {
			throw EngineSupport.brokenBody(request.call(), map(request, ex, true));
		}
		return new Response(response.code(), headers(response.headers()), bytes);
	}

	private byte[] readBody(String call, ResponseBody body) throws IOException {
		long declared = body.contentLength();
		if (declared > this.maxResponseSize) {
			throw new CohereResponseTooLargeException(call, "the response body", this.maxResponseSize);
		}
		BufferedSource source = body.source();
		if (declared >= 0) {
			// sized by Content-Length, so the body is copied once
			byte[] bytes = new byte[(int) declared];
			source.readFully(bytes);
			return bytes;
		}
		byte[] bytes = new byte[1024];
		int length = 0;
		while (true) {
			if (length == bytes.length) {
				bytes = Arrays.copyOf(bytes, bytes.length * 2);
			}
			int read = source.read(bytes, length, bytes.length - length);
			if (read < 0) {
				return (length == bytes.length) ? bytes : Arrays.copyOf(bytes, length);
			}
			length += read;
			if (length > this.maxResponseSize) {
				throw new CohereResponseTooLargeException(call, "the response body", this.maxResponseSize);
			}
		}
	}

	/**
	 * The body of a stream, read on demand into one reused buffer (a chunk is valid until
	 * the next is requested, as {@link HttpTransportEngine#exchangeStream} allows).
	 */
	private Flux<ByteBuffer> chunks(Request request, Call call, ResponseBody body) {
		BufferedSource source = body.source();
		byte[] buffer = new byte[STREAM_CHUNK];
		return Flux.generate((sink) -> {
			int read;
			try {
				read = source.read(buffer, 0, buffer.length);
			}
			catch (IOException | RuntimeException ex) {
				if (call.isCanceled()) {
					// the subscriber cancelled: the read failed because the socket closed
					sink.complete();
				}
				else {
					sink.error(map(request, ex, true));
				}
				return;
			}
			if (read < 0) {
				sink.complete();
			}
			else {
				sink.next(ByteBuffer.wrap(buffer, 0, read));
			}
		});
	}

	private static ResponseBody body(okhttp3.Response response) {
		ResponseBody body = response.body();
		if (body == null) {
			// OkHttp gives every answer returned by execute() or a callback a body
			throw new IllegalStateException("OkHttp returned an answer without a body");
		}
		return body;
	}

	/**
	 * Turns OkHttp's failures into the JDK's types {@link EngineSupport#map} knows.
	 */
	private CohereException map(Request request, Throwable failure, boolean statusArrived) {
		Throwable ex = failure;
		String message = String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT);
		if (ex instanceof IOException && message.contains("failed to authenticate with proxy")) {
			// OkHttp's report of a tunnel the proxy refused (407) after the
			// authenticator gave up
			return this.support.proxyRefused(request.call(), false);
		}
		if (ex instanceof SSLPeerUnverifiedException) {
			// the certificate does not name the host
			ex = new CertificateException(ex.getMessage(), ex);
		}
		else if (ex instanceof SocketTimeoutException) {
			if (message.contains("connect timed out")) {
				ex = new HttpConnectTimeoutException(ex.getMessage());
			}
			else {
				ex = statusArrived ? new TimeoutException("No data within the read timeout")
						: new HttpTimeoutException("No response headers within the read timeout");
			}
		}
		else if (ex instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
			return new CohereException("Interrupted while waiting for " + request.call(), ex);
		}
		return this.support.map(request.call(), ex);
	}

	private static HttpHeaders headers(Headers headers) {
		Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (int i = 0, size = headers.size(); i < size; i++) {
			map.computeIfAbsent(headers.name(i), (name) -> new ArrayList<>(1)).add(headers.value(i));
		}
		return HttpHeaders.of(map, (name, value) -> true);
	}

	@Override
	public void close() {
		this.closed = true;
		this.client.dispatcher().cancelAll();
		this.client.dispatcher().executorService().shutdown();
		this.client.connectionPool().evictAll();
	}

	/**
	 * A multipart body streamed from its parts as OkHttp writes it.
	 */
	private static final class MultipartRequestBody extends RequestBody {

		private final MultipartBody multipart;

		private final MediaType contentType;

		MultipartRequestBody(MultipartBody multipart) {
			this.multipart = multipart;
			this.contentType = MediaType.get(multipart.contentType());
		}

		@Override
		public MediaType contentType() {
			return this.contentType;
		}

		@Override
		public long contentLength() {
			return this.multipart.contentLength();
		}

		@Override
		public boolean isOneShot() {
			return !this.multipart.isRepeatable();
		}

		@Override
		public void writeTo(BufferedSink sink) throws IOException {
			try {
				for (ByteBuffer chunk : this.multipart.chunks().toIterable(1)) {
					sink.write(chunk);
				}
			}
			catch (RuntimeException ex) {
				// a part that cannot be read fails the call as the I/O failure it is
				Throwable cause = Exceptions.unwrap(ex);
				if (cause instanceof UncheckedIOException unchecked) {
					cause = unchecked.getCause();
				}
				if (cause instanceof IOException failure) {
					throw failure;
				}
				throw ex;
			}
		}

	}

}
