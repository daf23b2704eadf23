package dev.springcohere.api.embedjobs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbeddingType;

/**
 * Starts an embed job ({@code CreateEmbedJobRequest}) on a dataset of type
 * {@code embed-input}.
 *
 * @param model the embedding model (required), such as {@code embed-v4.0}
 * @param datasetId the dataset to embed (required)
 * @param inputType the input type (required)
 * @param name the job name
 * @param embeddingTypes the embedding types
 * @param truncate how to truncate inputs too long: {@code START} or {@code END}
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "model", "dataset_id", "input_type", "name", "embedding_types", "truncate" })
public record CreateEmbedJobRequest(@Nullable String model, @JsonProperty("dataset_id") @Nullable String datasetId,
		@JsonProperty("input_type") @Nullable EmbedInputType inputType, @Nullable String name,
		@JsonProperty("embedding_types") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EmbeddingType> embeddingTypes,
		@Nullable String truncate, @JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public CreateEmbedJobRequest {
		embeddingTypes = (embeddingTypes != null) ? List.copyOf(embeddingTypes) : List.of();
		extra = ApiExtras.copy(extra);
	}

	/**
	 * Starts a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a builder with the values of this record.
	 * @return a new builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.model = this.model;
		builder.datasetId = this.datasetId;
		builder.inputType = this.inputType;
		builder.name = this.name;
		builder.embeddingTypes = new ArrayList<>(this.embeddingTypes);
		builder.truncate = this.truncate;
		builder.extra.putAll(this.extra);
		return builder;
	}

	/**
	 * Builds a {@link CreateEmbedJobRequest}.
	 */
	public static final class Builder {

		private @Nullable String model;

		private @Nullable String datasetId;

		private @Nullable EmbedInputType inputType;

		private @Nullable String name;

		private List<EmbeddingType> embeddingTypes = new ArrayList<>();

		private @Nullable String truncate;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the {@code model}.
		 * @param model the embedding model (required), such as {@code embed-v4.0}, or
		 * {@code null} to leave it out
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets the {@code dataset_id}.
		 * @param datasetId the dataset to embed (required), or {@code null} to leave it
		 * out
		 * @return this builder
		 */
		public Builder datasetId(@Nullable String datasetId) {
			this.datasetId = datasetId;
			return this;
		}

		/**
		 * Sets the {@code input_type}.
		 * @param inputType the input type (required), or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder inputType(@Nullable EmbedInputType inputType) {
			this.inputType = inputType;
			return this;
		}

		/**
		 * Sets the {@code name}.
		 * @param name the job name, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/**
		 * Sets the {@code embedding_types}.
		 * @param embeddingTypes the embedding types
		 * @return this builder
		 */
		public Builder embeddingTypes(List<EmbeddingType> embeddingTypes) {
			this.embeddingTypes = new ArrayList<>(
					Objects.requireNonNull(embeddingTypes, "'embeddingTypes' must not be null"));
			return this;
		}

		/**
		 * Sets the {@code truncate}.
		 * @param truncate how to truncate inputs too long: {@code START} or {@code END},
		 * or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder truncate(@Nullable String truncate) {
			this.truncate = truncate;
			return this;
		}

		/**
		 * Adds a field this version does not know, sent beside the known ones.
		 * @param name the wire name of the field
		 * @param value its value (any JSON-serializable object, or {@code null} for JSON
		 * {@code null})
		 * @return this builder
		 */
		public Builder extra(String name, @Nullable Object value) {
			this.extra.put(Objects.requireNonNull(name, "'name' must not be null"), value);
			return this;
		}

		/**
		 * Builds the record.
		 * @return the record
		 * @throws IllegalStateException when a required field is missing
		 */
		public CreateEmbedJobRequest build() {
			if (this.model == null) {
				throw new IllegalStateException("CreateEmbedJobRequest needs 'model' (model); set it with model(..)");
			}
			if (this.datasetId == null) {
				throw new IllegalStateException(
						"CreateEmbedJobRequest needs 'datasetId' (dataset_id); set it with datasetId(..)");
			}
			if (this.inputType == null) {
				throw new IllegalStateException(
						"CreateEmbedJobRequest needs 'inputType' (input_type); set it with inputType(..)");
			}
			return new CreateEmbedJobRequest(this.model, this.datasetId, this.inputType, this.name, this.embeddingTypes,
					this.truncate, this.extra);
		}

	}

}
