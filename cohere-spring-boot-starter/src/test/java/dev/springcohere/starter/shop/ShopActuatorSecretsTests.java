package dev.springcohere.starter.shop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator's {@code /env} and {@code /configprops}, even with {@code show-values=ALWAYS},
 * never show springcohere's secrets.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.api-key=sanitize-secret-key",
				"cohere.azure.api-key=azure-secret-value", "cohere.bedrock.secret-access-key=aws-secret-value",
				"cohere.openai-compat.api-key=openai-secret-value", "cohere.base-url=http://127.0.0.1:9",
				"management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always" })
class ShopActuatorSecretsTests {

	@Autowired
	Environment environment;

	@Test
	void envAndConfigpropsMaskEverySecretEvenWhenShowingValues() throws Exception {
		for (String endpoint : new String[] { "env", "configprops" }) {
			String body = get("/actuator/" + endpoint);
			assertThat(body).as(endpoint)
				.doesNotContain("sanitize-secret-key")
				.doesNotContain("azure-secret-value")
				.doesNotContain("aws-secret-value")
				.doesNotContain("openai-secret-value")
				.contains("******");
		}
		assertThat(get("/actuator/env")).as("other values stay visible").contains("http://127.0.0.1:9");
	}

	private String get(String path) throws Exception {
		String port = this.environment.getRequiredProperty("local.server.port");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

}
