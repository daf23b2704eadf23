package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a {@code /v1/models} call: one page of models.
 *
 * @param models the models of this page
 * @param nextPageToken the token of the next page
 * ({@link ListModelsRequest#pageToken()}), or {@code null} on the last page
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "models", "next_page_token" })
public record ListModelsResponse(List<ModelInfo> models,
		@JsonProperty("next_page_token") @Nullable String nextPageToken) {

	/**
	 * Creates a page of models.
	 * @param models the models
	 * @param nextPageToken the next page token, or {@code null}
	 */
	public ListModelsResponse {
		models = List.copyOf(Objects.requireNonNull(models, "'models' must not be null"));
	}

}
