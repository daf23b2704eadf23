package dev.springcohere.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.client.CohereClient;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.embedding.EmbeddingResponseMetadata;
import org.springframework.ai.embedding.observation.DefaultEmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationContext;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationConvention;
import org.springframework.ai.embedding.observation.EmbeddingModelObservationDocumentation;

/**
 * Spring AI {@link EmbeddingModel} on Cohere's v2 embed (float vectors), through a
 * {@link CohereClient} (which sends at most its batch size, 96 by default, texts per
 * call).
 * <p>
 * Input type follows the call: documents, text lists and {@link #call(EmbeddingRequest)}
 * are embedded as {@code search_document}, {@link #embed(String)} as
 * {@code search_query}, so that queries and documents match; only an input type in the
 * options of the request itself replaces that choice (the default options' input type,
 * like {@code cohere.embed.input-type}, does not, since one type cannot suit both
 * documents and queries). The model sends complete requests: the client's request
 * defaults other than the models are not added.
 *
 * @since 0.1.0
 */
public final class CohereEmbeddingModel implements EmbeddingModel {

	private static final Map<String, Integer> KNOWN_DIMENSIONS = Map.of("embed-v4.0", 1536, "embed-english-v3.0", 1024,
			"embed-multilingual-v3.0", 1024, "embed-english-light-v3.0", 384, "embed-multilingual-light-v3.0", 384);

	private final CohereClient client;

	private static final EmbeddingModelObservationConvention DEFAULT_OBSERVATION_CONVENTION = new DefaultEmbeddingModelObservationConvention();

	private final CohereEmbeddingOptions defaultOptions;

	private final ObservationRegistry observationRegistry;

	private final @Nullable EmbeddingModelObservationConvention observationConvention;

	/**
	 * Creates a model with the given default options that records one
	 * {@code gen_ai.client.operation} observation per call.
	 * @param client the client to call
	 * @param defaultOptions the default options
	 * @param observationRegistry the registry
	 * @param observationConvention a convention replacing Spring AI's default one, or
	 * {@code null}
	 */
	public CohereEmbeddingModel(CohereClient client, CohereEmbeddingOptions defaultOptions,
			ObservationRegistry observationRegistry,
			@Nullable EmbeddingModelObservationConvention observationConvention) {
		Objects.requireNonNull(client, "'client' must not be null");
		this.client = client.withRequestDefaults(client.requestDefaults().modelsOnly());
		this.defaultOptions = Objects.requireNonNull(defaultOptions, "'defaultOptions' must not be null");
		this.observationRegistry = Objects.requireNonNull(observationRegistry,
				"'observationRegistry' must not be null");
		this.observationConvention = observationConvention;
	}

	/**
	 * Creates a model with the given default options, without observations.
	 * @param client the client to call
	 * @param defaultOptions the default options
	 */
	public CohereEmbeddingModel(CohereClient client, CohereEmbeddingOptions defaultOptions) {
		this(client, defaultOptions, ObservationRegistry.NOOP, null);
	}

	/**
	 * Creates a model with empty default options (the client's default embed model).
	 * @param client the client to call
	 */
	public CohereEmbeddingModel(CohereClient client) {
		this(client, CohereEmbeddingOptions.builder().build());
	}

	/**
	 * Returns the default options.
	 * @return the default options
	 */
	public CohereEmbeddingOptions getOptions() {
		return this.defaultOptions;
	}

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return embed(request.getInstructions(), request.getOptions(), EmbedInputType.SEARCH_DOCUMENT);
	}

	@Override
	public float[] embed(String text) {
		Objects.requireNonNull(text, "'text' must not be null");
		return embed(List.of(text), null, EmbedInputType.SEARCH_QUERY).getResult().getOutput();
	}

	@Override
	public float[] embed(Document document) {
		Objects.requireNonNull(document, "'document' must not be null");
		return embed(List.of(getEmbeddingContent(document)), null, EmbedInputType.SEARCH_DOCUMENT).getResult()
			.getOutput();
	}

	@Override
	public int dimensions() {
		if (this.defaultOptions.dimensions() != null) {
			return this.defaultOptions.dimensions();
		}
		String model = (this.defaultOptions.model() != null) ? this.defaultOptions.model()
				: this.client.requestDefaults().embedModel();
		Integer known = KNOWN_DIMENSIONS.get(model);
		return (known != null) ? known : EmbeddingModel.super.dimensions();
	}

	private EmbeddingResponse embed(List<String> texts, @Nullable EmbeddingOptions requestOptions,
			EmbedInputType fallbackInputType) {
		if (texts.isEmpty()) {
			return new EmbeddingResponse(List.of());
		}
		CohereEmbeddingOptions options = this.defaultOptions.merge(requestOptions);
		EmbedRequest embedRequest = EmbedRequest.builder()
			.model(options.model())
			.inputType(inputType(requestOptions, fallbackInputType))
			.texts(texts)
			.outputDimension(options.dimensions())
			.embeddingTypes(EmbeddingType.FLOAT)
			.build();
		String model = (embedRequest.model() != null) ? embedRequest.model()
				: this.client.requestDefaults().embedModel();
		EmbeddingModelObservationContext context = EmbeddingModelObservationContext.builder()
			.embeddingRequest(new EmbeddingRequest(texts, options.mutate().model(model).build()))
			.provider(CohereChatModel.PROVIDER)
			.build();
		return EmbeddingModelObservationDocumentation.EMBEDDING_MODEL_OPERATION
			.observation(this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context,
					this.observationRegistry)
			.observe(() -> {
				EmbeddingResponse response = toResponse(this.client.embed(embedRequest), texts.size(), model);
				context.setResponse(response);
				return response;
			});
	}

	private static EmbedInputType inputType(@Nullable EmbeddingOptions requestOptions, EmbedInputType byCall) {
		if (requestOptions instanceof CohereEmbeddingOptions cohere && cohere.inputType() != null) {
			return cohere.inputType();
		}
		return byCall;
	}

	private static EmbeddingResponse toResponse(EmbedResponse response, int count, String model) {
		List<List<Double>> vectors = response.embeddings().floats();
		if (vectors.size() != count) {
			throw new IllegalStateException(
					"Cohere returned " + vectors.size() + " float embeddings for " + count + " texts");
		}
		List<Embedding> embeddings = new ArrayList<>(vectors.size());
		for (int i = 0; i < vectors.size(); i++) {
			embeddings.add(new Embedding(response.embeddings().floatVector(i), i));
		}
		DefaultUsage usage = new DefaultUsage(inputTokens(response), 0);
		return new EmbeddingResponse(embeddings, new EmbeddingResponseMetadata(model, usage));
	}

	private static int inputTokens(EmbedResponse response) {
		if (response.meta() == null || response.meta().billedUnits() == null
				|| response.meta().billedUnits().inputTokens() == null) {
			return 0;
		}
		return (int) Math.round(response.meta().billedUnits().inputTokens());
	}

	@Override
	public String toString() {
		return "CohereEmbeddingModel{defaultOptions=" + this.defaultOptions + "}";
	}

}
