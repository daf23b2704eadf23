package dev.springcohere.api.v1;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A {@code /v1/chat} request with every field of the spec's {@code /v1/chat} operation.
 * Build one with {@link #builder()}; {@code null} fields and empty lists are left out of
 * the body, so the server's defaults apply.
 * <p>
 * Cohere marks {@code connectors} and {@code search_queries_only} deprecated; the
 * {@code citation_quality} value {@code OFF} is the string the spec's YAML writes as a
 * boolean. Its length is the field list of the spec.
 *
 * @param message the user message (may be empty when {@code tool_results} are sent)
 * @param model the model, or {@code null} for the server's default
 * @param stream whether to stream (set by the client), or {@code null}
 * @param preamble the system preamble, or {@code null}
 * @param chatHistory the earlier turns, possibly empty
 * @param conversationId the id of a conversation the server keeps (instead of
 * {@code chat_history}), or {@code null}
 * @param promptTruncation {@code OFF}, {@code AUTO} or {@code AUTO_PRESERVE_ORDER}, or
 * {@code null}
 * @param connectors connectors to search (deprecated by Cohere), possibly empty
 * @param searchQueriesOnly only generate search queries (deprecated by Cohere), or
 * {@code null}
 * @param documents documents to ground the answer on (string fields, an optional
 * {@code id}), possibly empty
 * @param citationQuality {@code ENABLED}, {@code DISABLED}, {@code FAST},
 * {@code ACCURATE} or {@code OFF}, or {@code null}
 * @param temperature the sampling temperature, or {@code null}
 * @param maxTokens the most tokens to generate, or {@code null}
 * @param maxInputTokens the most prompt tokens before truncation, or {@code null}
 * @param k top-k sampling, or {@code null}
 * @param p top-p sampling, or {@code null}
 * @param seed the sampling seed, or {@code null}
 * @param stopSequences sequences that stop generation, possibly empty
 * @param frequencyPenalty the frequency penalty, or {@code null}
 * @param presencePenalty the presence penalty, or {@code null}
 * @param rawPrompting send the message without the chat template, or {@code null}
 * @param tools tools the model may call, possibly empty
 * @param toolResults results of the calls of the previous turn, possibly empty
 * @param forceSingleStep answer in one step (no multi-step tool use), or {@code null}
 * @param responseFormat the answer format, or {@code null}
 * @param safetyMode {@code CONTEXTUAL}, {@code STRICT} or {@code NONE}, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "message", "model", "stream", "preamble", "chat_history", "conversation_id", "prompt_truncation",
		"connectors", "search_queries_only", "documents", "citation_quality", "temperature", "max_tokens",
		"max_input_tokens", "k", "p", "seed", "stop_sequences", "frequency_penalty", "presence_penalty",
		"raw_prompting", "tools", "tool_results", "force_single_step", "response_format", "safety_mode" })
