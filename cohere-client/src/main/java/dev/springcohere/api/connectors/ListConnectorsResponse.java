package dev.springcohere.api.connectors;

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
 * One page of connectors ({@code ListConnectorsResponse}).
 *
 * @param connectors the connectors
 * @param totalCount the number of connectors in all pages
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "connectors", "total_count" })
public record ListConnectorsResponse(@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Connector> connectors,
		@JsonProperty("total_count") @Nullable Integer totalCount,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public ListConnectorsResponse {
		connectors = (connectors != null) ? List.copyOf(connectors) : List.of();
		extra = ApiExtras.copy(extra);
	}

}
