package dev.springcohere.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.jspecify.annotations.Nullable;

import dev.springcohere.api.error.CohereNetworkException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TLS against HTTPS WireMock servers with their own CA ({@link TestPki}): one that any
 * client may call, one that requires a client certificate (mutual TLS).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = HttpTransportType.class, names = { "JDK", "REACTOR_NETTY", "OKHTTP" })
class CohereHttpTransportTlsTests {

	@Parameter
	HttpTransportType transportType;

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance().options(https(false)).build();

	@RegisterExtension
	static final WireMockExtension mutualServer = WireMockExtension.newInstance().options(https(true)).build();

	private static final byte[] REQUEST = "{\"model\":\"command-a-03-2025\"}".getBytes(StandardCharsets.UTF_8);

	static WireMockConfiguration https(boolean needClientAuth) {
		TestPki pki = TestPki.get();
		WireMockConfiguration config = wireMockConfig().httpDisabled(true)
			.dynamicHttpsPort()
			.keystorePath(pki.serverKeyStore().toString())
			.keystoreType("PKCS12")
			.keystorePassword(TestPki.PASSWORD)
			.keyManagerPassword(TestPki.PASSWORD);
		if (needClientAuth) {
			config = config.needClientAuth(true)
				.trustStorePath(pki.trustStore().toString())
				.trustStoreType("PKCS12")
				.trustStorePassword(TestPki.PASSWORD);
		}
		return config;
	}

	private CohereHttpTransport transport(String baseUrl, @Nullable SSLContext sslContext) {
		return CohereHttpTransport.builder()
			.settings(HttpSettings.builder()
				.transport(this.transportType)
				.baseUrl(baseUrl)
				.sslContext(sslContext)
				.connectTimeout(Duration.ofSeconds(5))
				.readTimeout(Duration.ofSeconds(5))
				.build())
			.retryPolicy(CohereRetryPolicy.none())
			.build();
	}

	private static String localhost(WireMockExtension server) {
		return "https://localhost:" + server.getHttpsPort();
	}

	@Test
	void serverOfATrustedCaShouldAnswerBlockingReactiveAndStreamingCalls() {
		server.stubFor(post("/v2/chat").willReturn(okJson("{\"ok\":true}")));
		server.stubFor(post("/v2/stream").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("data: {\"n\":1}\n\ndata: [DONE]\n\n")));
		try (CohereHttpTransport transport = transport(localhost(server), TestPki.get().trustingContext())) {
			assertThat(new String(transport.post("/v2/chat", REQUEST), StandardCharsets.UTF_8))
				.isEqualTo("{\"ok\":true}");
			assertThat(transport.postReactive("/v2/chat", REQUEST).block(Duration.ofSeconds(5))).isNotEmpty();
			assertThat(transport.stream("/v2/stream", REQUEST)
				.map(ServerSentEvent::data)
				.collectList()
				.block(Duration.ofSeconds(5))).containsExactly("{\"n\":1}");
		}
	}

	@Test
	void serverOfAnUntrustedCaShouldFailWithAnErrorNamingTheSslSetting() {
		server.stubFor(post("/v2/chat").willReturn(okJson("{\"ok\":true}")));
		try (CohereHttpTransport transport = transport(localhost(server), null)) {
			assertThatExceptionOfType(CohereNetworkException.class)
				.isThrownBy(() -> transport.post("/v2/chat", REQUEST))
				.withMessageContaining("TLS")
				.withMessageContaining("cohere.http.ssl.bundle")
				.satisfies((ex) -> assertThat(CohereRetryPolicy.defaults().isRetryable(ex))
					.as("a certificate failure is not retried")
					.isFalse());
		}
	}

	@Test
	void hostNameVerificationShouldStayOnWithACustomSslContext() {
		server.stubFor(post("/v2/chat").willReturn(okJson("{\"ok\":true}")));
		// the certificate names localhost only, not 127.0.0.1
		try (CohereHttpTransport transport = transport("https://127.0.0.1:" + server.getHttpsPort(),
				TestPki.get().trustingContext())) {
			assertThatExceptionOfType(CohereNetworkException.class)
				.isThrownBy(() -> transport.post("/v2/chat", REQUEST))
				.withMessageContaining("TLS");
		}
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void serverRequiringAClientCertificateShouldAnswerWhenTheContextHasOne() {
		mutualServer.stubFor(post("/v2/chat").willReturn(okJson("{\"mutual\":true}")));
		try (CohereHttpTransport transport = transport(localhost(mutualServer), TestPki.get().mutualContext())) {
			assertThat(new String(transport.post("/v2/chat", REQUEST), StandardCharsets.UTF_8))
				.isEqualTo("{\"mutual\":true}");
			assertThat(transport.postReactive("/v2/chat", REQUEST).block(Duration.ofSeconds(5))).isNotEmpty();
		}
	}

	@Test
	void serverRequiringAClientCertificateShouldRefuseAContextWithoutOne() {
		mutualServer.stubFor(post("/v2/chat").willReturn(okJson("{\"mutual\":true}")));
		try (CohereHttpTransport transport = transport(localhost(mutualServer), TestPki.get().trustingContext())) {
			assertThatExceptionOfType(CohereNetworkException.class)
				.isThrownBy(() -> transport.post("/v2/chat", REQUEST));
		}
		assertThat(mutualServer.getAllServeEvents()).isEmpty();
	}

}
