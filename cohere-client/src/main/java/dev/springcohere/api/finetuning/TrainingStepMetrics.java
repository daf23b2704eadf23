package dev.springcohere.api.finetuning;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;

/**
 * The evaluation metrics at one step of a training ({@code TrainingStepMetrics}).
 *
 * @param createdAt when they were measured
 * @param stepNumber the step
 * @param metrics the value of each metric, by name
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "created_at", "step_number", "metrics" })
public record TrainingStepMetrics(@JsonProperty("created_at") @Nullable Instant createdAt,
		@JsonProperty("step_number") @Nullable Integer stepNumber,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> metrics,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public TrainingStepMetrics {
		metrics = (metrics != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(metrics)) : Map.of();
		extra = ApiExtras.copy(extra);
	}

}
