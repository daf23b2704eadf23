package dev.springcohere.api.v1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiMeta;

/**
 * The answer of {@code /v1/generate} (spec {@code Generation}).
 *
 * @param id the id of the answer, or {@code null}
 * @param prompt the prompt (when sent back), or {@code null}
 * @param generations the generated texts
 * @param meta the API version and billed units, or {@code null}
 * @since 0.1.0
 * @deprecated Cohere marks {@code /v1/generate} "Legacy" and no longer maintains it; use
 * chat.
 */
@Deprecated(since = "0.1.0")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "id", "prompt", "generations", "meta" })
public record GenerateResponse(@Nullable String id, @Nullable String prompt, List<Generation> generations,
		@Nullable ApiMeta meta) {

	/**
	 * Copies the generations.
	 * @param id the id, or {@code null}
	 * @param prompt the prompt, or {@code null}
	 * @param generations the generations, or {@code null} for none
	 * @param meta the meta, or {@code null}
	 */
	public GenerateResponse {
		generations = (generations != null) ? List.copyOf(generations) : List.of();
	}

	/**
	 * One generated text (spec {@code SingleGeneration}; in a stream's end,
	 * {@code SingleGenerationInStream}).
	 *
	 * @param id the id, or {@code null}
	 * @param text the text (empty when missing)
	 * @param index the index among the generations, or {@code null}
	 * @param likelihood the average log-likelihood, or {@code null}
	 * @param tokenLikelihoods the likelihood of each token (when asked for), possibly
	 * empty
	 * @param finishReason why generation stopped (stream end only), or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonPropertyOrder({ "id", "text", "index", "likelihood", "token_likelihoods", "finish_reason" })
	public record Generation(@Nullable String id, String text, @Nullable Integer index, @Nullable Double likelihood,
			@JsonProperty("token_likelihoods") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TokenLikelihood> tokenLikelihoods,
			@JsonProperty("finish_reason") @Nullable String finishReason) {

		/**
		 * Copies the likelihoods; a missing text becomes empty.
		 * @param id the id, or {@code null}
		 * @param text the text, or {@code null}
		 * @param index the index, or {@code null}
		 * @param likelihood the likelihood, or {@code null}
		 * @param tokenLikelihoods the token likelihoods, or {@code null}
		 * @param finishReason the finish reason, or {@code null}
		 */
		public Generation {
			text = (text != null) ? text : "";
			tokenLikelihoods = (tokenLikelihoods != null) ? List.copyOf(tokenLikelihoods) : List.of();
		}

	}

	/**
	 * The likelihood of one token.
	 *
	 * @param token the token
	 * @param likelihood its log-likelihood, or {@code null}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record TokenLikelihood(@Nullable String token, @Nullable Double likelihood) {

	}

}