public record V1ChatRequest(String message, @Nullable String model, @Nullable Boolean stream, @Nullable String preamble,
		@JsonProperty("chat_history") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<V1Message> chatHistory,
		@JsonProperty("conversation_id") @Nullable String conversationId,
		@JsonProperty("prompt_truncation") @Nullable String promptTruncation,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<V1Connector> connectors,
		@JsonProperty("search_queries_only") @Nullable Boolean searchQueriesOnly,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Map<String, String>> documents,
		@JsonProperty("citation_quality") @Nullable String citationQuality, @Nullable Double temperature,
		@JsonProperty("max_tokens") @Nullable Integer maxTokens,
		@JsonProperty("max_input_tokens") @Nullable Integer maxInputTokens, @Nullable Integer k, @Nullable Double p,
		@Nullable Long seed,
		@JsonProperty("stop_sequences") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> stopSequences,
		@JsonProperty("frequency_penalty") @Nullable Double frequencyPenalty,
		@JsonProperty("presence_penalty") @Nullable Double presencePenalty,
		@JsonProperty("raw_prompting") @Nullable Boolean rawPrompting,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<V1Tool> tools,
		@JsonProperty("tool_results") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<V1ToolResult> toolResults,
		@JsonProperty("force_single_step") @Nullable Boolean forceSingleStep,
		@JsonProperty("response_format") @Nullable V1ResponseFormat responseFormat,
		@JsonProperty("safety_mode") @Nullable String safetyMode) {

	/** {@code prompt_truncation}: no truncation; too long a prompt fails. */
	public static final String PROMPT_TRUNCATION_OFF = "OFF";

	/** {@code prompt_truncation}: drop history and documents to fit. */
	public static final String PROMPT_TRUNCATION_AUTO = "AUTO";

	/** {@code prompt_truncation}: drop to fit, keeping the given order. */
	public static final String PROMPT_TRUNCATION_AUTO_PRESERVE_ORDER = "AUTO_PRESERVE_ORDER";

	/**
	 * Checks the message and copies the lists.
	 * @param message the message
	 * @param model the model
	 * @param stream the stream
	 * @param preamble the preamble
	 * @param chatHistory the chat_history (or {@code null} for none)
	 * @param conversationId the conversation_id
	 * @param promptTruncation the prompt_truncation
	 * @param connectors the connectors (or {@code null} for none)
	 * @param searchQueriesOnly the search_queries_only
	 * @param documents the documents (or {@code null} for none)
	 * @param citationQuality the citation_quality
	 * @param temperature the temperature
	 * @param maxTokens the max_tokens
	 * @param maxInputTokens the max_input_tokens
	 * @param k the k
	 * @param p the p
	 * @param seed the seed
	 * @param stopSequences the stop_sequences (or {@code null} for none)
	 * @param frequencyPenalty the frequency_penalty
	 * @param presencePenalty the presence_penalty
	 * @param rawPrompting the raw_prompting
	 * @param tools the tools (or {@code null} for none)
	 * @param toolResults the tool_results (or {@code null} for none)
	 * @param forceSingleStep the force_single_step
	 * @param responseFormat the response_format
	 * @param safetyMode the safety_mode
	 */
	public V1ChatRequest {
		Objects.requireNonNull(message, "'message' must not be null (send an empty message with tool results)");
		chatHistory = (chatHistory != null) ? List.copyOf(chatHistory) : List.of();
		connectors = (connectors != null) ? List.copyOf(connectors) : List.of();
		stopSequences = (stopSequences != null) ? List.copyOf(stopSequences) : List.of();
		tools = (tools != null) ? List.copyOf(tools) : List.of();
		toolResults = (toolResults != null) ? List.copyOf(toolResults) : List.of();
		documents = (documents != null) ? documents.stream().map(V1ChatRequest::copyDocument).toList() : List.of();
	}

	private static Map<String, String> copyDocument(Map<String, String> document) {
		Objects.requireNonNull(document, "'documents' must not hold null");
		return Collections.unmodifiableMap(new LinkedHashMap<>(document));
	}

	/**
	 * Starts a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a builder holding the values of this request.
	 * @return a new builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.message = this.message;
		builder.model = this.model;
		builder.stream = this.stream;
		builder.preamble = this.preamble;
		builder.chatHistory.addAll(this.chatHistory);
		builder.conversationId = this.conversationId;
		builder.promptTruncation = this.promptTruncation;
		builder.connectors.addAll(this.connectors);
		builder.searchQueriesOnly = this.searchQueriesOnly;
		builder.documents.addAll(this.documents);
		builder.citationQuality = this.citationQuality;
		builder.temperature = this.temperature;
		builder.maxTokens = this.maxTokens;
		builder.maxInputTokens = this.maxInputTokens;
		builder.k = this.k;
		builder.p = this.p;
		builder.seed = this.seed;
		builder.stopSequences.addAll(this.stopSequences);
		builder.frequencyPenalty = this.frequencyPenalty;
		builder.presencePenalty = this.presencePenalty;
		builder.rawPrompting = this.rawPrompting;
		builder.tools.addAll(this.tools);
		builder.toolResults.addAll(this.toolResults);
		builder.forceSingleStep = this.forceSingleStep;
		builder.responseFormat = this.responseFormat;
		builder.safetyMode = this.safetyMode;
		return builder;
	}

	/**
	 * Builds {@link V1ChatRequest}s.
	 */
	public static final class Builder {

		private String message = "";

		private @Nullable String model;

		private @Nullable Boolean stream;

		private @Nullable String preamble;

		private final List<V1Message> chatHistory = new ArrayList<>();

		private @Nullable String conversationId;

		private @Nullable String promptTruncation;

		private final List<V1Connector> connectors = new ArrayList<>();

		private @Nullable Boolean searchQueriesOnly;

		private final List<Map<String, String>> documents = new ArrayList<>();

		private @Nullable String citationQuality;

		private @Nullable Double temperature;

		private @Nullable Integer maxTokens;

		private @Nullable Integer maxInputTokens;

		private @Nullable Integer k;

		private @Nullable Double p;

		private @Nullable Long seed;

		private final List<String> stopSequences = new ArrayList<>();

		private @Nullable Double frequencyPenalty;

		private @Nullable Double presencePenalty;

		private @Nullable Boolean rawPrompting;

		private final List<V1Tool> tools = new ArrayList<>();

		private final List<V1ToolResult> toolResults = new ArrayList<>();

		private @Nullable Boolean forceSingleStep;

		private @Nullable V1ResponseFormat responseFormat;

		private @Nullable String safetyMode;

		private Builder() {
		}

		/**
		 * Sets the {@code message}.
		 * @param message the user message (may be empty when {@code tool_results} are
		 * sent)
		 * @return this builder
		 */
		public Builder message(String message) {
			Objects.requireNonNull(message, "'message' must not be null");
			this.message = message;
			return this;
		}

		/**
		 * Sets the {@code model}.
		 * @param model the model, or {@code null} for the server's default
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets the {@code stream}.
		 * @param stream whether to stream (set by the client), or {@code null}
		 * @return this builder
		 */
		public Builder stream(@Nullable Boolean stream) {
			this.stream = stream;
			return this;
		}

		/**
		 * Sets the {@code preamble}.
		 * @param preamble the system preamble, or {@code null}
		 * @return this builder
		 */
		public Builder preamble(@Nullable String preamble) {
			this.preamble = preamble;
			return this;
		}

		/**
		 * Replaces the {@code chat_history}.
		 * @param chatHistory the earlier turns, possibly empty
		 * @return this builder
		 */
		public Builder chatHistory(List<V1Message> chatHistory) {
			Objects.requireNonNull(chatHistory, "'chatHistory' must not be null");
			this.chatHistory.clear();
			this.chatHistory.addAll(chatHistory);
			return this;
		}

		/**
		 * Sets the {@code conversation_id}.
		 * @param conversationId the id of a conversation the server keeps (instead of
		 * {@code chat_history}), or {@code null}
		 * @return this builder
		 */
		public Builder conversationId(@Nullable String conversationId) {
			this.conversationId = conversationId;
			return this;
		}

		/**
		 * Sets the {@code prompt_truncation}.
		 * @param promptTruncation {@code OFF}, {@code AUTO} or
		 * {@code AUTO_PRESERVE_ORDER}, or {@code null}
		 * @return this builder
		 */
		public Builder promptTruncation(@Nullable String promptTruncation) {
			this.promptTruncation = promptTruncation;
			return this;
		}

		/**
		 * Replaces the {@code connectors}.
		 * @param connectors connectors to search (deprecated by Cohere), possibly empty
		 * @return this builder
		 * @deprecated Cohere marks {@code connectors} deprecated (use documents or tools)
		 */
		@Deprecated(since = "0.1.0")
		public Builder connectors(List<V1Connector> connectors) {
			Objects.requireNonNull(connectors, "'connectors' must not be null");
			this.connectors.clear();
			this.connectors.addAll(connectors);
			return this;
		}

		/**
		 * Sets the {@code search_queries_only}.
		 * @param searchQueriesOnly only generate search queries (deprecated by Cohere),
		 * or {@code null}
		 * @return this builder
		 * @deprecated Cohere marks {@code search_queries_only} deprecated
		 */
		@Deprecated(since = "0.1.0")
		public Builder searchQueriesOnly(@Nullable Boolean searchQueriesOnly) {
			this.searchQueriesOnly = searchQueriesOnly;
			return this;
		}

		/**
		 * Replaces the {@code documents}.
		 * @param documents documents to ground the answer on (string fields, an optional
		 * {@code id}), possibly empty
		 * @return this builder
		 */
		public Builder documents(List<Map<String, String>> documents) {
			Objects.requireNonNull(documents, "'documents' must not be null");
			this.documents.clear();
			this.documents.addAll(documents);
			return this;
		}

		/**
		 * Sets the {@code citation_quality}.
		 * @param citationQuality {@code ENABLED}, {@code DISABLED}, {@code FAST},
		 * {@code ACCURATE} or {@code OFF}, or {@code null}
		 * @return this builder
		 */
		public Builder citationQuality(@Nullable String citationQuality) {
			this.citationQuality = citationQuality;
			return this;
		}

		/**
		 * Sets the {@code temperature}.
		 * @param temperature the sampling temperature, or {@code null}
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Sets the {@code max_tokens}.
		 * @param maxTokens the most tokens to generate, or {@code null}
		 * @return this builder
		 */
		public Builder maxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Sets the {@code max_input_tokens}.
		 * @param maxInputTokens the most prompt tokens before truncation, or {@code null}
		 * @return this builder
		 */
		public Builder maxInputTokens(@Nullable Integer maxInputTokens) {
			this.maxInputTokens = maxInputTokens;
			return this;
		}

		/**
		 * Sets the {@code k}.
		 * @param k top-k sampling, or {@code null}
		 * @return this builder
		 */
		public Builder k(@Nullable Integer k) {
			this.k = k;
			return this;
		}

		/**
		 * Sets the {@code p}.
		 * @param p top-p sampling, or {@code null}
		 * @return this builder
		 */
		public Builder p(@Nullable Double p) {
			this.p = p;
			return this;
		}

		/**
		 * Sets the {@code seed}.
		 * @param seed the sampling seed, or {@code null}
		 * @return this builder
		 */
		public Builder seed(@Nullable Long seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Replaces the {@code stop_sequences}.
		 * @param stopSequences sequences that stop generation, possibly empty
		 * @return this builder
		 */
		public Builder stopSequences(List<String> stopSequences) {
			Objects.requireNonNull(stopSequences, "'stopSequences' must not be null");
			this.stopSequences.clear();
			this.stopSequences.addAll(stopSequences);
			return this;
		}

		/**
		 * Sets the {@code frequency_penalty}.
		 * @param frequencyPenalty the frequency penalty, or {@code null}
		 * @return this builder
		 */
		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
			return this;
		}

		/**
		 * Sets the {@code presence_penalty}.
		 * @param presencePenalty the presence penalty, or {@code null}
		 * @return this builder
		 */
		public Builder presencePenalty(@Nullable Double presencePenalty) {
			this.presencePenalty = presencePenalty;
			return this;
		}

		/**
		 * Sets the {@code raw_prompting}.
		 * @param rawPrompting send the message without the chat template, or {@code null}
		 * @return this builder
		 */
		public Builder rawPrompting(@Nullable Boolean rawPrompting) {
			this.rawPrompting = rawPrompting;
			return this;
		}

		/**
		 * Replaces the {@code tools}.
		 * @param tools tools the model may call, possibly empty
		 * @return this builder
		 */
		public Builder tools(List<V1Tool> tools) {
			Objects.requireNonNull(tools, "'tools' must not be null");
			this.tools.clear();
			this.tools.addAll(tools);
			return this;
		}

		/**
		 * Replaces the {@code tool_results}.
		 * @param toolResults results of the calls of the previous turn, possibly empty
		 * @return this builder
		 */
		public Builder toolResults(List<V1ToolResult> toolResults) {
			Objects.requireNonNull(toolResults, "'toolResults' must not be null");
			this.toolResults.clear();
			this.toolResults.addAll(toolResults);
			return this;
		}

		/**
		 * Sets the {@code force_single_step}.
		 * @param forceSingleStep answer in one step (no multi-step tool use), or
		 * {@code null}
		 * @return this builder
		 */
		public Builder forceSingleStep(@Nullable Boolean forceSingleStep) {
			this.forceSingleStep = forceSingleStep;
			return this;
		}

		/**
		 * Sets the {@code response_format}.
		 * @param responseFormat the answer format, or {@code null}
		 * @return this builder
		 */
		public Builder responseFormat(@Nullable V1ResponseFormat responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		/**
		 * Sets the {@code safety_mode}.
		 * @param safetyMode {@code CONTEXTUAL}, {@code STRICT} or {@code NONE}, or
		 * {@code null}
		 * @return this builder
		 */
		public Builder safetyMode(@Nullable String safetyMode) {
			this.safetyMode = safetyMode;
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 */
		public V1ChatRequest build() {
			return new V1ChatRequest(this.message, this.model, this.stream, this.preamble, this.chatHistory,
					this.conversationId, this.promptTruncation, this.connectors, this.searchQueriesOnly, this.documents,
					this.citationQuality, this.temperature, this.maxTokens, this.maxInputTokens, this.k, this.p,
					this.seed, this.stopSequences, this.frequencyPenalty, this.presencePenalty, this.rawPrompting,
					this.tools, this.toolResults, this.forceSingleStep, this.responseFormat, this.safetyMode);
		}

	}

}
