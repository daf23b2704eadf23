package dev.springcohere.api.embedjobs;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;
import dev.springcohere.api.ApiMeta;

/**
 * An embed job ({@code EmbedJob}); when {@link #status()} is {@code complete}, the
 * embeddings are in the dataset {@link #outputDatasetId()}.
 *
 * @param jobId the job id
 * @param name the job name
 * @param status the status
 * @param createdAt when it was created
 * @param inputDatasetId the dataset embedded
 * @param outputDatasetId the dataset of the embeddings
 * @param model the embedding model
 * @param truncate how inputs too long were truncated ({@code START} or {@code END})
 * @param meta the API meta data
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "job_id", "name", "status", "created_at", "input_dataset_id", "output_dataset_id", "model",
		"truncate", "meta" })
public record EmbedJob(@JsonProperty("job_id") @Nullable String jobId, @Nullable String name,
		@Nullable EmbedJobStatus status, @JsonProperty("created_at") @Nullable Instant createdAt,
		@JsonProperty("input_dataset_id") @Nullable String inputDatasetId,
		@JsonProperty("output_dataset_id") @Nullable String outputDatasetId, @Nullable String model,
		@Nullable String truncate, @Nullable ApiMeta meta,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public EmbedJob {
		extra = ApiExtras.copy(extra);
	}

}
