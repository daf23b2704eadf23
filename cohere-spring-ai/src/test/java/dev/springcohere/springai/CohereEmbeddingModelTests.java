package dev.springcohere.springai;

import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.client.CohereClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class CohereEmbeddingModelTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final CohereClient client = Fixtures.client(server.baseUrl());

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	private static String embedAnswer(String vectors) {
		return """
				{"id":"e-1","response_type":"embeddings_by_type","embeddings":{"float":%s},
				 "meta":{"billed_units":{"input_tokens":7}}}""".formatted(vectors);
	}

	@Test
	void callEmbedsTextsAsSearchDocumentsWithTheDefaultOptions() {
		server.stubFor(post(urlEqualTo("/v2/embed")).withRequestBody(equalToJson("""
				{"model":"embed-v4.0","input_type":"search_document","texts":["a","b"],"output_dimension":256,
				 "embedding_types":["float"]}"""))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(embedAnswer("[[0.5,0.25],[1.0,-1.0]]"))));
		CohereEmbeddingModel model = new CohereEmbeddingModel(this.client,
				CohereEmbeddingOptions.builder().model("embed-v4.0").dimensions(256).build());

		EmbeddingResponse response = model.call(new EmbeddingRequest(List.of("a", "b"), null));

		assertThat(response.getResults()).hasSize(2);
		assertThat(response.getResults().get(0).getOutput()).containsExactly(0.5f, 0.25f);
		assertThat(response.getResults().get(1).getOutput()).containsExactly(1.0f, -1.0f);
		assertThat(response.getResults().get(1).getIndex()).isEqualTo(1);
		assertThat(response.getMetadata().getModel()).isEqualTo("embed-v4.0");
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(7);
	}

	@Test
	void embedStringUsesSearchQueryAndEmbedDocumentUsesSearchDocument() {
		server.stubFor(post(urlEqualTo("/v2/embed")).withRequestBody(equalToJson("""
				{"input_type":"search_query","texts":["where?"]}""", false, true))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(embedAnswer("[[1.0]]"))));
		server.stubFor(post(urlEqualTo("/v2/embed")).withRequestBody(equalToJson("""
				{"input_type":"search_document","texts":["a doc"]}""", false, true))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(embedAnswer("[[2.0]]"))));
		CohereEmbeddingModel model = new CohereEmbeddingModel(this.client);

		assertThat(model.embed("where?")).containsExactly(1.0f);
		assertThat(model.embed(new Document("a doc"))).containsExactly(2.0f);
	}

	@Test
	void anExplicitInputTypeInTheRequestOptionsWins() {
		server.stubFor(post(urlEqualTo("/v2/embed")).withRequestBody(equalToJson("""
				{"model":"embed-english-v3.0","input_type":"clustering","texts":["x"]}""", false, true))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(embedAnswer("[[3.0]]"))));
		CohereEmbeddingModel model = new CohereEmbeddingModel(this.client,
				CohereEmbeddingOptions.builder().inputType(EmbedInputType.SEARCH_QUERY).build());

		EmbeddingResponse response = model.call(new EmbeddingRequest(List.of("x"),
				CohereEmbeddingOptions.builder()
					.model("embed-english-v3.0")
					.inputType(EmbedInputType.CLUSTERING)
					.build()));

		assertThat(response.getResult().getOutput()).containsExactly(3.0f);
	}

	@Test
	void knownModelsReportTheirDimensionsWithoutACall() {
		assertThat(new CohereEmbeddingModel(this.client).dimensions()).isEqualTo(1536);
		assertThat(new CohereEmbeddingModel(this.client,
				CohereEmbeddingOptions.builder().model("embed-english-light-v3.0").build())
			.dimensions()).isEqualTo(384);
		assertThat(new CohereEmbeddingModel(this.client, CohereEmbeddingOptions.builder().dimensions(512).build())
			.dimensions()).isEqualTo(512);
		server.verify(0, postRequestedFor(urlEqualTo("/v2/embed")));
	}

}
