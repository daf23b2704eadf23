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
 * One page of events of a fine-tuned model ({@code ListEventsResponse}).
 *
 * @param events the events of the page
 * @param nextPageToken the token of the next page; empty or {@code null} on the last page
 * @param totalSize the number of events in all pages
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "events", "next_page_token", "total_size" })
public record ListEventsResponse(@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Event> events,
		@JsonProperty("next_page_token") @Nullable String nextPageToken,
		@JsonProperty("total_size") @Nullable Integer totalSize,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ListEventsResponse {
		events = (events != null) ? List.copyOf(events) : List.of();
		extra = ApiExtras.copy(extra);
	}

}
