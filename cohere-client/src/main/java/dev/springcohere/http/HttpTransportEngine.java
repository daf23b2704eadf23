package dev.springcohere.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The wire under a {@link CohereHttpTransport}: one HTTP library sending one request and
 * handing back its answer, as bytes or as a stream of chunks. The transport above it owns
 * everything that does not depend on the library (status mapping, retries, server-sent
 * event decoding, logging); an engine owns the connection.
 * <p>
 * Three engines ship with the client: {@link HttpTransportType#JDK} on the JDK
 * {@link java.net.http.HttpClient} (the zero-dependency default),
 * {@link HttpTransportType#OKHTTP} on OkHttp and {@link HttpTransportType#REACTOR_NETTY}
 * on Reactor Netty, chosen automatically in that order of preference when the library is
 * on the class path (see {@link HttpSettings#getTransport()}).
 * <p>
 * Every engine must:
 * <ul>
 * <li>send the headers the transport's settings and key call for (built once, when the
 * engine is created) with the request's {@code Accept} and, when there is a body,
 * {@code Content-Type: application/json};</li>
 * <li>honour the connect timeout and enforce the read timeout as an idle timeout: the
 * longest silence while waiting for the headers and between two chunks of the body;</li>
 * <li>stop reading and close the connection when a body passes
 * {@link HttpSettings#getMaxResponseSize()} ({@code exchange} only; stream events are
 * bounded by the transport's decoder) or when a stream is cancelled;</li>
 * <li>report failures as {@link dev.springcohere.api.error.CohereException}s: a timeout
 * as a {@link dev.springcohere.api.error.CohereTimeoutException} of the right phase, a
 * network failure before the status as a
 * {@link dev.springcohere.api.error.CohereNetworkException}, one after it, while the body
 * is read, as a {@link dev.springcohere.api.error.CohereBrokenBodyException}; anything
 * else is mapped by the transport as well as it can;</li>
 * <li>never retry: the transport retries by its {@link CohereRetryPolicy}.</li>
 * </ul>
 * An engine whose streams are read with blocking calls reads them on a thread of its own,
 * so that {@code subscribe()} returns at once; it may read them on the subscribing thread
 * instead when the subscriber's context holds {@link #READ_ON_SUBSCRIBING_THREAD} (a
 * consumer that blocks anyway, one event at a time) and that thread may block. An error
 * status is an answer, not a failure: it is returned like a success.
 *
 * @since 0.1.0
 */
public interface HttpTransportEngine extends AutoCloseable {

	/**
	 * The key of a Reactor context entry ({@code Boolean.TRUE}) by which a subscriber of
	 * {@link #exchangeStream} that blocks until each element arrives, and requests one at
	 * a time, lets the engine read the stream on the subscribing thread, saving two
	 * thread hand-offs per stream.
	 */
	String READ_ON_SUBSCRIBING_THREAD = "dev.springcohere.http.read-on-subscribing-thread";

	/**
	 * Returns the engine's type.
	 * @return the type, never {@link HttpTransportType#AUTO}
	 */
	HttpTransportType type();

	/**
	 * Sends a request and reads its whole answer on the calling thread; blocks.
	 * @param request the request
	 * @return the answer, whatever its status
	 */
	Response exchange(Request request);

	/**
	 * Reactive form of {@link #exchange(Request)}: nothing is sent until subscription;
	 * cancelling cancels the request.
	 * @param request the request
	 * @return a {@code Mono} of the answer, whatever its status
	 */
	Mono<Response> exchangeReactive(Request request);

	/**
	 * Sends a request and, once its status and headers arrive, hands them and the body
	 * (as chunks read while they are requested) to a handler whose publisher is then
	 * emitted. The body flux may only be subscribed inside the handler's publisher and is
	 * valid until that publisher ends; each chunk is valid until the next is requested.
	 * Cancelling closes the connection.
	 * @param <T> the element type
	 * @param request the request
	 * @param handler turns the status, headers and body into elements
	 * @return a cold {@code Flux} of the handler's elements; each subscription sends a
	 * request
	 */
	<T> Flux<T> exchangeStream(Request request,
			BiFunction<ResponseHead, Flux<ByteBuffer>, ? extends Publisher<T>> handler);

	/**
	 * Releases what the engine created (a client it built, its connections); calls in
	 * progress may fail. The engine must not be used afterwards.
	 */
	@Override
	void close();

	/**
	 * One request.
	 *
	 * @param method the HTTP method, such as {@code POST}
	 * @param uri the full URI
	 * @param accept the {@code Accept} header value
	 * @param body the JSON body, or {@code null} for none (or for a multipart body)
	 * @param call a short name for messages, such as {@code POST /v2/chat}
	 * @param headers headers of this request besides the engine's fixed ones (one of the
	 * same name replaces the fixed one)
	 * @param multipart a {@code multipart/form-data} body to stream, or {@code null}; an
	 * engine sends its {@link MultipartBody#chunks()} as they are read, with its
	 * {@link MultipartBody#contentType()}
	 */
	record Request(String method, URI uri, String accept, byte @Nullable [] body, String call,
			Map<String, String> headers, @Nullable MultipartBody multipart) {

		/**
		 * Checks the components.
		 */
		public Request {
			Objects.requireNonNull(method, "'method' must not be null");
			Objects.requireNonNull(uri, "'uri' must not be null");
			Objects.requireNonNull(accept, "'accept' must not be null");
			Objects.requireNonNull(call, "'call' must not be null");
			headers = Map.copyOf(Objects.requireNonNull(headers, "'headers' must not be null"));
			if (body != null && multipart != null) {
				throw new IllegalArgumentException("A request has a JSON body or a multipart body, not both");
			}
		}

		/**
		 * Creates a request without extra headers or multipart body.
		 * @param method the HTTP method
		 * @param uri the full URI
		 * @param accept the {@code Accept} header value
		 * @param body the JSON body, or {@code null} for none
		 * @param call a short name for messages
		 */
		public Request(String method, URI uri, String accept, byte @Nullable [] body, String call) {
			this(method, uri, accept, body, call, Map.of(), null);
		}

	}

	/**
	 * The status and headers of an answer.
	 *
	 * @param status the status code
	 * @param headers the headers
	 */
	record ResponseHead(int status, HttpHeaders headers) {

		/**
		 * Checks the components.
		 */
		public ResponseHead {
			Objects.requireNonNull(headers, "'headers' must not be null");
		}

	}

	/**
	 * A whole answer.
	 *
	 * @param status the status code
	 * @param headers the headers
	 * @param body the body, empty when there is none
	 */
	record Response(int status, HttpHeaders headers, byte[] body) {

		/**
		 * Checks the components.
		 */
		public Response {
			Objects.requireNonNull(headers, "'headers' must not be null");
			Objects.requireNonNull(body, "'body' must not be null");
		}

	}

}
