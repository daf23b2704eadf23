package dev.springcohere.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.engine.cpu.ScalarKernels;
import dev.springcohere.engine.encode.CrossEncoderReranker;
import dev.springcohere.engine.encode.PairTokenizer;
import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRerankingTests {

	private static final String QUERY = "what is a reranker?";

	private static final List<String> DOCUMENTS = List.of("A reranker scores documents against a query.",
			"Bananas are yellow.", "Rerankers order search results by relevance.", "1234 5678", "");

	@TempDir
	static Path dir;

	private static CrossEncoderReranker reranker;

	private static HfTokenizer tokenizer;

	private static LocalReranking reranking;

	@BeforeAll
	static void open() {
		Fixtures.checkpointWithTokenizer("tiny-xlmr-reranker", dir);
		reranker = CrossEncoderReranker.open(dir, new ScalarKernels());
		tokenizer = HfTokenizer.load(dir);
		reranking = new LocalReranking(reranker, "tiny-reranker");
	}

	@AfterAll
	static void close() {
		tokenizer.close();
		reranker.close();
	}

	@Test
	void allDocumentsAreRankedByTheirCrossEncoderScoreMostRelevantFirst() {
		RerankResponse response = reranking.rerank(RerankRequest.builder().query(QUERY).documents(DOCUMENTS).build());
		float[] scores = reranker.score(QUERY, DOCUMENTS);
		assertThat(response.id()).isNotBlank();
		assertThat(response.results()).hasSize(DOCUMENTS.size());
		assertThat(response.results()).extracting(RerankResponse.Result::index)
			.containsExactlyInAnyOrder(0, 1, 2, 3, 4);
		for (int i = 0; i < response.results().size(); i++) {
			RerankResponse.Result result = response.results().get(i);
			assertThat(result.relevanceScore()).isCloseTo(scores[result.index()], within(1e-6)).isBetween(0.0, 1.0);
			if (i > 0) {
				assertThat(result.relevanceScore()).isLessThanOrEqualTo(response.results().get(i - 1).relevanceScore());
			}
		}
		assertThat(response.meta().billedUnits().searchUnits()).isEqualTo(1.0);
	}

	@Test
	void scoresAreSigmoidsOfTheModelsLogits() {
		RerankResponse response = reranking.rerank(RerankRequest.builder().query(QUERY).documents(DOCUMENTS).build());
		List<Integer> order = response.results().stream().map(RerankResponse.Result::index).toList();
		for (RerankResponse.Result result : response.results()) {
			// the logit the classifier gives the encoded pair, pushed through the
			// logistic function
			int[] pair = reranker.tokenizer().orElseThrow().encode(QUERY, DOCUMENTS.get(result.index())).inputIds();
			float logit = reranker.classifier()
				.logits(dev.springcohere.engine.encode.EncoderBatch.padded(List.of(pair), null, 1))[0];
			assertThat(result.relevanceScore()).isCloseTo(1.0 / (1.0 + Math.exp(-logit)), within(1e-5));
		}
		assertThat(order).doesNotHaveDuplicates();
	}

	@Test
	void topNKeepsTheBestResults() {
		RerankResponse all = reranking.rerank(RerankRequest.builder().query(QUERY).documents(DOCUMENTS).build());
		RerankResponse top = reranking
			.rerank(RerankRequest.builder().query(QUERY).documents(DOCUMENTS).topN(2).build());
		assertThat(top.results()).isEqualTo(all.results().subList(0, 2));
		RerankResponse more = reranking
			.rerank(RerankRequest.builder().query(QUERY).documents(DOCUMENTS).topN(50).build());
		assertThat(more.results()).isEqualTo(all.results());
	}

	@Test
	void maxTokensPerDocumentCutsDocumentsBeforeScoring() {
		List<String> documents = List.of("Rerankers order search results", "Rerankers order bananas and apples");
		int[] first = tokenizer.encode(documents.get(0), false);
		int[] second = tokenizer.encode(documents.get(1), false);
		int shared = 0;
		while (shared < Math.min(first.length, second.length) && first[shared] == second[shared]) {
			shared++;
		}
		assertThat(shared).as("the documents must share their first tokens").isGreaterThanOrEqualTo(2);
		RerankResponse whole = reranking.rerank(RerankRequest.builder().query(QUERY).documents(documents).build());
		assertThat(whole.results().get(0).relevanceScore()).isNotEqualTo(whole.results().get(1).relevanceScore());
		RerankResponse cut = reranking
			.rerank(RerankRequest.builder().query(QUERY).documents(documents).maxTokensPerDoc(shared).build());
		assertThat(cut.results().get(0).relevanceScore()).isEqualTo(cut.results().get(1).relevanceScore());
		// equal scores keep the documents' order
		assertThat(cut.results()).extracting(RerankResponse.Result::index).containsExactly(0, 1);
	}

	@Test
	void truncatedTextsKeepExactlyTheirFirstTokens() {
		PairTokenizer pairs = reranker.tokenizer().orElseThrow();
		for (String text : List.of("héllo wörld, 😀 emoji and 12345 digits", "plain words only here")) {
			int[] ids = tokenizer.encode(text, false);
			for (int n = 1; n < ids.length; n++) {
				String cut = pairs.truncate(text, n);
				assertThat(text).startsWith(cut);
				int[] kept = tokenizer.encode(cut, false);
				assertThat(kept.length).as("%s cut to %d tokens", text, n).isLessThanOrEqualTo(n);
				assertThat(kept).as("%s cut to %d tokens", text, n).isEqualTo(Arrays.copyOf(ids, kept.length));
				if (text.chars().allMatch((c) -> c < 128)) {
					assertThat(kept).hasSize(n);
				}
			}
			assertThat(pairs.truncate(text, ids.length)).isEqualTo(text);
		}
	}

	@Test
	void invalidRequestsAreRejectedWithTheField() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> reranking.rerank(RerankRequest.builder().query(QUERY).documents(List.of()).build()))
			.withMessageContaining("'documents'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> reranking.rerank(RerankRequest.builder().query(" ").documents(DOCUMENTS).build()))
			.withMessageContaining("'query'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> reranking
				.rerank(RerankRequest.builder().query(QUERY).documents(DOCUMENTS).maxTokensPerDoc(0).build()))
			.withMessageContaining("'max_tokens_per_doc'");
	}

}
