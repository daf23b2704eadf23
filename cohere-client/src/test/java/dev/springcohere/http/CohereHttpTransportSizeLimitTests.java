package dev.springcohere.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

import dev.springcohere.api.error.CohereResponseTooLargeException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bodies and stream events over {@code maxResponseSize} fail at once, clearly, and are
 * not retried: no {@code OutOfMemoryError}, no stream that hangs on an endless event.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = HttpTransportType.class, names = { "JDK", "REACTOR_NETTY", "OKHTTP" })
class CohereHttpTransportSizeLimitTests {

	@Parameter
	HttpTransportType transportType;

	private static final String CHAT = "/v2/chat";

	private static final byte[] REQUEST = "{\"stream\":true}".getBytes(StandardCharsets.UTF_8);

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private CohereHttpTransport transport(long maxResponseSize) {
		return CohereHttpTransport.builder()
			.settings(HttpSettings.builder()
				.transport(this.transportType)
				.baseUrl(server.baseUrl())
				.readTimeout(Duration.ofSeconds(5))
				.maxResponseSize(maxResponseSize)
				.build())
			.retryPolicy(CohereRetryPolicy.builder()
				.initialBackoff(Duration.ofMillis(5))
				.maxBackoff(Duration.ofMillis(10))
				.build())
			.build();
	}

	@Test
	void aBodyOverTheLimitFailsWithoutRetryBlockingAndReactive() {
		server.stubFor(post(CHAT).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"text\":\"" + "x".repeat(100_000) + "\"}")));
		CohereHttpTransport transport = transport(10_000);
		assertThatExceptionOfType(CohereResponseTooLargeException.class).isThrownBy(() -> transport.post(CHAT, REQUEST))
			.withMessageContaining("POST /v2/chat")
			.withMessageContaining("10000 bytes")
			.withMessageContaining("cohere.http.max-response-size")
			.satisfies((ex) -> assertThat(ex.getLimit()).isEqualTo(10_000));
		StepVerifier.create(transport.postReactive(CHAT, REQUEST))
			.expectError(CohereResponseTooLargeException.class)
			.verify(Duration.ofSeconds(5));
		server.verify(2, postRequestedFor(urlEqualTo(CHAT)));
		assertThat(transport(200_000).post(CHAT, REQUEST)).hasSizeGreaterThan(100_000);
	}

	@Test
	void anEventOverTheLimitEndsTheStreamWithAClearError() {
		String small = "data: {\"type\":\"message-start\"}\n\n";
		String huge = "data: {\"type\":\"content-delta\",\"text\":\"" + "y".repeat(50_000) + "\"}\n\n";
		server.stubFor(post(CHAT).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withBody(small + huge + small)));
		StepVerifier.create(transport(5_000).stream(CHAT, REQUEST))
			.expectNextCount(1)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CohereResponseTooLargeException.class)
				.hasMessageContaining("one event of the stream"))
			.verify(Duration.ofSeconds(5));
		server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
	}

}
