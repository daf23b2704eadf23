package dev.springcohere.api.v1;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A {@code /v1/generate} request with every field of the spec. Build one with
 * {@link #builder()}.
 *
 * @param prompt the prompt
 * @param model the model, or {@code null} for the server's default
 * @param numGenerations how many generations to return (1 to 5), or {@code null}
 * @param stream whether to stream (set by the client), or {@code null}
 * @param maxTokens the most tokens to generate, or {@code null}
 * @param truncate {@code NONE}, {@code START} or {@code END}, or {@code null}
 * @param temperature the sampling temperature, or {@code null}
 * @param seed the sampling seed, or {@code null}
 * @param preset a preset of the playground, or {@code null}
 * @param endSequences sequences that end the text (left out of it), possibly empty
 * @param stopSequences sequences that stop the text (kept in it), possibly empty
 * @param k top-k sampling, or {@code null}
 * @param p top-p sampling, or {@code null}
 * @param frequencyPenalty the frequency penalty, or {@code null}
 * @param presencePenalty the presence penalty, or {@code null}
 * @param returnLikelihoods {@code GENERATION}, {@code ALL} or {@code NONE}, or
 * {@code null}
 * @param rawPrompting send the prompt without the template, or {@code null}
 * @since 0.1.0
 * @deprecated Cohere marks {@code /v1/generate} "Legacy" and no longer maintains it; use
 * chat (see Cohere's migration guide from generate to chat).
 */
@Deprecated(since = "0.1.0")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "prompt", "model", "num_generations", "stream", "max_tokens", "truncate", "temperature", "seed",
		"preset", "end_sequences", "stop_sequences", "k", "p", "frequency_penalty", "presence_penalty",
		"return_likelihoods", "raw_prompting" })
