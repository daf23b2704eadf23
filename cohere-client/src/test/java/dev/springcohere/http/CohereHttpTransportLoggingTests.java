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

@ParameterizedClass(name = "{0}")
@EnumSource(value = HttpTransportType.class, names = { "JDK", "REACTOR_NETTY", "OKHTTP" })
class CohereHttpTransportLoggingTests {

	@Parameter
	HttpTransportType transportType;

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@Test
	void traceLogsShouldShowCallsAndBodiesButNeverTheKey() {
		assertThat(LoggerFactory.getLogger(CohereHttpTransport.class).isTraceEnabled())
			.as("simplelogger.properties enables TRACE for dev.springcohere")
			.isTrue();
		server.stubFor(post("/v2/chat").willReturn(okJson("{\"echo\":\"" + ApiKeyTests.FAKE_KEY + "\"}")));
		server.stubFor(post("/v2/embed").willReturn(aResponse().withStatus(401)
			.withBody("{\"message\":\"invalid api token " + ApiKeyTests.FAKE_KEY + "\"}")));
		server.stubFor(post("/v2/rerank").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("data: " + ApiKeyTests.FAKE_KEY + "\n\n")));
		CohereHttpTransport transport = CohereHttpTransport.builder()
			.settings(HttpSettings.builder()
				.transport(this.transportType)
				.baseUrl(server.baseUrl())
				.readTimeout(Duration.ofSeconds(5))
				.build())
			.apiKey(ApiKey.of(ApiKeyTests.FAKE_KEY))
			.retryPolicy(CohereRetryPolicy.none())
			.build();
		byte[] request = ("{\"note\":\"" + ApiKeyTests.FAKE_KEY + "\"}").getBytes(StandardCharsets.UTF_8);
		String logs = captureStandardError(() -> {
			transport.post("/v2/chat", request);
			assertThatExceptionOfType(CohereAuthenticationException.class)
				.isThrownBy(() -> transport.post("/v2/embed", request));
			transport.stream("/v2/rerank", request).blockLast(Duration.ofSeconds(5));
		});
		assertThat(logs).contains("POST /v2/chat -> 200")
			.contains("POST /v2/embed -> 401")
			.contains("Authorization=****")
			.contains("\"echo\":\"****\"");
		assertThat(logs).doesNotContain(ApiKeyTests.FAKE_KEY);
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
