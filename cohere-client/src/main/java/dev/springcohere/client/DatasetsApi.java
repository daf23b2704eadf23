package dev.springcohere.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.datasets.CreateDatasetResponse;
import dev.springcohere.api.datasets.Dataset;
import dev.springcohere.api.datasets.DatasetUpload;
import dev.springcohere.api.datasets.DatasetUsage;
import dev.springcohere.api.datasets.DatasetValidationStatus;
import dev.springcohere.api.datasets.GetDatasetResponse;
import dev.springcohere.api.datasets.ListDatasetsRequest;
import dev.springcohere.api.datasets.ListDatasetsResponse;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.PlatformCall;
import dev.springcohere.http.MultipartBody;

/**
 * Cohere's datasets API ({@code /v1/datasets}): upload (a streamed multipart upload: the
 * file is read in chunks while it is sent, never whole), list, get, delete, the
 * organization's usage, and a wait for the validation. <pre>{@code
 * String id = client.datasets().create(DatasetUpload.builder()
 *     .name("support-chats").type(DatasetType.CHAT_FINETUNE_INPUT)
 *     .data(UploadFile.of(Path.of("chats.jsonl")))
 *     .build());
 * Dataset dataset = client.datasets().waitForValidation(id, WaitOptions.of(Duration.ofMinutes(10)),
 *     (state) -> System.out.println(state.validationStatus()));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class DatasetsApi extends PlatformApiView<DatasetsApi> {

	private static final String DATASETS = "/v1/datasets";

	private static final String DATASET = DATASETS + "/{id}";

	private static final JobWaiter<Dataset> VALIDATION = new JobWaiter<>("The validation of the dataset",
			(dataset) -> DatasetValidationStatus.VALIDATED.equals(dataset.validationStatus())
					|| DatasetValidationStatus.SKIPPED.equals(dataset.validationStatus()),
			Dataset::isFailed, (dataset) -> String.valueOf(dataset.validationStatus())
					+ ((dataset.validationError() != null) ? " (" + dataset.validationError() + ")" : ""));

	DatasetsApi(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		super(backend, options, rawSink);
	}

	@Override
	DatasetsApi copy(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		return new DatasetsApi(backend, options, rawSink);
	}

	/**
	 * Uploads a dataset, streaming its files; blocks. The validation runs afterwards (see
	 * {@link #waitForValidation}). An upload whose files all come from disk is retried as
	 * the client's retry policy allows; one read from an {@code InputStream} is not.
	 * @param upload the name, type, files and options
	 * @return the id of the new dataset
	 */
	public String create(DatasetUpload upload) {
		return id(call(createCall(upload)));
	}

	/**
	 * Reactive form of {@link #create(DatasetUpload)}.
	 * @param upload the upload
	 * @return a {@code Mono} of the id of the new dataset
	 */
	public Mono<String> createAsync(DatasetUpload upload) {
		return callAsync(createCall(upload)).map(DatasetsApi::id);
	}

	/**
	 * Lists datasets; blocks.
	 * @param request the filter and page
	 * @return the datasets
	 */
	public List<Dataset> list(ListDatasetsRequest request) {
		return call(listCall(request)).datasets();
	}

	/**
	 * Reactive form of {@link #list(ListDatasetsRequest)}.
	 * @param request the filter and page
	 * @return a {@code Mono} of the datasets
	 */
	public Mono<List<Dataset>> listAsync(ListDatasetsRequest request) {
		return callAsync(listCall(request)).map(ListDatasetsResponse::datasets);
	}

	/**
	 * Reads a dataset, with its validation status and error; blocks.
	 * @param id the dataset id
	 * @return the dataset
	 */
	public Dataset get(String id) {
		return dataset(call(getCall(id)));
	}

	/**
	 * Reactive form of {@link #get(String)}.
	 * @param id the dataset id
	 * @return a {@code Mono} of the dataset
	 */
	public Mono<Dataset> getAsync(String id) {
		return callAsync(getCall(id)).map(DatasetsApi::dataset);
	}

	/**
	 * Reads the storage the organization's datasets use; blocks.
	 * @return the usage
	 */
	public DatasetUsage usage() {
		return call(usageCall());
	}

	/**
	 * Reactive form of {@link #usage()}.
	 * @return a {@code Mono} of the usage
	 */
	public Mono<DatasetUsage> usageAsync() {
		return callAsync(usageCall());
	}

	/**
	 * Deletes a dataset; blocks.
	 * @param id the dataset id
	 */
	public void delete(String id) {
		call(deleteCall(id));
	}

	/**
	 * Reactive form of {@link #delete(String)}.
	 * @param id the dataset id
	 * @return a {@code Mono} that completes when the dataset is deleted
	 */
	public Mono<Void> deleteAsync(String id) {
		return callAsync(deleteCall(id)).then();
	}

	/**
	 * Polls a dataset until its validation ends; blocks.
	 * @param id the dataset id
	 * @param wait the timeout and polling intervals
	 * @param progress receives every state read
	 * @return the validated (or skipped) dataset
	 * @throws dev.springcohere.api.error.CohereJobFailedException when the validation
	 * failed (the dataset, with its {@code validation_error}, is the exception's job)
	 * @throws dev.springcohere.api.error.CohereWaitTimeoutException when it did not end
	 * in time
	 */
	public Dataset waitForValidation(String id, WaitOptions wait, Consumer<? super Dataset> progress) {
		Dataset dataset = waitForValidationAsync(id, wait, progress).block();
		return Objects.requireNonNull(dataset, "The wait completed without a dataset");
	}

	/**
	 * Polls a dataset until its validation ends, without progress callback; blocks.
	 * @param id the dataset id
	 * @param timeout the longest wait
	 * @return the validated (or skipped) dataset
	 */
	public Dataset waitForValidation(String id, Duration timeout) {
		return waitForValidation(id, WaitOptions.of(timeout), (dataset) -> {
		});
	}

	/**
	 * Reactive form of {@link #waitForValidation(String, WaitOptions, Consumer)}.
	 * @param id the dataset id
	 * @param wait the timeout and polling intervals
	 * @param progress receives every state read
	 * @return a {@code Mono} of the validated dataset
	 */
	public Mono<Dataset> waitForValidationAsync(String id, WaitOptions wait, Consumer<? super Dataset> progress) {
		return VALIDATION.waitFor(getAsync(id), wait, progress);
	}

	private static PlatformCall<CreateDatasetResponse> createCall(DatasetUpload upload) {
		Objects.requireNonNull(upload, "'upload' must not be null");
		MultipartBody.Builder body = MultipartBody.builder().part(part("data", upload.data()));
		if (upload.evalData() != null) {
			body.part(part("eval_data", upload.evalData()));
		}
		return new PlatformCall<>(Capability.DATASETS, "create-dataset", "POST",
				PlatformCall.query(DATASETS, upload.queryParameters()), null, body.build(), CreateDatasetResponse.class,
				RequestOptions.none());
	}

	private static PlatformCall<ListDatasetsResponse> listCall(ListDatasetsRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		Map<String, @Nullable Object> query = new LinkedHashMap<>();
		query.put("datasetType", request.datasetType());
		query.put("before", request.before());
		query.put("after", request.after());
		query.put("limit", request.limit());
		query.put("offset", request.offset());
		query.put("validationStatus", request.validationStatus());
		query.putAll(request.extra());
		return new PlatformCall<>(Capability.DATASETS, "list-datasets", "GET", PlatformCall.query(DATASETS, query),
				null, null, ListDatasetsResponse.class, RequestOptions.none());
	}

	private static PlatformCall<GetDatasetResponse> getCall(String id) {
		return new PlatformCall<>(Capability.DATASETS, "get-dataset", "GET",
				PlatformCall.path(DATASET, requireId(id, "id")), null, null, GetDatasetResponse.class,
				RequestOptions.none());
	}

	private static PlatformCall<DatasetUsage> usageCall() {
		return new PlatformCall<>(Capability.DATASETS, "get-dataset-usage", "GET", DATASETS + "/usage", null, null,
				DatasetUsage.class, RequestOptions.none());
	}

	@SuppressWarnings("rawtypes")
	private static PlatformCall<Map> deleteCall(String id) {
		return new PlatformCall<>(Capability.DATASETS, "delete-dataset", "DELETE",
				PlatformCall.path(DATASET, requireId(id, "id")), null, null, Map.class, RequestOptions.none());
	}

	private static String id(CreateDatasetResponse response) {
		if (response.id() == null) {
			throw new dev.springcohere.api.error.CohereMalformedResponseException(
					"The answer to a dataset upload has no 'id': " + response, String.valueOf(response), null);
		}
		return response.id();
	}

	private static Dataset dataset(GetDatasetResponse response) {
		if (response.dataset() == null) {
			throw new dev.springcohere.api.error.CohereMalformedResponseException(
					"The answer has no 'dataset': " + response, String.valueOf(response), null);
		}
		return response.dataset();
	}

}
