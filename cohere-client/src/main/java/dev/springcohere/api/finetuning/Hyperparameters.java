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
 * The fine-tuning hyper-parameters ({@code Hyperparameters}).
 *
 * @param earlyStoppingPatience evaluations without improvement before training stops
 * @param earlyStoppingThreshold how much the loss must improve to prevent early stopping
 * @param trainBatchSize the number of training examples in one pass
 * @param trainEpochs the number of epochs
 * @param learningRate the learning rate
 * @param loraAlpha the scaling factor of LoRA updates
 * @param loraRank the rank of the low-rank matrices
 * @param loraTargetModules the LoRA modules to target
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "early_stopping_patience", "early_stopping_threshold", "train_batch_size", "train_epochs",
		"learning_rate", "lora_alpha", "lora_rank", "lora_target_modules" })
public record Hyperparameters(@JsonProperty("early_stopping_patience") @Nullable Integer earlyStoppingPatience,
		@JsonProperty("early_stopping_threshold") @Nullable Double earlyStoppingThreshold,
		@JsonProperty("train_batch_size") @Nullable Integer trainBatchSize,
		@JsonProperty("train_epochs") @Nullable Integer trainEpochs,
		@JsonProperty("learning_rate") @Nullable Double learningRate,
		@JsonProperty("lora_alpha") @Nullable Integer loraAlpha, @JsonProperty("lora_rank") @Nullable Integer loraRank,
		@JsonProperty("lora_target_modules") @Nullable LoraTargetModules loraTargetModules,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public Hyperparameters {
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
		builder.earlyStoppingPatience = this.earlyStoppingPatience;
		builder.earlyStoppingThreshold = this.earlyStoppingThreshold;
		builder.trainBatchSize = this.trainBatchSize;
		builder.trainEpochs = this.trainEpochs;
		builder.learningRate = this.learningRate;
		builder.loraAlpha = this.loraAlpha;
		builder.loraRank = this.loraRank;
		builder.loraTargetModules = this.loraTargetModules;
		builder.extra.putAll(this.extra);
		return builder;
	}

	/**
	 * Builds a {@link Hyperparameters}.
	 */
	public static final class Builder {

		private @Nullable Integer earlyStoppingPatience;

		private @Nullable Double earlyStoppingThreshold;

		private @Nullable Integer trainBatchSize;

		private @Nullable Integer trainEpochs;

		private @Nullable Double learningRate;

		private @Nullable Integer loraAlpha;

		private @Nullable Integer loraRank;

		private @Nullable LoraTargetModules loraTargetModules;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the {@code early_stopping_patience}.
		 * @param earlyStoppingPatience evaluations without improvement before training
		 * stops, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder earlyStoppingPatience(@Nullable Integer earlyStoppingPatience) {
			this.earlyStoppingPatience = earlyStoppingPatience;
			return this;
		}

		/**
		 * Sets the {@code early_stopping_threshold}.
		 * @param earlyStoppingThreshold how much the loss must improve to prevent early
		 * stopping, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder earlyStoppingThreshold(@Nullable Double earlyStoppingThreshold) {
			this.earlyStoppingThreshold = earlyStoppingThreshold;
			return this;
		}

		/**
		 * Sets the {@code train_batch_size}.
		 * @param trainBatchSize the number of training examples in one pass, or
		 * {@code null} to leave it out
		 * @return this builder
		 */
		public Builder trainBatchSize(@Nullable Integer trainBatchSize) {
			this.trainBatchSize = trainBatchSize;
			return this;
		}

		/**
		 * Sets the {@code train_epochs}.
		 * @param trainEpochs the number of epochs, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder trainEpochs(@Nullable Integer trainEpochs) {
			this.trainEpochs = trainEpochs;
			return this;
		}

		/**
		 * Sets the {@code learning_rate}.
		 * @param learningRate the learning rate, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder learningRate(@Nullable Double learningRate) {
			this.learningRate = learningRate;
			return this;
		}

		/**
		 * Sets the {@code lora_alpha}.
		 * @param loraAlpha the scaling factor of LoRA updates, or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder loraAlpha(@Nullable Integer loraAlpha) {
			this.loraAlpha = loraAlpha;
			return this;
		}

		/**
		 * Sets the {@code lora_rank}.
		 * @param loraRank the rank of the low-rank matrices, or {@code null} to leave it
		 * out
		 * @return this builder
		 */
		public Builder loraRank(@Nullable Integer loraRank) {
			this.loraRank = loraRank;
			return this;
		}

		/**
		 * Sets the {@code lora_target_modules}.
		 * @param loraTargetModules the LoRA modules to target, or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder loraTargetModules(@Nullable LoraTargetModules loraTargetModules) {
			this.loraTargetModules = loraTargetModules;
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
		 */
		public Hyperparameters build() {
			return new Hyperparameters(this.earlyStoppingPatience, this.earlyStoppingThreshold, this.trainBatchSize,
					this.trainEpochs, this.learningRate, this.loraAlpha, this.loraRank, this.loraTargetModules,
					this.extra);
		}

	}

}
