package dev.springcohere.autoconfigure;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.springcohere.api.v1.V1ChatRequest;
import dev.springcohere.client.CohereClient;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The injected {@link CohereClient} reaches Cohere's v1 chat through whatever wraps the
 * platform backend (capability routing here).
 */
class CohereV1AutoConfigurationTests {

	static WireMockServer server;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CohereAutoConfiguration.class))
		.withPropertyValues("CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.retry.max-attempts=1");

	@BeforeAll
	static void startServer() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		server.stubFor(post(urlEqualTo("/v1/chat")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"text\": \"Hello from v1\", \"generation_id\": \"g-1\", \"finish_reason\": \"COMPLETE\"}")));
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@Test
	void v1ChatGoesToThePlatformBehindCapabilityRoutingWithTheConfiguredKey() {
		this.runner
			.withPropertyValues("cohere.api-key=v1-key", "cohere.base-url=" + server.baseUrl(),
					"cohere.embed.backend=stub")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CohereClient client = context.getBean(CohereClient.class);
				assertThat(client.v1().id()).isEqualTo("platform");
				assertThat(client.v1().chat(V1ChatRequest.builder().message("Hi").build()).text())
					.isEqualTo("Hello from v1");
				server.verify(
						postRequestedFor(urlEqualTo("/v1/chat")).withHeader("Authorization", equalTo("Bearer v1-key"))
							.withRequestBody(equalToJson("{\"message\": \"Hi\"}")));
			});
	}

}
