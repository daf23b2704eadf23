package dev.springcohere.api.datasets;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;

/**
 * A dataset ({@code Dataset}): its type, validation status (with the error when the
 * validation failed, and warnings about dropped rows) and files.
 *
 * @param id the id
 * @param name the name
 * @param createdAt when it was created
 * @param updatedAt when it was last updated
 * @param datasetType the type
 * @param validationStatus the validation status
 * @param validationError why the validation failed, or {@code null}
 * @param schema the Avro schema of the rows
 * @param requiredFields the fields every row must have
 * @param preserveFields the fields kept besides the required ones
 * @param datasetParts the files of the dataset
 * @param validationWarnings warnings of the validation, such as dropped rows
 * @param parseInfo how the files were parsed
 * @param metrics metrics of the dataset (such as reranker data metrics)
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "name", "created_at", "updated_at", "dataset_type", "validation_status", "validation_error",
		"schema", "required_fields", "preserve_fields", "dataset_parts", "validation_warnings", "parse_info",
		"metrics" })
public record Dataset(@Nullable String id, @Nullable String name,
		@JsonProperty("created_at") @Nullable Instant createdAt,
		@JsonProperty("updated_at") @Nullable Instant updatedAt,
		@JsonProperty("dataset_type") @Nullable DatasetType datasetType,
		@JsonProperty("validation_status") @Nullable DatasetValidationStatus validationStatus,
		@JsonProperty("validation_error") @Nullable String validationError, @Nullable String schema,
		@JsonProperty("required_fields") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> requiredFields,
		@JsonProperty("preserve_fields") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> preserveFields,
		@JsonProperty("dataset_parts") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DatasetPart> datasetParts,
		@JsonProperty("validation_warnings") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> validationWarnings,
		@JsonProperty("parse_info") @Nullable ParseInfo parseInfo,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> metrics,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public Dataset {
		requiredFields = (requiredFields != null) ? List.copyOf(requiredFields) : List.of();
		preserveFields = (preserveFields != null) ? List.copyOf(preserveFields) : List.of();
		datasetParts = (datasetParts != null) ? List.copyOf(datasetParts) : List.of();
		validationWarnings = (validationWarnings != null) ? List.copyOf(validationWarnings) : List.of();
		metrics = (metrics != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(metrics)) : Map.of();
		extra = ApiExtras.copy(extra);
	}

	/**
	 * Tells whether the validation failed.
	 * @return {@code true} when the status is {@link DatasetValidationStatus#FAILED}
	 */
	public boolean isFailed() {
		return DatasetValidationStatus.FAILED.equals(this.validationStatus);
	}

	/**
	 * Tells whether the validation ended (validated, failed or skipped).
	 * @return {@code true} when the dataset will not change status any more
	 */
	public boolean isValidationDone() {
		return DatasetValidationStatus.VALIDATED.equals(this.validationStatus) || isFailed()
				|| DatasetValidationStatus.SKIPPED.equals(this.validationStatus);
	}

}
