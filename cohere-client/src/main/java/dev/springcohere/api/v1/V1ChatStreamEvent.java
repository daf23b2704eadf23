package dev.springcohere.api.v1;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An event of a streamed {@code /v1/chat} answer, discriminated by its {@code event_type}
 * (spec {@code StreamedChatResponse}). An event of a type this library does not know
 * becomes {@link Unknown} with its raw JSON, so new server events never break a stream.
 *
 * @since 0.1.0
 */
public sealed interface V1ChatStreamEvent permits V1ChatStreamEvent.StreamStart,
		V1ChatStreamEvent.SearchQueriesGeneration, V1ChatStreamEvent.SearchResults, V1ChatStreamEvent.TextGeneration,
		V1ChatStreamEvent.CitationGeneration, V1ChatStreamEvent.ToolCallsGeneration, V1ChatStreamEvent.ToolCallsChunk,
		V1ChatStreamEvent.StreamEnd, V1ChatStreamEvent.Debug, V1ChatStreamEvent.Unknown {

	/**
	 * Returns the event type, the {@code event_type} property.
	 * @return the type
	 */
	String eventType();

	/**
	 * Reads one event.
	 * @param mapper the mapper, such as
	 * {@link dev.springcohere.api.CohereJson#createMapper()}
	 * @param json the JSON text of the event
	 * @return the event; {@link Unknown} for a type this library does not know
	 * @throws IllegalArgumentException when the JSON is not an object with an
	 * {@code event_type}
	 * @throws tools.jackson.core.JacksonException when the text is not JSON or a known
	 * event is malformed
	 */
	static V1ChatStreamEvent parse(ObjectMapper mapper, String json) {
		Objects.requireNonNull(mapper, "'mapper' must not be null");
		Objects.requireNonNull(json, "'json' must not be null");
		return of(mapper, mapper.readTree(json));
	}

	/**
	 * Reads one event from a JSON tree.
	 * @param mapper the mapper
	 * @param event the event
	 * @return the event; {@link Unknown} for a type this library does not know
	 * @throws IllegalArgumentException when the tree is not an object with an
	 * {@code event_type}
	 */
	static V1ChatStreamEvent of(ObjectMapper mapper, JsonNode event) {
		JsonNode type = (event != null) ? event.get("event_type") : null;
		if (type == null || !type.isString()) {
			throw new IllegalArgumentException(
					"A v1 chat stream event must be a JSON object with an 'event_type', got: " + event);
		}
		Class<? extends V1ChatStreamEvent> kind = switch (type.asString()) {
			case StreamStart.TYPE -> StreamStart.class;
			case SearchQueriesGeneration.TYPE -> SearchQueriesGeneration.class;
			case SearchResults.TYPE -> SearchResults.class;
			case TextGeneration.TYPE -> TextGeneration.class;
			case CitationGeneration.TYPE -> CitationGeneration.class;
			case ToolCallsGeneration.TYPE -> ToolCallsGeneration.class;
			case ToolCallsChunk.TYPE -> ToolCallsChunk.class;
			case StreamEnd.TYPE -> StreamEnd.class;
			case Debug.TYPE -> Debug.class;
			default -> null;
		};
		return (kind != null) ? mapper.treeToValue(event, kind) : new Unknown(type.asString(), event);
	}

	/**
	 * {@code stream-start}: the answer begins.
	 *
	 * @param generationId the generation id, or {@code null}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record StreamStart(@JsonProperty("generation_id") @Nullable String generationId) implements V1ChatStreamEvent {

		/** The event type. */
		public static final String TYPE = "stream-start";

		@Override
		public String eventType() {
			return TYPE;
		}

	}

	/**
	 * {@code search-queries-generation}: the search queries the model wrote.
	 *
	 * @param searchQueries the queries
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record SearchQueriesGeneration(
			@JsonProperty("search_queries") List<V1SearchQuery> searchQueries) implements V1ChatStreamEvent {

		/** The event type. */
		public static final String TYPE = "search-queries-generation";

		/**
		 * Copies the queries.
		 * @param searchQueries the queries, or {@code null}
		 */
		public SearchQueriesGeneration {
			searchQueries = (searchQueries != null) ? List.copyOf(searchQueries) : List.of();
		}

		@Override
		public String eventType() {
			return TYPE;
		}

	}

	/**
	 * {@code search-results}: what the connectors found.
	 *
	 * @param searchResults the results
	 * @param documents the documents found
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record SearchResults(@JsonProperty("search_results") List<V1SearchResult> searchResults,
			List<Map<String, String>> documents) implements V1ChatStreamEvent {

		/** The event type. */
		public static final String TYPE = "search-results";

		/**
		 * Copies the lists.
		 * @param searchResults the results, or {@code null}
		 * @param documents the documents, or {@code null}
		 */
		public SearchResults {
			searchResults = (searchResults != null) ? List.copyOf(searchResults) : List.of();
			documents = (documents != null) ? documents.stream()
				.map((document) -> Collections.unmodifiableMap(new LinkedHashMap<>(document)))
				.toList() : List.of();
		}

		@Override
		public String eventType() {
			return TYPE;
		}

	}

	/**
	 * {@code text-generation}: a piece of the answer text.
	 *
	 * @param text the piece
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record TextGeneration(String text) implements V1ChatStreamEvent {

		/** The event type. */
		public static final String TYPE = "text-generation";

		/**
		 * A missing text becomes empty.
		 * @param text the text, or {@code null}
		 */
		public TextGeneration {
			text = (text != null) ? text : "";
		}

		@Override
		public String eventType() {
			return TYPE;
		}

	}

	/**
	 * {@code citation-generation}: citations of the text so far.
	 *
	 * @param citations the citations
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record CitationGeneration(List<V1Citation> citations) implements V1ChatStreamEvent {

		/** The event type. */
		public static final String TYPE = "citation-generation";

		/**
		 * Copies the citations.
		 * @param citations the citations, or {@code null}
		 */
		public CitationGeneration {
			citations = (citations != null) ? List.copyOf(citations) : List.of();
		}

		@Override
		public String eventType() {
			return TYPE;
		}

	}

	/**
	 * {@code tool-calls-generation}: the complete tool calls, with the model's plan.
	 *
	 * @param text the plan text, or {@code null}
	 * @param toolCalls the calls
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ToolCallsGeneration(@Nullable String text,
			@JsonProperty("tool_calls") List<V1ToolCall> toolCalls) implements V1ChatStreamEvent {

		/** The event type. */
		public static final String TYPE = "tool-calls-generation";

		/**
		 * Copies the calls.
		 * @param text the plan, or {@code null}
		 * @param toolCalls the calls, or {@code null}
		 */
		public ToolCallsGeneration {
			toolCalls = (toolCalls != null) ? List.copyOf(toolCalls) : List.of();
		}

		@Override
		public String eventType() {
			return TYPE;
		}

	}

	/**
	 * {@code tool-calls-chunk}: a piece of a tool call as it is generated (the complete
	 * calls follow in {@code tool-calls-generation}).
	 *
	 * @param toolCallDelta the piece, or {@code null}
	 * @param text a piece of the plan text, or {@code null}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ToolCallsChunk(@JsonProperty("tool_call_delta") @Nullable ToolCallDelta toolCallDelta,
			@Nullable String text) implements V1ChatStreamEvent {

		/** The event type. */
		public static final String TYPE = "tool-calls-chunk";

		@Override
		public String eventType() {
			return TYPE;
		}

	}

	/**
	 * A piece of a streamed tool call (spec {@code ToolCallDelta}).
	 *
	 * @param name the tool name, or {@code null}
	 * @param index the index of the call, or {@code null}
	 * @param parameters a piece of the parameters' JSON text, or {@code null}
	 * @param text a piece of text, or {@code null}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ToolCallDelta(@Nullable String name, @Nullable Integer index, @Nullable String parameters,
			@Nullable String text) {

	}

	/**
	 * {@code stream-end}: the answer is complete.
	 *
	 * @param finishReason why generation stopped, or {@code null}
	 * @param response the whole answer, or {@code null}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record StreamEnd(@JsonProperty("finish_reason") @Nullable String finishReason,
			@Nullable V1ChatResponse response) implements V1ChatStreamEvent {

		/** The event type. */
		public static final String TYPE = "stream-end";

		@Override
		public String eventType() {
			return TYPE;
		}

	}

	/**
	 * {@code debug}: the prompt the model saw (when the server sends it).
	 *
	 * @param prompt the prompt, or {@code null}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Debug(@Nullable String prompt) implements V1ChatStreamEvent {

		/** The event type. */
		public static final String TYPE = "debug";

		@Override
		public String eventType() {
			return TYPE;
		}

	}

	/**
	 * An event of a type this library does not know, kept as received.
	 *
	 * @param eventType the event type
	 * @param raw the event as received (a copy is kept)
	 */
	record Unknown(String eventType, JsonNode raw) implements V1ChatStreamEvent {

		/**
		 * Creates an unknown event.
		 * @param eventType the type
		 * @param raw the event
		 */
		public Unknown {
			Objects.requireNonNull(eventType, "'eventType' must not be null");
			Objects.requireNonNull(raw, "'raw' must not be null");
			raw = raw.deepCopy();
		}

		/**
		 * Returns a copy of the event as received.
		 * @return the raw JSON
		 */
		@Override
		public JsonNode raw() {
			return this.raw.deepCopy();
		}

	}

}
