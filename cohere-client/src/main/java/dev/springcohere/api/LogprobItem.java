package dev.springcohere.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * Log probabilities of a run of generated tokens (spec {@code LogprobItem}).
 *
 * @param text the text of the tokens, or {@code null}
 * @param tokenIds the token ids, never {@code null}
 * @param logprobs the log probability of each token, never {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "text", "token_ids", "logprobs" })
public record LogprobItem(@Nullable String text,
		@JsonProperty("token_ids") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> tokenIds,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Double> logprobs) {

	/**
	 * Creates a log probability item.
	 * @param text the text, or {@code null}
	 * @param tokenIds the token ids, or {@code null} for none
	 * @param logprobs the log probabilities, or {@code null} for none
	 */
	public LogprobItem {
		tokenIds = (tokenIds != null) ? List.copyOf(tokenIds) : List.of();
		logprobs = (logprobs != null) ? List.copyOf(logprobs) : List.of();
	}

}
