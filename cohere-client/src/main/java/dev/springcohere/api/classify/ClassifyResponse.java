package dev.springcohere.api.classify;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;
import dev.springcohere.api.ApiMeta;

/**
 * The answer of a classify request.
 *
 * @param id the request id
 * @param classifications one classification per input, in order
 * @param meta the API meta data
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "classifications", "meta" })
public record ClassifyResponse(@Nullable String id,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Classification> classifications, @Nullable ApiMeta meta,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ClassifyResponse {
		classifications = (classifications != null) ? List.copyOf(classifications) : List.of();
		extra = ApiExtras.copy(extra);
	}

}
