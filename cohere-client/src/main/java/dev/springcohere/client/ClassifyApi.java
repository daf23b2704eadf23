package dev.springcohere.client;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.classify.ClassifyRequest;
import dev.springcohere.api.classify.ClassifyResponse;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.PlatformCall;

/**
 * Cohere's classify API ({@code /v1/classify}; Cohere marks it deprecated): texts
 * classified by labelled examples or by a fine-tuned classifier (its id as the model).
 *
 * @since 0.1.0
 */
public final class ClassifyApi extends PlatformApiView<ClassifyApi> {

	/** Cohere's limit of inputs per request. */
	public static final int MAX_INPUTS = 96;

	ClassifyApi(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		super(backend, options, rawSink);
	}

	@Override
	ClassifyApi copy(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		return new ClassifyApi(backend, options, rawSink);
	}

	/**
	 * Classifies texts; blocks.
	 * @param request the inputs, and the examples or the model
	 * @return one classification per input
	 * @throws IllegalArgumentException when there is no input or more than
	 * {@value #MAX_INPUTS}
	 */
	public ClassifyResponse classify(ClassifyRequest request) {
		return call(classifyCall(request));
	}

	/**
	 * Reactive form of {@link #classify(ClassifyRequest)}.
	 * @param request the request
	 * @return a {@code Mono} of the classifications
	 */
	public Mono<ClassifyResponse> classifyAsync(ClassifyRequest request) {
		return Mono.fromSupplier(() -> classifyCall(request)).flatMap(this::callAsync);
	}

	private static PlatformCall<ClassifyResponse> classifyCall(ClassifyRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		if (request.inputs().isEmpty() || request.inputs().size() > MAX_INPUTS) {
			throw new IllegalArgumentException("A classify request takes 1 to " + MAX_INPUTS + " inputs but has "
					+ request.inputs().size() + "; split the inputs into several requests");
		}
		return new PlatformCall<>(Capability.CLASSIFY, "classify", "POST", "/v1/classify", request, null,
				ClassifyResponse.class, RequestOptions.none());
	}

}
