package dev.springcohere.client;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.springcohere.api.PageRequest;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.UploadFile;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.PlatformCall;
import dev.springcohere.http.MultipartBody;

/**
 * What every view of Cohere's platform API ({@link CohereClient#fineTuning()},
 * {@link CohereClient#datasets()}...) shares: the backend its calls go to, the
 * {@link RequestOptions} of its calls, and the raw-response form of any of its calls.
 * Views are immutable and thread-safe. <pre>{@code
 * FineTuningApi fineTuning = client.fineTuning().withOptions(RequestOptions.builder().timeout(Duration.ofSeconds(20)).build());
 * RawResponse<FinetunedModel> raw = fineTuning.withRawResponse((api) -> api.get("my-model-id"));
 * raw.status(); raw.requestId(); raw.apiWarnings(); raw.rateLimitHeaders(); raw.body();
 * }</pre> Operations a backend does not offer (any backend but {@code platform} and
 * {@code private}) fail with an
 * {@link dev.springcohere.api.error.UnsupportedCapabilityException} naming the backend
 * and the capability.
 *
 * @param <V> the type of the view
 * @since 0.1.0
 */
public abstract class PlatformApiView<V extends PlatformApiView<V>> {

	private final CohereBackend backend;

	private final RequestOptions options;

	private final @Nullable AtomicReference<@Nullable RawResponse<?>> rawSink;

	PlatformApiView(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		this.backend = Objects.requireNonNull(backend, "'backend' must not be null");
		this.options = Objects.requireNonNull(options, "'options' must not be null");
		this.rawSink = rawSink;
	}

	abstract V copy(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink);

	/**
	 * Returns a view whose calls carry these options (replacing this view's).
	 * @param options the options
	 * @return the view
	 */
	public V withOptions(RequestOptions options) {
		Objects.requireNonNull(options, "'options' must not be null");
		return copy(this.backend, options, this.rawSink);
	}

	/**
	 * Returns the options of this view's calls.
	 * @return the options
	 */
	public RequestOptions options() {
		return this.options;
	}

	/**
	 * Makes calls through this view and returns the result with the status and headers of
	 * the last answer (for example the request id, rate-limit and deprecation headers);
	 * blocks.
	 * @param <T> the result type
	 * @param calls the calls, made on a view of their own
	 * @return the result with the last answer's status and headers
	 * @throws IllegalStateException when the function made no call
	 */
	public <T> RawResponse<T> withRawResponse(Function<? super V, ? extends T> calls) {
		Objects.requireNonNull(calls, "'calls' must not be null");
		AtomicReference<@Nullable RawResponse<?>> sink = new AtomicReference<>();
		T result = calls.apply(copy(this.backend, this.options, sink));
		return raw(sink, result);
	}

	/**
	 * Reactive form of {@link #withRawResponse(Function)}: the function returns the
	 * {@code Mono} of a call of the view it is given.
	 * @param <T> the result type
	 * @param calls the calls
	 * @return a {@code Mono} of the result with the last answer's status and headers
	 */
	public <T> Mono<RawResponse<T>> withRawResponseAsync(Function<? super V, ? extends Mono<T>> calls) {
		Objects.requireNonNull(calls, "'calls' must not be null");
		return Mono.defer(() -> {
			AtomicReference<@Nullable RawResponse<?>> sink = new AtomicReference<>();
			return calls.apply(copy(this.backend, this.options, sink)).map((result) -> raw(sink, result));
		});
	}

	private static <T> RawResponse<T> raw(AtomicReference<@Nullable RawResponse<?>> sink, T result) {
		RawResponse<?> last = sink.get();
		if (last == null) {
			throw new IllegalStateException(
					"withRawResponse's function made no call through the view it was given; call the view's methods");
		}
		return new RawResponse<>(last.status(), last.headers(), result);
	}

	CohereBackend backend() {
		return this.backend;
	}

	<T> T call(PlatformCall<T> call) {
		RawResponse<T> response = this.backend.execute(call.withOptions(this.options));
		record(response);
		return response.body();
	}

	<T> Mono<T> callAsync(PlatformCall<T> call) {
		return Mono.defer(() -> this.backend.executeAsync(call.withOptions(this.options)))
			.doOnNext(this::record)
			.map(RawResponse::body);
	}

	private void record(RawResponse<?> response) {
		if (this.rawSink != null) {
			this.rawSink.set(response);
		}
	}

	/**
	 * Reads every page of a list that pages by token, lazily: the next page is asked for
	 * when the items of the previous one have been consumed.
	 */
	static <P, T> Flux<T> allPages(PageRequest first, Function<PageRequest, Mono<P>> read, Function<P, List<T>> items,
			Function<P, @Nullable String> nextPageToken) {
		Objects.requireNonNull(first, "'first' must not be null");
		return read.apply(first).expand((page) -> {
			String next = nextPageToken.apply(page);
			return (next == null || next.isEmpty()) ? Mono.empty() : read.apply(first.withPageToken(next));
		}, 1).concatMapIterable(items::apply);
	}

	static MultipartBody.Part part(String name, UploadFile file) {
		MultipartBody.Source source = new MultipartBody.Source() {

			@Override
			public java.io.InputStream open() throws IOException {
				return file.open();
			}

			@Override
			public boolean isRepeatable() {
				return file.isRepeatable();
			}

			@Override
			public long length() {
				return file.length();
			}

		};
		String contentType = (file.contentType() != null) ? file.contentType() : "application/octet-stream";
		return new MultipartBody.Part(name, file.filename(), contentType, source);
	}

	static String requireId(String id, String what) {
		Objects.requireNonNull(id, () -> "'" + what + "' must not be null");
		if (id.isBlank()) {
			throw new IllegalArgumentException("'" + what + "' must not be blank");
		}
		return id;
	}

}
