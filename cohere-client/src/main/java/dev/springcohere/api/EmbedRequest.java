package dev.springcohere.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The body of a {@code /v2/embed} request: {@code texts}, {@code images} or mixed
 * {@code inputs} to embed.
 * <p>
 * Unset values are {@code null} and not written; empty lists are not written either.
 * {@code model} and {@code input_type} are required by the API but may be left
 * {@code null} here so that a client fills in its configured defaults.
 *
 * @param model the model name, or {@code null} for the client default
 * @param inputType what the embeddings are used for, or {@code null}
 * @param texts texts to embed (at most 96), never {@code null}
 * @param images images to embed, as data URIs, never {@code null}
 * @param inputs mixed text and image inputs, never {@code null}
 * @param maxTokens the most tokens embedded per input, or {@code null}
 * @param outputDimension the embedding dimension (models that support it), or
 * {@code null}
 * @param embeddingTypes the encodings to return, never {@code null}
 * @param truncate how over-long inputs are handled, or {@code null}
 * @param priority the request priority (0 is the highest), or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "model", "input_type", "texts", "images", "inputs", "max_tokens", "output_dimension",
		"embedding_types", "truncate", "priority" })
public record EmbedRequest(@Nullable String model, @JsonProperty("input_type") @Nullable EmbedInputType inputType,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> texts,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> images,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<EmbedInput> inputs,
		@JsonProperty("max_tokens") @Nullable Integer maxTokens,
		@JsonProperty("output_dimension") @Nullable Integer outputDimension,
		@JsonProperty("embedding_types") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EmbeddingType> embeddingTypes,
		@Nullable Truncate truncate, @Nullable Integer priority) {

	/**
	 * Creates a request; prefer {@link #builder()}.
	 * @param model the model name, or {@code null} for the client default
	 * @param inputType what the embeddings are used for, or {@code null}
	 * @param texts texts to embed (at most 96), never {@code null}
	 * @param images images to embed, as data URIs, never {@code null}
	 * @param inputs mixed text and image inputs, never {@code null}
	 * @param maxTokens the most tokens embedded per input, or {@code null}
	 * @param outputDimension the embedding dimension (models that support it), or
	 * {@code null}
	 * @param embeddingTypes the encodings to return, never {@code null}
	 * @param truncate how over-long inputs are handled, or {@code null}
	 * @param priority the request priority (0 is the highest), or {@code null}
	 */
	public EmbedRequest {
		texts = (texts != null) ? List.copyOf(texts) : List.of();
		images = (images != null) ? List.copyOf(images) : List.of();
		inputs = (inputs != null) ? List.copyOf(inputs) : List.of();
		embeddingTypes = (embeddingTypes != null) ? List.copyOf(embeddingTypes) : List.of();
	}

	/**
	 * Returns a new, empty builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a builder initialised with the values of this request, to derive a changed
	 * copy.
	 * @return the builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.model = this.model;
		builder.inputType = this.inputType;
		builder.texts = new ArrayList<>(this.texts);
		builder.images = new ArrayList<>(this.images);
		builder.inputs = new ArrayList<>(this.inputs);
		builder.maxTokens = this.maxTokens;
		builder.outputDimension = this.outputDimension;
		builder.embeddingTypes = new ArrayList<>(this.embeddingTypes);
		builder.truncate = this.truncate;
		builder.priority = this.priority;
		return builder;
	}

	/**
	 * Builds {@link EmbedRequest} values.
	 */
	public static final class Builder {

		private @Nullable String model;

		private @Nullable EmbedInputType inputType;

		private @Nullable List<String> texts;

		private @Nullable List<String> images;

		private @Nullable List<EmbedInput> inputs;

		private @Nullable Integer maxTokens;

		private @Nullable Integer outputDimension;

		private @Nullable List<EmbeddingType> embeddingTypes;

		private @Nullable Truncate truncate;

		private @Nullable Integer priority;

		private Builder() {
		}

		/**
		 * Sets {@code model}.
		 * @param model the model name, or {@code null} for the client default
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets {@code input_type}.
		 * @param inputType what the embeddings are used for, or {@code null}
		 * @return this builder
		 */
		public Builder inputType(@Nullable EmbedInputType inputType) {
			this.inputType = inputType;
			return this;
		}

		/**
		 * Sets {@code texts}.
		 * @param texts texts to embed (at most 96)
		 * @return this builder
		 */
		public Builder texts(@Nullable List<? extends String> texts) {
			this.texts = (texts != null) ? new ArrayList<>(texts) : null;
			return this;
		}

		/**
		 * Sets {@code texts}.
		 * @param texts the values
		 * @return this builder
		 */
		public Builder texts(String... texts) {
			return texts(List.of(texts));
		}

		/**
		 * Sets {@code images}.
		 * @param images images to embed, as data URIs
		 * @return this builder
		 */
		public Builder images(@Nullable List<? extends String> images) {
			this.images = (images != null) ? new ArrayList<>(images) : null;
			return this;
		}

		/**
		 * Sets {@code images}.
		 * @param images the values
		 * @return this builder
		 */
		public Builder images(String... images) {
			return images(List.of(images));
		}

		/**
		 * Sets {@code inputs}.
		 * @param inputs mixed text and image inputs
		 * @return this builder
		 */
		public Builder inputs(@Nullable List<? extends EmbedInput> inputs) {
			this.inputs = (inputs != null) ? new ArrayList<>(inputs) : null;
			return this;
		}

		/**
		 * Sets {@code inputs}.
		 * @param inputs the values
		 * @return this builder
		 */
		public Builder inputs(EmbedInput... inputs) {
			return inputs(List.of(inputs));
		}

		/**
		 * Sets {@code max_tokens}.
		 * @param maxTokens the most tokens embedded per input, or {@code null}
		 * @return this builder
		 */
		public Builder maxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Sets {@code output_dimension}.
		 * @param outputDimension the embedding dimension (models that support it), or
		 * {@code null}
		 * @return this builder
		 */
		public Builder outputDimension(@Nullable Integer outputDimension) {
			this.outputDimension = outputDimension;
			return this;
		}

		/**
		 * Sets {@code embedding_types}.
		 * @param embeddingTypes the encodings to return
		 * @return this builder
		 */
		public Builder embeddingTypes(@Nullable List<? extends EmbeddingType> embeddingTypes) {
			this.embeddingTypes = (embeddingTypes != null) ? new ArrayList<>(embeddingTypes) : null;
			return this;
		}

		/**
		 * Sets {@code embedding_types}.
		 * @param embeddingTypes the values
		 * @return this builder
		 */
		public Builder embeddingTypes(EmbeddingType... embeddingTypes) {
			return embeddingTypes(List.of(embeddingTypes));
		}

		/**
		 * Sets {@code truncate}.
		 * @param truncate how over-long inputs are handled, or {@code null}
		 * @return this builder
		 */
		public Builder truncate(@Nullable Truncate truncate) {
			this.truncate = truncate;
			return this;
		}

		/**
		 * Sets {@code priority}.
		 * @param priority the request priority (0 is the highest), or {@code null}
		 * @return this builder
		 */
		public Builder priority(@Nullable Integer priority) {
			this.priority = priority;
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 * @throws NullPointerException if a required value is missing
		 * @throws IllegalArgumentException if a value is out of range
		 */
		public EmbedRequest build() {
			return new EmbedRequest(this.model, this.inputType, this.texts, this.images, this.inputs, this.maxTokens,
					this.outputDimension, this.embeddingTypes, this.truncate, this.priority);
		}

	}

}
