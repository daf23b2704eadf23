package dev.springcohere.sample.quickstart;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.backend=platform" })
class QuickstartWithoutKeyTests {

	final JsonMapper json = JsonMapper.builder().build();

	final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void everyEndpointAnswers503NamingThePropertyToSet() throws Exception {
		assertNotConfigured(post("/api/chat", "{\"message\":\"Hi\"}"));
		assertNotConfigured(post("/api/embed", "{\"texts\":[\"a\"]}"));
		assertNotConfigured(post("/api/rerank", "{\"query\":\"q\",\"documents\":[\"a\"]}"));
		assertNotConfigured(post("/api/agent", "{\"message\":\"Hi\"}"));
		assertNotConfigured(post("/api/extract", "{\"text\":\"Ada, ada@example.org\"}"));
		assertNotConfigured(post("/api/chat/events", "{\"message\":\"Hi\"}"));
		assertNotConfigured(this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/chat/stream?message=Hi"))
					.GET()
					.build(),
				HttpResponse.BodyHandlers.ofString()));
	}

	private void assertNotConfigured(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		String error = this.json.readTree(response.body()).get("error").asString();
		assertThat(error).startsWith("Cohere is not configured").contains("cohere.api-key").contains("CO_API_KEY")
			.contains("cohere.backend");
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
