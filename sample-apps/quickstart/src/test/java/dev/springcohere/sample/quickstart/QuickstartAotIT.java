package dev.springcohere.sample.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.springcohere.sample.support.test.BackendStubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart built with Spring's AOT processing ({@code process-aot}) runs as an
 * AOT-processed application ({@code -Dspring.aot.enabled=true}): it starts without a
 * warning, chats, and runs a {@code @CohereTool} through the agent.
 */
class QuickstartAotIT {

	@RegisterExtension
	static final WireMockExtension cohere = BackendStubs.server();

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	@Test
	void theAotProcessedJarStartsCleanlyChatsAndRunsTools(@TempDir Path dir) throws Exception {
		CohereStubs.blockingAgentRun(cohere);
		Path log = dir.resolve("quickstart.log");
		Path jar = Path.of(System.getProperty("quickstart.jar", "target/quickstart-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("run with 'mvn verify', after 'package' built the jar").exists();
		Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-jar", jar.toString(), "--server.port=0",
				"--cohere.base-url=" + cohere.baseUrl(), "--cohere.api-key=aot-key", "--cohere.retry.max-attempts=1")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			int port = awaitPort(app, log);
			String startup = Files.readString(log);
			assertThat(startup).contains("Starting AOT-processed QuickstartApplication")
				.doesNotContain(" WARN ")
				.doesNotContain(" ERROR ");
			HttpResponse<String> agent = postJson(port, "/api/agent", "{\"message\":\"Where is my order A-1001?\"}");
			assertThat(agent.statusCode()).as(agent.body()).isEqualTo(200);
			assertThat(agent.body()).contains(CohereStubs.BLOCKING_ANSWER).contains("order_status");
			assertThat(cohere
				.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/v2/chat")))
				.get(1)
				.getBodyAsString()).contains("shipped").contains("2026-11-25");
		}
		finally {
			app.destroy();
			app.waitFor(30, TimeUnit.SECONDS);
		}
	}

	private static int awaitPort(Process app, Path log) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			String text = Files.exists(log) ? Files.readString(log) : "";
			Matcher matcher = PORT.matcher(text);
			if (matcher.find() && text.contains("Started QuickstartApplication")) {
				return Integer.parseInt(matcher.group(1));
			}
			if (!app.isAlive()) {
				throw new AssertionError("The AOT-processed quickstart exited with " + app.exitValue() + ":\n" + text);
			}
			Thread.sleep(200);
		}
		throw new AssertionError(
				"The AOT-processed quickstart did not start within 3 minutes:\n" + Files.readString(log));
	}

	private static HttpResponse<String> postJson(int port, String path, String json) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
