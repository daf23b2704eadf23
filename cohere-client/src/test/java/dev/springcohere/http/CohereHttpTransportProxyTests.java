package dev.springcohere.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.springcohere.api.error.CohereNetworkException;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Requests through a real HTTP proxy ({@link TestHttpProxy}): plain {@code http} targets
 * forwarded, {@code https} ones tunnelled, Basic credentials sent to the proxy only,
 * non-proxy hosts reached directly, and the JVM's proxy system properties as the default.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = HttpTransportType.class, names = { "JDK", "REACTOR_NETTY", "OKHTTP" })
class CohereHttpTransportProxyTests {

	@Parameter
	HttpTransportType transportType;

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@RegisterExtension
	static final WireMockExtension httpsServer = WireMockExtension.newInstance()
		.options(CohereHttpTransportTlsTests.https(false))
		.build();

	private static final byte[] REQUEST = "{\"model\":\"command-a-03-2025\"}".getBytes(StandardCharsets.UTF_8);

	private static final String KEY = ApiKeyTests.FAKE_KEY;

	private static final List<String> PROXY_PROPERTIES = List.of("http.proxyHost", "http.proxyPort",
			"http.nonProxyHosts", "https.proxyHost", "https.proxyPort");

	private final Map<String, String> savedProperties = new java.util.HashMap<>();

	@AfterEach
	void restoreSystemProperties() {
		for (String name : PROXY_PROPERTIES) {
			String saved = this.savedProperties.get(name);
			if (saved != null) {
				System.setProperty(name, saved);
			}
			else {
				System.clearProperty(name);
			}
		}
	}

	private CohereHttpTransport transport(String baseUrl, @Nullable HttpProxy proxy, @Nullable SSLContext sslContext) {
		return CohereHttpTransport.builder()
			.settings(HttpSettings.builder()
				.transport(this.transportType)
				.baseUrl(baseUrl)
				.proxy(proxy)
				.sslContext(sslContext)
				.connectTimeout(Duration.ofSeconds(5))
				.readTimeout(Duration.ofSeconds(5))
				.build())
			.apiKey(ApiKey.of(KEY))
			.retryPolicy(CohereRetryPolicy.none())
			.build();
	}

	private static String target() {
		return "localhost:" + server.getPort();
	}

	@Test
	void plainTargetShouldBeReachedThroughTheProxy() throws Exception {
		server.stubFor(post("/v2/chat").willReturn(okJson("{\"via\":\"proxy\"}")));
		try (TestHttpProxy proxy = TestHttpProxy.open();
				CohereHttpTransport transport = transport("http://" + target(), HttpProxy.of("127.0.0.1", proxy.port()),
						null)) {
			assertThat(new String(transport.post("/v2/chat", REQUEST), StandardCharsets.UTF_8)).contains("proxy");
			assertThat(proxy.seen()).hasSize(1);
			assertThat(proxy.seen().get(0).requestLine()).contains(target());
		}
	}

