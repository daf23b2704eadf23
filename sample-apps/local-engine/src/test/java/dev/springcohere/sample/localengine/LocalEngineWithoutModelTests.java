package dev.springcohere.sample.localengine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code cohere.local.model} the sample starts and answers 503 naming the property.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cohere.backend=local", "cohere.local.model=" })
class LocalEngineWithoutModelTests {

	final JsonMapper json = JsonMapper.builder().build();

	final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void endpointsAnswer503NamingTheModelProperty() throws Exception {
		assertNotConfigured(post("/api/chat", "{\"message\":\"Hi\"}"));
		assertNotConfigured(post("/api/embed", "{\"texts\":[\"a\"]}"));
		assertNotConfigured(this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/chat/stream?message=Hi"))
					.GET()
					.build(),
				HttpResponse.BodyHandlers.ofString()));
	}

	private void assertNotConfigured(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		String error = this.json.readTree(response.body()).get("error").asString();
		assertThat(error).startsWith("The local engine is not configured").contains("cohere.local.model");
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
