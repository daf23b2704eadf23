package dev.springcohere.api.finetuning;

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
 * One page of training-step metrics ({@code ListTrainingStepMetricsResponse}).
 *
 * @param stepMetrics the metrics of each evaluated step
 * @param nextPageToken the token of the next page; empty or {@code null} on the last page
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "step_metrics", "next_page_token" })
public record ListTrainingStepMetricsResponse(
		@JsonProperty("step_metrics") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<TrainingStepMetrics> stepMetrics,
		@JsonProperty("next_page_token") @Nullable String nextPageToken,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ListTrainingStepMetricsResponse {
		stepMetrics = (stepMetrics != null) ? List.copyOf(stepMetrics) : List.of();
		extra = ApiExtras.copy(extra);
	}

}
