package dev.springcohere.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A model listed by {@code /v1/models} (spec {@code GetModelResponse}).
 *
 * @param name the model name, or {@code null}
 * @param isDeprecated whether the model is deprecated, or {@code null}
 * @param endpoints the endpoints the model works with, never {@code null}
 * @param finetuned whether the model is fine-tuned, or {@code null}
 * @param contextLength the context length in tokens, or {@code null}
 * @param tokenizerUrl the URL of the model's tokenizer, or {@code null}
 * @param defaultEndpoints the endpoints the model is the default for, never {@code null}
 * @param features the features the model supports (such as {@code tools}), never
 * {@code null}
 * @param samplingDefaults the default sampling settings, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "name", "is_deprecated", "endpoints", "finetuned", "context_length", "tokenizer_url",
		"default_endpoints", "features", "sampling_defaults" })
public record ModelInfo(@Nullable String name, @JsonProperty("is_deprecated") @Nullable Boolean isDeprecated,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<ModelEndpoint> endpoints, @Nullable Boolean finetuned,
		@JsonProperty("context_length") @Nullable Double contextLength,
		@JsonProperty("tokenizer_url") @Nullable String tokenizerUrl,
		@JsonProperty("default_endpoints") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ModelEndpoint> defaultEndpoints,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> features,
		@JsonProperty("sampling_defaults") @Nullable SamplingDefaults samplingDefaults) {

	/**
	 * Creates a model description; {@code null} lists become empty.
	 * @param name the name, or {@code null}
	 * @param isDeprecated whether deprecated, or {@code null}
	 * @param endpoints the endpoints, or {@code null}
	 * @param finetuned whether fine-tuned, or {@code null}
	 * @param contextLength the context length, or {@code null}
	 * @param tokenizerUrl the tokenizer URL, or {@code null}
	 * @param defaultEndpoints the default endpoints, or {@code null}
	 * @param features the features, or {@code null}
	 * @param samplingDefaults the sampling defaults, or {@code null}
	 */
	public ModelInfo {
		endpoints = (endpoints != null) ? List.copyOf(endpoints) : List.of();
		defaultEndpoints = (defaultEndpoints != null) ? List.copyOf(defaultEndpoints) : List.of();
		features = (features != null) ? List.copyOf(features) : List.of();
	}

	/**
	 * Tells whether the model works with an endpoint.
	 * @param endpoint the endpoint
	 * @return {@code true} if {@link #endpoints()} contains it
	 */
	public boolean supports(ModelEndpoint endpoint) {
		return this.endpoints.contains(endpoint);
	}

	/**
	 * Default sampling settings of a model.
	 *
	 * @param temperature the default temperature, or {@code null}
	 * @param k the default top-k, or {@code null}
	 * @param p the default top-p, or {@code null}
	 * @param frequencyPenalty the default frequency penalty, or {@code null}
	 * @param presencePenalty the default presence penalty, or {@code null}
	 * @param maxTokensPerDoc the default tokens per document (rerank), or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonPropertyOrder({ "temperature", "k", "p", "frequency_penalty", "presence_penalty", "max_tokens_per_doc" })
	public record SamplingDefaults(@Nullable Double temperature, @Nullable Integer k, @Nullable Double p,
			@JsonProperty("frequency_penalty") @Nullable Double frequencyPenalty,
			@JsonProperty("presence_penalty") @Nullable Double presencePenalty,
			@JsonProperty("max_tokens_per_doc") @Nullable Integer maxTokensPerDoc) {

	}

}
