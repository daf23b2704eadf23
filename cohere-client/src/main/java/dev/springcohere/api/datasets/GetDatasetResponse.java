package dev.springcohere.api.datasets;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;

/**
 * The answer of getting a dataset.
 *
 * @param dataset the dataset
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "dataset" })
public record GetDatasetResponse(@Nullable Dataset dataset,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public GetDatasetResponse {
		extra = ApiExtras.copy(extra);
	}

}
