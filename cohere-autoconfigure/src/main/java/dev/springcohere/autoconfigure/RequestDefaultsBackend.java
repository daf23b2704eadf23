package dev.springcohere.autoconfigure;

import java.util.List;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.DelegatingCohereBackend;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fills the request options configured under {@code cohere.chat.*}, {@code cohere.embed.*} and
 * {@code cohere.rerank.*} (temperature, max tokens, safety mode, input type, embedding types, dimensions, top n)
 * into requests that leave them unset, then delegates. A value set on the request always wins.
 */
final class RequestDefaultsBackend extends DelegatingCohereBackend {

	private final @Nullable Double temperature;

	private final @Nullable Integer maxTokens;

	private final @Nullable SafetyMode safetyMode;

	private final @Nullable EmbedInputType inputType;

	private final List<EmbeddingType> embeddingTypes;

	private final @Nullable Integer dimensions;

	private final @Nullable Integer topN;

	private RequestDefaultsBackend(CohereBackend delegate, CohereProperties properties) {
		super(delegate);
		this.temperature = properties.getChat().getTemperature();
		this.maxTokens = properties.getChat().getMaxTokens();
		String safety = properties.getChat().getSafetyMode();
		this.safetyMode = (safety != null && !safety.isBlank()) ? SafetyMode.of(safety.strip()) : null;
		String input = properties.getEmbed().getInputType();
		this.inputType = (input != null && !input.isBlank()) ? EmbedInputType.of(input.strip()) : null;
		this.embeddingTypes = properties.getEmbed()
			.getEmbeddingTypes()
			.stream()
			.map(String::strip)
			.map(EmbeddingType::of)
			.toList();
		this.dimensions = properties.getEmbed().getDimensions();
		this.topN = properties.getRerank().getTopN();
	}

	/**
	 * Wraps a backend when the properties configure at least one request default.
	 * @param delegate the backend
	 * @param properties the properties
	 * @return the backend itself, or a wrapper filling the defaults
	 */
	static CohereBackend wrapIfNeeded(CohereBackend delegate, CohereProperties properties) {
		RequestDefaultsBackend wrapper = new RequestDefaultsBackend(delegate, properties);
		return wrapper.hasDefaults() ? wrapper : delegate;
	}

	private boolean hasDefaults() {
		return this.temperature != null || this.maxTokens != null || this.safetyMode != null
				|| this.inputType != null || !this.embeddingTypes.isEmpty() || this.dimensions != null
				|| this.topN != null;
	}

	private ChatRequest fill(ChatRequest request) {
		if ((this.temperature == null || request.temperature() != null)
				&& (this.maxTokens == null || request.maxTokens() != null)
				&& (this.safetyMode == null || request.safetyMode() != null)) {
			return request;
		}
		ChatRequest.Builder builder = request.mutate();
		if (request.temperature() == null && this.temperature != null) {
			builder.temperature(this.temperature);
		}
		if (request.maxTokens() == null && this.maxTokens != null) {
			builder.maxTokens(this.maxTokens);
		}
		if (request.safetyMode() == null && this.safetyMode != null) {
			builder.safetyMode(this.safetyMode);
		}
		return builder.build();
	}

	private EmbedRequest fill(EmbedRequest request) {
		EmbedRequest.Builder builder = request.mutate();
		boolean changed = false;
		if (request.inputType() == null && this.inputType != null) {
			builder.inputType(this.inputType);
			changed = true;
		}
		if ((request.embeddingTypes() == null || request.embeddingTypes().isEmpty())
				&& !this.embeddingTypes.isEmpty()) {
			builder.embeddingTypes(this.embeddingTypes);
			changed = true;
		}
		if (request.outputDimension() == null && this.dimensions != null) {
			builder.outputDimension(this.dimensions);
			changed = true;
		}
		return changed ? builder.build() : request;
	}

	private RerankRequest fill(RerankRequest request) {
		if (request.topN() == null && this.topN != null) {
			return request.mutate().topN(this.topN).build();
		}
		return request;
	}



	@Override
	public ChatResponse chat(ChatRequest request) {
		return getDelegate().chat(fill(request));
	}

	@Override
	public Mono<ChatResponse> chatAsync(ChatRequest request) {
		return getDelegate().chatAsync(fill(request));
	}

	@Override
	public Flux<StreamEvent> chatStream(ChatRequest request) {
		return getDelegate().chatStream(fill(request));
	}

	@Override
	public EmbedResponse embed(EmbedRequest request) {
		return getDelegate().embed(fill(request));
	}

	@Override
	public Mono<EmbedResponse> embedAsync(EmbedRequest request) {
		return getDelegate().embedAsync(fill(request));
	}

	@Override
	public RerankResponse rerank(RerankRequest request) {
		return getDelegate().rerank(fill(request));
	}

	@Override
	public Mono<RerankResponse> rerankAsync(RerankRequest request) {
		return getDelegate().rerankAsync(fill(request));
	}





}
