package dev.springcohere.client;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.api.Thinking;
import dev.springcohere.api.TokenizeRequest;

/**
 * The values a {@link CohereClient} fills into requests that leave them unset: the model
 * of each capability and optional request options (temperature, max tokens, safety mode,
 * thinking, logprobs, priority; embed input type, embedding types, dimensions; rerank top
 * n). A value set on the request always wins; the defaults are applied once, by the
 * client.
 * <p>
 * A default embed input type suits applications that embed one kind of input; one that
 * embeds documents and queries should say which on each request ({@code search_document}
 * / {@code search_query}), as the Spring AI embedding model does.
 *
 * @param chatModel the model of chat, tokenize and detokenize requests without one
 * @param embedModel the model of embed requests without one
 * @param rerankModel the model of rerank requests without one
 * @param temperature the chat temperature, or {@code null} for the model's default
 * @param maxTokens the most tokens of a chat answer, or {@code null} for the model's
 * default
 * @param safetyMode the chat safety mode, or {@code null} for the API's default
 * @param embedInputType the embed input type, or {@code null} to send none
 * @param embeddingTypes the embedding types, empty to send none
 * @param embedDimensions the embedding dimensions, or {@code null} for the model's
 * default
 * @param rerankTopN how many rerank results to return, or {@code null} for all
 * @param thinking the chat's extended thinking, or {@code null} for the model's default
 * @param logprobs whether chat answers carry log probabilities, or {@code null} for the
 * API's default (none)
 * @param priority the chat priority, from 0 (highest) to 999 (lowest), or {@code null}
 * for the API's default
 * @since 0.1.0
 */
