package dev.springcohere.sample.quickstart;

import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the web UI in headless Chromium ({@code e2e/no-key.spec.mjs}) against the
 * application started without an API key: the 503 must reach the user. Skipped when the
 * browser tooling is missing (see {@link E2EScript}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.backend=platform" })
class QuickstartWebUiWithoutKeyE2ETests extends AbstractSampleApiTests {

	@Test
	void theBrowserShowsThatCohereIsNotConfigured() throws Exception {
		E2EScript script = E2EScript.require("no-key.spec.mjs");

		String output = script.runAndAssertPassed("http://localhost:" + this.port);

		assertThat(output).contains("ok - the chat shows the 503 naming the property to set")
			.contains("ok - the extract form shows the 503");
	}

}
