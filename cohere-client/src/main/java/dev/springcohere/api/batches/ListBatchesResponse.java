package dev.springcohere.api.batches;

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
 * One page of batches ({@code ListBatchesResponse}).
 *
 * @param batches the batches of the page
 * @param nextPageToken the token of the next page; empty or {@code null} on the last page
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "batches", "next_page_token" })
public record ListBatchesResponse(@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Batch> batches,
		@JsonProperty("next_page_token") @Nullable String nextPageToken,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ListBatchesResponse {
		batches = (batches != null) ? List.copyOf(batches) : List.of();
		extra = ApiExtras.copy(extra);
	}

}
