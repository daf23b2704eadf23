package dev.springcohere.api.finetuning;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;

/**
 * A change of status of a fine-tuned model ({@code Event}).
 *
 * @param userId the user who caused it; empty for the system
 * @param status the status it led to
 * @param createdAt when it happened
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "user_id", "status", "created_at" })
public record Event(@JsonProperty("user_id") @Nullable String userId, @Nullable Status status,
		@JsonProperty("created_at") @Nullable Instant createdAt,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public Event {
		extra = ApiExtras.copy(extra);
	}

}
