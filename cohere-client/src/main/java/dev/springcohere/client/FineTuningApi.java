package dev.springcohere.client;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.springcohere.api.PageRequest;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.finetuning.FinetunedModel;
import dev.springcohere.api.finetuning.FinetunedModelResponse;
import dev.springcohere.api.finetuning.ListEventsResponse;
import dev.springcohere.api.finetuning.ListFinetunedModelsResponse;
import dev.springcohere.api.finetuning.ListTrainingStepMetricsResponse;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.PlatformCall;

/**
 * Cohere's fine-tuning API ({@code /v1/finetuning/finetuned-models}): create, list, get,
 * update and delete fine-tuned models, and read their events and training-step metrics. A
 * fine-tuned model's {@link FinetunedModel#id() id} is usable as the {@code model} of
 * chat, embed, rerank and classify requests. Blocking methods, and {@code …Async} methods
 * returning a cold {@code Mono}. <pre>{@code
 * FinetunedModel model = client.fineTuning().create(FinetunedModel.builder()
 *     .name("support-bot")
 *     .settings(Settings.builder().baseModel(BaseModel.of(BaseType.CHAT)).datasetId(datasetId).build())
 *     .build());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class FineTuningApi extends PlatformApiView<FineTuningApi> {

	private static final String MODELS = "/v1/finetuning/finetuned-models";

	private static final String MODEL = MODELS + "/{id}";

	FineTuningApi(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		super(backend, options, rawSink);
	}

	@Override
	FineTuningApi copy(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		return new FineTuningApi(backend, options, rawSink);
	}

	/**
	 * Lists one page of fine-tuned models; blocks.
	 * @param page the page, size and order ({@code created_at desc} and the like)
	 * @return the page
	 */
	public ListFinetunedModelsResponse list(PageRequest page) {
		return call(listCall(page));
	}

	/**
	 * Reactive form of {@link #list(PageRequest)}.
	 * @param page the page
	 * @return a {@code Mono} of the page
	 */
	public Mono<ListFinetunedModelsResponse> listAsync(PageRequest page) {
		return callAsync(listCall(page));
	}

	/**
	 * Reads every fine-tuned model, page after page as the items are consumed (cold: each
	 * subscription starts again at the first page).
	 * @param first the first page, its size and order
	 * @return a {@code Flux} of every model
	 */
	public Flux<FinetunedModel> listAll(PageRequest first) {
		return allPages(first, this::listAsync, ListFinetunedModelsResponse::finetunedModels,
				ListFinetunedModelsResponse::nextPageToken);
	}

	/**
	 * Trains and deploys a fine-tuned model; blocks.
	 * @param model the name and settings (base model, dataset, hyper-parameters)
	 * @return the new model, with its id and status
	 */
	public FinetunedModel create(FinetunedModel model) {
		return unwrap(call(createCall(model)));
	}

	/**
	 * Reactive form of {@link #create(FinetunedModel)}.
	 * @param model the name and settings
	 * @return a {@code Mono} of the new model
	 */
	public Mono<FinetunedModel> createAsync(FinetunedModel model) {
		return callAsync(createCall(model)).map(FineTuningApi::unwrap);
	}

	/**
	 * Reads a fine-tuned model; blocks.
	 * @param id the model id
	 * @return the model
	 */
	public FinetunedModel get(String id) {
		return unwrap(call(getCall(id)));
	}

	/**
	 * Reactive form of {@link #get(String)}.
	 * @param id the model id
	 * @return a {@code Mono} of the model
	 */
	public Mono<FinetunedModel> getAsync(String id) {
		return callAsync(getCall(id)).map(FineTuningApi::unwrap);
	}

	/**
	 * Updates a fine-tuned model (its name, settings or status); blocks.
	 * @param id the model id
	 * @param model the new values (name and settings are required by the API)
	 * @return the updated model
	 */
	public FinetunedModel update(String id, FinetunedModel model) {
		return unwrap(call(updateCall(id, model)));
	}

	/**
	 * Reactive form of {@link #update(String, FinetunedModel)}.
	 * @param id the model id
	 * @param model the new values
	 * @return a {@code Mono} of the updated model
	 */
	public Mono<FinetunedModel> updateAsync(String id, FinetunedModel model) {
		return callAsync(updateCall(id, model)).map(FineTuningApi::unwrap);
	}

	/**
	 * Deletes a fine-tuned model; blocks.
	 * @param id the model id
	 */
	public void delete(String id) {
		call(deleteCall(id));
	}

	/**
	 * Reactive form of {@link #delete(String)}.
	 * @param id the model id
	 * @return a {@code Mono} that completes when the model is deleted
	 */
	public Mono<Void> deleteAsync(String id) {
		return callAsync(deleteCall(id)).then();
	}

	/**
	 * Lists one page of the status changes of a fine-tuned model; blocks.
	 * @param id the model id
	 * @param page the page, size and order
	 * @return the page
	 */
	public ListEventsResponse listEvents(String id, PageRequest page) {
		return call(eventsCall(id, page));
	}

	/**
	 * Reactive form of {@link #listEvents(String, PageRequest)}.
	 * @param id the model id
	 * @param page the page
	 * @return a {@code Mono} of the page
	 */
	public Mono<ListEventsResponse> listEventsAsync(String id, PageRequest page) {
		return callAsync(eventsCall(id, page));
	}

	/**
	 * Lists one page of the training-step metrics of a fine-tuned model; blocks.
	 * @param id the model id
	 * @param page the page and size (no order)
	 * @return the page
	 */
	public ListTrainingStepMetricsResponse listTrainingStepMetrics(String id, PageRequest page) {
		return call(metricsCall(id, page));
	}

	/**
	 * Reactive form of {@link #listTrainingStepMetrics(String, PageRequest)}.
	 * @param id the model id
	 * @param page the page
	 * @return a {@code Mono} of the page
	 */
	public Mono<ListTrainingStepMetricsResponse> listTrainingStepMetricsAsync(String id, PageRequest page) {
		return callAsync(metricsCall(id, page));
	}

	private static PlatformCall<ListFinetunedModelsResponse> listCall(PageRequest page) {
		Objects.requireNonNull(page, "'page' must not be null");
		return new PlatformCall<>(Capability.FINE_TUNING, "ListFinetunedModels", "GET",
				PlatformCall.query(MODELS, page.queryParameters(true)), null, null, ListFinetunedModelsResponse.class,
				RequestOptions.none());
	}

	private static PlatformCall<FinetunedModelResponse> createCall(FinetunedModel model) {
		Objects.requireNonNull(model, "'model' must not be null");
		if (model.name() == null || model.settings() == null) {
			throw new IllegalArgumentException("Creating a fine-tuned model needs a name and settings (base model and "
					+ "dataset id); set them on FinetunedModel.builder()");
		}
		return new PlatformCall<>(Capability.FINE_TUNING, "CreateFinetunedModel", "POST", MODELS, model, null,
				FinetunedModelResponse.class, RequestOptions.none());
	}

	private static PlatformCall<FinetunedModelResponse> getCall(String id) {
		return new PlatformCall<>(Capability.FINE_TUNING, "GetFinetunedModel", "GET",
				PlatformCall.path(MODEL, requireId(id, "id")), null, null, FinetunedModelResponse.class,
				RequestOptions.none());
	}

	private static PlatformCall<FinetunedModelResponse> updateCall(String id, FinetunedModel model) {
		Objects.requireNonNull(model, "'model' must not be null");
		return new PlatformCall<>(Capability.FINE_TUNING, "UpdateFinetunedModel", "PATCH",
				PlatformCall.path(MODEL, requireId(id, "id")), model, null, FinetunedModelResponse.class,
				RequestOptions.none());
	}

	@SuppressWarnings("rawtypes")
	private static PlatformCall<Map> deleteCall(String id) {
		return new PlatformCall<>(Capability.FINE_TUNING, "DeleteFinetunedModel", "DELETE",
				PlatformCall.path(MODEL, requireId(id, "id")), null, null, Map.class, RequestOptions.none());
	}

	private static PlatformCall<ListEventsResponse> eventsCall(String id, PageRequest page) {
		Objects.requireNonNull(page, "'page' must not be null");
		return new PlatformCall<>(
				Capability.FINE_TUNING, "ListEvents", "GET", PlatformCall
					.query(PlatformCall.path(MODEL + "/events", requireId(id, "id")), page.queryParameters(true)),
				null, null, ListEventsResponse.class, RequestOptions.none());
	}

	private static PlatformCall<ListTrainingStepMetricsResponse> metricsCall(String id, PageRequest page) {
		Objects.requireNonNull(page, "'page' must not be null");
		return new PlatformCall<>(Capability.FINE_TUNING, "ListTrainingStepMetrics", "GET",
				PlatformCall.query(PlatformCall.path(MODEL + "/training-step-metrics", requireId(id, "id")),
						page.queryParameters(false)),
				null, null, ListTrainingStepMetricsResponse.class, RequestOptions.none());
	}

	private static FinetunedModel unwrap(FinetunedModelResponse response) {
		FinetunedModel model = response.finetunedModel();
		if (model == null) {
			throw new dev.springcohere.api.error.CohereMalformedResponseException(
					"The answer has no 'finetuned_model': " + response, String.valueOf(response), null);
		}
		return model;
	}

}
