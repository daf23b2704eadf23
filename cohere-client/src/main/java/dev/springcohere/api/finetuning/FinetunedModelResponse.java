package dev.springcohere.api.finetuning;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;

/**
 * The answer of creating, getting or updating a fine-tuned model
 * ({@code CreateFinetunedModelResponse}, {@code GetFinetunedModelResponse},
 * {@code UpdateFinetunedModelResponse}).
 *
 * @param finetunedModel the fine-tuned model
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "finetuned_model" })
public record FinetunedModelResponse(@JsonProperty("finetuned_model") @Nullable FinetunedModel finetunedModel,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public FinetunedModelResponse {
		extra = ApiExtras.copy(extra);
	}

}
