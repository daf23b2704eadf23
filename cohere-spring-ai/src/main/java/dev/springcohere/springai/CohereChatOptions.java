package dev.springcohere.springai;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.springcohere.api.ChatDocument;
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.api.Thinking;
import dev.springcohere.api.ToolChoice;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * Options of a Cohere v2 chat call for Spring AI. Immutable; every field is nullable and
 * means "not set" (the defaults live in the configuration, not here). Use
 * {@link #builder()} to create and {@link #mutate()} or {@link #copy()} to derive.
 * <p>
 * Spring AI's {@code topK}/{@code topP} map to Cohere's {@code k}/{@code p};
 * {@link #getOutputSchema()} becomes a {@code json_object} response format with that
 * schema.
 * <p>
 * Its length is Spring AI's options contract (the portable options, copy and mutate,
 * equality) written out beside the Cohere-only options and their builder.
 *
 * @since 0.1.0
 */
public final class CohereChatOptions implements ToolCallingChatOptions, StructuredOutputChatOptions {

	private final @Nullable String model;

	private final @Nullable Double temperature;

	private final @Nullable Integer maxTokens;

	private final @Nullable Double topP;

	private final @Nullable Integer topK;

	private final @Nullable List<String> stopSequences;

	private final @Nullable Double frequencyPenalty;

	private final @Nullable Double presencePenalty;

	private final Map<CohereOption, Object> cohere;

	private final @Nullable String outputSchema;

	private final List<ToolCallback> toolCallbacks;

	private final Map<String, Object> toolContext;

	private CohereChatOptions(Builder builder) {
		this.model = builder.baseModel();
		this.temperature = builder.baseTemperature();
		this.maxTokens = builder.baseMaxTokens();
		this.topP = builder.baseTopP();
		this.topK = builder.baseTopK();
		List<String> stops = builder.baseStopSequences();
		this.stopSequences = (stops != null) ? List.copyOf(stops) : null;
		this.frequencyPenalty = builder.baseFrequencyPenalty();
		this.presencePenalty = builder.basePresencePenalty();
		this.cohere = Collections.unmodifiableMap(new EnumMap<>(builder.cohere));
		this.outputSchema = builder.outputSchema;
		List<ToolCallback> callbacks = builder.baseToolCallbacks();
		this.toolCallbacks = (callbacks != null) ? List.copyOf(callbacks) : List.of();
		Map<String, Object> context = builder.baseToolContext();
		this.toolContext = (context != null) ? Map.copyOf(context) : Map.of();
	}

	/**
	 * Starts empty options.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Converts any Spring AI options to Cohere options, keeping every value Cohere
	 * understands; Cohere options are returned as they are.
	 * @param options the options, or {@code null}
	 * @return Cohere options (empty for {@code null})
	 */
	public static CohereChatOptions from(@Nullable ChatOptions options) {
		if (options instanceof CohereChatOptions cohere) {
			return cohere;
		}
		Builder builder = builder();
		if (options != null) {
			builder.copyFrom(options);
		}
		return builder.build();
	}

	@Override
	public @Nullable String getModel() {
		return this.model;
	}

	@Override
	public @Nullable Double getTemperature() {
		return this.temperature;
	}

	@Override
	public @Nullable Integer getMaxTokens() {
		return this.maxTokens;
	}

	@Override
	public @Nullable Double getTopP() {
		return this.topP;
	}

	@Override
	public @Nullable Integer getTopK() {
		return this.topK;
	}

	@Override
	public @Nullable List<String> getStopSequences() {
		return this.stopSequences;
	}

	@Override
	public @Nullable Double getFrequencyPenalty() {
		return this.frequencyPenalty;
	}

	@Override
	public @Nullable Double getPresencePenalty() {
		return this.presencePenalty;
	}

	/**
	 * Returns the random seed.
	 * @return the seed, or {@code null}
	 */
	public @Nullable Long getSeed() {
		return (Long) this.cohere.get(CohereOption.SEED);
	}

	/**
	 * Returns the safety mode.
	 * @return the safety mode, or {@code null}
	 */
	public @Nullable SafetyMode getSafetyMode() {
		return (SafetyMode) this.cohere.get(CohereOption.SAFETY_MODE);
	}

	/**
	 * Returns the documents the model grounds its answer on (and cites).
	 * @return the documents, possibly empty
	 */
	public List<ChatDocument> getDocuments() {
		@SuppressWarnings("unchecked")
		List<ChatDocument> documents = (List<ChatDocument>) this.cohere.get(CohereOption.DOCUMENTS);
		return (documents != null) ? documents : List.of();
	}

	/**
	 * Returns the citation mode.
	 * @return the citation mode, or {@code null}
	 */
	public @Nullable CitationMode getCitationMode() {
		return (CitationMode) this.cohere.get(CohereOption.CITATION_MODE);
	}

	/**
	 * Tells whether tool calls must follow the tool schemas strictly (Cohere's
	 * request-level {@code strict_tools}).
	 * @return the flag, or {@code null}
	 */
	public @Nullable Boolean getStrictTools() {
		return (Boolean) this.cohere.get(CohereOption.STRICT_TOOLS);
	}

	/**
	 * Returns the extended thinking settings (Cohere's {@code thinking}: enabled or
	 * disabled, with an optional token budget).
	 * @return the settings, or {@code null}
	 */
	public @Nullable Thinking getThinking() {
		return (Thinking) this.cohere.get(CohereOption.THINKING);
	}

	/**
	 * Returns whether the model must call a tool ({@link ToolChoice#REQUIRED}) or must
	 * not ({@link ToolChoice#NONE}) (Cohere's {@code tool_choice}).
	 * @return the tool choice, or {@code null} to let the model decide
	 */
	public @Nullable ToolChoice getToolChoice() {
		return (ToolChoice) this.cohere.get(CohereOption.TOOL_CHOICE);
	}

	/**
	 * Tells whether the answer carries the log probabilities of its tokens (Cohere's
	 * {@code logprobs}); they are returned in the generation metadata under
	 * {@value CohereChatModel#LOGPROBS_METADATA_KEY}.
	 * @return the flag, or {@code null}
	 */
	public @Nullable Boolean getLogprobs() {
		return (Boolean) this.cohere.get(CohereOption.LOGPROBS);
	}

	/**
	 * Returns the priority of the request (Cohere's {@code priority}: 0 is the highest,
	 * 999 the lowest; lower-priority requests are dropped first under load).
	 * @return the priority, or {@code null}
	 */
	public @Nullable Integer getPriority() {
		return (Integer) this.cohere.get(CohereOption.PRIORITY);
	}

	@Override
	public @Nullable String getOutputSchema() {
		return this.outputSchema;
	}

	@Override
	public List<ToolCallback> getToolCallbacks() {
		return this.toolCallbacks;
	}

	@Override
	public Map<String, Object> getToolContext() {
		return this.toolContext;
	}

	/**
	 * Tells whether {@link CohereChatModel} runs tool calls itself (through its
	 * {@code ToolCallingManager}) instead of returning them; off unless set to
	 * {@code true}, since Spring AI's {@code ChatClient} runs them.
	 * @return the flag, or {@code null}
	 */
	public @Nullable Boolean getInternalToolExecutionEnabled() {
		return (Boolean) this.cohere.get(CohereOption.INTERNAL_TOOL_EXECUTION);
	}

	@Override
	public Builder mutate() {
		return builder().copyFrom(this);
	}

	/**
	 * Returns an equal copy of these options.
	 * @return the copy
	 */
	public CohereChatOptions copy() {
		return mutate().build();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof CohereChatOptions that)) {
			return false;
		}
		return Objects.equals(this.model, that.model) && Objects.equals(this.temperature, that.temperature)
				&& Objects.equals(this.maxTokens, that.maxTokens) && Objects.equals(this.topP, that.topP)
				&& Objects.equals(this.topK, that.topK) && Objects.equals(this.stopSequences, that.stopSequences)
				&& Objects.equals(this.frequencyPenalty, that.frequencyPenalty)
				&& Objects.equals(this.presencePenalty, that.presencePenalty) && this.cohere.equals(that.cohere)
				&& Objects.equals(this.outputSchema, that.outputSchema) && this.toolCallbacks.equals(that.toolCallbacks)
				&& this.toolContext.equals(that.toolContext);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.model, this.temperature, this.maxTokens, this.topP, this.topK, this.stopSequences,
				this.frequencyPenalty, this.presencePenalty, this.cohere, this.outputSchema, this.toolCallbacks,
				this.toolContext);
	}

	@Override
	public String toString() {
		return "CohereChatOptions{model=" + this.model + ", temperature=" + this.temperature + ", maxTokens="
				+ this.maxTokens + ", topP=" + this.topP + ", topK=" + this.topK + ", stopSequences="
				+ this.stopSequences + ", seed=" + getSeed() + ", safetyMode=" + getSafetyMode() + ", documents="
				+ getDocuments().size() + ", citationMode=" + getCitationMode() + ", strictTools=" + getStrictTools()
				+ ", thinking=" + getThinking() + ", toolChoice=" + getToolChoice() + ", logprobs=" + getLogprobs()
				+ ", priority=" + getPriority() + ", tools=" + this.toolCallbacks.size() + "}";
	}

	/**
	 * The options Spring AI's portable options do not have, listed once: each is a
	 * constant here, a getter on the options and a setter on the builder; equality,
	 * copying and merging go through the one map that holds them (an unset option is
	 * absent, so merging keeps the other side's value).
	 */
	private enum CohereOption {

		SEED, SAFETY_MODE, DOCUMENTS, CITATION_MODE, STRICT_TOOLS, INTERNAL_TOOL_EXECUTION, THINKING, TOOL_CHOICE,
		LOGPROBS, PRIORITY

	}

	/**
	 * Builds {@link CohereChatOptions}. Spring AI's {@code ChatClient} merges a prompt's
	 * options into the model's with {@link #combineWith(ChatOptions.Builder)}: values set
	 * on the other builder win, the others are kept.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder extends DefaultToolCallingChatOptions.Builder<Builder>
			implements StructuredOutputChatOptions.Builder<Builder> {

		private EnumMap<CohereOption, Object> cohere = new EnumMap<>(CohereOption.class);

		private @Nullable String outputSchema;

		private Builder() {
		}

		/**
		 * Sets the random seed.
		 * @param seed the seed, or {@code null}
		 * @return this builder
		 */
		public Builder seed(@Nullable Long seed) {
			return set(CohereOption.SEED, seed);
		}

		/**
		 * Sets the safety mode.
		 * @param safetyMode the mode, or {@code null}
		 * @return this builder
		 */
		public Builder safetyMode(@Nullable SafetyMode safetyMode) {
			return set(CohereOption.SAFETY_MODE, safetyMode);
		}

		/**
		 * Sets the documents to ground the answer on (replacing any set before).
		 * @param documents the documents, or {@code null} for none
		 * @return this builder
		 */
		public Builder documents(@Nullable List<? extends ChatDocument> documents) {
			return set(CohereOption.DOCUMENTS,
					(documents != null && !documents.isEmpty()) ? List.copyOf(documents) : null);
		}

		/**
		 * Sets the documents to ground the answer on (replacing any set before).
		 * @param documents the documents
		 * @return this builder
		 */
		public Builder documents(ChatDocument... documents) {
			return documents(List.of(documents));
		}

		/**
		 * Sets the citation mode.
		 * @param citationMode the mode, or {@code null}
		 * @return this builder
		 */
		public Builder citationMode(@Nullable CitationMode citationMode) {
			return set(CohereOption.CITATION_MODE, citationMode);
		}

		/**
		 * Sets Cohere's request-level {@code strict_tools}.
		 * @param strictTools the flag, or {@code null}
		 * @return this builder
		 */
		public Builder strictTools(@Nullable Boolean strictTools) {
			return set(CohereOption.STRICT_TOOLS, strictTools);
		}

		/**
		 * Sets Cohere's extended thinking: {@code Thinking.enabled(budget)} or
		 * {@code Thinking.disabled()}.
		 * @param thinking the settings, or {@code null}
		 * @return this builder
		 */
		public Builder thinking(@Nullable Thinking thinking) {
			return set(CohereOption.THINKING, thinking);
		}

		/**
		 * Sets Cohere's {@code tool_choice}: {@link ToolChoice#REQUIRED} forces a tool
		 * call, {@link ToolChoice#NONE} forbids one.
		 * @param toolChoice the choice, or {@code null} to let the model decide
		 * @return this builder
		 */
		public Builder toolChoice(@Nullable ToolChoice toolChoice) {
			return set(CohereOption.TOOL_CHOICE, toolChoice);
		}

		/**
		 * Sets whether the answer carries the log probabilities of its tokens.
		 * @param logprobs the flag, or {@code null}
		 * @return this builder
		 */
		public Builder logprobs(@Nullable Boolean logprobs) {
			return set(CohereOption.LOGPROBS, logprobs);
		}

		/**
		 * Sets the priority of the request, from 0 (highest) to 999 (lowest).
		 * @param priority the priority, or {@code null}
		 * @return this builder
		 * @throws IllegalArgumentException if the priority is outside 0 to 999
		 */
		public Builder priority(@Nullable Integer priority) {
			if (priority != null && (priority < 0 || priority > 999)) {
				throw new IllegalArgumentException("CohereChatOptions 'priority' must be between 0 (highest) and 999"
						+ " (lowest), but was " + priority);
			}
			return set(CohereOption.PRIORITY, priority);
		}

		@Override
		public Builder outputSchema(@Nullable String outputSchema) {
			this.outputSchema = outputSchema;
			return this;
		}

		/**
		 * Sets whether {@link CohereChatModel} runs tool calls itself.
		 * @param enabled the flag, or {@code null}
		 * @return this builder
		 */
		public Builder internalToolExecutionEnabled(@Nullable Boolean enabled) {
			return set(CohereOption.INTERNAL_TOOL_EXECUTION, enabled);
		}

		/**
		 * Copies every value of the given options (unset values included).
		 * @param options the options to copy
		 * @return this builder
		 */
		Builder copyFrom(ChatOptions options) {
			model(options.getModel());
			temperature(options.getTemperature());
			maxTokens(options.getMaxTokens());
			topP(options.getTopP());
			topK(options.getTopK());
			stopSequences(options.getStopSequences());
			frequencyPenalty(options.getFrequencyPenalty());
			presencePenalty(options.getPresencePenalty());
			if (options instanceof ToolCallingChatOptions tools) {
				toolCallbacks(new ArrayList<>(tools.getToolCallbacks()));
				toolContext(new HashMap<>(tools.getToolContext()));
			}
			if (options instanceof StructuredOutputChatOptions structured) {
				outputSchema(structured.getOutputSchema());
			}
			if (options instanceof CohereChatOptions cohere) {
				this.cohere = new EnumMap<>(CohereOption.class);
				this.cohere.putAll(cohere.cohere);
			}
			return this;
		}

		@Override
		public Builder combineWith(ChatOptions.Builder<?> other) {
			super.combineWith(other);
			ChatOptions built = other.build();
			if (built instanceof StructuredOutputChatOptions structured && structured.getOutputSchema() != null) {
				this.outputSchema = structured.getOutputSchema();
			}
			if (built instanceof CohereChatOptions cohere) {
				this.cohere.putAll(cohere.cohere);
			}
			return this;
		}

		@Override
		public Builder clone() {
			Builder copy = super.clone();
			copy.cohere = new EnumMap<>(this.cohere);
			return copy;
		}

		private @Nullable String baseModel() {
			return this.model;
		}

		private @Nullable Double baseTemperature() {
			return this.temperature;
		}

		private @Nullable Integer baseMaxTokens() {
			return this.maxTokens;
		}

		private @Nullable Double baseTopP() {
			return this.topP;
		}

		private @Nullable Integer baseTopK() {
			return this.topK;
		}

		private @Nullable List<String> baseStopSequences() {
			return this.stopSequences;
		}

		private @Nullable Double baseFrequencyPenalty() {
			return this.frequencyPenalty;
		}

		private @Nullable Double basePresencePenalty() {
			return this.presencePenalty;
		}

		private @Nullable List<ToolCallback> baseToolCallbacks() {
			return this.toolCallbacks;
		}

		private @Nullable Map<String, Object> baseToolContext() {
			return this.toolContext;
		}

		private Builder set(CohereOption option, @Nullable Object value) {
			if (value != null) {
				this.cohere.put(option, value);
			}
			else {
				this.cohere.remove(option);
			}
			return this;
		}

		@Override
		public CohereChatOptions build() {
			return new CohereChatOptions(this);
		}

	}

}
