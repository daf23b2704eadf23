package dev.springcohere.engine.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import dev.springcohere.api.ApiMeta;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.engine.encode.CrossEncoderReranker;
import dev.springcohere.engine.encode.PairTokenizer;

/**
 * Answers Cohere {@code /v2/rerank} requests with a local cross-encoder reranker (such as
 * bge-reranker) run by a {@link CrossEncoderReranker}.
 * <p>
 * Every document is scored against the query (the relevance score is the sigmoid of the
 * model's logit, in (0, 1)); the results are ordered by score, most relevant first (ties
 * keep the documents' order), and cut to {@code top_n}. {@code max_tokens_per_doc}
 * (default {@value #DEFAULT_MAX_TOKENS_PER_DOC}, as on the platform) cuts each document
 * after that many tokens before it is paired with the query; the pair is then also cut to
 * the model's length limit, longest part first. {@code meta.billed_units.search_units} is
 * 1 per call (the platform bills one search unit per query of up to 100 documents; this
 * engine does not bill, the count is informative). The request's {@code model} and
 * {@code priority} are not checked: this instance serves one model.
 * <p>
 * Thread-safe: it holds no mutable state, and the reranker is thread-safe.
 */
public final class LocalReranking {

	/** The platform's default {@code max_tokens_per_doc}. */
	public static final int DEFAULT_MAX_TOKENS_PER_DOC = 4096;

	private final CrossEncoderReranker reranker;

	private final PairTokenizer tokenizer;

	private final String modelName;

	private final Function<List<PairTokenizer.EncodedPair>, List<Float>> pass;

	/**
	 * Serves a reranker.
	 * @param reranker the reranker, with its tokenizer (not closed by this class)
	 * @param modelName the model's name, used in messages
	 * @throws IllegalArgumentException if the reranker has no tokenizer or the model name
	 * is blank
	 */
	public LocalReranking(CrossEncoderReranker reranker, String modelName) {
		this(reranker, modelName, (pairs) -> scores(reranker, pairs));
	}

	/**
	 * Serves a reranker whose passes run elsewhere, such as through an
	 * {@link dev.springcohere.engine.encode.EncoderBatcher} that joins concurrent
	 * requests.
	 * @param reranker the reranker, with its tokenizer (not closed by this class)
	 * @param modelName the model's name, used in messages
	 * @param pass scores encoded query-document pairs as {@link #scores} does
	 */
	LocalReranking(CrossEncoderReranker reranker, String modelName,
			Function<List<PairTokenizer.EncodedPair>, List<Float>> pass) {
		this.reranker = Objects.requireNonNull(reranker, "'reranker' must not be null");
		this.pass = Objects.requireNonNull(pass, "'pass' must not be null");
		this.modelName = Objects.requireNonNull(modelName, "'modelName' must not be null");
		if (modelName.isBlank()) {
			throw new IllegalArgumentException("'modelName' must not be blank");
		}
		this.tokenizer = reranker.tokenizer()
			.orElseThrow(() -> new IllegalArgumentException("The reranker '" + modelName
					+ "' has no tokenizer (no tokenizer.json beside its weights); it cannot score text"));
	}

	/**
	 * The served model's name.
	 * @return the name
	 */
	public String modelName() {
		return this.modelName;
	}

	/**
	 * Scores encoded query-document pairs with a reranker in one call (as
	 * {@link CrossEncoderReranker#score} does after encoding the pairs).
	 * @param reranker the reranker
	 * @param pairs the encoded pairs
	 * @return one relevance score per pair, in order
	 */
	static List<Float> scores(CrossEncoderReranker reranker, List<PairTokenizer.EncodedPair> pairs) {
		List<int[]> ids = new ArrayList<>(pairs.size());
		List<int[]> types = new ArrayList<>(pairs.size());
		for (PairTokenizer.EncodedPair pair : pairs) {
			ids.add(pair.inputIds());
			types.add(pair.tokenTypeIds());
		}
		float[] scores = reranker.scoreTokens(ids, types);
		List<Float> boxed = new ArrayList<>(scores.length);
		for (float score : scores) {
			boxed.add(score);
		}
		return boxed;
	}

	/**
	 * Ranks the documents of a request by relevance to its query.
	 * @param request the request
	 * @return the {@code top_n} (or all) documents' indexes and scores, most relevant
	 * first
	 * @throws IllegalArgumentException if the query is blank, there are no documents, or
	 * {@code max_tokens_per_doc} is below 1
	 */
	public RerankResponse rerank(RerankRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		if (request.query().isBlank()) {
			throw new IllegalArgumentException("'query' must not be blank");
		}
		if (request.documents().isEmpty()) {
			throw new IllegalArgumentException("'documents' must not be empty: give at least one document to rank");
		}
		int maxTokens = (request.maxTokensPerDoc() != null) ? request.maxTokensPerDoc() : DEFAULT_MAX_TOKENS_PER_DOC;
		if (maxTokens < 1) {
			throw new IllegalArgumentException("'max_tokens_per_doc' must be at least 1 but was " + maxTokens);
		}
		List<String> documents = new ArrayList<>(request.documents().size());
		for (String document : request.documents()) {
			documents.add(this.tokenizer.truncate(document, maxTokens));
		}
		List<PairTokenizer.EncodedPair> pairs = new ArrayList<>(documents.size());
		for (String document : documents) {
			pairs.add(this.tokenizer.encode(request.query(), document));
		}
		List<Float> scores = this.pass.apply(pairs);
		List<RerankResponse.Result> results = new ArrayList<>(scores.size());
		for (int i = 0; i < scores.size(); i++) {
			results.add(new RerankResponse.Result(i, scores.get(i)));
		}
		// a stable sort: equal scores keep the documents' order
		results.sort(Comparator.comparingDouble(RerankResponse.Result::relevanceScore).reversed());
		int topN = (request.topN() != null) ? Math.min(request.topN(), results.size()) : results.size();
		ApiMeta meta = new ApiMeta(new ApiMeta.ApiVersion("2", null, null),
				new ApiMeta.BilledUnits(null, null, null, null, 1.0, null, null), null, null, null);
		return new RerankResponse(UUID.randomUUID().toString(), results.subList(0, topN), meta);
	}

}
