package dev.springcohere.springai;

import dev.springcohere.api.EmbedInputType;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.embedding.EmbeddingOptions;

/**
 * Options of a Cohere embed call for Spring AI: model, input type and output dimensions.
 * Immutable; every field is nullable and means "not set".
 *
 * @param model the embed model, or {@code null} for the model's default
 * @param inputType the input type, or {@code null} to let {@link CohereEmbeddingModel}
 * choose ({@code search_document} for documents, {@code search_query} for
 * {@code embed(String)})
 * @param dimensions the output dimension, or {@code null} for the model's default
 * @since 0.1.0
 */
public record CohereEmbeddingOptions(@Nullable String model, @Nullable EmbedInputType inputType,
		@Nullable Integer dimensions) implements EmbeddingOptions {

	/**
	 * Starts empty options.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	@Override
	public @Nullable Integer getDimensions() {
		return this.dimensions;
	}

	/**
	 * Returns the input type.
	 * @return the input type, or {@code null}
	 */
	public @Nullable EmbedInputType getInputType() {
		return this.inputType;
	}

	/**
	 * Returns a builder holding these options.
	 * @return a new builder
	 */
	public Builder mutate() {
		return new Builder().model(this.model).inputType(this.inputType).dimensions(this.dimensions);
	}

	/**
	 * Returns options where every value set in {@code other} replaces the value here.
	 * @param other the overriding options, or {@code null}
	 * @return the merged options
	 */
	public CohereEmbeddingOptions merge(@Nullable EmbeddingOptions other) {
		if (other == null) {
			return this;
		}
		Builder builder = mutate();
		if (other.getModel() != null) {
			builder.model(other.getModel());
		}
		if (other.getDimensions() != null) {
			builder.dimensions(other.getDimensions());
		}
		if (other instanceof CohereEmbeddingOptions cohere && cohere.inputType != null) {
			builder.inputType(cohere.inputType);
		}
		return builder.build();
	}

	/**
	 * Builds {@link CohereEmbeddingOptions}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable String model;

		private @Nullable EmbedInputType inputType;

		private @Nullable Integer dimensions;

		private Builder() {
		}

		/**
		 * Sets the model.
		 * @param model the model, or {@code null}
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets the input type.
		 * @param inputType the input type, or {@code null}
		 * @return this builder
		 */
		public Builder inputType(@Nullable EmbedInputType inputType) {
			this.inputType = inputType;
			return this;
		}

		/**
		 * Sets the output dimension.
		 * @param dimensions the dimension, or {@code null}
		 * @return this builder
		 */
		public Builder dimensions(@Nullable Integer dimensions) {
			if (dimensions != null && dimensions < 1) {
				throw new IllegalArgumentException("'dimensions' must be positive, but was " + dimensions);
			}
			this.dimensions = dimensions;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public CohereEmbeddingOptions build() {
			return new CohereEmbeddingOptions(this.model, this.inputType, this.dimensions);
		}

	}

}
