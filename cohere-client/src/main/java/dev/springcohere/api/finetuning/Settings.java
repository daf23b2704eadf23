package dev.springcohere.api.finetuning;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;

/**
 * The configuration of a fine-tuning ({@code Settings}).
 *
 * @param baseModel the base model to fine-tune (required)
 * @param datasetId the dataset to train and evaluate on (required)
 * @param hyperparameters the hyper-parameters
 * @param multiLabel read-only: whether a classifier is multi-label
 * @param wandb the Weights & Biases configuration (chat fine-tuning only)
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "base_model", "dataset_id", "hyperparameters", "multi_label", "wandb" })
public record Settings(@JsonProperty("base_model") @Nullable BaseModel baseModel,
		@JsonProperty("dataset_id") @Nullable String datasetId, @Nullable Hyperparameters hyperparameters,
		@JsonProperty("multi_label") @Nullable Boolean multiLabel, @Nullable WandbConfig wandb,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public Settings {
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
		builder.baseModel = this.baseModel;
		builder.datasetId = this.datasetId;
		builder.hyperparameters = this.hyperparameters;
		builder.multiLabel = this.multiLabel;
		builder.wandb = this.wandb;
		builder.extra.putAll(this.extra);
		return builder;
	}

	/**
	 * Builds a {@link Settings}.
	 */
	public static final class Builder {

		private @Nullable BaseModel baseModel;

		private @Nullable String datasetId;

		private @Nullable Hyperparameters hyperparameters;

		private @Nullable Boolean multiLabel;

		private @Nullable WandbConfig wandb;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the {@code base_model}.
		 * @param baseModel the base model to fine-tune (required), or {@code null} to
		 * leave it out
		 * @return this builder
		 */
		public Builder baseModel(@Nullable BaseModel baseModel) {
			this.baseModel = baseModel;
			return this;
		}

		/**
		 * Sets the {@code dataset_id}.
		 * @param datasetId the dataset to train and evaluate on (required), or
		 * {@code null} to leave it out
		 * @return this builder
		 */
		public Builder datasetId(@Nullable String datasetId) {
			this.datasetId = datasetId;
			return this;
		}

		/**
		 * Sets the {@code hyperparameters}.
		 * @param hyperparameters the hyper-parameters, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder hyperparameters(@Nullable Hyperparameters hyperparameters) {
			this.hyperparameters = hyperparameters;
			return this;
		}

		/**
		 * Sets the {@code multi_label}.
		 * @param multiLabel read-only: whether a classifier is multi-label, or
		 * {@code null} to leave it out
		 * @return this builder
		 */
		public Builder multiLabel(@Nullable Boolean multiLabel) {
			this.multiLabel = multiLabel;
			return this;
		}

		/**
		 * Sets the {@code wandb}.
		 * @param wandb the Weights & Biases configuration (chat fine-tuning only), or
		 * {@code null} to leave it out
		 * @return this builder
		 */
		public Builder wandb(@Nullable WandbConfig wandb) {
			this.wandb = wandb;
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
		public Settings build() {
			if (this.baseModel == null) {
				throw new IllegalStateException("Settings needs 'baseModel' (base_model); set it with baseModel(..)");
			}
			if (this.datasetId == null) {
				throw new IllegalStateException("Settings needs 'datasetId' (dataset_id); set it with datasetId(..)");
			}
			return new Settings(this.baseModel, this.datasetId, this.hyperparameters, this.multiLabel, this.wandb,
					this.extra);
		}

	}

}
