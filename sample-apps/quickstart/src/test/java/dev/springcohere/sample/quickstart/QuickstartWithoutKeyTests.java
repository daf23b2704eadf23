package dev.springcohere.sample.quickstart;

import java.net.http.HttpResponse;

import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.backend=platform" })
class QuickstartWithoutKeyTests extends AbstractSampleApiTests {

	@Test
	void everyEndpointAnswers503NamingThePropertyToSet() throws Exception {
		assertNotConfigured(postJson("/api/chat", "{\"message\":\"Hi\"}"));
		assertNotConfigured(postJson("/api/embed", "{\"texts\":[\"a\"]}"));
		assertNotConfigured(postJson("/api/rerank", "{\"query\":\"q\",\"documents\":[\"a\"]}"));
		assertNotConfigured(postJson("/api/agent", "{\"message\":\"Hi\"}"));
		assertNotConfigured(postJson("/api/extract", "{\"text\":\"Ada, ada@example.org\"}"));
		assertNotConfigured(postJson("/api/chat/events", "{\"message\":\"Hi\"}"));
		assertNotConfigured(get("/api/chat/stream?message=Hi"));
	}

	@Test
	void healthIsDownWithTheReasonUntilCohereIsConfigured() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(503);
		JsonNode setup = this.json.readTree(health.body()).path("components").path("cohereSetup");
		assertThat(setup.path("status").asString()).isEqualTo("DOWN");
		assertThat(setup.path("details").path("reason").asString()).startsWith("Cohere is not configured")
			.contains("cohere.api-key");
	}

	private void assertNotConfigured(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		String error = this.json.readTree(response.body()).get("error").asString();
		assertThat(error).startsWith("Cohere is not configured")
			.contains("cohere.api-key")
			.contains("CO_API_KEY")
			.contains("cohere.backend");
	}

}
