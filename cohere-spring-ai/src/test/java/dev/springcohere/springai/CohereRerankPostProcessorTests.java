package dev.springcohere.springai;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.springcohere.client.CohereClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CohereRerankPostProcessorTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final CohereClient client = Fixtures.client(server.baseUrl());

	private final List<Document> documents = List.of(new Document("d0", "Berlin is in Germany.", java.util.Map.of()),
			new Document("d1", "Paris is the capital of France.", java.util.Map.of("source", "wiki")),
			new Document("d2", "France exports wine.", java.util.Map.of()));

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void keepsTheTopNMostRelevantDocumentsInRerankOrderWithTheirScores() {
		server.stubFor(post(urlEqualTo("/v2/rerank")).withRequestBody(equalToJson("""
				{"model":"rerank-v3.5","query":"capital of France",
				 "documents":["Berlin is in Germany.","Paris is the capital of France.","France exports wine."],
				 "top_n":2}""")).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
				{"id":"k-1","results":[{"index":1,"relevance_score":0.98},{"index":2,"relevance_score":0.41}]}""")));
		CohereRerankPostProcessor reranker = CohereRerankPostProcessor.builder()
			.cohereClient(this.client)
			.model("rerank-v3.5")
			.topN(2)
			.build();

		List<Document> ranked = reranker.process(new Query("capital of France"), this.documents);

		assertThat(ranked).extracting(Document::getId).containsExactly("d1", "d2");
		assertThat(ranked).extracting(Document::getScore).containsExactly(0.98, 0.41);
		assertThat(ranked.get(0).getMetadata()).containsEntry("source", "wiki")
			.containsEntry(CohereRerankPostProcessor.RELEVANCE_SCORE_METADATA_KEY, 0.98);
	}

	@Test
	void topNLargerThanTheDocumentsIsCappedAndMinScoreDropsWeakDocuments() {
		server.stubFor(post(urlEqualTo("/v2/rerank")).withRequestBody(equalToJson("""
				{"query":"wine","top_n":3}""", false, true))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"results":[{"index":2,"relevance_score":0.9},{"index":1,"relevance_score":0.3},
					 {"index":0,"relevance_score":0.01}]}""")));
		CohereRerankPostProcessor reranker = CohereRerankPostProcessor.builder()
			.cohereClient(this.client)
			.topN(10)
			.minScore(0.2)
			.build();

		List<Document> ranked = reranker.process(new Query("wine"), this.documents);

		assertThat(ranked).extracting(Document::getId).containsExactly("d2", "d1");
	}

	@Test
	void noDocumentsMeansNoCall() {
		CohereRerankPostProcessor reranker = CohereRerankPostProcessor.builder().cohereClient(this.client).build();

		assertThat(reranker.process(new Query("anything"), List.of())).isEmpty();
		server.verify(0, postRequestedFor(urlEqualTo("/v2/rerank")));
	}

	@Test
	void rejectsATopNBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> CohereRerankPostProcessor.builder().topN(0))
			.withMessageContaining("'topN' must be at least 1");
	}

}
