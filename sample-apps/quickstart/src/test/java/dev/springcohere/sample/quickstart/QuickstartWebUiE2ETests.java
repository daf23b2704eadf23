package dev.springcohere.sample.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import dev.springcohere.sample.support.test.BackendStubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the web UI in headless Chromium ({@code e2e/chat.spec.mjs}) against the
 * application on a random port, Cohere served by WireMock; skipped when the browser
 * tooling is missing (see {@link E2EScript}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "CO_API_KEY=",
		"COHERE_API_KEY=", "CO_API_URL=", "cohere.backend=platform", "cohere.retry.max-attempts=1" })
class QuickstartWebUiE2ETests extends AbstractSampleApiTests {

	static final Path SCREENSHOT = Path.of("target", "e2e", "quickstart-ui.png").toAbsolutePath();

	@RegisterExtension
	static final WireMockExtension cohere = BackendStubs.server();

	@DynamicPropertySource
	static void cohereProperties(DynamicPropertyRegistry registry) {
		BackendStubs.cohereAt(registry, cohere, "test-key-quickstart");
	}

	@Test
	void chatCitationsToolCallsAndExtractWorkInTheBrowser() throws Exception {
		E2EScript script = E2EScript.require("chat.spec.mjs");
		CohereStubs.streamedAgentRun(cohere, 1500);
		CohereStubs.extraction(cohere);
		cohere.stubFor(post(urlEqualTo("/v2/chat")).atPriority(0)
			.withRequestBody(matchingJsonPath("$.messages[?(@.content == 'Please fail')]"))
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"internal trouble\"}")));
		Files.deleteIfExists(SCREENSHOT);

		String output = script.runAndAssertPassed("http://localhost:" + this.port, SCREENSHOT.toString());

		assertThat(output).contains("ok - the answer streams in with a cursor")
			.contains("ok - the tool call card shows the result of the real tool")
			.contains("ok - the highlight covers the cited span")
			.contains("ok - the source list shows the cited tool result")
			.contains("ok - the extracted email is shown")
			.contains("ok - a failed run shows the error");
		byte[] png = Files.readAllBytes(SCREENSHOT);
		assertThat(png).hasSizeGreaterThan(10_000).startsWith(0x89, 'P', 'N', 'G');
	}

}
