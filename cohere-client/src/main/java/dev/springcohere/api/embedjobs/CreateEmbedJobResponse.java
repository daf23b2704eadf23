package dev.springcohere.api.embedjobs;

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
 * The answer of starting an embed job.
 *
 * @param jobId the job id
 * @param meta the API meta data
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "job_id", "meta" })
public record CreateEmbedJobResponse(@JsonProperty("job_id") @Nullable String jobId, @Nullable ApiMeta meta,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public CreateEmbedJobResponse {
		extra = ApiExtras.copy(extra);
	}

}
