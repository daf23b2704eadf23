package dev.springcohere.backend.openai;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Immutable description of an OpenAI-compatible server: the paths of its operations below
 * the base URL, an optional {@code api-version} query parameter, and which non-OpenAI
 * request fields it understands.
 *
 * @since 0.1.0
 */
public final class OpenAiRoutes {

	/** The default chat path, below a base URL such as {@code http://vllm:8000/v1}. */
	public static final String DEFAULT_CHAT_PATH = "/chat/completions";

	/** The default embeddings path. */
	public static final String DEFAULT_EMBEDDINGS_PATH = "/embeddings";

	private final String chatPath;

	private final String embeddingsPath;

	private final @Nullable String rerankPath;

	private final @Nullable String apiVersion;

	private final boolean embedInputType;

	private final boolean samplingExtensions;

	private OpenAiRoutes(Builder builder) {
		this.chatPath = builder.chatPath;
		this.embeddingsPath = builder.embeddingsPath;
		this.rerankPath = builder.rerankPath;
		this.apiVersion = builder.apiVersion;
		this.embedInputType = builder.embedInputType;
		this.samplingExtensions = builder.samplingExtensions;
	}

	/**
	 * Returns the routes of a plain OpenAI-compatible server: the default paths, no
	 * rerank, no {@code api-version}, vLLM's sampling extensions ({@code top_k},
	 * {@code priority}) allowed.
	 * @return the default routes
	 */
	public static OpenAiRoutes defaults() {
		return builder().build();
	}

	/**
	 * Starts a builder with the {@link #defaults() default} values.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns the chat path, with the {@code api-version} query when one is set.
	 * @return the path of chat completions
	 */
	public String chat() {
		return withQuery(this.chatPath);
	}

	/**
	 * Returns the embeddings path, with the {@code api-version} query when one is set.
	 * @return the path of embeddings
	 */
	public String embeddings() {
		return withQuery(this.embeddingsPath);
	}

	/**
	 * Returns the rerank path (Cohere/Jina-style body, as vLLM serves it), with the
	 * {@code api-version} query when one is set.
	 * @return the path, or {@code null} when the server has no rerank route
	 */
	public @Nullable String rerank() {
		return (this.rerankPath != null) ? withQuery(this.rerankPath) : null;
	}

	/**
	 * Tells whether the embeddings route takes an {@code input_type} ({@code document},
	 * {@code query}, {@code text}), as Azure AI model inference does.
	 * @return {@code true} to send the input type
	 */
	public boolean embedInputType() {
		return this.embedInputType;
	}

	/**
	 * Tells whether the server takes vLLM's request extensions {@code top_k} and
	 * {@code priority}; when not, a request with {@code k} or {@code priority} is
	 * rejected.
	 * @return {@code true} to send them
	 */
	public boolean samplingExtensions() {
		return this.samplingExtensions;
	}

	private String withQuery(String path) {
		if (this.apiVersion == null) {
			return path;
		}
		return path + (path.contains("?") ? '&' : '?') + "api-version="
				+ URLEncoder.encode(this.apiVersion, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "OpenAiRoutes[chat=" + chat() + ", embeddings=" + embeddings() + ", rerank=" + rerank()
				+ ", embedInputType=" + this.embedInputType + ", samplingExtensions=" + this.samplingExtensions + "]";
	}

	/**
	 * Builds {@link OpenAiRoutes}.
	 */
	public static final class Builder {

		private String chatPath = DEFAULT_CHAT_PATH;

		private String embeddingsPath = DEFAULT_EMBEDDINGS_PATH;

		private @Nullable String rerankPath;

		private @Nullable String apiVersion;

		private boolean embedInputType;

		private boolean samplingExtensions = true;

		private Builder() {
		}

		/**
		 * Sets the chat path.
		 * @param chatPath a path starting with {@code /}
		 * @return this builder
		 */
		public Builder chatPath(String chatPath) {
			this.chatPath = path(chatPath, "chatPath");
			return this;
		}

		/**
		 * Sets the embeddings path.
		 * @param embeddingsPath a path starting with {@code /}
		 * @return this builder
		 */
		public Builder embeddingsPath(String embeddingsPath) {
			this.embeddingsPath = path(embeddingsPath, "embeddingsPath");
			return this;
		}

		/**
		 * Sets the rerank path, such as {@code /rerank}.
		 * @param rerankPath a path starting with {@code /}, or {@code null} when the
		 * server cannot rerank
		 * @return this builder
		 */
		public Builder rerankPath(@Nullable String rerankPath) {
			this.rerankPath = (rerankPath != null) ? path(rerankPath, "rerankPath") : null;
			return this;
		}

		/**
		 * Sets the {@code api-version} query parameter added to every path.
		 * @param apiVersion the version, or {@code null} (or blank) for none
		 * @return this builder
		 */
		public Builder apiVersion(@Nullable String apiVersion) {
			this.apiVersion = (apiVersion == null || apiVersion.isBlank()) ? null : apiVersion.strip();
			return this;
		}

		/**
		 * Sets whether the embeddings route takes an {@code input_type}.
		 * @param embedInputType {@code true} to send it
		 * @return this builder
		 */
		public Builder embedInputType(boolean embedInputType) {
			this.embedInputType = embedInputType;
			return this;
		}

		/**
		 * Sets whether the server takes vLLM's {@code top_k} and {@code priority}.
		 * @param samplingExtensions {@code true} to send them
		 * @return this builder
		 */
		public Builder samplingExtensions(boolean samplingExtensions) {
			this.samplingExtensions = samplingExtensions;
			return this;
		}

		/**
		 * Builds the routes.
		 * @return the immutable routes
		 */
		public OpenAiRoutes build() {
			return new OpenAiRoutes(this);
		}

		private static String path(String path, String name) {
			Objects.requireNonNull(path, "'" + name + "' must not be null");
			String stripped = path.strip();
			if (!stripped.startsWith("/") || stripped.contains(" ")) {
				throw new IllegalArgumentException(
						"'" + name + "' must be a path starting with '/' such as '/rerank', but was '" + path + "'");
			}
			return stripped;
		}

	}

}
