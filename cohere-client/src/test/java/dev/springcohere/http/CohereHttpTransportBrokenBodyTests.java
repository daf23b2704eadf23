package dev.springcohere.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

import dev.springcohere.api.error.CohereBrokenBodyException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A body that breaks after a successful status is not asked for again (three generations
 * billed) unless the policy says so.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = HttpTransportType.class, names = { "JDK", "REACTOR_NETTY", "OKHTTP" })
class CohereHttpTransportBrokenBodyTests {

	@Parameter
	HttpTransportType transportType;

	private static final String CHAT = "/v2/chat";

	private static final byte[] REQUEST = "{}".getBytes(StandardCharsets.UTF_8);

	@RegisterExtension
	static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@BeforeEach
	void brokenBodies() {
		server.stubFor(post(CHAT).willReturn(aResponse().withStatus(200).withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
	}

	private CohereHttpTransport transport(boolean retryOnBrokenBody) {
		return CohereHttpTransport.builder()
			.settings(HttpSettings.builder()
				.transport(this.transportType)
				.baseUrl(server.baseUrl())
				.readTimeout(Duration.ofSeconds(5))
				.build())
			.retryPolicy(CohereRetryPolicy.builder()
				.maxAttempts(3)
				.initialBackoff(Duration.ofMillis(5))
				.maxBackoff(Duration.ofMillis(10))
				.retryOnBrokenBody(retryOnBrokenBody)
				.build())
			.build();
	}

	@Test
	void aBrokenBodyIsNotRetriedByDefault() {
		assertThatExceptionOfType(CohereBrokenBodyException.class)
			.isThrownBy(() -> transport(false).post(CHAT, REQUEST))
			.withMessageContaining("after its status arrived")
			.withMessageContaining("cohere.retry.on-broken-body");
		server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
		server.resetRequests();
		StepVerifier.create(transport(false).postReactive(CHAT, REQUEST))
			.expectError(CohereBrokenBodyException.class)
			.verify(Duration.ofSeconds(5));
		server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void aBrokenBodyIsRetriedWhenThePolicySaysSo() {
		assertThatExceptionOfType(CohereBrokenBodyException.class)
			.isThrownBy(() -> transport(true).post(CHAT, REQUEST));
		server.verify(3, postRequestedFor(urlEqualTo(CHAT)));
	}

}
