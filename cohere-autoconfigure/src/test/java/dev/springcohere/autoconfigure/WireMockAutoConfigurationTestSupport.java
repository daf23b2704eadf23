package dev.springcohere.autoconfigure;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Base of the auto-configuration tests that call a backend over real HTTP: a WireMock
 * server started once per class and reset before each test, and context runners for
 * {@link CohereAutoConfiguration}.
 */
abstract class WireMockAutoConfigurationTestSupport {

	/** A v2 chat answer. */
	static final String CHAT_RESPONSE = """
			{"id":"c1","finish_reason":"COMPLETE","message":{"role":"assistant",
			"content":[{"type":"text","text":"Hello from WireMock"}]},
			"usage":{"tokens":{"input_tokens":12,"output_tokens":4}}}""";

	/**
	 * Blanks the environment variables the auto-configuration reads, so the machine's own
	 * cannot leak in.
	 */
	static final String[] WITHOUT_ENVIRONMENT_KEYS = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=" };

	static WireMockServer server;

	@BeforeAll
	static void startServer() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void resetServer() {
		server.resetAll();
	}

	/**
	 * Returns a runner of {@link CohereAutoConfiguration} with a single attempt per call.
	 * @param properties further properties ({@code name=value})
	 * @return the runner
	 */
	static ApplicationContextRunner contextRunner(String... properties) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CohereAutoConfiguration.class))
			.withPropertyValues("cohere.retry.max-attempts=1")
			.withPropertyValues(properties);
	}

	/**
	 * Answers {@code POST /v2/chat} with {@link #CHAT_RESPONSE}.
	 */
	static void stubChat() {
		server.stubFor(post(urlEqualTo("/v2/chat")).willReturn(
				aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(CHAT_RESPONSE)));
	}

}
