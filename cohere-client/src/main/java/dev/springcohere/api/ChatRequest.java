package dev.springcohere.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The body of a {@code /v2/chat} request.
 * <p>
 * Unset values are {@code null} and not written; empty lists are not written either.
 * {@code model} is required by the API but may be left {@code null} here so that a client
 * fills in its configured default.
 *
 * @param model the model name, or {@code null} for the client default
 * @param messages the conversation, never {@code null}
 * @param tools the tools the model may call, never {@code null}
 * @param strictTools whether tool calls must follow the tool schemas strictly, or
 * {@code null}
 * @param documents documents the model can cite, never {@code null}
 * @param citationOptions how citations are generated, or {@code null}
 * @param responseFormat the format of the answer, or {@code null}
 * @param safetyMode the safety instruction, or {@code null}
 * @param maxTokens the most tokens to generate, or {@code null}
 * @param stopSequences strings that stop generation, never {@code null}
 * @param temperature the sampling temperature, or {@code null}
 * @param seed the sampling seed, or {@code null}
 * @param frequencyPenalty the frequency penalty, or {@code null}
 * @param presencePenalty the presence penalty, or {@code null}
 * @param k top-k sampling (0 disables it), or {@code null}
 * @param p top-p (nucleus) sampling, or {@code null}
 * @param logprobs whether to return log probabilities, or {@code null}
 * @param toolChoice whether a tool call is required or forbidden, or {@code null}
 * @param thinking extended thinking settings, or {@code null}
 * @param priority the request priority (0 is the highest), or {@code null}
 * @param stream whether the answer is streamed as server-sent events, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "model", "messages", "tools", "strict_tools", "documents", "citation_options", "response_format",
		"safety_mode", "max_tokens", "stop_sequences", "temperature", "seed", "frequency_penalty", "presence_penalty",
		"k", "p", "logprobs", "tool_choice", "thinking", "priority", "stream" })
