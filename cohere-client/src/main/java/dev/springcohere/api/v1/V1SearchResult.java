package dev.springcohere.api.v1;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * What one connector found for one search query of a v1 chat (spec
 * {@code ChatSearchResult}).
 *
 * @param searchQuery the query, or {@code null}
 * @param connector the connector that searched, or {@code null}
 * @param documentIds the ids of the documents found
 * @param errorMessage why the search failed, or {@code null}
 * @param continueOnFailure whether the chat went on after a failure, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "search_query", "connector", "document_ids", "error_message", "continue_on_failure" })
public record V1SearchResult(@JsonProperty("search_query") @Nullable V1SearchQuery searchQuery,
		@Nullable Connector connector, @JsonProperty("document_ids") List<String> documentIds,
		@JsonProperty("error_message") @Nullable String errorMessage,
		@JsonProperty("continue_on_failure") @Nullable Boolean continueOnFailure) {

	/**
	 * Copies the ids.
	 * @param searchQuery the query, or {@code null}
	 * @param connector the connector, or {@code null}
	 * @param documentIds the ids, or {@code null} for none
	 * @param errorMessage the error, or {@code null}
	 * @param continueOnFailure whether the chat went on, or {@code null}
	 */
	public V1SearchResult {
		documentIds = (documentIds != null) ? List.copyOf(documentIds) : List.of();
	}

	/**
	 * The connector of a search result.
	 *
	 * @param id the connector id
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Connector(@Nullable String id) {

	}

}
