package dev.springcohere.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.springcohere.api.error.CohereApiException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link HttpSettings#isFollowRedirects()} on both engines.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = HttpTransportType.class, names = { "JDK", "REACTOR_NETTY", "OKHTTP" })
class CohereHttpTransportRedirectTests {

	@Parameter
	HttpTransportType transportType;

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String REQUEST = "{\"model\":\"command-a-03-2025\"}";

	private CohereHttpTransport transport(boolean followRedirects) {
		return CohereHttpTransport.builder()
			.settings(HttpSettings.builder()
				.transport(this.transportType)
				.baseUrl("http://localhost:" + server.getPort())
				.followRedirects(followRedirects)
				.readTimeout(Duration.ofSeconds(5))
				.build())
			.apiKey(ApiKey.of(ApiKeyTests.FAKE_KEY))
			.retryPolicy(CohereRetryPolicy.none())
			.build();
	}

	@Test
	void redirectsShouldNotBeFollowedByDefault() {
		server.stubFor(post("/v2/old").willReturn(aResponse().withStatus(307).withHeader("Location", "/v2/chat")));
		try (CohereHttpTransport transport = transport(false)) {
			assertThatExceptionOfType(CohereApiException.class)
				.isThrownBy(() -> transport.post("/v2/old", REQUEST.getBytes(StandardCharsets.UTF_8)))
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(307));
		}
		server.verify(0, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void followedRedirectShouldSendTheRequestAgainWithItsBody() {
		server.stubFor(post("/v2/old").willReturn(aResponse().withStatus(307).withHeader("Location", "/v2/chat")));
		server.stubFor(post("/v2/chat").willReturn(okJson("{\"moved\":true}")));
		try (CohereHttpTransport transport = transport(true)) {
			assertThat(new String(transport.post("/v2/old", REQUEST.getBytes(StandardCharsets.UTF_8)),
					StandardCharsets.UTF_8))
				.isEqualTo("{\"moved\":true}");
			assertThat(transport.postReactive("/v2/old", REQUEST.getBytes(StandardCharsets.UTF_8))
				.block(Duration.ofSeconds(5))).isNotEmpty();
		}
		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(equalTo(REQUEST)));
	}

	@Test
	void redirectToAnotherHostShouldNotCarryTheKey() {
		String otherHost = "http://127.0.0.1:" + server.getPort() + "/v2/chat";
		server.stubFor(post("/v2/old").willReturn(aResponse().withStatus(307).withHeader("Location", otherHost)));
		server.stubFor(post("/v2/chat").willReturn(okJson("{\"moved\":true}")));
		try (CohereHttpTransport transport = transport(true)) {
			transport.post("/v2/old", REQUEST.getBytes(StandardCharsets.UTF_8));
		}
		server.verify(1, postRequestedFor(urlEqualTo("/v2/old")).withHeader("Authorization",
				equalTo("Bearer " + ApiKeyTests.FAKE_KEY)));
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")).withoutHeader("Authorization"));
	}

}
