package dev.springcohere.http;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import dev.springcohere.api.error.CohereAuthenticationException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HttpSettings#isLogBodies()}: requests, answers and stream events at DEBUG on
 * {@value HttpSettings#WIRE_LOGGER}, secrets masked, bodies cut.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = HttpTransportType.class, names = { "JDK", "REACTOR_NETTY", "OKHTTP" })
class CohereHttpTransportWireLoggingTests {

	@Parameter
	HttpTransportType transportType;

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String KEY = ApiKeyTests.FAKE_KEY;

	private CohereHttpTransport transport(boolean logBodies) {
		return CohereHttpTransport.builder()
			.settings(HttpSettings.builder()
				.transport(this.transportType)
				.baseUrl(server.baseUrl())
				.readTimeout(Duration.ofSeconds(5))
				.logBodies(logBodies)
				.build())
			.apiKey(ApiKey.of(KEY))
			.retryPolicy(CohereRetryPolicy.none())
			.build();
	}

	@Test
	void logBodiesShouldLogRequestsAnswersAndEventsWithSecretsMaskedAndBodiesCut() {
		assertThat(LoggerFactory.getLogger(HttpSettings.WIRE_LOGGER).isDebugEnabled())
			.as("simplelogger.properties enables dev.springcohere at TRACE")
			.isTrue();
		String longText = "x".repeat(HttpSettings.MAX_LOGGED_BODY_LENGTH + 1000);
		server.stubFor(post("/v2/chat").willReturn(okJson("{\"echo\":\"" + KEY + "\",\"text\":\"" + longText + "\"}")
			.withHeader("Set-Cookie", "session=cookie-value-1")
			.withHeader("X-Amz-Security-Token", "amz-token-value")
			.withHeader("X-Request-Id", "req-42")));
		server.stubFor(post("/v2/embed")
			.willReturn(aResponse().withStatus(401).withBody("{\"message\":\"invalid api token " + KEY + "\"}")));
		server.stubFor(post("/v2/stream").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("event: content-delta\ndata: {\"text\":\"hello " + KEY + "\"}\n\ndata: [DONE]\n\n")));
		byte[] request = ("{\"note\":\"" + KEY + "\",\"long\":\"" + longText + "\"}").getBytes(StandardCharsets.UTF_8);
		String logs;
		try (CohereHttpTransport transport = transport(true)) {
			logs = captureStandardError(() -> {
				transport.post("/v2/chat", request);
				transport.postReactive("/v2/chat", request).block(Duration.ofSeconds(5));
				assertThatExceptionOfType(CohereAuthenticationException.class)
					.isThrownBy(() -> transport.post("/v2/embed", request));
				transport.stream("/v2/stream", request).blockLast(Duration.ofSeconds(5));
			});
		}
		String wire = wireLines(logs);
		assertThat(wire).contains("--> POST " + server.baseUrl() + "/v2/chat")
			.contains("<-- 200 POST " + server.baseUrl() + "/v2/chat (")
			.contains("<-- 401 POST " + server.baseUrl() + "/v2/embed")
			.contains("invalid api token ****")
			.contains("Authorization=****")
			.containsIgnoringCase("X-Request-Id=req-42")
			.contains("<event stream, events follow>")
			.contains("event content-delta: {\"text\":\"hello ****\"}")
			.contains("more characters]")
			.doesNotContain("x".repeat(HttpSettings.MAX_LOGGED_BODY_LENGTH + 1))
			.doesNotContain("cookie-value-1")
			.doesNotContain("amz-token-value");
		assertThat(wire.lines().filter((line) -> line.contains("--> POST"))).hasSize(4);
		assertThat(logs).doesNotContain(KEY);
	}

	@Test
	void withoutLogBodiesNothingShouldBeWrittenToTheWireLogger() {
		server.stubFor(post("/v2/chat").willReturn(okJson("{\"ok\":true}")));
		String logs;
		try (CohereHttpTransport transport = transport(false)) {
			logs = captureStandardError(() -> transport.post("/v2/chat", "{}".getBytes(StandardCharsets.UTF_8)));
		}
		assertThat(logs).contains("POST /v2/chat -> 200");
		assertThat(wireLines(logs)).isEmpty();
	}

	@Test
	void secretHeaderNamesAndQueryParametersShouldBeMasked() {
		assertThat(WireLogging.isSecret("Authorization")).isTrue();
		assertThat(WireLogging.isSecret("Proxy-Authorization")).isTrue();
		assertThat(WireLogging.isSecret("X-Amz-Security-Token")).isTrue();
		assertThat(WireLogging.isSecret("X-Amz-Signature")).isTrue();
		assertThat(WireLogging.isSecret("Cookie")).isTrue();
		assertThat(WireLogging.isSecret("api-key")).isTrue();
		assertThat(WireLogging.isSecret("Content-Type")).isFalse();
		assertThat(WireLogging.url(java.net.URI
			.create("https://bucket.example.com/o?X-Amz-Signature=abc&X-Amz-Credential=def&partNumber=2&key=s3cr3t")))
			.isEqualTo("https://bucket.example.com/o?X-Amz-Signature=****&X-Amz-Credential=****&partNumber=2&key=****");
	}

	private static String wireLines(String logs) {
		StringBuilder wire = new StringBuilder();
		logs.lines()
			.filter((line) -> line.contains(" " + HttpSettings.WIRE_LOGGER + " - "))
			.forEach((line) -> wire.append(line).append('\n'));
		return wire.toString();
	}

	private static String captureStandardError(Runnable action) {
		PrintStream original = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			action.run();
		}
		finally {
			System.setErr(original);
		}
		return captured.toString(StandardCharsets.UTF_8);
	}

}
