package dev.springcohere.starter.shop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop application as a web application with Actuator:
 * {@code /actuator/health/cohere} reports the backend and its capabilities without
 * calling Cohere and without showing the API key.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.api-key=health-secret-key",
				"cohere.base-url=http://127.0.0.1:9", "management.endpoint.health.show-details=always",
				"management.endpoints.web.exposure.include=health" })
class ShopHealthEndpointTests {

	@Autowired
	Environment environment;

	@Test
	void healthEndpointShowsTheBackendWithoutCallingCohereOrLeakingTheKey() throws Exception {
		String port = this.environment.getRequiredProperty("local.server.port");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/cohere")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("health-secret-key");
		JsonNode health = JsonMapper.builder().build().readTree(response.body());
		assertThat(health.path("status").asString()).isEqualTo("UP");
		assertThat(health.toString()).contains("platform").contains("chat");
	}

}
