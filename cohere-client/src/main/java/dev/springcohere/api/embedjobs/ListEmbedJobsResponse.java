package dev.springcohere.api.embedjobs;

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
 * The embed jobs of the organization ({@code ListEmbedJobResponse}).
 *
 * @param embedJobs the jobs
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "embed_jobs" })
public record ListEmbedJobsResponse(
		@JsonProperty("embed_jobs") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EmbedJob> embedJobs,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ListEmbedJobsResponse {
		embedJobs = (embedJobs != null) ? List.copyOf(embedJobs) : List.of();
		extra = ApiExtras.copy(extra);
	}

}
