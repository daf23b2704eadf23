package dev.springcohere.api.v1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A {@code /v1/summarize} request with every field of the spec. Build one with
 * {@link #builder()}.
 *
 * @param text the text to summarize (250 to 50,000 characters)
 * @param length {@code short}, {@code medium}, {@code long} (or {@code auto}), or
 * {@code null}
 * @param format {@code paragraph}, {@code bullets} (or {@code auto}), or {@code null}
 * @param model the model, or {@code null} for the server's default
 * @param extractiveness {@code low}, {@code medium}, {@code high} (or {@code auto}), or
 * {@code null}
 * @param temperature the sampling temperature (0 to 5), or {@code null}
 * @param additionalCommand an instruction appended to the summarization prompt, or
 * {@code null}
 * @since 0.1.0
 * @deprecated Cohere marks {@code /v1/summarize} "Legacy" and no longer maintains it; use
 * chat (see Cohere's migration guide from generate to chat).
 */
@Deprecated(since = "0.1.0")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "text", "length", "format", "model", "extractiveness", "temperature", "additional_command" })
public record SummarizeRequest(String text, @Nullable String length, @Nullable String format, @Nullable String model,
		@Nullable String extractiveness, @Nullable Double temperature,
		@JsonProperty("additional_command") @Nullable String additionalCommand) {

	/**
	 * Checks the required fields and copies the lists.
	 * @param text the text
	 * @param length the length
	 * @param format the format
	 * @param model the model
	 * @param extractiveness the extractiveness
	 * @param temperature the temperature
	 * @param additionalCommand the additional_command
	 */
	public SummarizeRequest {
		Objects.requireNonNull(text, "'text' must not be null");
	}

	/**
	 * Starts a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link SummarizeRequest}s.
	 */
	public static final class Builder {

		private @Nullable String text;

		private @Nullable String length;

		private @Nullable String format;

		private @Nullable String model;

		private @Nullable String extractiveness;

		private @Nullable Double temperature;

		private @Nullable String additionalCommand;

		private Builder() {
		}

		/**
		 * Sets the {@code text}.
		 * @param text the text to summarize (250 to 50,000 characters)
		 * @return this builder
		 */
		public Builder text(@Nullable String text) {
			this.text = text;
			return this;
		}

		/**
		 * Sets the {@code length}.
		 * @param length {@code short}, {@code medium}, {@code long} (or {@code auto}), or
		 * {@code null}
		 * @return this builder
		 */
		public Builder length(@Nullable String length) {
			this.length = length;
			return this;
		}

		/**
		 * Sets the {@code format}.
		 * @param format {@code paragraph}, {@code bullets} (or {@code auto}), or
		 * {@code null}
		 * @return this builder
		 */
		public Builder format(@Nullable String format) {
			this.format = format;
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
		 * Sets the {@code extractiveness}.
		 * @param extractiveness {@code low}, {@code medium}, {@code high} (or
		 * {@code auto}), or {@code null}
		 * @return this builder
		 */
		public Builder extractiveness(@Nullable String extractiveness) {
			this.extractiveness = extractiveness;
			return this;
		}

		/**
		 * Sets the {@code temperature}.
		 * @param temperature the sampling temperature (0 to 5), or {@code null}
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Sets the {@code additional_command}.
		 * @param additionalCommand an instruction appended to the summarization prompt,
		 * or {@code null}
		 * @return this builder
		 */
		public Builder additionalCommand(@Nullable String additionalCommand) {
			this.additionalCommand = additionalCommand;
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 */
		public SummarizeRequest build() {
			Objects.requireNonNull(this.text, "'text' must be set");
			return new SummarizeRequest(this.text, this.length, this.format, this.model, this.extractiveness,
					this.temperature, this.additionalCommand);
		}

	}

}
