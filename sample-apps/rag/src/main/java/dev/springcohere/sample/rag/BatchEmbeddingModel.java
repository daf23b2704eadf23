package dev.springcohere.sample.rag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * An {@link EmbeddingModel} that embeds many documents in few calls. Spring AI's
 * {@code SimpleVectorStore} (2.0.1) asks its model for one document at a time, which
 * would cost one Cohere call per chunk; {@link #prepare(List)} embeds all of them first
 * through the delegate's list call (the Cohere client sends at most its batch size, 96 by
 * default, texts per call, as {@code search_document}), and {@link #embed(Document)} then
 * answers from those vectors. Everything else, the query embedding ({@code search_query})
 * included, goes to the delegate.
 * <p>
 * Not thread-safe: one ingest uses one instance at a time.
 */
final class BatchEmbeddingModel implements EmbeddingModel {

	private final EmbeddingModel delegate;

	private final Map<String, float[]> prepared = new HashMap<>();

	/**
	 * Creates the model.
	 * @param delegate the model that computes the vectors
	 */
	BatchEmbeddingModel(EmbeddingModel delegate) {
		this.delegate = delegate;
	}

	/**
	 * Embeds the documents in as few calls as the delegate allows and keeps the vectors
	 * for {@link #embed(Document)}.
	 * @param documents the documents about to be added to the store
	 * @throws IllegalStateException if the delegate returns a different number of vectors
	 */
	void prepare(List<Document> documents) {
		List<String> texts = documents.stream().map(this.delegate::getEmbeddingContent).toList();
		List<float[]> vectors = this.delegate.embed(texts);
		if (vectors.size() != texts.size()) {
			throw new IllegalStateException(
					"The embedding model returned " + vectors.size() + " vectors for " + texts.size() + " chunks");
		}
		for (int i = 0; i < texts.size(); i++) {
			this.prepared.put(texts.get(i), vectors.get(i));
		}
	}

	/**
	 * Forgets the prepared vectors.
	 */
	void clear() {
		this.prepared.clear();
	}

	@Override
	public float[] embed(Document document) {
		float[] vector = this.prepared.get(this.delegate.getEmbeddingContent(document));
		return (vector != null) ? vector : this.delegate.embed(document);
	}

	@Override
	public float[] embed(String text) {
		return this.delegate.embed(text);
	}

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		return this.delegate.call(request);
	}

	@Override
	public String getEmbeddingContent(Document document) {
		return this.delegate.getEmbeddingContent(document);
	}

	@Override
	public int dimensions() {
		return this.delegate.dimensions();
	}

}