	@Test
	void credentialsShouldGoToTheProxyAndNeverToTheServer() throws Exception {
		server.stubFor(post("/v2/chat").willReturn(okJson("{\"via\":\"proxy\"}")));
		try (TestHttpProxy proxy = new TestHttpProxy("proxy-user", "proxy-secret");
				CohereHttpTransport transport = transport("http://" + target(),
						HttpProxy.of("127.0.0.1", proxy.port()).withCredentials("proxy-user", "proxy-secret"), null)) {
			assertThat(new String(transport.post("/v2/chat", REQUEST), StandardCharsets.UTF_8)).contains("proxy");
			assertThat(proxy.seen()).last()
				.extracting(TestHttpProxy.Seen::proxyAuthorization)
				.isEqualTo("Basic cHJveHktdXNlcjpwcm94eS1zZWNyZXQ=");
			assertThat(transport.toString()).doesNotContain("proxy-secret");
		}
		server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withoutHeader("Proxy-Authorization"));
	}

	@Test
	void wrongCredentialsShouldFailWithoutRevealingThem() throws Exception {
		try (TestHttpProxy proxy = new TestHttpProxy("proxy-user", "proxy-secret");
				CohereHttpTransport transport = transport("http://" + target(),
						HttpProxy.of("127.0.0.1", proxy.port()).withCredentials("proxy-user", "wrong-secret"), null)) {
			assertThatExceptionOfType(CohereNetworkException.class)
				.isThrownBy(() -> transport.post("/v2/chat", REQUEST))
				.withMessageContaining("407")
				.withMessageContaining("cohere.http.proxy.password")
				.satisfies((ex) -> assertThat(ex.toString()).doesNotContain("wrong-secret"))
				.satisfies((ex) -> assertThat(CohereRetryPolicy.defaults().isRetryable(ex))
					.as("a refused proxy login is not retried")
					.isFalse());
			assertThatExceptionOfType(CohereNetworkException.class)
				.isThrownBy(() -> transport.stream("/v2/chat", REQUEST).blockLast(Duration.ofSeconds(5)))
				.withMessageContaining("407");
		}
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void httpsTargetShouldBeTunnelledThroughTheProxy() throws Exception {
		httpsServer.stubFor(post("/v2/chat").willReturn(okJson("{\"via\":\"tunnel\"}")));
		String target = "localhost:" + httpsServer.getHttpsPort();
		try (TestHttpProxy proxy = TestHttpProxy.open();
				CohereHttpTransport transport = transport("https://" + target, HttpProxy.of("127.0.0.1", proxy.port()),
						TestPki.get().trustingContext())) {
			assertThat(new String(transport.post("/v2/chat", REQUEST), StandardCharsets.UTF_8)).contains("tunnel");
			assertThat(proxy.seen()).extracting(TestHttpProxy.Seen::requestLine)
				.containsExactly("CONNECT " + target + " HTTP/1.1");
		}
	}

	@Test
	void credentialsShouldOpenATunnelToAnHttpsTarget() throws Exception {
		httpsServer.stubFor(post("/v2/chat").willReturn(okJson("{\"via\":\"tunnel\"}")));
		String target = "localhost:" + httpsServer.getHttpsPort();
		try (TestHttpProxy proxy = new TestHttpProxy("proxy-user", "proxy-secret");
				CohereHttpTransport transport = transport("https://" + target,
						HttpProxy.of("127.0.0.1", proxy.port()).withCredentials("proxy-user", "proxy-secret"),
						TestPki.get().trustingContext())) {
			if (this.transportType == HttpTransportType.JDK) {
				// the JDK sends no Basic credentials into a tunnel unless
				// jdk.http.auth.tunneling.disabledSchemes is emptied
				assertThatExceptionOfType(CohereNetworkException.class)
					.isThrownBy(() -> transport.post("/v2/chat", REQUEST))
					.withMessageContaining("jdk.http.auth.tunneling.disabledSchemes");
			}
			else {
				assertThat(new String(transport.post("/v2/chat", REQUEST), StandardCharsets.UTF_8)).contains("tunnel");
				assertThat(proxy.seen()).last()
					.extracting(TestHttpProxy.Seen::proxyAuthorization)
					.isEqualTo("Basic cHJveHktdXNlcjpwcm94eS1zZWNyZXQ=");
			}
		}
		httpsServer.verify(0, postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Proxy-Authorization",
				com.github.tomakehurst.wiremock.client.WireMock.matching(".*")));
	}

	@Test
	void nonProxyHostsShouldBeReachedDirectly() throws Exception {
		server.stubFor(post("/v2/chat").willReturn(okJson("{\"via\":\"direct\"}")));
		try (TestHttpProxy proxy = TestHttpProxy.open();
				CohereHttpTransport transport = transport("http://" + target(),
						HttpProxy.of("127.0.0.1", proxy.port()).withNonProxyHosts(List.of("*.example.com", "local*")),
						null)) {
			assertThat(new String(transport.post("/v2/chat", REQUEST), StandardCharsets.UTF_8)).contains("direct");
			assertThat(proxy.seen()).isEmpty();
		}
	}

	@Test
	void withoutAProxyTheJvmProxySystemPropertiesShouldApply() throws Exception {
		server.stubFor(post("/v2/chat").willReturn(okJson("{\"via\":\"system proxy\"}")));
		try (TestHttpProxy proxy = TestHttpProxy.open()) {
			setSystemProperty("http.proxyHost", "127.0.0.1");
			setSystemProperty("http.proxyPort", String.valueOf(proxy.port()));
			// the JVM skips localhost unless this is set, and set empty
			setSystemProperty("http.nonProxyHosts", "");
			try (CohereHttpTransport transport = transport("http://" + target(), null, null)) {
				assertThat(new String(transport.post("/v2/chat", REQUEST), StandardCharsets.UTF_8))
					.contains("system proxy");
			}
			assertThat(proxy.seen()).hasSize(1);
			assertThat(proxy.seen().get(0).requestLine()).contains(target());
		}
	}

	private void setSystemProperty(String name, String value) {
		this.savedProperties.putIfAbsent(name, System.getProperty(name));
		System.setProperty(name, value);
	}

}
