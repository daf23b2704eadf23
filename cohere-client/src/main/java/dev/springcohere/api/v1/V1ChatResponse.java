package dev.springcohere.api.v1;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ApiMeta;

/**
 * The answer of a non-streamed {@code /v1/chat} call (spec
 * {@code NonStreamedChatResponse}); a stream carries the same value in its
 * {@code stream-end} event.
 *
 * @param text the answer text (empty when the model only calls tools)
 * @param generationId the generation id, or {@code null}
 * @param responseId the response id, or {@code null}
 * @param citations the citations, possibly empty
 * @param documents the documents cited (given or found by connectors), possibly empty
 * @param isSearchRequired whether the model decided to search, or {@code null}
 * @param searchQueries the search queries generated, possibly empty
 * @param searchResults what the connectors found, possibly empty
 * @param finishReason {@code COMPLETE}, {@code STOP_SEQUENCE}, {@code MAX_TOKENS},
 * {@code ERROR}, {@code ERROR_TOXIC}, {@code ERROR_LIMIT}, {@code USER_CANCEL} or
 * {@code TIMEOUT}, or {@code null}
 * @param toolCalls the tools the model calls, possibly empty
 * @param chatHistory the conversation including this turn, possibly empty
 * @param meta the API version and billed units, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "text", "generation_id", "response_id", "citations", "documents", "is_search_required",
		"search_queries", "search_results", "finish_reason", "tool_calls", "chat_history", "meta" })
public record V1ChatResponse(String text, @JsonProperty("generation_id") @Nullable String generationId,
		@JsonProperty("response_id") @Nullable String responseId,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<V1Citation> citations,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Map<String, String>> documents,
		@JsonProperty("is_search_required") @Nullable Boolean isSearchRequired,
		@JsonProperty("search_queries") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<V1SearchQuery> searchQueries,
		@JsonProperty("search_results") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<V1SearchResult> searchResults,
		@JsonProperty("finish_reason") @Nullable String finishReason,
		@JsonProperty("tool_calls") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<V1ToolCall> toolCalls,
		@JsonProperty("chat_history") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<V1Message> chatHistory,
		@Nullable ApiMeta meta) {

	/**
	 * Copies the lists; a missing text becomes empty.
	 * @param text the text, or {@code null}
	 * @param generationId the generation id, or {@code null}
	 * @param responseId the response id, or {@code null}
	 * @param citations the citations, or {@code null}
	 * @param documents the documents, or {@code null}
	 * @param isSearchRequired whether search was needed, or {@code null}
	 * @param searchQueries the queries, or {@code null}
	 * @param searchResults the results, or {@code null}
	 * @param finishReason the finish reason, or {@code null}
	 * @param toolCalls the tool calls, or {@code null}
	 * @param chatHistory the history, or {@code null}
	 * @param meta the meta, or {@code null}
	 */
	public V1ChatResponse {
		text = (text != null) ? text : "";
		citations = (citations != null) ? List.copyOf(citations) : List.of();
		documents = (documents != null) ? documents.stream()
			.map((document) -> Collections.unmodifiableMap(new LinkedHashMap<>(document)))
			.toList() : List.of();
		searchQueries = (searchQueries != null) ? List.copyOf(searchQueries) : List.of();
		searchResults = (searchResults != null) ? List.copyOf(searchResults) : List.of();
		toolCalls = (toolCalls != null) ? List.copyOf(toolCalls) : List.of();
		chatHistory = (chatHistory != null) ? List.copyOf(chatHistory) : List.of();
	}

}
