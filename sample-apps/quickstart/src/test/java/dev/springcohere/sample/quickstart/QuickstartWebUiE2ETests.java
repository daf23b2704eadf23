package dev.springcohere.sample.quickstart;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Drives the web UI in headless Chromium ({@code e2e/chat.spec.mjs} with playwright-core) against the application
 * on a random port, Cohere served by WireMock. Skipped when Chromium, node or the e2e's {@code node_modules} are
 * missing, unless the environment variable {@code SPRINGCOHERE_E2E_REQUIRED=true} (set by {@code .ci/run}) asks
 * for it to run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.backend=platform",
				"cohere.retry.max-attempts=1" })
class QuickstartWebUiE2ETests {

	static final Path CHROMIUM = Path.of(Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium"));

	static final Path E2E = Path.of("e2e").toAbsolutePath();

	static final Path SCREENSHOT = Path.of("target", "e2e", "quickstart-ui.png").toAbsolutePath();

	static final Path LOG = Path.of("target", "e2e", "chat.spec.log").toAbsolutePath();

	static final WireMockServer cohere = startServer();

	@LocalServerPort
	int port;

	private static WireMockServer startServer() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		return server;
	}

	@DynamicPropertySource
	static void cohereProperties(DynamicPropertyRegistry registry) {
		registry.add("cohere.base-url", cohere::baseUrl);
		registry.add("cohere.api-key", () -> "test-key-quickstart");
	}

	@AfterAll
	static void stopServer() {
		cohere.stop();
	}

	@Test
	void chatCitationsToolCallsAndExtractWorkInTheBrowser() throws Exception {
		Path node = requireTool(findOnPath("node"), "node (Node.js 18 or later) on the PATH");
		requireTool(Optional.of(CHROMIUM).filter(Files::isExecutable),
				"Chromium at " + CHROMIUM + " (Debian: apt-get install chromium; or set CHROMIUM)");
		requireTool(Optional.of(E2E.resolve("node_modules/playwright-core/package.json")).filter(Files::isRegularFile),
				"playwright-core in " + E2E + "/node_modules (run npm ci there)");
		CohereStubs.streamedAgentRun(cohere, 1500);
		CohereStubs.extraction(cohere);
		cohere.stubFor(post(urlEqualTo("/v2/chat")).atPriority(0)
			.withRequestBody(matchingJsonPath("$.messages[?(@.content == 'Please fail')]"))
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"internal trouble\"}")));
		Files.createDirectories(LOG.getParent());
		Files.deleteIfExists(SCREENSHOT);

		Process process = new ProcessBuilder(node.toString(), E2E.resolve("chat.spec.mjs").toString(),
				"http://localhost:" + this.port, SCREENSHOT.toString())
			.directory(E2E.toFile())
			.redirectErrorStream(true)
			.redirectOutput(LOG.toFile())
			.start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			fail("chat.spec.mjs did not finish within 3 minutes; its output so far:\n" + log());
		}

		String output = log();
		assertThat(process.exitValue()).as("exit code of chat.spec.mjs; its output:\n%s", output).isZero();
		assertThat(output).contains("ok - the answer streams in with a cursor")
			.contains("ok - the highlight covers the cited span")
			.contains("ok - the tool call card shows the result of the real tool")
			.contains("ok - the extracted email is shown")
			.contains("ok - a failed run shows the error")
			.contains("E2E PASSED");
		byte[] png = Files.readAllBytes(SCREENSHOT);
		assertThat(png).hasSizeGreaterThan(10_000).startsWith(0x89, 'P', 'N', 'G');
	}

	private static Path requireTool(Optional<Path> tool, String what) {
		if (tool.isEmpty()) {
			String message = "The web UI's end-to-end test needs " + what;
			if ("true".equalsIgnoreCase(System.getenv("SPRINGCOHERE_E2E_REQUIRED"))) {
				fail(message + "; SPRINGCOHERE_E2E_REQUIRED=true does not allow skipping it");
			}
			Assumptions.abort(message + "; skipped");
		}
		return tool.get();
	}

	private static Optional<Path> findOnPath(String name) {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Stream.of(path.split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

	private static String log() throws Exception {
		return Files.exists(LOG) ? Files.readString(LOG, StandardCharsets.UTF_8) : "";
	}

}
