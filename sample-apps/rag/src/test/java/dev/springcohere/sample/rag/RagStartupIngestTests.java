package dev.springcohere.sample.rag;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.StringJoiner;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a key the bundled documents are ingested while the application starts, in one
 * embed call (fewer than 96 chunks).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.backend=platform",
				"cohere.retry.max-attempts=1", "rag.ingest-on-startup=true" })
class RagStartupIngestTests extends AbstractSampleApiTests {

	static final List<Chunk> bundledChunks = bundledChunks();

	static final WireMockServer cohere = startServer();

	private static List<Chunk> bundledChunks() {
		MarkdownChunker chunker = new MarkdownChunker(800);
		return new DocumentFolder(null).read()
			.stream()
			.flatMap((file) -> chunker.chunk(file.name(), file.content()).stream())
			.toList();
	}

	private static WireMockServer startServer() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		StringJoiner vectors = new StringJoiner(",", "[", "]");
		for (int i = 0; i < bundledChunks.size(); i++) {
			vectors.add("[" + (i + 1) + ".0,1.0]");
		}
		server
			.stubFor(post(urlEqualTo("/v2/embed")).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"id\":\"e\",\"response_type\":\"embeddings_by_type\",\"embeddings\":{\"float\":" + vectors
						+ "},\"meta\":{}}")));
		return server;
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("cohere.base-url", cohere::baseUrl);
		registry.add("cohere.api-key", () -> "test-key-rag-startup");
	}

	@AfterAll
	static void stopServer() {
		cohere.stop();
	}

	@Test
	void bundledDocumentsAreIngestedAtStartupInOneBatch() throws Exception {
		List<LoggedRequest> embeds = cohere.findAll(postRequestedFor(urlEqualTo("/v2/embed")));
		assertThat(bundledChunks).hasSizeGreaterThan(8).hasSizeLessThan(96);
		assertThat(embeds).hasSize(1);
		JsonNode batch = this.json.readTree(embeds.get(0).getBodyAsString());
		assertThat(batch.get("input_type").asString()).isEqualTo("search_document");
		assertThat(batch.get("texts").size()).isEqualTo(bundledChunks.size());
		assertThat(batch.get("texts").get(0).asString()).isEqualTo(bundledChunks.get(0).text());

		HttpResponse<String> response = get("/api/documents");
		JsonNode listing = this.json.readTree(response.body());
		assertThat(listing.get("ingested").asBoolean()).isTrue();
		assertThat(listing.get("files").valueStream().mapToInt((file) -> file.get("chunks").asInt()).sum())
			.isEqualTo(bundledChunks.size());
		assertThat(listing.get("files").get(0).get("title").asString()).isEqualTo("Automations");
	}

}
