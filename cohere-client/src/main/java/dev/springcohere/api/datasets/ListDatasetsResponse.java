package dev.springcohere.api.datasets;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiExtras;

/**
 * The datasets of a list call.
 *
 * @param datasets the datasets
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "datasets" })
public record ListDatasetsResponse(@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Dataset> datasets,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ListDatasetsResponse {
		datasets = (datasets != null) ? List.copyOf(datasets) : List.of();
		extra = ApiExtras.copy(extra);
	}

}
