package dev.springcohere.api.datasets;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;

/**
 * The filter and page of a list of datasets; every parameter is optional. Not a JSON
 * body: its fields become query parameters.
 *
 * @param datasetType only datasets of this type
 * @param before only datasets created before
 * @param after only datasets created after
 * @param limit the most datasets to return
 * @param offset how many datasets to skip
 * @param validationStatus only datasets with this validation status
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "datasetType", "before", "after", "limit", "offset", "validationStatus" })
public record ListDatasetsRequest(@Nullable String datasetType, @Nullable Instant before, @Nullable Instant after,
		@Nullable Integer limit, @Nullable Integer offset, @Nullable DatasetValidationStatus validationStatus,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ListDatasetsRequest {
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
		builder.datasetType = this.datasetType;
		builder.before = this.before;
		builder.after = this.after;
		builder.limit = this.limit;
		builder.offset = this.offset;
		builder.validationStatus = this.validationStatus;
		builder.extra.putAll(this.extra);
		return builder;
	}

	/**
	 * Builds a {@link ListDatasetsRequest}.
	 */
	public static final class Builder {

		private @Nullable String datasetType;

		private @Nullable Instant before;

		private @Nullable Instant after;

		private @Nullable Integer limit;

		private @Nullable Integer offset;

		private @Nullable DatasetValidationStatus validationStatus;

		private final Map<String, @Nullable Object> extra = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the {@code datasetType}.
		 * @param datasetType only datasets of this type, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder datasetType(@Nullable String datasetType) {
			this.datasetType = datasetType;
			return this;
		}

		/**
		 * Sets the {@code before}.
		 * @param before only datasets created before, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder before(@Nullable Instant before) {
			this.before = before;
			return this;
		}

		/**
		 * Sets the {@code after}.
		 * @param after only datasets created after, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder after(@Nullable Instant after) {
			this.after = after;
			return this;
		}

		/**
		 * Sets the {@code limit}.
		 * @param limit the most datasets to return, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder limit(@Nullable Integer limit) {
			this.limit = limit;
			return this;
		}

		/**
		 * Sets the {@code offset}.
		 * @param offset how many datasets to skip, or {@code null} to leave it out
		 * @return this builder
		 */
		public Builder offset(@Nullable Integer offset) {
			this.offset = offset;
			return this;
		}

		/**
		 * Sets the {@code validationStatus}.
		 * @param validationStatus only datasets with this validation status, or
		 * {@code null} to leave it out
		 * @return this builder
		 */
		public Builder validationStatus(@Nullable DatasetValidationStatus validationStatus) {
			this.validationStatus = validationStatus;
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
		public ListDatasetsRequest build() {
			return new ListDatasetsRequest(this.datasetType, this.before, this.after, this.limit, this.offset,
					this.validationStatus, this.extra);
		}

	}

}
