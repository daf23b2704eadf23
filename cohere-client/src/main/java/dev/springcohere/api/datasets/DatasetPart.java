package dev.springcohere.api.datasets;

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
 * One file of a dataset ({@code DatasetPart}).
 *
 * @param id the part id
 * @param name the part name
 * @param url where to download it
 * @param index its position
 * @param sizeBytes its size in bytes
 * @param numRows its number of rows
 * @param originalUrl where to download the original file
 * @param samples a few rows
 * @param extra the fields this version does not know: kept from answers, sent with
 * requests (see {@link ApiExtras})
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "name", "url", "index", "size_bytes", "num_rows", "original_url", "samples" })
public record DatasetPart(@Nullable String id, @Nullable String name, @Nullable String url, @Nullable Integer index,
		@JsonProperty("size_bytes") @Nullable Long sizeBytes, @JsonProperty("num_rows") @Nullable Integer numRows,
		@JsonProperty("original_url") @Nullable String originalUrl,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> samples,
		@JsonAnySetter @JsonAnyGetter Map<String, @Nullable Object> extra) {

	/**
	 * Copies the collections in.
	 */
	public DatasetPart {
		samples = (samples != null) ? List.copyOf(samples) : List.of();
		extra = ApiExtras.copy(extra);
	}

}
