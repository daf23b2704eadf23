package dev.springcohere.sample.rag;

import java.net.http.HttpResponse;

import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a key the sample starts (the startup ingest is skipped), lists the bundled
 * documents and answers 503 naming the property to set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "CO_API_KEY=",
		"COHERE_API_KEY=", "CO_API_URL=", "cohere.backend=platform", "rag.ingest-on-startup=true" })
class RagWithoutKeyTests extends AbstractSampleApiTests {

	@Test
	void ingestAndAskAnswer503NamingThePropertyToSet() throws Exception {
		assertNotConfigured(postJson("/api/ingest", ""));
		assertNotConfigured(postJson("/api/ask", "{\"question\":\"How do I reset the hub?\"}"));
	}

	@Test
	void documentsListsTheBundledFilesAsNotIngested() throws Exception {
		HttpResponse<String> response = get("/api/documents");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.get("ingested").asBoolean()).isFalse();
		assertThat(body.get("source").asString()).isEqualTo("classpath:docs/*.md");
		assertThat(body.get("files").valueStream().map((file) -> file.get("file").asString()).toList()).containsExactly(
				"automations.md", "energy.md", "overview.md", "pairing.md", "setup.md", "troubleshooting.md",
				"updates.md", "warranty.md");
		assertThat(body.get("files").valueStream().mapToInt((file) -> file.get("chunks").asInt()).min().orElse(0))
			.isPositive();
	}

	private void assertNotConfigured(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		String error = this.json.readTree(response.body()).get("error").asString();
		assertThat(error).startsWith("Cohere is not configured").contains("cohere.api-key").contains("CO_API_KEY");
	}

}
