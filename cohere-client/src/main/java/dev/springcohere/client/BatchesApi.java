package dev.springcohere.client;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.springcohere.api.PageRequest;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.batches.Batch;
import dev.springcohere.api.batches.BatchResponse;
import dev.springcohere.api.batches.BatchStatus;
import dev.springcohere.api.batches.ListBatchesResponse;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.PlatformCall;

/**
 * Cohere's batches API ({@code /v2/batches}): run the requests of a dataset
 * asynchronously; create, list, get, cancel, and wait for the end. <pre>{@code
 * Batch batch = client.batches().create(Batch.builder()
 *     .name("nightly").inputDatasetId(datasetId).model("command-a-03-2025").build());
 * Batch done = client.batches().waitFor(batch.id(), Duration.ofHours(2), (state) -> log(state.numRecords()));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class BatchesApi extends PlatformApiView<BatchesApi> {

	private static final String BATCHES = "/v2/batches";

	private static final String BATCH = BATCHES + "/{id}";

	private static final JobWaiter<Batch> WAITER = new JobWaiter<>("The batch",
			(batch) -> BatchStatus.COMPLETED.equals(batch.status()),
			(batch) -> BatchStatus.FAILED.equals(batch.status()) || BatchStatus.CANCELED.equals(batch.status()),
			(batch) -> batch.status() + ((batch.statusReason() != null) ? " (" + batch.statusReason() + ")" : ""));

	BatchesApi(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		super(backend, options, rawSink);
	}

	@Override
	BatchesApi copy(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		return new BatchesApi(backend, options, rawSink);
	}

	/**
	 * Creates a batch; blocks.
	 * @param batch the name, input dataset and model
	 * @return the new batch, with its id and status
	 */
	public Batch create(Batch batch) {
		return unwrap(call(createCall(batch)));
	}

	/**
	 * Reactive form of {@link #create(Batch)}.
	 * @param batch the batch
	 * @return a {@code Mono} of the new batch
	 */
	public Mono<Batch> createAsync(Batch batch) {
		return callAsync(createCall(batch)).map(BatchesApi::unwrap);
	}

	/**
	 * Lists one page of batches; blocks.
	 * @param page the page, size and order
	 * @return the page
	 */
	public ListBatchesResponse list(PageRequest page) {
		return call(listCall(page));
	}

	/**
	 * Reactive form of {@link #list(PageRequest)}.
	 * @param page the page
	 * @return a {@code Mono} of the page
	 */
	public Mono<ListBatchesResponse> listAsync(PageRequest page) {
		return callAsync(listCall(page));
	}

	/**
	 * Reads every batch, page after page as the items are consumed (cold: each
	 * subscription starts again at the first page).
	 * @param first the first page, its size and order
	 * @return a {@code Flux} of every batch
	 */
	public Flux<Batch> listAll(PageRequest first) {
		return allPages(first, this::listAsync, ListBatchesResponse::batches, ListBatchesResponse::nextPageToken);
	}

	/**
	 * Reads a batch; blocks.
	 * @param id the batch id
	 * @return the batch
	 */
	public Batch get(String id) {
		return unwrap(call(getCall(id)));
	}

	/**
	 * Reactive form of {@link #get(String)}.
	 * @param id the batch id
	 * @return a {@code Mono} of the batch
	 */
	public Mono<Batch> getAsync(String id) {
		return callAsync(getCall(id)).map(BatchesApi::unwrap);
	}

	/**
	 * Cancels a batch; blocks.
	 * @param id the batch id
	 */
	public void cancel(String id) {
		call(cancelCall(id));
	}

	/**
	 * Reactive form of {@link #cancel(String)}.
	 * @param id the batch id
	 * @return a {@code Mono} that completes when the cancellation is accepted
	 */
	public Mono<Void> cancelAsync(String id) {
		return callAsync(cancelCall(id)).then();
	}

	/**
	 * Polls a batch until it ends; blocks.
	 * @param id the batch id
	 * @param wait the timeout and polling intervals
	 * @param progress receives every state read
	 * @return the completed batch
	 * @throws dev.springcohere.api.error.CohereJobFailedException when the batch failed
	 * or was cancelled
	 * @throws dev.springcohere.api.error.CohereWaitTimeoutException when it did not end
	 * in time
	 */
	public Batch waitFor(String id, WaitOptions wait, Consumer<? super Batch> progress) {
		return Objects.requireNonNull(waitForAsync(id, wait, progress).block(), "The wait completed without a batch");
	}

	/**
	 * Polls a batch until it ends, with the default intervals; blocks.
	 * @param id the batch id
	 * @param timeout the longest wait
	 * @param progress receives every state read
	 * @return the completed batch
	 */
	public Batch waitFor(String id, Duration timeout, Consumer<? super Batch> progress) {
		return waitFor(id, WaitOptions.of(timeout), progress);
	}

	/**
	 * Reactive form of {@link #waitFor(String, WaitOptions, Consumer)}.
	 * @param id the batch id
	 * @param wait the timeout and polling intervals
	 * @param progress receives every state read
	 * @return a {@code Mono} of the completed batch
	 */
	public Mono<Batch> waitForAsync(String id, WaitOptions wait, Consumer<? super Batch> progress) {
		return WAITER.waitFor(getAsync(id), wait, progress);
	}

	private static PlatformCall<BatchResponse> createCall(Batch batch) {
		Objects.requireNonNull(batch, "'batch' must not be null");
		if (batch.name() == null || batch.inputDatasetId() == null || batch.model() == null) {
			throw new IllegalArgumentException(
					"Creating a batch needs a name, an input dataset id and a model; set " + "them on Batch.builder()");
		}
		return new PlatformCall<>(Capability.BATCHES, "CreateBatch", "POST", BATCHES, batch, null, BatchResponse.class,
				RequestOptions.none());
	}

	private static PlatformCall<ListBatchesResponse> listCall(PageRequest page) {
		Objects.requireNonNull(page, "'page' must not be null");
		return new PlatformCall<>(Capability.BATCHES, "ListBatches", "GET",
				PlatformCall.query(BATCHES, page.queryParameters(true)), null, null, ListBatchesResponse.class,
				RequestOptions.none());
	}

	private static PlatformCall<BatchResponse> getCall(String id) {
		return new PlatformCall<>(Capability.BATCHES, "GetBatch", "GET", PlatformCall.path(BATCH, requireId(id, "id")),
				null, null, BatchResponse.class, RequestOptions.none());
	}

	@SuppressWarnings("rawtypes")
	private static PlatformCall<Map> cancelCall(String id) {
		return new PlatformCall<>(Capability.BATCHES, "CancelBatch", "POST",
				PlatformCall.path(BATCH + ":cancel", requireId(id, "id")), null, null, Map.class,
				RequestOptions.none());
	}

	private static Batch unwrap(BatchResponse response) {
		if (response.batch() == null) {
			throw new CohereMalformedResponseException("The answer has no 'batch': " + response,
					String.valueOf(response), null);
		}
		return response.batch();
	}

}