public record GenerateRequest(String prompt, @Nullable String model,
		@JsonProperty("num_generations") @Nullable Integer numGenerations, @Nullable Boolean stream,
		@JsonProperty("max_tokens") @Nullable Integer maxTokens, @Nullable String truncate,
		@Nullable Double temperature, @Nullable Long seed, @Nullable String preset,
		@JsonProperty("end_sequences") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> endSequences,
		@JsonProperty("stop_sequences") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> stopSequences,
		@Nullable Integer k, @Nullable Double p, @JsonProperty("frequency_penalty") @Nullable Double frequencyPenalty,
		@JsonProperty("presence_penalty") @Nullable Double presencePenalty,
		@JsonProperty("return_likelihoods") @Nullable String returnLikelihoods,
		@JsonProperty("raw_prompting") @Nullable Boolean rawPrompting) {

	/**
	 * Checks the required fields and copies the lists.
	 * @param prompt the prompt
	 * @param model the model
	 * @param numGenerations the num_generations
	 * @param stream the stream
	 * @param maxTokens the max_tokens
	 * @param truncate the truncate
	 * @param temperature the temperature
	 * @param seed the seed
	 * @param preset the preset
	 * @param endSequences the end_sequences (or {@code null} for none)
	 * @param stopSequences the stop_sequences (or {@code null} for none)
	 * @param k the k
	 * @param p the p
	 * @param frequencyPenalty the frequency_penalty
	 * @param presencePenalty the presence_penalty
	 * @param returnLikelihoods the return_likelihoods
	 * @param rawPrompting the raw_prompting
	 */
	public GenerateRequest {
		Objects.requireNonNull(prompt, "'prompt' must not be null");
		endSequences = (endSequences != null) ? List.copyOf(endSequences) : List.of();
		stopSequences = (stopSequences != null) ? List.copyOf(stopSequences) : List.of();
	}

	/**
	 * Starts a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link GenerateRequest}s.
	 */
	public static final class Builder {

		private @Nullable String prompt;

		private @Nullable String model;

		private @Nullable Integer numGenerations;

		private @Nullable Boolean stream;

		private @Nullable Integer maxTokens;

		private @Nullable String truncate;

		private @Nullable Double temperature;

		private @Nullable Long seed;

		private @Nullable String preset;

		private final List<String> endSequences = new ArrayList<>();

		private final List<String> stopSequences = new ArrayList<>();

		private @Nullable Integer k;

		private @Nullable Double p;

		private @Nullable Double frequencyPenalty;

		private @Nullable Double presencePenalty;

		private @Nullable String returnLikelihoods;

		private @Nullable Boolean rawPrompting;

		private Builder() {
		}

		/**
		 * Sets the {@code prompt}.
		 * @param prompt the prompt
		 * @return this builder
		 */
		public Builder prompt(@Nullable String prompt) {
			this.prompt = prompt;
			return this;
		}

		/**
		 * Sets the {@code model}.
		 * @param model the model, or {@code null} for the server's default
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets the {@code num_generations}.
		 * @param numGenerations how many generations to return (1 to 5), or {@code null}
		 * @return this builder
		 */
		public Builder numGenerations(@Nullable Integer numGenerations) {
			this.numGenerations = numGenerations;
			return this;
		}

		/**
		 * Sets the {@code stream}.
		 * @param stream whether to stream (set by the client), or {@code null}
		 * @return this builder
		 */
		public Builder stream(@Nullable Boolean stream) {
			this.stream = stream;
			return this;
		}

		/**
		 * Sets the {@code max_tokens}.
		 * @param maxTokens the most tokens to generate, or {@code null}
		 * @return this builder
		 */
		public Builder maxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Sets the {@code truncate}.
		 * @param truncate {@code NONE}, {@code START} or {@code END}, or {@code null}
		 * @return this builder
		 */
		public Builder truncate(@Nullable String truncate) {
			this.truncate = truncate;
			return this;
		}

		/**
		 * Sets the {@code temperature}.
		 * @param temperature the sampling temperature, or {@code null}
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Sets the {@code seed}.
		 * @param seed the sampling seed, or {@code null}
		 * @return this builder
		 */
		public Builder seed(@Nullable Long seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Sets the {@code preset}.
		 * @param preset a preset of the playground, or {@code null}
		 * @return this builder
		 */
		public Builder preset(@Nullable String preset) {
			this.preset = preset;
			return this;
		}

		/**
		 * Replaces the {@code end_sequences}.
		 * @param endSequences sequences that end the text (left out of it), possibly
		 * empty
		 * @return this builder
		 */
		public Builder endSequences(List<String> endSequences) {
			Objects.requireNonNull(endSequences, "'endSequences' must not be null");
			this.endSequences.clear();
			this.endSequences.addAll(endSequences);
			return this;
		}

		/**
		 * Replaces the {@code stop_sequences}.
		 * @param stopSequences sequences that stop the text (kept in it), possibly empty
		 * @return this builder
		 */
		public Builder stopSequences(List<String> stopSequences) {
			Objects.requireNonNull(stopSequences, "'stopSequences' must not be null");
			this.stopSequences.clear();
			this.stopSequences.addAll(stopSequences);
			return this;
		}

		/**
		 * Sets the {@code k}.
		 * @param k top-k sampling, or {@code null}
		 * @return this builder
		 */
		public Builder k(@Nullable Integer k) {
			this.k = k;
			return this;
		}

		/**
		 * Sets the {@code p}.
		 * @param p top-p sampling, or {@code null}
		 * @return this builder
		 */
		public Builder p(@Nullable Double p) {
			this.p = p;
			return this;
		}

		/**
		 * Sets the {@code frequency_penalty}.
		 * @param frequencyPenalty the frequency penalty, or {@code null}
		 * @return this builder
		 */
		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
			return this;
		}

		/**
		 * Sets the {@code presence_penalty}.
		 * @param presencePenalty the presence penalty, or {@code null}
		 * @return this builder
		 */
		public Builder presencePenalty(@Nullable Double presencePenalty) {
			this.presencePenalty = presencePenalty;
			return this;
		}

		/**
		 * Sets the {@code return_likelihoods}.
		 * @param returnLikelihoods {@code GENERATION}, {@code ALL} or {@code NONE}, or
		 * {@code null}
		 * @return this builder
		 */
		public Builder returnLikelihoods(@Nullable String returnLikelihoods) {
			this.returnLikelihoods = returnLikelihoods;
			return this;
		}

		/**
		 * Sets the {@code raw_prompting}.
		 * @param rawPrompting send the prompt without the template, or {@code null}
		 * @return this builder
		 */
		public Builder rawPrompting(@Nullable Boolean rawPrompting) {
			this.rawPrompting = rawPrompting;
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 */
		public GenerateRequest build() {
			Objects.requireNonNull(this.prompt, "'prompt' must be set");
			return new GenerateRequest(this.prompt, this.model, this.numGenerations, this.stream, this.maxTokens,
					this.truncate, this.temperature, this.seed, this.preset, this.endSequences, this.stopSequences,
					this.k, this.p, this.frequencyPenalty, this.presencePenalty, this.returnLikelihoods,
					this.rawPrompting);
		}

	}

}