public record ChatRequest(@Nullable String model, @JsonInclude(JsonInclude.Include.ALWAYS) List<ChatMessage> messages,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Tool> tools,
		@JsonProperty("strict_tools") @Nullable Boolean strictTools,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<ChatDocument> documents,
		@JsonProperty("citation_options") @Nullable CitationOptions citationOptions,
		@JsonProperty("response_format") @Nullable ResponseFormat responseFormat,
		@JsonProperty("safety_mode") @Nullable SafetyMode safetyMode,
		@JsonProperty("max_tokens") @Nullable Integer maxTokens,
		@JsonProperty("stop_sequences") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> stopSequences,
		@Nullable Double temperature, @Nullable Long seed,
		@JsonProperty("frequency_penalty") @Nullable Double frequencyPenalty,
		@JsonProperty("presence_penalty") @Nullable Double presencePenalty, @Nullable Integer k, @Nullable Double p,
		@Nullable Boolean logprobs, @JsonProperty("tool_choice") @Nullable ToolChoice toolChoice,
		@Nullable Thinking thinking, @Nullable Integer priority, @Nullable Boolean stream) {

	/**
	 * Creates a request; prefer {@link #builder()}.
	 * @param model the model name, or {@code null} for the client default
	 * @param messages the conversation, never {@code null}
	 * @param tools the tools the model may call, never {@code null}
	 * @param strictTools whether tool calls must follow the tool schemas strictly, or
	 * {@code null}
	 * @param documents documents the model can cite, never {@code null}
	 * @param citationOptions how citations are generated, or {@code null}
	 * @param responseFormat the format of the answer, or {@code null}
	 * @param safetyMode the safety instruction, or {@code null}
	 * @param maxTokens the most tokens to generate, or {@code null}
	 * @param stopSequences strings that stop generation, never {@code null}
	 * @param temperature the sampling temperature, or {@code null}
	 * @param seed the sampling seed, or {@code null}
	 * @param frequencyPenalty the frequency penalty, or {@code null}
	 * @param presencePenalty the presence penalty, or {@code null}
	 * @param k top-k sampling (0 disables it), or {@code null}
	 * @param p top-p (nucleus) sampling, or {@code null}
	 * @param logprobs whether to return log probabilities, or {@code null}
	 * @param toolChoice whether a tool call is required or forbidden, or {@code null}
	 * @param thinking extended thinking settings, or {@code null}
	 * @param priority the request priority (0 is the highest), or {@code null}
	 * @param stream whether the answer is streamed as server-sent events, or {@code null}
	 */
	public ChatRequest {
		messages = List.copyOf(Objects.requireNonNull(messages, "'messages' must not be null"));
		tools = (tools != null) ? List.copyOf(tools) : List.of();
		documents = (documents != null) ? List.copyOf(documents) : List.of();
		stopSequences = (stopSequences != null) ? List.copyOf(stopSequences) : List.of();
		if (k != null && (k < 0 || k > 500)) {
			throw new IllegalArgumentException("Chat 'k' must be between 0 and 500, got " + k);
		}
		if (seed != null && seed < 0) {
			throw new IllegalArgumentException("Chat 'seed' must not be negative, got " + seed);
		}
		if (priority != null && (priority < 0 || priority > 999)) {
			throw new IllegalArgumentException("Chat 'priority' must be between 0 and 999, got " + priority);
		}
	}

	/**
	 * Returns a new, empty builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a builder initialised with the values of this request, to derive a changed
	 * copy.
	 * @return the builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.model = this.model;
		builder.messages = new ArrayList<>(this.messages);
		builder.tools = new ArrayList<>(this.tools);
		builder.strictTools = this.strictTools;
		builder.documents = new ArrayList<>(this.documents);
		builder.citationOptions = this.citationOptions;
		builder.responseFormat = this.responseFormat;
		builder.safetyMode = this.safetyMode;
		builder.maxTokens = this.maxTokens;
		builder.stopSequences = new ArrayList<>(this.stopSequences);
		builder.temperature = this.temperature;
		builder.seed = this.seed;
		builder.frequencyPenalty = this.frequencyPenalty;
		builder.presencePenalty = this.presencePenalty;
		builder.k = this.k;
		builder.p = this.p;
		builder.logprobs = this.logprobs;
		builder.toolChoice = this.toolChoice;
		builder.thinking = this.thinking;
		builder.priority = this.priority;
		builder.stream = this.stream;
		return builder;
	}

	/**
	 * Tells whether the answer is streamed ({@code stream} is {@code true}).
	 * @return {@code true} for a streamed request
	 */
	@JsonIgnore
	public boolean isStreaming() {
		return Boolean.TRUE.equals(this.stream);
	}

	/**
	 * Builds {@link ChatRequest} values.
	 */
	public static final class Builder {

		private @Nullable String model;

		private @Nullable List<ChatMessage> messages;

		private @Nullable List<Tool> tools;

		private @Nullable Boolean strictTools;

		private @Nullable List<ChatDocument> documents;

		private @Nullable CitationOptions citationOptions;

		private @Nullable ResponseFormat responseFormat;

		private @Nullable SafetyMode safetyMode;

		private @Nullable Integer maxTokens;

		private @Nullable List<String> stopSequences;

		private @Nullable Double temperature;

		private @Nullable Long seed;

		private @Nullable Double frequencyPenalty;

		private @Nullable Double presencePenalty;

		private @Nullable Integer k;

		private @Nullable Double p;

		private @Nullable Boolean logprobs;

		private @Nullable ToolChoice toolChoice;

		private @Nullable Thinking thinking;

		private @Nullable Integer priority;

		private @Nullable Boolean stream;

		private Builder() {
		}

		/**
		 * Sets {@code model}.
		 * @param model the model name, or {@code null} for the client default
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets {@code messages}.
		 * @param messages the conversation
		 * @return this builder
		 */
		public Builder messages(@Nullable List<? extends ChatMessage> messages) {
			this.messages = (messages != null) ? new ArrayList<>(messages) : null;
			return this;
		}

		/**
		 * Sets {@code messages}.
		 * @param messages the values
		 * @return this builder
		 */
		public Builder messages(ChatMessage... messages) {
			return messages(List.of(messages));
		}

		/**
		 * Sets {@code tools}.
		 * @param tools the tools the model may call
		 * @return this builder
		 */
		public Builder tools(@Nullable List<? extends Tool> tools) {
			this.tools = (tools != null) ? new ArrayList<>(tools) : null;
			return this;
		}

		/**
		 * Sets {@code tools}.
		 * @param tools the values
		 * @return this builder
		 */
		public Builder tools(Tool... tools) {
			return tools(List.of(tools));
		}

		/**
		 * Sets {@code strict_tools}.
		 * @param strictTools whether tool calls must follow the tool schemas strictly, or
		 * {@code null}
		 * @return this builder
		 */
		public Builder strictTools(@Nullable Boolean strictTools) {
			this.strictTools = strictTools;
			return this;
		}

		/**
		 * Sets {@code documents}.
		 * @param documents documents the model can cite
		 * @return this builder
		 */
		public Builder documents(@Nullable List<? extends ChatDocument> documents) {
			this.documents = (documents != null) ? new ArrayList<>(documents) : null;
			return this;
		}

		/**
		 * Sets {@code documents}.
		 * @param documents the values
		 * @return this builder
		 */
		public Builder documents(ChatDocument... documents) {
			return documents(List.of(documents));
		}

		/**
		 * Sets {@code citation_options}.
		 * @param citationOptions how citations are generated, or {@code null}
		 * @return this builder
		 */
		public Builder citationOptions(@Nullable CitationOptions citationOptions) {
			this.citationOptions = citationOptions;
			return this;
		}

		/**
		 * Sets {@code response_format}.
		 * @param responseFormat the format of the answer, or {@code null}
		 * @return this builder
		 */
		public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		/**
		 * Sets {@code safety_mode}.
		 * @param safetyMode the safety instruction, or {@code null}
		 * @return this builder
		 */
		public Builder safetyMode(@Nullable SafetyMode safetyMode) {
			this.safetyMode = safetyMode;
			return this;
		}

		/**
		 * Sets {@code max_tokens}.
		 * @param maxTokens the most tokens to generate, or {@code null}
		 * @return this builder
		 */
		public Builder maxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Sets {@code stop_sequences}.
		 * @param stopSequences strings that stop generation
		 * @return this builder
		 */
		public Builder stopSequences(@Nullable List<? extends String> stopSequences) {
			this.stopSequences = (stopSequences != null) ? new ArrayList<>(stopSequences) : null;
			return this;
		}

		/**
		 * Sets {@code stop_sequences}.
		 * @param stopSequences the values
		 * @return this builder
		 */
		public Builder stopSequences(String... stopSequences) {
			return stopSequences(List.of(stopSequences));
		}

		/**
		 * Sets {@code temperature}.
		 * @param temperature the sampling temperature, or {@code null}
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Sets {@code seed}.
		 * @param seed the sampling seed, or {@code null}
		 * @return this builder
		 */
		public Builder seed(@Nullable Long seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Sets {@code frequency_penalty}.
		 * @param frequencyPenalty the frequency penalty, or {@code null}
		 * @return this builder
		 */
		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
			return this;
		}

		/**
		 * Sets {@code presence_penalty}.
		 * @param presencePenalty the presence penalty, or {@code null}
		 * @return this builder
		 */
		public Builder presencePenalty(@Nullable Double presencePenalty) {
			this.presencePenalty = presencePenalty;
			return this;
		}

		/**
		 * Sets {@code k}.
		 * @param k top-k sampling (0 disables it), or {@code null}
		 * @return this builder
		 */
		public Builder k(@Nullable Integer k) {
			this.k = k;
			return this;
		}

		/**
		 * Sets {@code p}.
		 * @param p top-p (nucleus) sampling, or {@code null}
		 * @return this builder
		 */
		public Builder p(@Nullable Double p) {
			this.p = p;
			return this;
		}

		/**
		 * Sets {@code logprobs}.
		 * @param logprobs whether to return log probabilities, or {@code null}
		 * @return this builder
		 */
		public Builder logprobs(@Nullable Boolean logprobs) {
			this.logprobs = logprobs;
			return this;
		}

		/**
		 * Sets {@code tool_choice}.
		 * @param toolChoice whether a tool call is required or forbidden, or {@code null}
		 * @return this builder
		 */
		public Builder toolChoice(@Nullable ToolChoice toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		/**
		 * Sets {@code thinking}.
		 * @param thinking extended thinking settings, or {@code null}
		 * @return this builder
		 */
		public Builder thinking(@Nullable Thinking thinking) {
			this.thinking = thinking;
			return this;
		}

		/**
		 * Sets {@code priority}.
		 * @param priority the request priority (0 is the highest), or {@code null}
		 * @return this builder
		 */
		public Builder priority(@Nullable Integer priority) {
			this.priority = priority;
			return this;
		}

		/**
		 * Sets {@code stream}.
		 * @param stream whether the answer is streamed as server-sent events, or
		 * {@code null}
		 * @return this builder
		 */
		public Builder stream(@Nullable Boolean stream) {
			this.stream = stream;
			return this;
		}

		/**
		 * Adds a message to the conversation.
		 * @param message the message
		 * @return this builder
		 */
		public Builder addMessage(ChatMessage message) {
			Objects.requireNonNull(message, "'message' must not be null");
			if (this.messages == null) {
				this.messages = new ArrayList<>();
			}
			this.messages.add(message);
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 * @throws NullPointerException if a required value is missing
		 * @throws IllegalArgumentException if a value is out of range
		 */
		public ChatRequest build() {
			return new ChatRequest(this.model, this.messages, this.tools, this.strictTools, this.documents,
					this.citationOptions, this.responseFormat, this.safetyMode, this.maxTokens, this.stopSequences,
					this.temperature, this.seed, this.frequencyPenalty, this.presencePenalty, this.k, this.p,
					this.logprobs, this.toolChoice, this.thinking, this.priority, this.stream);
		}

	}

}
