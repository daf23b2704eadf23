package dev.springcohere.client;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.ListModelsResponse;
import dev.springcohere.api.ModelInfo;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.PlatformCall;

/**
 * Cohere's models API ({@code /v1/models}) with per-call options and raw responses: one
 * model's details (a base model or a fine-tuned model's id), and the list
 * ({@link CohereClient#models()} lists too, through any backend that can).
 *
 * @since 0.1.0
 */
public final class ModelsApi extends PlatformApiView<ModelsApi> {

	ModelsApi(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		super(backend, options, rawSink);
	}

	@Override
	ModelsApi copy(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		return new ModelsApi(backend, options, rawSink);
	}

	/**
	 * Reads one model's details; blocks.
	 * @param model the model name, such as {@code command-a-03-2025}, or a fine-tuned
	 * model's id
	 * @return the details
	 */
	public ModelInfo get(String model) {
		return call(getCall(model));
	}

	/**
	 * Reactive form of {@link #get(String)}.
	 * @param model the model name
	 * @return a {@code Mono} of the details
	 */
	public Mono<ModelInfo> getAsync(String model) {
		return callAsync(getCall(model));
	}

	/**
	 * Lists one page of models; blocks.
	 * @param request the filter and page
	 * @return the page
	 */
	public ListModelsResponse list(ListModelsRequest request) {
		return call(listCall(request));
	}

	/**
	 * Reactive form of {@link #list(ListModelsRequest)}.
	 * @param request the filter and page
	 * @return a {@code Mono} of the page
	 */
	public Mono<ListModelsResponse> listAsync(ListModelsRequest request) {
		return callAsync(listCall(request));
	}

	private static PlatformCall<ModelInfo> getCall(String model) {
		return new PlatformCall<>(Capability.MODELS, "get-model", "GET",
				PlatformCall.path("/v1/models/{model}", requireId(model, "model")), null, null, ModelInfo.class,
				RequestOptions.none());
	}

	private static PlatformCall<ListModelsResponse> listCall(ListModelsRequest request) {
		java.util.Objects.requireNonNull(request, "'request' must not be null");
		return new PlatformCall<>(Capability.MODELS, "list-models", "GET",
				PlatformCall.query("/v1/models", request.queryParameters()), null, null, ListModelsResponse.class,
				RequestOptions.none());
	}

}
