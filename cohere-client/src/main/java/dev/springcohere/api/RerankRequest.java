package dev.springcohere.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The body of a {@code /v2/rerank} request.
 * <p>
 * {@code model} is required by the API but may be left {@code null} here so that a client
 * fills in its configured default.
 *
 * @param model the model name, or {@code null} for the client default
 * @param query the search query
 * @param documents the documents to rank, never {@code null}
 * @param topN how many results to return, or {@code null} for all
 * @param maxTokensPerDoc the most tokens read per document, or {@code null}
 * @param priority the request priority (0 is the highest), or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "model", "query", "documents", "top_n", "max_tokens_per_doc", "priority" })
public record RerankRequest(@Nullable String model, String query,
		@JsonInclude(JsonInclude.Include.ALWAYS) List<String> documents, @JsonProperty("top_n") @Nullable Integer topN,
		@JsonProperty("max_tokens_per_doc") @Nullable Integer maxTokensPerDoc, @Nullable Integer priority) {

	/**
	 * Creates a request; prefer {@link #builder()}.
	 * @param model the model name, or {@code null} for the client default
	 * @param query the search query
	 * @param documents the documents to rank, never {@code null}
	 * @param topN how many results to return, or {@code null} for all
	 * @param maxTokensPerDoc the most tokens read per document, or {@code null}
	 * @param priority the request priority (0 is the highest), or {@code null}
	 */
	public RerankRequest {
		Objects.requireNonNull(query, "'query' must not be null");
		documents = List.copyOf(Objects.requireNonNull(documents, "'documents' must not be null"));
		if (topN != null && topN < 1) {
			throw new IllegalArgumentException("Rerank 'top_n' must be at least 1, got " + topN);
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
		builder.query = this.query;
		builder.documents = new ArrayList<>(this.documents);
		builder.topN = this.topN;
		builder.maxTokensPerDoc = this.maxTokensPerDoc;
		builder.priority = this.priority;
		return builder;
	}

	/**
	 * Builds {@link RerankRequest} values.
	 */
	public static final class Builder {

		private @Nullable String model;

		private @Nullable String query;

		private @Nullable List<String> documents;

		private @Nullable Integer topN;

		private @Nullable Integer maxTokensPerDoc;

		private @Nullable Integer priority;

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
		 * Sets {@code query}.
		 * @param query the search query
		 * @return this builder
		 */
		public Builder query(@Nullable String query) {
			this.query = query;
			return this;
		}

		/**
		 * Sets {@code documents}.
		 * @param documents the documents to rank
		 * @return this builder
		 */
		public Builder documents(@Nullable List<? extends String> documents) {
			this.documents = (documents != null) ? new ArrayList<>(documents) : null;
			return this;
		}

		/**
		 * Sets {@code documents}.
		 * @param documents the values
		 * @return this builder
		 */
		public Builder documents(String... documents) {
			return documents(List.of(documents));
		}

		/**
		 * Sets {@code top_n}.
		 * @param topN how many results to return, or {@code null} for all
		 * @return this builder
		 */
		public Builder topN(@Nullable Integer topN) {
			this.topN = topN;
			return this;
		}

		/**
		 * Sets {@code max_tokens_per_doc}.
		 * @param maxTokensPerDoc the most tokens read per document, or {@code null}
		 * @return this builder
		 */
		public Builder maxTokensPerDoc(@Nullable Integer maxTokensPerDoc) {
			this.maxTokensPerDoc = maxTokensPerDoc;
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
		 * Builds the request.
		 * @return the request
		 * @throws NullPointerException if a required value is missing
		 * @throws IllegalArgumentException if a value is out of range
		 */
		public RerankRequest build() {
			return new RerankRequest(this.model, this.query, this.documents, this.topN, this.maxTokensPerDoc,
					this.priority);
		}

	}

}
