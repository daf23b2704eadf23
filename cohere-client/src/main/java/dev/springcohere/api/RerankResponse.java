package dev.springcohere.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a {@code /v2/rerank} call: the documents ordered by relevance, most
 * relevant first.
 *
 * @param id the id of the call, or {@code null}
 * @param results the ranked results, never {@code null}
 * @param meta the call metadata, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "id", "results", "meta" })
public record RerankResponse(@Nullable String id, @JsonInclude(JsonInclude.Include.ALWAYS) List<Result> results,
		@Nullable ApiMeta meta) {

	/**
	 * Creates a response.
	 * @param id the id, or {@code null}
	 * @param results the results
	 * @param meta the metadata, or {@code null}
	 */
	public RerankResponse {
		results = List.copyOf(Objects.requireNonNull(results, "'results' must not be null"));
	}

	/**
	 * A ranked document.
	 *
	 * @param index the index of the document in the request
	 * @param relevanceScore the relevance score, between 0 and 1
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	@JsonPropertyOrder({ "index", "relevance_score" })
	public record Result(int index, @JsonProperty("relevance_score") double relevanceScore) {

	}

}
