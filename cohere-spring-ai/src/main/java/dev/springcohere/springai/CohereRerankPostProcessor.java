package dev.springcohere.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.client.CohereClient;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.postretrieval.document.DocumentPostProcessor;

/**
 * A Spring AI RAG {@link DocumentPostProcessor} that reranks retrieved documents with
 * Cohere's rerank: it returns the {@code topN} most relevant documents for the query,
 * most relevant first, each with its relevance score as the document's
 * {@linkplain Document#getScore() score} and under {@value #RELEVANCE_SCORE_METADATA_KEY}
 * in its metadata. Use it in
 * {@code RetrievalAugmentationAdvisor.builder().documentPostProcessors(..)}.
 *
 * @since 0.1.0
 */
public final class CohereRerankPostProcessor implements DocumentPostProcessor {

	/** Metadata key of the relevance score that rerank gave a document. */
	public static final String RELEVANCE_SCORE_METADATA_KEY = "cohere.relevanceScore";

	private final CohereClient client;

	private final @Nullable String model;

	private final @Nullable Integer topN;

	private final @Nullable Double minScore;

	private CohereRerankPostProcessor(Builder builder) {
		this.client = Objects.requireNonNull(builder.client,
				"'cohereClient' must not be null: call CohereRerankPostProcessor.builder().cohereClient(client)");
		this.model = builder.model;
		this.topN = builder.topN;
		this.minScore = builder.minScore;
	}

	/**
	 * Starts a builder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public List<Document> process(Query query, List<Document> documents) {
		Objects.requireNonNull(query, "'query' must not be null");
		Objects.requireNonNull(documents, "'documents' must not be null");
		if (documents.isEmpty()) {
			return List.of();
		}
		List<String> texts = new ArrayList<>(documents.size());
		for (Document document : documents) {
			if (document.getText() == null) {
				throw new IllegalArgumentException(
						"Document '" + document.getId() + "' has no text: Cohere rerank ranks text documents only");
			}
			texts.add(document.getText());
		}
		RerankResponse response = this.client.rerank(RerankRequest.builder()
			.model(this.model)
			.query(query.text())
			.documents(texts)
			.topN((this.topN != null) ? Math.min(this.topN, documents.size()) : null)
			.build());
		List<Document> ranked = new ArrayList<>(response.results().size());
		for (RerankResponse.Result result : response.results()) {
			if (result.index() < 0 || result.index() >= documents.size()) {
				throw new IllegalStateException(
						"Cohere rerank returned index " + result.index() + " for " + documents.size() + " documents");
			}
			if (this.minScore != null && result.relevanceScore() < this.minScore) {
				continue;
			}
			ranked.add(documents.get(result.index())
				.mutate()
				.score(result.relevanceScore())
				.metadata(RELEVANCE_SCORE_METADATA_KEY, result.relevanceScore())
				.build());
		}
		return List.copyOf(ranked);
	}

	@Override
	public String toString() {
		return "CohereRerankPostProcessor{model=" + this.model + ", topN=" + this.topN + ", minScore=" + this.minScore
				+ "}";
	}

	/**
	 * Builds a {@link CohereRerankPostProcessor}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private @Nullable CohereClient client;

		private @Nullable String model;

		private @Nullable Integer topN;

		private @Nullable Double minScore;

		private Builder() {
		}

		/**
		 * Sets the client to call (required).
		 * @param client the client
		 * @return this builder
		 */
		public Builder cohereClient(CohereClient client) {
			this.client = Objects.requireNonNull(client, "'client' must not be null");
			return this;
		}

		/**
		 * Sets the rerank model.
		 * @param model the model, or {@code null} for the client's default
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Sets how many documents to keep.
		 * @param topN the count, at least 1, or {@code null} to keep all (reordered)
		 * @return this builder
		 */
		public Builder topN(@Nullable Integer topN) {
			if (topN != null && topN < 1) {
				throw new IllegalArgumentException("'topN' must be at least 1, but was " + topN);
			}
			this.topN = topN;
			return this;
		}

		/**
		 * Sets the lowest relevance score a document needs to be kept.
		 * @param minScore the threshold between 0 and 1, or {@code null} for none
		 * @return this builder
		 */
		public Builder minScore(@Nullable Double minScore) {
			this.minScore = minScore;
			return this;
		}

		/**
		 * Builds the post-processor.
		 * @return the post-processor
		 */
		public CohereRerankPostProcessor build() {
			return new CohereRerankPostProcessor(this);
		}

	}

}
