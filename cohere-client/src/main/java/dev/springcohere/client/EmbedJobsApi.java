package dev.springcohere.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.embedjobs.CreateEmbedJobRequest;
import dev.springcohere.api.embedjobs.CreateEmbedJobResponse;
import dev.springcohere.api.embedjobs.EmbedJob;
import dev.springcohere.api.embedjobs.EmbedJobStatus;
import dev.springcohere.api.embedjobs.ListEmbedJobsResponse;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.PlatformCall;

/**
 * Cohere's embed jobs API ({@code /v1/embed-jobs}): embed a whole dataset of type
 * {@code embed-input} asynchronously; create, list, get, cancel, and wait for the end.
 * <pre>{@code
 * String jobId = client.embedJobs().create(CreateEmbedJobRequest.builder()
 *     .model("embed-v4.0").datasetId(datasetId).inputType(EmbedInputType.SEARCH_DOCUMENT).build()).jobId();
 * EmbedJob done = client.embedJobs().waitFor(jobId, WaitOptions.of(Duration.ofMinutes(30)),
 *     (job) -> System.out.println(job.status()));
 * String embeddings = done.outputDatasetId();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EmbedJobsApi extends PlatformApiView<EmbedJobsApi> {

	private static final String JOBS = "/v1/embed-jobs";

	private static final String JOB = JOBS + "/{id}";

	private static final JobWaiter<EmbedJob> WAITER = new JobWaiter<>("The embed job",
			(job) -> EmbedJobStatus.COMPLETE.equals(job.status()),
			(job) -> EmbedJobStatus.FAILED.equals(job.status()) || EmbedJobStatus.CANCELLED.equals(job.status()),
			(job) -> String.valueOf(job.status()));

	EmbedJobsApi(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		super(backend, options, rawSink);
	}

	@Override
	EmbedJobsApi copy(CohereBackend backend, RequestOptions options,
			@Nullable AtomicReference<@Nullable RawResponse<?>> rawSink) {
		return new EmbedJobsApi(backend, options, rawSink);
	}

	/**
	 * Starts an embed job; blocks.
	 * @param request the model, dataset and input type
	 * @return the answer, with the job id
	 */
	public CreateEmbedJobResponse create(CreateEmbedJobRequest request) {
		return call(createCall(request));
	}

	/**
	 * Reactive form of {@link #create(CreateEmbedJobRequest)}.
	 * @param request the request
	 * @return a {@code Mono} of the answer
	 */
	public Mono<CreateEmbedJobResponse> createAsync(CreateEmbedJobRequest request) {
		return callAsync(createCall(request));
	}

	/**
	 * Lists the organization's embed jobs; blocks.
	 * @return the jobs
	 */
	public List<EmbedJob> list() {
		return call(listCall()).embedJobs();
	}

	/**
	 * Reactive form of {@link #list()}.
	 * @return a {@code Mono} of the jobs
	 */
	public Mono<List<EmbedJob>> listAsync() {
		return callAsync(listCall()).map(ListEmbedJobsResponse::embedJobs);
	}

	/**
	 * Reads an embed job; blocks.
	 * @param id the job id
	 * @return the job
	 */
	public EmbedJob get(String id) {
		return call(getCall(id));
	}

	/**
	 * Reactive form of {@link #get(String)}.
	 * @param id the job id
	 * @return a {@code Mono} of the job
	 */
	public Mono<EmbedJob> getAsync(String id) {
		return callAsync(getCall(id));
	}

	/**
	 * Cancels an embed job (embeddings already made are not returned); blocks.
	 * @param id the job id
	 */
	public void cancel(String id) {
		call(cancelCall(id));
	}

	/**
	 * Reactive form of {@link #cancel(String)}.
	 * @param id the job id
	 * @return a {@code Mono} that completes when the cancellation is accepted
	 */
	public Mono<Void> cancelAsync(String id) {
		return callAsync(cancelCall(id)).then();
	}

	/**
	 * Polls an embed job until it ends; blocks.
	 * @param id the job id
	 * @param wait the timeout and polling intervals
	 * @param progress receives every state read
	 * @return the completed job
	 * @throws dev.springcohere.api.error.CohereJobFailedException when the job failed or
	 * was cancelled
	 * @throws dev.springcohere.api.error.CohereWaitTimeoutException when it did not end
	 * in time
	 */
	public EmbedJob waitFor(String id, WaitOptions wait, Consumer<? super EmbedJob> progress) {
		return Objects.requireNonNull(waitForAsync(id, wait, progress).block(), "The wait completed without a job");
	}

	/**
	 * Polls an embed job until it ends, with the default intervals; blocks.
	 * @param id the job id
	 * @param timeout the longest wait
	 * @param progress receives every state read
	 * @return the completed job
	 */
	public EmbedJob waitFor(String id, Duration timeout, Consumer<? super EmbedJob> progress) {
		return waitFor(id, WaitOptions.of(timeout), progress);
	}

	/**
	 * Reactive form of {@link #waitFor(String, WaitOptions, Consumer)}.
	 * @param id the job id
	 * @param wait the timeout and polling intervals
	 * @param progress receives every state read
	 * @return a {@code Mono} of the completed job
	 */
	public Mono<EmbedJob> waitForAsync(String id, WaitOptions wait, Consumer<? super EmbedJob> progress) {
		return WAITER.waitFor(getAsync(id), wait, progress);
	}

	private static PlatformCall<CreateEmbedJobResponse> createCall(CreateEmbedJobRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return new PlatformCall<>(Capability.EMBED_JOBS, "create-embed-job", "POST", JOBS, request, null,
				CreateEmbedJobResponse.class, RequestOptions.none());
	}

	private static PlatformCall<ListEmbedJobsResponse> listCall() {
		return new PlatformCall<>(Capability.EMBED_JOBS, "list-embed-jobs", "GET", JOBS, null, null,
				ListEmbedJobsResponse.class, RequestOptions.none());
	}

	private static PlatformCall<EmbedJob> getCall(String id) {
		return new PlatformCall<>(Capability.EMBED_JOBS, "get-embed-job", "GET",
				PlatformCall.path(JOB, requireId(id, "id")), null, null, EmbedJob.class, RequestOptions.none());
	}

	@SuppressWarnings("rawtypes")
	private static PlatformCall<Map> cancelCall(String id) {
		return new PlatformCall<>(Capability.EMBED_JOBS, "cancel-embed-job", "POST",
				PlatformCall.path(JOB + "/cancel", requireId(id, "id")), null, null, Map.class, RequestOptions.none());
	}

}
