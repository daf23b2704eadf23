package dev.springcohere.api.classify;

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
 * The classification of one input.
 *
 * @param id the id
 * @param input the input
 * @param prediction the predicted label (single-label)
 * @param predictions the predicted labels
 * @param confidence the confidence of the prediction (single-label)
 * @param confidences the confidence of each prediction
 * @param labels the confidence of every label
 * @param classificationType {@code single-label} or {@code multi-label}
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "input", "prediction", "predictions", "confidence", "confidences", "labels",
		"classification_type" })
public record Classification(@Nullable String id, @Nullable String input, @Nullable String prediction,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> predictions, @Nullable Double confidence,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Double> confidences,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, LabelConfidence> labels,
		@JsonProperty("classification_type") @Nullable String classificationType,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public Classification {
		predictions = (predictions != null) ? List.copyOf(predictions) : List.of();
		confidences = (confidences != null) ? List.copyOf(confidences) : List.of();
		labels = (labels != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(labels)) : Map.of();
		extra = ApiExtras.copy(extra);
	}

}
