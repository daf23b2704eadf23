package dev.springcohere.sample.rag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import dev.springcohere.sample.support.test.BackendStubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RAG sample started on a random port against a WireMock Cohere: ingest, list, ask.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.backend=platform",
				"cohere.retry.max-attempts=1", "cohere.embed.batch-size=3", "rag.ingest-on-startup=false",
				"rag.top-k=3", "rag.top-n=2" })
class RagApiTests extends AbstractSampleApiTests {

	@RegisterExtension
	static final WireMockExtension cohere = BackendStubs.server();

	static final Path docs = writeDocs();

	/**
	 * Four chunks, in this order: alpha.md#0, beta.md#0 (reset), beta.md#1 (ring light),
	 * gamma.md#0.
	 */
	private static Path writeDocs() {
		try {
			Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-docs")), "docs-");
			Files.writeString(dir.resolve("alpha.md"), "# Alpha\n\nThe battery lasts two years.\n");
			Files.writeString(dir.resolve("beta.md"), """
					# Beta

					## Reset

					Hold the button for 20 seconds to reset the hub.

					## Ring light

					A red ring means the hub is offline.
					""");
			Files.createDirectories(dir.resolve("more"));
			Files.writeString(dir.resolve("more/gamma.md"), "# Gamma\n\nGamma is green.\n");
			Files.writeString(dir.resolve("more/notes.txt"), "not Markdown, not ingested");
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		BackendStubs.cohereAt(registry, cohere, "test-key-rag");
		registry.add("rag.docs-dir", docs::toString);
	}

	@Test
	void ingestThenAskRetrievesRerankesAndCitesTheFiles() throws Exception {
		JsonNode before = this.json.readTree(get("/api/documents").body());
		assertThat(before.get("ingested").asBoolean()).isFalse();
		assertThat(files(before)).containsExactly("alpha.md", "beta.md", "more/gamma.md");
		assertThat(before.get("files").get(1).get("title").asString()).isEqualTo("Beta");
		assertThat(before.get("files").get(1).get("chunks").asInt()).isEqualTo(2);
		HttpResponse<String> tooEarly = postJson("/api/ask", "{\"question\":\"How do I reset the hub?\"}");
		assertThat(tooEarly.statusCode()).isEqualTo(409);
		assertThat(error(tooEarly)).contains("POST /api/ingest");

		stubDocumentEmbeddings();
		HttpResponse<String> ingest = postJson("/api/ingest", "");
		assertThat(ingest.statusCode()).isEqualTo(200);
		JsonNode counts = this.json.readTree(ingest.body());
		assertThat(counts.get("files").asInt()).isEqualTo(3);
		assertThat(counts.get("chunks").asInt()).isEqualTo(4);
		assertThat(counts.get("source").asString()).isEqualTo(docs.toAbsolutePath().normalize().toString());
		List<LoggedRequest> embeds = cohere.findAll(postRequestedFor(urlEqualTo("/v2/embed")));
		assertThat(embeds).as("4 chunks in batches of at most 3").hasSize(2);
		// the client may send the batches concurrently: find the first one by its size
		JsonNode firstBatch = embeds.stream()
			.map((request) -> this.json.readTree(request.getBodyAsString()))
			.filter((batch) -> batch.get("texts").size() == 3)
			.findFirst()
			.orElseThrow();
		assertThat(firstBatch.get("model").asString()).isEqualTo("embed-v4.0");
		assertThat(firstBatch.get("input_type").asString()).isEqualTo("search_document");
		assertThat(firstBatch.get("texts").get(1).asString())
			.isEqualTo("Beta > Reset\n\nHold the button for 20 seconds to reset the hub.");
		cohere.verify(1,
				postRequestedFor(urlEqualTo("/v2/embed"))
					.withRequestBody(matchingJsonPath("$.input_type", equalTo("search_document")))
					.withRequestBody(matchingJsonPath("$.texts[0]", equalTo("Gamma\n\nGamma is green."))));
		JsonNode after = this.json.readTree(get("/api/documents").body());
		assertThat(after.get("ingested").asBoolean()).isTrue();
		assertThat(files(after)).containsExactly("alpha.md", "beta.md", "more/gamma.md");

		cohere.resetAll();
		// the question is closest to beta.md#0, then beta.md#1, then alpha.md#0;
		// gamma.md#0 is beyond top-k = 3
		cohere.stubFor(post(urlEqualTo("/v2/embed"))
			.withRequestBody(matchingJsonPath("$.input_type", equalTo("search_query")))
			.willReturn(json("""
					{"id":"q","response_type":"embeddings_by_type","embeddings":{"float":[[0.1,0.9,0.3,0.0]]},"meta":{}}
					""")));
		// rerank prefers the ring light chunk (index 1 of the retrieved), then the reset
		// chunk (index 0)
		cohere.stubFor(post(urlEqualTo("/v2/rerank")).willReturn(json("""
				{"id":"r","results":[{"index":1,"relevance_score":0.81},{"index":0,"relevance_score":0.64}],"meta":{}}
				""")));
		cohere.stubFor(post(urlEqualTo("/v2/chat")).willReturn(json("""
				{"id":"c","finish_reason":"COMPLETE","message":{"role":"assistant",
				 "content":[{"type":"text","text":"Hold the button for 20 seconds."}],
				 "citations":[{"start":0,"end":31,"text":"Hold the button for 20 seconds.","type":"TEXT_CONTENT",
				   "sources":[{"type":"document","id":"beta.md#0","document":{"id":"beta.md#0","text":"ignored"}}]}]}}
				""")));

		HttpResponse<String> response = postJson("/api/ask", "{\"question\":\"How do I reset the hub?\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.get("answer").asString()).isEqualTo("Hold the button for 20 seconds.");
		assertThat(ids(body.get("retrieved"))).containsExactly("beta.md#0", "beta.md#1", "alpha.md#0");
		assertThat(body.get("retrieved").get(0).get("score").asDouble())
			.isGreaterThan(body.get("retrieved").get(1).get("score").asDouble());
		assertThat(ids(body.get("reranked"))).containsExactly("beta.md#1", "beta.md#0");
		assertThat(body.get("reranked").get(0).get("score").asDouble()).isEqualTo(0.81);
		assertThat(body.get("reranked").get(0).get("heading").asString()).isEqualTo("Beta > Ring light");
		JsonNode citation = body.get("citations").get(0);
		assertThat(citation.get("start").asInt()).isEqualTo(0);
		assertThat(citation.get("end").asInt()).isEqualTo(31);
		JsonNode source = citation.get("sources").get(0);
		assertThat(source.get("id").asString()).isEqualTo("beta.md#0");
		assertThat(source.get("file").asString()).isEqualTo("beta.md");
		assertThat(source.get("snippet").asString())
			.isEqualTo("Beta > Reset Hold the button for 20 seconds to reset the hub.");

		cohere.verify(postRequestedFor(urlEqualTo("/v2/embed"))
			.withRequestBody(matchingJsonPath("$.texts[0]", equalTo("How do I reset the hub?"))));
		JsonNode rerank = this.json
			.readTree(cohere.findAll(postRequestedFor(urlEqualTo("/v2/rerank"))).get(0).getBodyAsString());
		assertThat(rerank.get("model").asString()).isEqualTo("rerank-v3.5");
		assertThat(rerank.get("query").asString()).isEqualTo("How do I reset the hub?");
		assertThat(rerank.get("top_n").asInt()).isEqualTo(2);
		assertThat(rerank.get("documents").get(0).asString()).contains("20 seconds");
		assertThat(rerank.get("documents").get(1).asString()).contains("red ring");
		assertThat(rerank.get("documents").get(2).asString()).contains("battery");
		JsonNode chat = this.json
			.readTree(cohere.findAll(postRequestedFor(urlEqualTo("/v2/chat"))).get(0).getBodyAsString());
		assertThat(chat.get("documents").size()).isEqualTo(2);
		assertThat(chat.get("documents").get(0).get("id").asString()).isEqualTo("beta.md#1");
		assertThat(chat.get("documents").get(0).get("data").get("file").asString()).isEqualTo("beta.md");
		assertThat(chat.get("documents").get(0).get("data").get("text").asString()).contains("red ring");
		assertThat(chat.get("documents").get(1).get("id").asString()).isEqualTo("beta.md#0");
		assertThat(chat.get("messages").get(0).get("role").asString()).isEqualTo("system");
		assertThat(chat.get("messages").get(1).get("content").asString()).isEqualTo("How do I reset the hub?");
	}

	@Test
	void blankQuestionAnswers400NamingTheField() throws Exception {
		HttpResponse<String> response = postJson("/api/ask", "{\"question\":\"  \"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(error(response)).contains("'question'");
		assertThat(cohere.getAllServeEvents()).isEmpty();
	}

	private static void stubDocumentEmbeddings() {
		cohere.stubFor(post(urlEqualTo("/v2/embed"))
			.withRequestBody(matchingJsonPath("$.input_type", equalTo("search_document")))
			.withRequestBody(matchingJsonPath("$.texts[0]", containing("battery")))
			.willReturn(json("""
					{"id":"d1","response_type":"embeddings_by_type",
					 "embeddings":{"float":[[1.0,0.0,0.0,0.0],[0.0,1.0,0.0,0.0],[0.0,0.0,1.0,0.0]]},"meta":{}}
					""")));
		cohere.stubFor(post(urlEqualTo("/v2/embed"))
			.withRequestBody(matchingJsonPath("$.input_type", equalTo("search_document")))
			.withRequestBody(matchingJsonPath("$.texts[0]", containing("Gamma is green")))
			.willReturn(
					json("""
							{"id":"d2","response_type":"embeddings_by_type","embeddings":{"float":[[0.0,0.0,0.0,1.0]]},"meta":{}}
							""")));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withHeader("Content-Type", "application/json").withBody(body);
	}

	private static List<String> files(JsonNode listing) {
		return listing.get("files").valueStream().map((file) -> file.get("file").asString()).toList();
	}

	private static List<String> ids(JsonNode hits) {
		return hits.valueStream().map((hit) -> hit.get("id").asString()).toList();
	}

}