public record RequestDefaults(String chatModel, String embedModel, String rerankModel, @Nullable Double temperature,
		@Nullable Integer maxTokens, @Nullable SafetyMode safetyMode, @Nullable EmbedInputType embedInputType,
		List<EmbeddingType> embeddingTypes, @Nullable Integer embedDimensions, @Nullable Integer rerankTopN,
		@Nullable Thinking thinking, @Nullable Boolean logprobs, @Nullable Integer priority) {

	/** The default chat model. */
	public static final String DEFAULT_CHAT_MODEL = "command-a-03-2025";

	/** The default embed model. */
	public static final String DEFAULT_EMBED_MODEL = "embed-v4.0";

	/** The default rerank model. */
	public static final String DEFAULT_RERANK_MODEL = "rerank-v3.5";

	private static final RequestDefaults DEFAULTS = builder().build();

	/**
	 * Validates the components.
	 */
	public RequestDefaults {
		chatModel = model(chatModel, "chatModel");
		embedModel = model(embedModel, "embedModel");
		rerankModel = model(rerankModel, "rerankModel");
		embeddingTypes = List.copyOf(Objects.requireNonNull(embeddingTypes, "'embeddingTypes' must not be null"));
		if (maxTokens != null && maxTokens < 1) {
			throw new IllegalArgumentException("'maxTokens' must be at least 1, but was " + maxTokens);
		}
		if (embedDimensions != null && embedDimensions < 1) {
			throw new IllegalArgumentException("'embedDimensions' must be at least 1, but was " + embedDimensions);
		}
		if (rerankTopN != null && rerankTopN < 1) {
			throw new IllegalArgumentException("'rerankTopN' must be at least 1, but was " + rerankTopN);
		}
		if (priority != null && (priority < 0 || priority > 999)) {
			throw new IllegalArgumentException(
					"'priority' must be between 0 (highest) and 999 (lowest), but was " + priority);
		}
	}

	/**
	 * Creates defaults without thinking, logprobs and priority (the components before
	 * they were added).
	 * @param chatModel the chat model
	 * @param embedModel the embed model
	 * @param rerankModel the rerank model
	 * @param temperature the chat temperature, or {@code null}
	 * @param maxTokens the most tokens of a chat answer, or {@code null}
	 * @param safetyMode the chat safety mode, or {@code null}
	 * @param embedInputType the embed input type, or {@code null}
	 * @param embeddingTypes the embedding types
	 * @param embedDimensions the embedding dimensions, or {@code null}
	 * @param rerankTopN how many rerank results to return, or {@code null}
	 */
	public RequestDefaults(String chatModel, String embedModel, String rerankModel, @Nullable Double temperature,
			@Nullable Integer maxTokens, @Nullable SafetyMode safetyMode, @Nullable EmbedInputType embedInputType,
			List<EmbeddingType> embeddingTypes, @Nullable Integer embedDimensions, @Nullable Integer rerankTopN) {
		this(chatModel, embedModel, rerankModel, temperature, maxTokens, safetyMode, embedInputType, embeddingTypes,
				embedDimensions, rerankTopN, null, null, null);
	}

	/**
	 * The default models ({@value #DEFAULT_CHAT_MODEL}, {@value #DEFAULT_EMBED_MODEL},
	 * {@value #DEFAULT_RERANK_MODEL}) and no request options.
	 * @return the defaults
	 */
	public static RequestDefaults defaults() {
		return DEFAULTS;
	}

	/**
	 * Starts a builder with the default models and no request options.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts a builder with these values.
	 * @return a new builder
	 */
	public Builder mutate() {
		return new Builder(this);
	}

	/**
	 * These defaults with the models kept and every request option removed: what a caller
	 * that always sends its complete options (such as a Spring AI model, whose prompt
	 * options replace its defaults) needs.
	 * @return the models only
	 */
	public RequestDefaults modelsOnly() {
		return new RequestDefaults(this.chatModel, this.embedModel, this.rerankModel, null, null, null, null, List.of(),
				null, null, null, null, null);
	}

	/**
	 * Fills the unset chat options.
	 * @param request the request
	 * @return the request with the defaults filled in (the same instance when nothing was
	 * missing)
	 */
	public ChatRequest apply(ChatRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		boolean missing = request.model() == null || (request.temperature() == null && this.temperature != null)
				|| (request.maxTokens() == null && this.maxTokens != null)
				|| (request.safetyMode() == null && this.safetyMode != null)
				|| (request.thinking() == null && this.thinking != null)
				|| (request.logprobs() == null && this.logprobs != null)
				|| (request.priority() == null && this.priority != null);
		if (!missing) {
			return request;
		}
		ChatRequest.Builder builder = request.mutate();
		if (request.model() == null) {
			builder.model(this.chatModel);
		}
		if (request.temperature() == null && this.temperature != null) {
			builder.temperature(this.temperature);
		}
		if (request.maxTokens() == null && this.maxTokens != null) {
			builder.maxTokens(this.maxTokens);
		}
		if (request.safetyMode() == null && this.safetyMode != null) {
			builder.safetyMode(this.safetyMode);
		}
		if (request.thinking() == null && this.thinking != null) {
			builder.thinking(this.thinking);
		}
		if (request.logprobs() == null && this.logprobs != null) {
			builder.logprobs(this.logprobs);
		}
		if (request.priority() == null && this.priority != null) {
			builder.priority(this.priority);
		}
		return builder.build();
	}

	/**
	 * Fills the unset embed options.
	 * @param request the request
	 * @return the request with the defaults filled in
	 */
	public EmbedRequest apply(EmbedRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		EmbedRequest.Builder builder = request.mutate();
		boolean changed = false;
		if (request.model() == null) {
			builder.model(this.embedModel);
			changed = true;
		}
		if (request.inputType() == null && this.embedInputType != null) {
			builder.inputType(this.embedInputType);
			changed = true;
		}
		if ((request.embeddingTypes() == null || request.embeddingTypes().isEmpty())
				&& !this.embeddingTypes.isEmpty()) {
			builder.embeddingTypes(this.embeddingTypes);
			changed = true;
		}
		if (request.outputDimension() == null && this.embedDimensions != null) {
			builder.outputDimension(this.embedDimensions);
			changed = true;
		}
		return changed ? builder.build() : request;
	}

	/**
	 * Fills the unset rerank options.
	 * @param request the request
	 * @return the request with the defaults filled in
	 */
	public RerankRequest apply(RerankRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		if (request.model() != null && (request.topN() != null || this.rerankTopN == null)) {
			return request;
		}
		RerankRequest.Builder builder = request.mutate();
		if (request.model() == null) {
			builder.model(this.rerankModel);
		}
		if (request.topN() == null && this.rerankTopN != null) {
			builder.topN(this.rerankTopN);
		}
		return builder.build();
	}

	/**
	 * Fills the model of a tokenize request (the chat model).
	 * @param request the request
	 * @return the request with a model
	 */
	public TokenizeRequest apply(TokenizeRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return (request.model() != null) ? request : TokenizeRequest.of(this.chatModel, request.text());
	}

	/**
	 * Fills the model of a detokenize request (the chat model).
	 * @param request the request
	 * @return the request with a model
	 */
	public DetokenizeRequest apply(DetokenizeRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		return (request.model() != null) ? request : DetokenizeRequest.of(this.chatModel, request.tokens());
	}

	private static String model(String model, String name) {
		Objects.requireNonNull(model, "'" + name + "' must not be null");
		if (model.isBlank()) {
			throw new IllegalArgumentException("'" + name + "' must not be blank");
		}
		return model.strip();
	}

	/**
	 * Builds {@link RequestDefaults}.
	 */
	public static final class Builder {

		private String chatModel = DEFAULT_CHAT_MODEL;

		private String embedModel = DEFAULT_EMBED_MODEL;

		private String rerankModel = DEFAULT_RERANK_MODEL;

		private @Nullable Double temperature;

		private @Nullable Integer maxTokens;

		private @Nullable SafetyMode safetyMode;

		private @Nullable EmbedInputType embedInputType;

		private List<EmbeddingType> embeddingTypes = List.of();

		private @Nullable Integer embedDimensions;

		private @Nullable Integer rerankTopN;

		private @Nullable Thinking thinking;

		private @Nullable Boolean logprobs;

		private @Nullable Integer priority;

		private Builder() {
		}

		private Builder(RequestDefaults defaults) {
			this.chatModel = defaults.chatModel;
			this.embedModel = defaults.embedModel;
			this.rerankModel = defaults.rerankModel;
			this.temperature = defaults.temperature;
			this.maxTokens = defaults.maxTokens;
			this.safetyMode = defaults.safetyMode;
			this.embedInputType = defaults.embedInputType;
			this.embeddingTypes = defaults.embeddingTypes;
			this.embedDimensions = defaults.embedDimensions;
			this.rerankTopN = defaults.rerankTopN;
			this.thinking = defaults.thinking;
			this.logprobs = defaults.logprobs;
			this.priority = defaults.priority;
		}

		/**
		 * Sets the chat model.
		 * @param chatModel the model, {@value RequestDefaults#DEFAULT_CHAT_MODEL} by
		 * default
		 * @return this builder
		 */
		public Builder chatModel(String chatModel) {
			this.chatModel = chatModel;
			return this;
		}

		/**
		 * Sets the embed model.
		 * @param embedModel the model, {@value RequestDefaults#DEFAULT_EMBED_MODEL} by
		 * default
		 * @return this builder
		 */
		public Builder embedModel(String embedModel) {
			this.embedModel = embedModel;
			return this;
		}

		/**
		 * Sets the rerank model.
		 * @param rerankModel the model, {@value RequestDefaults#DEFAULT_RERANK_MODEL} by
		 * default
		 * @return this builder
		 */
		public Builder rerankModel(String rerankModel) {
			this.rerankModel = rerankModel;
			return this;
		}

		/**
		 * Sets the chat temperature.
		 * @param temperature the temperature, or {@code null} for the model's default
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Sets the most tokens of a chat answer.
		 * @param maxTokens at least 1, or {@code null} for the model's default
		 * @return this builder
		 */
		public Builder maxTokens(@Nullable Integer maxTokens) {
			this.maxTokens = maxTokens;
			return this;
		}

		/**
		 * Sets the chat safety mode.
		 * @param safetyMode the mode, or {@code null} for the API's default
		 * @return this builder
		 */
		public Builder safetyMode(@Nullable SafetyMode safetyMode) {
			this.safetyMode = safetyMode;
			return this;
		}

		/**
		 * Sets the embed input type of requests without one.
		 * @param embedInputType the type, or {@code null} to send none
		 * @return this builder
		 */
		public Builder embedInputType(@Nullable EmbedInputType embedInputType) {
			this.embedInputType = embedInputType;
			return this;
		}

		/**
		 * Sets the embedding types of requests without any.
		 * @param embeddingTypes the types, empty for none
		 * @return this builder
		 */
		public Builder embeddingTypes(List<EmbeddingType> embeddingTypes) {
			this.embeddingTypes = embeddingTypes;
			return this;
		}

		/**
		 * Sets the embedding dimensions of requests without them.
		 * @param embedDimensions at least 1, or {@code null} for the model's default
		 * @return this builder
		 */
		public Builder embedDimensions(@Nullable Integer embedDimensions) {
			this.embedDimensions = embedDimensions;
			return this;
		}

		/**
		 * Sets how many rerank results requests without a top n return.
		 * @param rerankTopN at least 1, or {@code null} for all
		 * @return this builder
		 */
		public Builder rerankTopN(@Nullable Integer rerankTopN) {
			this.rerankTopN = rerankTopN;
			return this;
		}

		/**
		 * Sets the chat's extended thinking.
		 * @param thinking {@code Thinking.enabled(budget)} or
		 * {@code Thinking.disabled()}, or {@code null} for the model's default
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder thinking(@Nullable Thinking thinking) {
			this.thinking = thinking;
			return this;
		}

		/**
		 * Sets whether chat answers carry log probabilities.
		 * @param logprobs the flag, or {@code null} for the API's default
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder logprobs(@Nullable Boolean logprobs) {
			this.logprobs = logprobs;
			return this;
		}

		/**
		 * Sets the chat priority.
		 * @param priority from 0 (highest) to 999 (lowest), or {@code null} for the API's
		 * default
		 * @return this builder
		 * @since 0.1.0
		 */
		public Builder priority(@Nullable Integer priority) {
			this.priority = priority;
			return this;
		}

		/**
		 * Builds the defaults.
		 * @return the immutable defaults
		 * @throws IllegalArgumentException for a blank model, a value below 1 or a
		 * priority outside 0 to 999
		 */
		public RequestDefaults build() {
			return new RequestDefaults(this.chatModel, this.embedModel, this.rerankModel, this.temperature,
					this.maxTokens, this.safetyMode, this.embedInputType, this.embeddingTypes, this.embedDimensions,
					this.rerankTopN, this.thinking, this.logprobs, this.priority);
		}

	}

}
