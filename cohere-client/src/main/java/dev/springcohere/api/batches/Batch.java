package dev.springcohere.api.batches;

import java.time.Instant;
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
 * A batch ({@code Batch}): what to create (name, input dataset, model) and what the API
 * reports (status, counts, output dataset).
 *
 * @param id read-only: the id
 * @param name the name (required to create)
 * @param creatorId read-only: the creator
 * @param orgId read-only: the organization
 * @param status read-only: the status
 * @param createdAt read-only: when it was created
 * @param updatedAt read-only: when it was last updated
 * @param inputDatasetId the dataset of requests (required to create)
 * @param outputDatasetId read-only: the dataset of answers
 * @param inputTokens read-only: the input tokens used
 * @param outputTokens read-only: the output tokens used
 * @param model the model (required to create)
 * @param numRecords read-only: the number of requests
 * @param numSuccessfulRecords read-only: the requests that succeeded
 * @param numFailedRecords read-only: the requests that failed
 * @param statusReason read-only: why the batch has its status
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "name", "creator_id", "org_id", "status", "created_at", "updated_at", "input_dataset_id",
		"output_dataset_id", "input_tokens", "output_tokens", "model", "num_records", "num_successful_records",
		"num_failed_records", "status_reason" })
public record Batch(@Nullable String id, @Nullable String name, @JsonProperty("creator_id") @Nullable String creatorId,
		@JsonProperty("org_id") @Nullable String orgId, @Nullable BatchStatus status,
		@JsonProperty("created_at") @Nullable Instant createdAt,
		@JsonProperty("updated_at") @Nullable Instant updatedAt,
		@JsonProperty("input_dataset_id") @Nullable String inputDatasetId,
		@JsonProperty("output_dataset_id") @Nullable String outputDatasetId,
		@JsonProperty("input_tokens") @Nullable Long inputTokens,
		@JsonProperty("output_tokens") @Nullable Long outputTokens, @Nullable String model,
		@JsonProperty("num_records") @Nullable Integer numRecords,
		@JsonProperty("num_successful_records") @Nullable Integer numSuccessfulRecords,
		@JsonProperty("num_failed_records") @Nullable Integer numFailedRecords,
		@JsonProperty("status_reason") @Nullable String statusReason,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public Batch {
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
		builder.id = this.id;
		builder.name = this.name;
		builder.creatorId = this.creatorId;
		builder.orgId = this.orgId;
		builder.status = this.status;
		builder.createdAt = this.createdAt;
		builder.updatedAt = this.updatedAt;
		builder.inputDatasetId = this.inputDatasetId;
		builder.outputDatasetId = this.outputDatasetId;
		builder.inputTokens = this.inputTokens;
		builder.outputTokens = this.outputTokens;
		builder.model = this.model;
		builder.numRecords = this.numRecords;
		builder.numSuccessfulRecords = this.numSuccessfulRecords;
		builder.numFailedRecords = this.numFailedRecords;
		builder.statusReason = this.statusReason;
		builder.extra.putAll(this.extra);
		return builder;
	}

	/**
	 * Builds a {@link Batch}.
	 */
	public static final class Builder {

		private @Nullable String id;

		private @Nullable String name;

		private @Nullable String creatorId;

		private @Nullable String orgId;

		private @Nullable BatchStatus status;

		private @Nullable Instant createdAt;

		private @Nullable Instant updatedAt;

		private @Nullable String inputDatasetId;

		private @Nullable String outputDatasetId;

		private @Nullable Long inputTokens;

		private @Nullable Long outputTokens;

		private @Nullable String model;

		private @Nullable Integer numRecords;

		private @Nullable Integer numSuccessfulRecords;

		private @Nullable Integer numFailedRecords;

		private @Nullable String statusReason;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the {@code id}.
		 * @param id read-only: the id, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder id(@Nullable String id) {
			this.id = id;
			return this;
		}

		/**
		 * Sets the {@code name}.
		 * @param name the name (required to create), or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		/**
		 * Sets the {@code creator_id}.
		 * @param creatorId read-only: the creator, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder creatorId(@Nullable String creatorId) {
			this.creatorId = creatorId;
			return this;
		}

		/**
		 * Sets the {@code org_id}.
		 * @param orgId read-only: the organization, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder orgId(@Nullable String orgId) {
			this.orgId = orgId;
			return this;
		}

		/**
		 * Sets the {@code status}.
		 * @param status read-only: the status, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder status(@Nullable BatchStatus status) {
			this.status = status;
			return this;
		}

		/**
		 * Sets the {@code created_at}.
		 * @param createdAt read-only: when it was created, or {@code null} to leave it
		 * out
		 * @return this builder
		 */
		public Builder createdAt(@Nullable Instant createdAt) {
			this.createdAt = createdAt;
			return this;
		}

		/**
		 * Sets the {@code updated_at}.
		 * @param updatedAt read-only: when it was last updated, or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder updatedAt(@Nullable Instant updatedAt) {
			this.updatedAt = updatedAt;
			return this;
		}

		/**
		 * Sets the {@code input_dataset_id}.
		 * @param inputDatasetId the dataset of requests (required to create), or
		 * {@code null} to leave it out
		 * @return this builder
		 */
		public Builder inputDatasetId(@Nullable String inputDatasetId) {
			this.inputDatasetId = inputDatasetId;
			return this;
		}

		/**
		 * Sets the {@code output_dataset_id}.
		 * @param outputDatasetId read-only: the dataset of answers, or {@code null} to
		 * leave it out
		 * @return this builder
		 */
		public Builder outputDatasetId(@Nullable String outputDatasetId) {
			this.outputDatasetId = outputDatasetId;
			return this;
		}

		/**
		 * Sets the {@code input_tokens}.
		 * @param inputTokens read-only: the input tokens used, or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder inputTokens(@Nullable Long inputTokens) {
			this.inputTokens = inputTokens;
			return this;
		}

		/**
		 * Sets the {@code output_tokens}.
		 * @param outputTokens read-only: the output tokens used, or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder outputTokens(@Nullable Long outputTokens) {
			this.outputTokens = outputTokens;
			return this;
		}

		/**
		 * Sets the {@code model}.
		 * @param model the model (required to create), or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets the {@code num_records}.
		 * @param numRecords read-only: the number of requests, or {@code null} to leave
		 * it out
		 * @return this builder
		 */
		public Builder numRecords(@Nullable Integer numRecords) {
			this.numRecords = numRecords;
			return this;
		}

		/**
		 * Sets the {@code num_successful_records}.
		 * @param numSuccessfulRecords read-only: the requests that succeeded, or
		 * {@code null} to leave it out
		 * @return this builder
		 */
		public Builder numSuccessfulRecords(@Nullable Integer numSuccessfulRecords) {
			this.numSuccessfulRecords = numSuccessfulRecords;
			return this;
		}

		/**
		 * Sets the {@code num_failed_records}.
		 * @param numFailedRecords read-only: the requests that failed, or {@code null} to
		 * leave it out
		 * @return this builder
		 */
		public Builder numFailedRecords(@Nullable Integer numFailedRecords) {
			this.numFailedRecords = numFailedRecords;
			return this;
		}

		/**
		 * Sets the {@code status_reason}.
		 * @param statusReason read-only: why the batch has its status, or {@code null} to
		 * leave it out
		 * @return this builder
		 */
		public Builder statusReason(@Nullable String statusReason) {
			this.statusReason = statusReason;
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
		public Batch build() {
			return new Batch(this.id, this.name, this.creatorId, this.orgId, this.status, this.createdAt,
					this.updatedAt, this.inputDatasetId, this.outputDatasetId, this.inputTokens, this.outputTokens,
					this.model, this.numRecords, this.numSuccessfulRecords, this.numFailedRecords, this.statusReason,
					this.extra);
		}

	}

}
