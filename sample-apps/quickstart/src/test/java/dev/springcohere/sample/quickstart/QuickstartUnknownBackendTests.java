package dev.springcohere.sample.quickstart;

import java.net.http.HttpResponse;

import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A misspelt backend id: the sample starts, its endpoints say what to set, once, and its
 * health is DOWN with that reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.backend=platfrom" })
class QuickstartUnknownBackendTests extends AbstractSampleApiTests {

	@Test
	void endpointsNameTheFixOnceAndHealthIsDown() throws Exception {
		HttpResponse<String> response = postJson("/api/chat", "{\"message\":\"Hi\"}");
		assertThat(response.statusCode()).isEqualTo(503);
		String error = this.json.readTree(response.body()).get("error").asString();
		assertThat(error).contains("Unknown backend id 'platfrom'")
			.contains("Set 'cohere.backend' to one of")
			.doesNotContain("(or choose another backend");
		assertThat(error.split("cohere.backend", -1)).as("the property is named once").hasSize(2);
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(health.body()).contains("DOWN").contains("Unknown backend id 'platfrom'");
	}

}
