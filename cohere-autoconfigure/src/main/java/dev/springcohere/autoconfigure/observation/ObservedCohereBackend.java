package dev.springcohere.autoconfigure.observation;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import dev.springcohere.api.ApiMeta;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.Usage;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.DelegatingCohereBackend;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records a Micrometer {@link Observation} named {@value #OBSERVATION_NAME} around each chat, stream, embed and
 * rerank call of a backend, with the OpenTelemetry GenAI semantic convention keys: low cardinality
 * {@code gen_ai.operation.name}, {@code gen_ai.system} ({@code cohere}), {@code gen_ai.request.model},
 * {@code springcohere.backend}; high cardinality {@code gen_ai.usage.input_tokens},
 * {@code gen_ai.usage.output_tokens} when the answer reports them. Prompts and answers are never recorded. Closing it does not
 * close the delegate.
 *
 * @since 0.1.0
 */
public final class ObservedCohereBackend extends DelegatingCohereBackend {

	/** The observation name. */
	public static final String OBSERVATION_NAME = "gen_ai.client.operation";

	/** Key of the operation: {@code chat}, {@code embeddings} or {@code rerank}. */
	public static final String OPERATION_NAME = "gen_ai.operation.name";

	/** Key of the provider, always {@code cohere}. */
	public static final String SYSTEM = "gen_ai.system";

	/** Key of the requested model. */
	public static final String REQUEST_MODEL = "gen_ai.request.model";

	/** Key of whether the answer was streamed. */
	public static final String STREAM = "gen_ai.request.stream";

	/** Key of the backend id. */
	public static final String BACKEND = "springcohere.backend";

	/** Key of the input tokens. */
	public static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";

	/** Key of the output tokens. */
	public static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";

	private final ObservationRegistry registry;

	/**
	 * Creates an observed backend.
	 * @param delegate the backend doing the work
	 * @param registry the registry the observations go to
	 */
	public ObservedCohereBackend(CohereBackend delegate, ObservationRegistry registry) {
		super(delegate);
		this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
	}

	private Observation observation(String operation, @Nullable String model, boolean stream) {
		return Observation.createNotStarted(OBSERVATION_NAME, this.registry)
			.contextualName(operation + ((model != null) ? " " + model : ""))
			.lowCardinalityKeyValue(OPERATION_NAME, operation)
			.lowCardinalityKeyValue(SYSTEM, "cohere")
			.lowCardinalityKeyValue(REQUEST_MODEL, (model != null) ? model : "unknown")
			.lowCardinalityKeyValue(STREAM, Boolean.toString(stream))
			.lowCardinalityKeyValue(BACKEND, getDelegate().id());
	}

	private static void usage(Observation observation, @Nullable Usage usage) {
		if (usage != null && usage.tokens() != null) {
			observation.highCardinalityKeyValue(INPUT_TOKENS, Long.toString(usage.inputTokens()));
			observation.highCardinalityKeyValue(OUTPUT_TOKENS, Long.toString(usage.outputTokens()));
		}
	}

	private static void meta(Observation observation, @Nullable ApiMeta meta) {
		if (meta != null && meta.billedUnits() != null && meta.billedUnits().inputTokens() != null) {
			observation.highCardinalityKeyValue(INPUT_TOKENS,
					Long.toString(Math.round(meta.billedUnits().inputTokens())));
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
			observation.error(ex);
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
				.doOnError(current::error)
				.doOnTerminate(current::stop)
				.doOnCancel(current::stop);
		});
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
			// stopped before the terminal signal goes downstream, so a subscriber that has seen the end sees a
			// stopped observation
			return getDelegate().chatStream(request).doOnNext((event) -> {
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
				() -> getDelegate().rerankAsync(request), (observation, response) -> meta(observation, response.meta()));
	}





}
