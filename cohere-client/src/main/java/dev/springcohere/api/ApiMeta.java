package dev.springcohere.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * Metadata of embed, rerank, tokenize and detokenize responses (spec {@code ApiMeta}).
 * Counts are read as {@link Double} because the server may write them with a fraction.
 *
 * @param apiVersion the API version, or {@code null}
 * @param billedUnits the billed units, or {@code null}
 * @param tokens the tokens read and written, or {@code null}
 * @param cachedTokens the prompt tokens served from cache, or {@code null}
 * @param warnings warnings about the request, never {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "api_version", "billed_units", "tokens", "cached_tokens", "warnings" })
public record ApiMeta(@JsonProperty("api_version") @Nullable ApiVersion apiVersion,
		@JsonProperty("billed_units") @Nullable BilledUnits billedUnits, @Nullable Tokens tokens,
		@JsonProperty("cached_tokens") @Nullable Double cachedTokens,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {

	/**
	 * Creates metadata.
	 * @param apiVersion the API version, or {@code null}
	 * @param billedUnits the billed units, or {@code null}
	 * @param tokens the tokens, or {@code null}
	 * @param cachedTokens the cached tokens, or {@code null}
	 * @param warnings the warnings, or {@code null} for none
	 */
	public ApiMeta {
		warnings = (warnings != null) ? List.copyOf(warnings) : List.of();
	}

	/**
	 * The API version that served a call.
	 *
	 * @param version the version, such as {@code "2"}
	 * @param isDeprecated whether the version is deprecated, or {@code null}
	 * @param isExperimental whether the version is experimental, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonPropertyOrder({ "version", "is_deprecated", "is_experimental" })
	public record ApiVersion(@Nullable String version, @JsonProperty("is_deprecated") @Nullable Boolean isDeprecated,
			@JsonProperty("is_experimental") @Nullable Boolean isExperimental) {

	}

	/**
	 * The billed units of a call (spec {@code ApiMetaBilledUnits}).
	 *
	 * @param images billed images, or {@code null}
	 * @param inputTokens billed input tokens, or {@code null}
	 * @param imageTokens billed image tokens, or {@code null}
	 * @param outputTokens billed output tokens, or {@code null}
	 * @param searchUnits billed search units, or {@code null}
	 * @param classifications billed classifications, or {@code null}
	 * @param pages billed pages, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonPropertyOrder({ "images", "input_tokens", "image_tokens", "output_tokens", "search_units", "classifications",
			"pages" })
	public record BilledUnits(@Nullable Double images, @JsonProperty("input_tokens") @Nullable Double inputTokens,
			@JsonProperty("image_tokens") @Nullable Double imageTokens,
			@JsonProperty("output_tokens") @Nullable Double outputTokens,
			@JsonProperty("search_units") @Nullable Double searchUnits, @Nullable Double classifications,
			@Nullable Double pages) {

	}

	/**
	 * The tokens a call read and wrote (spec {@code ApiMetaTokens}).
	 *
	 * @param inputTokens input tokens, or {@code null}
	 * @param outputTokens output tokens, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonPropertyOrder({ "input_tokens", "output_tokens" })
	public record Tokens(@JsonProperty("input_tokens") @Nullable Double inputTokens,
			@JsonProperty("output_tokens") @Nullable Double outputTokens) {

	}

}
