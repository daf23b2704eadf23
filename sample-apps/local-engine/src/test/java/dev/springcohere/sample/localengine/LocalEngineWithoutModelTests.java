package dev.springcohere.sample.localengine;

import java.net.http.HttpResponse;

import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code cohere.local.model} the sample starts and answers 503 naming the
 * property.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cohere.backend=local", "cohere.local.model=" })
class LocalEngineWithoutModelTests extends AbstractSampleApiTests {

	@Test
	void endpointsAnswer503NamingTheModelProperty() throws Exception {
		assertNotConfigured(postJson("/api/chat", "{\"message\":\"Hi\"}"));
		assertNotConfigured(postJson("/api/embed", "{\"texts\":[\"a\"]}"));
		assertNotConfigured(get("/api/chat/stream?message=Hi"));
	}

	private void assertNotConfigured(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(503);
		String error = this.json.readTree(response.body()).get("error").asString();
		assertThat(error).startsWith("The local engine is not configured").contains("cohere.local.model");
	}

}
