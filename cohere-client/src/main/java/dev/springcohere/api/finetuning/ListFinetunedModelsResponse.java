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
 * One page of fine-tuned models ({@code ListFinetunedModelsResponse}).
 *
 * @param finetunedModels the models of the page
 * @param nextPageToken the token of the next page; empty or {@code null} on the last page
 * @param totalSize the number of models in all pages
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "finetuned_models", "next_page_token", "total_size" })
public record ListFinetunedModelsResponse(
		@JsonProperty("finetuned_models") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FinetunedModel> finetunedModels,
		@JsonProperty("next_page_token") @Nullable String nextPageToken,
		@JsonProperty("total_size") @Nullable Integer totalSize,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ListFinetunedModelsResponse {
		finetunedModels = (finetunedModels != null) ? List.copyOf(finetunedModels) : List.of();
		extra = ApiExtras.copy(extra);
	}

}
