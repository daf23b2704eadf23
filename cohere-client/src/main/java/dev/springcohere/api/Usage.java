package dev.springcohere.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * Token counts of a chat call (spec {@code Usage}).
 * <p>
 * Counts are JSON numbers that the server may write with a fraction ({@code 18.0}), so
 * they are read as {@link Double}; {@link #inputTokens()} and friends give whole numbers.
 *
 * @param billedUnits the billed units, or {@code null}
 * @param tokens the tokens the model read and wrote, or {@code null}
 * @param cachedTokens the prompt tokens served from cache, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "billed_units", "tokens", "cached_tokens" })
public record Usage(@JsonProperty("billed_units") @Nullable BilledUnits billedUnits, @Nullable Tokens tokens,
		@JsonProperty("cached_tokens") @Nullable Double cachedTokens) {

	/**
	 * Returns the input tokens the model read ({@code tokens.input_tokens}), rounded, or
	 * {@code 0} if unknown.
	 * @return the input token count
	 */
	public long inputTokens() {
		return (this.tokens != null) ? round(this.tokens.inputTokens()) : 0;
	}

	/**
	 * Returns the output tokens the model wrote ({@code tokens.output_tokens}), rounded,
	 * or {@code 0} if unknown.
	 * @return the output token count
	 */
	public long outputTokens() {
		return (this.tokens != null) ? round(this.tokens.outputTokens()) : 0;
	}

	private static long round(@Nullable Double count) {
		return (count != null) ? Math.round(count) : 0;
	}

	/**
	 * The billed units of a chat call (spec {@code UsageBilledUnits}).
	 *
	 * @param inputTokens billed input tokens, or {@code null}
	 * @param outputTokens billed output tokens, or {@code null}
	 * @param searchUnits billed search units, or {@code null}
	 * @param classifications billed classifications, or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonPropertyOrder({ "input_tokens", "output_tokens", "search_units", "classifications" })
	public record BilledUnits(@JsonProperty("input_tokens") @Nullable Double inputTokens,
			@JsonProperty("output_tokens") @Nullable Double outputTokens,
			@JsonProperty("search_units") @Nullable Double searchUnits, @Nullable Double classifications) {

	}

	/**
	 * The tokens the model read and wrote (spec {@code UsageTokens}).
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
