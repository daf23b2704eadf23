package dev.springcohere.backend;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.api.error.CohereTimeoutException;
import dev.springcohere.api.error.UnsupportedCapabilityException;
import dev.springcohere.http.HttpTransportEngine;

/**
 * How a call with {@link RequestOptions} and a {@link RawResponse} is made on a backend,
 * shared by the backends: the defaults of {@link CohereBackend}'s {@code ...Raw} methods
 * for backends that do not answer over HTTP (the timeout applies, headers and extra body
 * fields are refused, the answer reports status 200 and no headers), and the turn of a
 * stream into a {@code Mono} of its answer's status and headers with its events.
 *
 * @since 0.1.0
 */
public final class BackendCalls {

	/** The headers of an answer that has none (a backend without HTTP). */
	public static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

	private BackendCalls() {
	}

	/**
	 * Runs a call of a backend that does not answer over HTTP with options: refuses
	 * headers and extra body fields, bounds the call by the timeout, and reports status
	 * 200 without headers.
	 * @param <T> the answer type
	 * @param backend the backend, named in errors
	 * @param options the options of the call
	 * @param call the call
	 * @return a {@code Mono} of the answer
	 */
	public static <T> Mono<RawResponse<T>> withoutHttp(CohereBackend backend, RequestOptions options,
			Supplier<Mono<T>> call) {
		Objects.requireNonNull(backend, "'backend' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		Objects.requireNonNull(call, "'call' must not be null");
		return Mono.defer(() -> {
			refuseHttpOptions(backend, options);
			Mono<T> answer = Mono.defer(call);
			Duration timeout = options.getTimeout();
			if (timeout != null) {
				answer = answer.timeout(timeout, Mono.error(() -> timeout(backend.id() + " call", timeout)));
			}
			return answer.map((body) -> new RawResponse<>(200, NO_HEADERS, body));
		});
	}

	/**
	 * Streams on a backend that does not answer over HTTP with options: refuses headers
	 * and extra body fields, bounds the wait for the first event by the timeout, and
	 * reports status 200 without headers once the first event arrived.
	 * @param <E> the event type
	 * @param backend the backend, named in errors
	 * @param options the options of the call
	 * @param stream the stream
	 * @return a {@code Mono} of the answer whose body is the events
	 */
	public static <E> Mono<RawResponse<Flux<E>>> streamWithoutHttp(CohereBackend backend, RequestOptions options,
			Supplier<Flux<E>> stream) {
		Objects.requireNonNull(backend, "'backend' must not be null");
		Objects.requireNonNull(options, "'options' must not be null");
		Objects.requireNonNull(stream, "'stream' must not be null");
		return Mono.defer(() -> {
			refuseHttpOptions(backend, options);
			Duration timeout = options.getTimeout();
			return withHead((onHead) -> {
				Flux<E> events = Flux.defer(stream);
				return (timeout != null) ? events.timeout(Mono.delay(timeout), (event) -> Mono.never(),
						Flux.error(() -> timeout(backend.id() + " stream", timeout))) : events;
			});
		});
	}

	/**
	 * Turns a stream into a {@code Mono} of its answer: the stream is started on
	 * subscription, and the {@code Mono} emits when the first event arrived, with the
	 * status and headers the stream reported to its callback (status 200 and no headers
	 * when it reported none), and a body that emits every event, the first included. The
	 * body can be subscribed once; subscribe to it (or cancel it) soon, since the
	 * connection waits for it.
	 * @param <E> the event type
	 * @param stream starts the stream, given the callback for its answer's status and
	 * headers
	 * @return a {@code Mono} of the answer; it fails when the stream fails before its
	 * first event or ends without one
	 */
	public static <E> Mono<RawResponse<Flux<E>>> withHead(
			Function<Consumer<HttpTransportEngine.ResponseHead>, Flux<E>> stream) {
		Objects.requireNonNull(stream, "'stream' must not be null");
		return Mono.defer(() -> {
			AtomicReference<HttpTransportEngine.@Nullable ResponseHead> head = new AtomicReference<>();
			return stream.apply(head::set).switchOnFirst((first, events) -> {
				if (first.hasValue()) {
					HttpTransportEngine.ResponseHead received = head.get();
					return Mono
						.just((received != null) ? new RawResponse<>(received.status(), received.headers(), events)
								: new RawResponse<>(200, NO_HEADERS, events));
				}
				Throwable failure = first.getThrowable();
				return Mono.error((failure != null) ? failure
						: new CohereNetworkException("The stream ended before its first event", null));
			}, false).single();
		});
	}

	/**
	 * Refuses the options a backend without HTTP cannot apply: headers and extra body
	 * fields.
	 * @param backend the backend
	 * @param options the options
	 * @throws UnsupportedCapabilityException naming the backend and the option
	 */
	public static void refuseHttpOptions(CohereBackend backend, RequestOptions options) {
		if (!options.getHeaders().isEmpty()) {
			throw new UnsupportedCapabilityException(backend.id(), "request-headers",
					"Per-call headers (RequestOptions.header) are sent only by the HTTP backends (platform, private, "
							+ "azure, openai-compat); remove them for this backend.");
		}
		if (!options.getExtraBody().isEmpty()) {
			throw new UnsupportedCapabilityException(backend.id(), "request-extra-body",
					"Extra body fields (RequestOptions.extraBody) are sent only by the HTTP backends (platform, "
							+ "private, azure, openai-compat); remove them for this backend.");
		}
	}

	private static CohereTimeoutException timeout(String call, Duration timeout) {
		return new CohereTimeoutException(
				"The " + call + " did not complete within its timeout of " + timeout + " (RequestOptions.timeout)",
				CohereTimeoutException.Phase.CALL, timeout, null);
	}

}
