package dev.springcohere.client.observation;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import dev.springcohere.api.ApiMeta;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.CheckApiKeyResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.Usage;
import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.DelegatingCohereBackend;
import dev.springcohere.backend.PlatformCall;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records a Micrometer {@link Observation} around each chat, stream, embed and rerank
 * call of a backend, as {@link CohereBackendObservationDocumentation#BACKEND_OPERATION}
 * describes (named {@value DefaultCohereBackendObservationConvention#NAME} by the default
 * convention, distinct from Spring AI's model-level observation), and around each call of
 * Cohere's platform API (fine-tuning, datasets, embed jobs, batches, connectors, a
 * model's details, classify, audio, check-api-key), as
 * {@link CoherePlatformObservationDocumentation#PLATFORM_OPERATION} describes (named
 * {@value DefaultCoherePlatformObservationConvention#NAME}). Prompts and answers are
 * never recorded. Closing it does not close the delegate. <pre>{@code
 * CohereClient client = CohereClient.builder().decorateBackend((backend) -> new ObservedCohereBackend(backend, registry))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ObservedCohereBackend extends DelegatingCohereBackend {

	private static final CohereBackendObservationConvention DEFAULT_CONVENTION = new DefaultCohereBackendObservationConvention();

	private final ObservationRegistry registry;

	private static final CoherePlatformObservationConvention DEFAULT_PLATFORM_CONVENTION = new DefaultCoherePlatformObservationConvention();

	private final @Nullable CohereBackendObservationConvention convention;

	private final @Nullable CoherePlatformObservationConvention platformConvention;

	/**
	 * Creates an observed backend with the default convention.
	 * @param delegate the backend doing the work
	 * @param registry the registry the observations go to
	 */
	public ObservedCohereBackend(CohereBackend delegate, ObservationRegistry registry) {
		this(delegate, registry, null);
	}

	/**
	 * Creates an observed backend.
	 * @param delegate the backend doing the work
	 * @param registry the registry the observations go to
	 * @param convention a convention replacing the default one, or {@code null}
	 */
	public ObservedCohereBackend(CohereBackend delegate, ObservationRegistry registry,
			@Nullable CohereBackendObservationConvention convention) {
		this(delegate, registry, convention, null);
	}

	/**
	 * Creates an observed backend with conventions for both observations.
	 * @param delegate the backend doing the work
	 * @param registry the registry the observations go to
	 * @param convention a convention replacing the default one of chat, embed and rerank
	 * calls, or {@code null}
	 * @param platformConvention a convention replacing the default one of platform API
	 * calls, or {@code null}
	 * @since 0.1.0
	 */
	public ObservedCohereBackend(CohereBackend delegate, ObservationRegistry registry,
			@Nullable CohereBackendObservationConvention convention,
			@Nullable CoherePlatformObservationConvention platformConvention) {
		super(delegate);
		this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
		this.convention = convention;
		this.platformConvention = platformConvention;
	}

	/**
	 * Observes a platform API call as {@code cohere.platform.operation}.
	 */
	@Override
	public <T> RawResponse<T> execute(PlatformCall<T> call) {
		return observe(platformObservation(call.capability(), call.operationId()), () -> super.execute(call),
				(observation, response) -> status(observation, response.status()));
	}

	@Override
	public <T> Mono<RawResponse<T>> executeAsync(PlatformCall<T> call) {
		return observeMono(() -> platformObservation(call.capability(), call.operationId()),
				() -> super.executeAsync(call), (observation, response) -> status(observation, response.status()));
	}

	@Override
	public CheckApiKeyResponse checkApiKey() {
		return observe(platformObservation(Capability.CHECK_API_KEY, "check-api-key"), super::checkApiKey,
				(observation, response) -> status(observation, 200));
	}

	private Observation platformObservation(Capability capability, String operation) {
		CoherePlatformObservationContext context = new CoherePlatformObservationContext(capability.id(), operation,
				getDelegate().id());
		return CoherePlatformObservationDocumentation.PLATFORM_OPERATION.observation(this.platformConvention,
				DEFAULT_PLATFORM_CONVENTION, () -> context, this.registry);
	}

	private static void status(Observation observation, int status) {
		if (observation.getContext() instanceof CoherePlatformObservationContext context) {
			context.setStatus(status);
		}
	}

	private Observation observation(String operation, @Nullable String model, boolean stream) {
		CohereBackendObservationContext context = new CohereBackendObservationContext(operation, getDelegate().id(),
				model, stream);
		return CohereBackendObservationDocumentation.BACKEND_OPERATION.observation(this.convention, DEFAULT_CONVENTION,
				() -> context, this.registry);
	}

	private static void usage(Observation observation, @Nullable Usage usage) {
		if (usage != null && usage.tokens() != null
				&& observation.getContext() instanceof CohereBackendObservationContext context) {
			context.setInputTokens(usage.inputTokens());
			context.setOutputTokens(usage.outputTokens());
		}
	}

	private static void meta(Observation observation, @Nullable ApiMeta meta) {
		if (meta != null && meta.billedUnits() != null && meta.billedUnits().inputTokens() != null
				&& observation.getContext() instanceof CohereBackendObservationContext context) {
			context.setInputTokens(Math.round(meta.billedUnits().inputTokens()));
		}
	}

	private <T> T observe(Observation observation, Supplier<T> call, BiConsumer<Observation, T> recorder) {
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			T result = call.get();
			recorder.accept(observation, result);
			return result;
		}
		catch (RuntimeException ex) {
			failed(observation, ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private <T> Mono<T> observeMono(Supplier<Observation> observation, Supplier<Mono<T>> call,
			BiConsumer<Observation, T> recorder) {
		return Mono.defer(() -> {
			Observation current = observation.get().start();
			return call.get()
				.doOnNext((result) -> recorder.accept(current, result))
				.doOnError((ex) -> failed(current, ex))
				.doOnTerminate(current::stop)
				.doOnCancel(current::stop);
		});
	}

	private static void failed(Observation observation, Throwable failure) {
		if (failure instanceof CohereApiException api) {
			status(observation, api.getStatusCode());
		}
		observation.error(failure);
	}

	@Override
	public ChatResponse chat(ChatRequest request) {
		return observe(observation("chat", request.model(), false), () -> getDelegate().chat(request),
				(observation, response) -> usage(observation, response.usage()));
	}

	@Override
	public Mono<ChatResponse> chatAsync(ChatRequest request) {
		return observeMono(() -> observation("chat", request.model(), false), () -> getDelegate().chatAsync(request),
				(observation, response) -> usage(observation, response.usage()));
	}

	@Override
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		return observeStream(request, () -> getDelegate().chatStream(request));
	}

	/**
	 * Observes a stream with options from the subscription of its events to their end.
	 */
	@Override
	public Mono<RawResponse<Flux<StreamEvent>>> chatStreamRaw(ChatRequest request, RequestOptions options) {
		return getDelegate().chatStreamRaw(request, options)
			.map((raw) -> raw.map((events) -> observeStream(request, () -> events)));
	}

	@Override
	public Mono<RawResponse<ChatResponse>> chatRaw(ChatRequest request, RequestOptions options) {
		return observeMono(() -> observation("chat", request.model(), false),
				() -> getDelegate().chatRaw(request, options),
				(observation, response) -> usage(observation, response.body().usage()));
	}

	@Override
	public Mono<RawResponse<EmbedResponse>> embedRaw(EmbedRequest request, RequestOptions options) {
		return observeMono(() -> observation("embeddings", request.model(), false),
				() -> getDelegate().embedRaw(request, options),
				(observation, response) -> meta(observation, response.body().meta()));
	}

	@Override
	public Mono<RawResponse<RerankResponse>> rerankRaw(RerankRequest request, RequestOptions options) {
		return observeMono(() -> observation("rerank", request.model(), false),
				() -> getDelegate().rerankRaw(request, options),
				(observation, response) -> meta(observation, response.body().meta()));
	}

	private Flux<StreamEvent> observeStream(ChatRequest request, Supplier<Flux<StreamEvent>> stream) {
		return Flux.defer(() -> {
			Observation observation = observation("chat", request.model(), true).start();
			AtomicReference<@Nullable Usage> usage = new AtomicReference<>();
			AtomicBoolean stopped = new AtomicBoolean();
			Runnable stop = () -> {
				if (stopped.compareAndSet(false, true)) {
					usage(observation, usage.get());
					observation.stop();
				}
			};
			// stopped before the terminal signal goes downstream, so a subscriber that
			// has seen the end sees a stopped observation
			return stream.get().doOnNext((event) -> {
				if (event instanceof StreamEvent.MessageEnd end) {
					usage.set(end.usage());
				}
			}).doOnError(observation::error).doOnTerminate(stop).doOnCancel(stop);
		});
	}

	@Override
	public EmbedResponse embed(EmbedRequest request) {
		return observe(observation("embeddings", request.model(), false), () -> getDelegate().embed(request),
				(observation, response) -> meta(observation, response.meta()));
	}

	@Override
	public Mono<EmbedResponse> embedAsync(EmbedRequest request) {
		return observeMono(() -> observation("embeddings", request.model(), false),
				() -> getDelegate().embedAsync(request), (observation, response) -> meta(observation, response.meta()));
	}

	@Override
	public RerankResponse rerank(RerankRequest request) {
		return observe(observation("rerank", request.model(), false), () -> getDelegate().rerank(request),
				(observation, response) -> meta(observation, response.meta()));
	}

	@Override
	public Mono<RerankResponse> rerankAsync(RerankRequest request) {
		return observeMono(() -> observation("rerank", request.model(), false),
				() -> getDelegate().rerankAsync(request),
				(observation, response) -> meta(observation, response.meta()));
	}

}
