package dev.springcohere.engine.encode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.model.ModelFormatException;
import dev.springcohere.engine.model.ModelWeights;
import org.jspecify.annotations.Nullable;

/**
 * Scores (query, document) pairs with a cross-encoder reranker (bge-reranker, ms-marco
 * MiniLM cross-encoders, ...): each pair is encoded together, classified by a one-label
 * {@link SequenceClassifier}, and the relevance score is the sigmoid of the logit, in (0,
 * 1). Thread-safe as long as its kernels are.
 */
public final class CrossEncoderReranker implements AutoCloseable {

	private final SequenceClassifier classifier;

	private final @Nullable PairTokenizer tokenizer;

	private final List<AutoCloseable> owned;

	/**
	 * Combines parts the caller owns (and closes).
	 * @param classifier a classifier with exactly one label
	 * @param tokenizer the pair tokenizer, or null to score token ids only
	 * @throws ModelFormatException if the classifier has more than one label
	 */
	public CrossEncoderReranker(SequenceClassifier classifier, @Nullable PairTokenizer tokenizer) {
		this(classifier, tokenizer, List.of());
	}

	private CrossEncoderReranker(SequenceClassifier classifier, @Nullable PairTokenizer tokenizer,
			List<AutoCloseable> owned) {
		this.classifier = Objects.requireNonNull(classifier, "'classifier' must not be null");
		if (classifier.numLabels() != 1) {
			throw new ModelFormatException("A reranker needs a classification head with one label (a relevance logit)"
					+ " but this one has " + classifier.numLabels() + " labels");
		}
		this.tokenizer = tokenizer;
		this.owned = List.copyOf(owned);
	}

	/**
	 * Loads a reranker from a checkpoint directory, with its pair tokenizer when
	 * {@code tokenizer.json} is present.
	 * @param directory the checkpoint directory
	 * @param kernels the kernels to compute with (not closed by the reranker)
	 * @return the reranker, owning the weights and tokenizer it loaded
	 * @throws ModelFormatException if the checkpoint is invalid or not a one-label
	 * classifier
	 */
	public static CrossEncoderReranker open(Path directory, Kernels kernels) {
		Objects.requireNonNull(directory, "'directory' must not be null");
		Objects.requireNonNull(kernels, "'kernels' must not be null");
		ModelWeights weights = ModelWeights.open(directory);
		PairTokenizer tokenizer = null;
		try {
			SequenceClassifier classifier = new SequenceClassifier(weights, kernels);
			if (Files.isRegularFile(directory.resolve("tokenizer.json"))) {
				tokenizer = PairTokenizer.load(directory, classifier.encoder().maxSequenceLength());
			}
			List<AutoCloseable> owned = new ArrayList<>();
			owned.add(weights);
			if (tokenizer != null) {
				owned.add(tokenizer);
			}
			return new CrossEncoderReranker(classifier, tokenizer, owned);
		}
		catch (RuntimeException ex) {
			if (tokenizer != null) {
				tokenizer.close();
			}
			weights.close();
			throw ex;
		}
	}

	/**
	 * The classifier.
	 * @return the classifier
	 */
	public SequenceClassifier classifier() {
		return this.classifier;
	}

	/**
	 * The pair tokenizer that {@link #score(String, List)} uses.
	 * @return the tokenizer, or empty when this reranker scores token ids only
	 */
	public Optional<PairTokenizer> tokenizer() {
		return Optional.ofNullable(this.tokenizer);
	}

	/**
	 * Scores documents against a query.
	 * @param query the query
	 * @param documents the documents
	 * @return one relevance score in (0, 1) per document, in the documents' order
	 * @throws IllegalStateException if the checkpoint has no tokenizer
	 */
	public float[] score(String query, List<String> documents) {
		Objects.requireNonNull(query, "'query' must not be null");
		Objects.requireNonNull(documents, "'documents' must not be null");
		PairTokenizer tok = this.tokenizer;
		if (tok == null) {
			throw new IllegalStateException("This reranker has no tokenizer (no tokenizer.json beside its weights);"
					+ " add the file or score token ids with scoreTokens");
		}
		List<int[]> ids = new ArrayList<>(documents.size());
		List<int[]> types = new ArrayList<>(documents.size());
		for (String document : documents) {
			PairTokenizer.EncodedPair pair = tok.encode(query,
					Objects.requireNonNull(document, "'documents' must not contain null"));
			ids.add(pair.inputIds());
			types.add(pair.tokenTypeIds());
		}
		return scoreTokens(ids, types);
	}

	/**
	 * Scores already encoded pairs.
	 * @param pairs the token ids of each encoded pair (special tokens included)
	 * @param tokenTypeIds the segment ids of each pair, or null for all zeros
	 * (XLM-RoBERTa)
	 * @return one relevance score in (0, 1) per pair
	 * @throws IllegalArgumentException if a pair is empty, too long or holds ids out of
	 * range
	 */
	public float[] scoreTokens(List<int[]> pairs, @Nullable List<int[]> tokenTypeIds) {
		Objects.requireNonNull(pairs, "'pairs' must not be null");
		if (tokenTypeIds != null && tokenTypeIds.size() != pairs.size()) {
			throw new IllegalArgumentException(
					"Got " + tokenTypeIds.size() + " token type id rows for " + pairs.size() + " pairs");
		}
		float[] scores = new float[pairs.size()];
		int pad = Math.max(0, this.classifier.encoder().config().padTokenId());
		for (int[] group : Batching.byLength(pairs)) {
			float[] logits = this.classifier.logits(EncoderBatch.padded(Batching.pick(pairs, group),
					tokenTypeIds == null ? null : Batching.pick(tokenTypeIds, group), pad));
			for (int i = 0; i < group.length; i++) {
				scores[group[i]] = sigmoid(logits[i]);
			}
		}
		return scores;
	}

	/**
	 * The logistic function.
	 * @param x the logit
	 * @return {@code 1 / (1 + e^-x)}
	 */
	public static float sigmoid(float x) {
		return (float) (1.0 / (1.0 + Math.exp(-x)));
	}

	/**
	 * Releases the weights and tokenizer that {@link #open} loaded; parts given to the
	 * constructor stay open.
	 */
	@Override
	public void close() {
		Closeables.closeAll(this.owned, "reranker");
	}

}
