package dev.springcohere.autoconfigure;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.autoconfigure.actuate.CohereSanitizingAutoConfiguration;
import dev.springcohere.client.CohereClient;
import dev.springcohere.http.TestHttpProxy;
import dev.springcohere.http.TestPki;
import dev.springcohere.http.HttpSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code cohere.http.ssl.bundle} against HTTPS WireMock servers with their own CA (one
 * requiring a client certificate), {@code cohere.http.proxy.*} through a real proxy, and
 * the proxy password kept out of {@code toString()} and Actuator.
 */
class CohereHttpSslAndProxyAutoConfigurationTests {

	private static WireMockServer httpsServer;

	private static WireMockServer mutualServer;

	private static WireMockServer plainServer;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
				CohereAutoConfiguration.class))
		.withPropertyValues("cohere.retry.max-attempts=1", "cohere.api-key=test-key", "cohere.backend=private")
		.withPropertyValues(WireMockAutoConfigurationTestSupport.WITHOUT_ENVIRONMENT_KEYS)
		.withPropertyValues(bundle("cohere-ca", false))
		.withPropertyValues(bundle("cohere-mtls", true));

	@BeforeAll
	static void startServers() {
		TestPki pki = TestPki.get();
		WireMockConfiguration https = WireMockConfiguration.options()
			.httpDisabled(true)
			.dynamicHttpsPort()
			.keystorePath(pki.serverKeyStore().toString())
			.keystoreType("PKCS12")
			.keystorePassword(TestPki.PASSWORD)
			.keyManagerPassword(TestPki.PASSWORD);
		httpsServer = new WireMockServer(https);
		mutualServer = new WireMockServer(https.needClientAuth(true)
			.trustStorePath(pki.trustStore().toString())
			.trustStoreType("PKCS12")
			.trustStorePassword(TestPki.PASSWORD));
		plainServer = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		for (WireMockServer server : List.of(httpsServer, mutualServer, plainServer)) {
			server.start();
		}
	}

	@AfterAll
	static void stopServers() {
		for (WireMockServer server : List.of(httpsServer, mutualServer, plainServer)) {
			server.stop();
		}
	}

	@BeforeEach
	void stubChat() {
		for (WireMockServer server : List.of(httpsServer, mutualServer, plainServer)) {
			server.resetAll();
			server.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(WireMockAutoConfigurationTestSupport.CHAT_RESPONSE)));
		}
	}

	private static String[] bundle(String name, boolean withClientKey) {
		TestPki pki = TestPki.get();
		String prefix = "spring.ssl.bundle.jks." + name + ".";
		List<String> properties = new java.util.ArrayList<>(
				List.of(prefix + "truststore.location=file:" + pki.trustStore(), prefix + "truststore.type=PKCS12",
						prefix + "truststore.password=" + TestPki.PASSWORD));
		if (withClientKey) {
			properties.addAll(List.of(prefix + "keystore.location=file:" + pki.clientKeyStore(),
					prefix + "keystore.type=PKCS12", prefix + "keystore.password=" + TestPki.PASSWORD));
		}
		return properties.toArray(String[]::new);
	}

	private static String https(WireMockServer server) {
		return "cohere.base-url=https://localhost:" + server.httpsPort();
	}

	@Test
	void sslBundleShouldTrustTheServersPrivateCa() {
		this.contextRunner.withPropertyValues(https(httpsServer), "cohere.http.ssl.bundle=cohere-ca")
			.run((context) -> assertThat(context.getBean(CohereClient.class).chat("Hi").text())
				.isEqualTo("Hello from WireMock"));
	}

	@Test
	void withoutABundleThePrivateCaShouldFailWithAnErrorNamingTheProperty() {
		this.contextRunner.withPropertyValues(https(httpsServer))
			.run((context) -> assertThatExceptionOfType(CohereNetworkException.class)
				.isThrownBy(() -> context.getBean(CohereClient.class).chat("Hi"))
				.withMessageContaining("cohere.http.ssl.bundle"));
	}

	@Test
	void springHttpClientsSslBundleShouldBeTheDefault() {
		this.contextRunner.withPropertyValues(https(httpsServer), "spring.http.clients.ssl.bundle=cohere-ca")
			.run((context) -> assertThat(context.getBean(CohereClient.class).chat("Hi").text())
				.isEqualTo("Hello from WireMock"));
	}

	@Test
	void bundleWithAClientKeyShouldPassMutualTls() {
		this.contextRunner.withPropertyValues(https(mutualServer), "cohere.http.ssl.bundle=cohere-mtls")
			.run((context) -> assertThat(context.getBean(CohereClient.class).chat("Hi").text())
				.isEqualTo("Hello from WireMock"));
	}

	@Test
	void bundleWithoutAClientKeyShouldBeRefusedByAServerRequiringOne() {
		this.contextRunner.withPropertyValues(https(mutualServer), "cohere.http.ssl.bundle=cohere-ca")
			.run((context) -> assertThatExceptionOfType(CohereNetworkException.class)
				.isThrownBy(() -> context.getBean(CohereClient.class).chat("Hi")));
		assertThat(mutualServer.getAllServeEvents()).isEmpty();
	}

	@Test
	void unknownBundleShouldFailTheStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("cohere.http.ssl.bundle=no-such-bundle").run((context) -> {
			CohereConfigurationException failure = Failures.configurationFailure(context);
			assertThat(failure.getProperty()).isEqualTo("cohere.http.ssl.bundle");
			assertThat(failure.getMessage()).contains("no-such-bundle").contains("cohere-ca").contains("cohere-mtls");
		});
	}

	@Test
	void proxyPropertiesShouldSendTheCallsThroughTheProxyWithItsCredentials() throws Exception {
		try (TestHttpProxy proxy = new TestHttpProxy("proxy-user", "proxy-secret-9")) {
			this.contextRunner
				.withPropertyValues("cohere.base-url=http://localhost:" + plainServer.port(),
						"cohere.http.proxy.host=127.0.0.1", "cohere.http.proxy.port=" + proxy.port(),
						"cohere.http.proxy.username=proxy-user", "cohere.http.proxy.password=proxy-secret-9")
				.run((context) -> {
					assertThat(context.getBean(CohereClient.class).chat("Hi").text()).isEqualTo("Hello from WireMock");
					assertThat(context.getBean(HttpSettings.class).toString()).doesNotContain("proxy-secret-9");
					assertThat(context.getBean(CohereProperties.class).toString()).doesNotContain("proxy-secret-9");
				});
			assertThat(proxy.seen()).extracting(TestHttpProxy.Seen::proxyAuthorization)
				.contains("Basic cHJveHktdXNlcjpwcm94eS1zZWNyZXQtOQ==");
		}
	}

	@Test
	void nonProxyHostsShouldBypassTheProxy() throws Exception {
		try (TestHttpProxy proxy = TestHttpProxy.open()) {
			this.contextRunner
				.withPropertyValues("cohere.base-url=http://localhost:" + plainServer.port(),
						"cohere.http.proxy.host=127.0.0.1", "cohere.http.proxy.port=" + proxy.port(),
						"cohere.http.proxy.non-proxy-hosts=*.internal,localhost")
				.run((context) -> assertThat(context.getBean(CohereClient.class).chat("Hi").text())
					.isEqualTo("Hello from WireMock"));
			assertThat(proxy.seen()).isEmpty();
		}
	}

	@Test
	void incompleteProxySettingsShouldFailTheStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("cohere.http.proxy.host=proxy.example.com")
			.run((context) -> assertThat(Failures.configurationFailure(context).getProperty())
				.isEqualTo("cohere.http.proxy.port"));
		this.contextRunner
			.withPropertyValues("cohere.http.proxy.host=proxy.example.com", "cohere.http.proxy.port=3128",
					"cohere.http.proxy.password=only-a-secret")
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getProperty()).isEqualTo("cohere.http.proxy.username");
				assertThat(failure.getMessage()).doesNotContain("only-a-secret");
			});
		this.contextRunner.withPropertyValues("cohere.http.proxy.port=3128")
			.run((context) -> assertThat(Failures.configurationFailure(context).getProperty())
				.isEqualTo("cohere.http.proxy.host"));
	}

	@Test
	void proxyPasswordShouldBeMaskedInConfigprops() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CohereAutoConfiguration.class, CohereSanitizingAutoConfiguration.class))
			.withPropertyValues("cohere.api-key=test-key", "cohere.http.proxy.host=proxy.example.com",
					"cohere.http.proxy.port=3128", "cohere.http.proxy.username=alice",
					"cohere.http.proxy.password=proxy-secret-9")
			.run((context) -> {
				ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(
						context.getBeanProvider(SanitizingFunction.class).orderedStream().toList(), Show.ALWAYS);
				endpoint.setApplicationContext(context);
				Map<String, ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor> beans = endpoint
					.configurationPropertiesWithPrefix("cohere")
					.getContexts()
					.values()
					.iterator()
					.next()
					.getBeans();
				assertThat(beans).isNotEmpty();
				String report = beans.values().iterator().next().getProperties().toString();
				assertThat(report).contains("alice").contains("proxy.example.com").doesNotContain("proxy-secret-9");
			});
	}

}
