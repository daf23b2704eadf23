package dev.springcohere.autoconfigure;

import java.time.Duration;

import dev.springcohere.api.error.CohereTimeoutException;
import dev.springcohere.client.CohereClient;
import dev.springcohere.http.HttpSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring Boot's {@code spring.http.clients.*} as the defaults of {@code cohere.http.*}:
 * an explicit {@code cohere.http.*} value wins, then Boot's, then the client's.
 */
class CohereHttpClientSettingsAutoConfigurationTests extends WireMockAutoConfigurationTestSupport {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class, CohereAutoConfiguration.class))
		.withPropertyValues("cohere.retry.max-attempts=1", "cohere.api-key=test-key")
		.withPropertyValues(WITHOUT_ENVIRONMENT_KEYS);

	@Test
	void withoutEitherSettingTheClientDefaultsShouldApply() {
		this.contextRunner.run((context) -> {
			HttpSettings settings = context.getBean(HttpSettings.class);
			assertThat(settings.getConnectTimeout()).isEqualTo(HttpSettings.DEFAULT_CONNECT_TIMEOUT);
			assertThat(settings.getReadTimeout()).isEqualTo(HttpSettings.DEFAULT_READ_TIMEOUT);
			assertThat(settings.isFollowRedirects()).isFalse();
			assertThat(settings.getSslContext()).isNull();
			assertThat(settings.getProxy()).isNull();
			assertThat(settings.isLogBodies()).isFalse();
		});
	}

	@Test
	void springHttpClientsTimeoutsShouldApplyWhenCohereOnesAreAbsent() {
		this.contextRunner
			.withPropertyValues("spring.http.clients.connect-timeout=3s", "spring.http.clients.read-timeout=7s")
			.run((context) -> {
				HttpSettings settings = context.getBean(HttpSettings.class);
				assertThat(settings.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(settings.getReadTimeout()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Test
	void cohereTimeoutsShouldOverrideSpringHttpClientsOnes() {
		this.contextRunner
			.withPropertyValues("spring.http.clients.connect-timeout=3s", "spring.http.clients.read-timeout=7s",
					"cohere.http.read-timeout=9s")
			.run((context) -> {
				HttpSettings settings = context.getBean(HttpSettings.class);
				assertThat(settings.getConnectTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(settings.getReadTimeout()).isEqualTo(Duration.ofSeconds(9));
			});
	}

	@Test
	void springHttpClientsReadTimeoutShouldCutASlowAnswerUnlessCohereRaisesIt() {
		server.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(CHAT_RESPONSE)
			.withFixedDelay(1500)));
		ApplicationContextRunner runner = this.contextRunner.withPropertyValues("cohere.backend=private",
				"cohere.base-url=" + server.baseUrl(), "spring.http.clients.read-timeout=300ms");
		runner.run((context) -> assertThatExceptionOfType(CohereTimeoutException.class)
			.isThrownBy(() -> context.getBean(CohereClient.class).chat("Hi"))
			.withMessageContaining("PT0.3S"));
		runner.withPropertyValues("cohere.http.read-timeout=10s")
			.run((context) -> assertThat(context.getBean(CohereClient.class).chat("Hi").text())
				.isEqualTo("Hello from WireMock"));
	}

	@Test
	void springHttpClientsRedirectsShouldApplyUnlessCohereSaysOtherwise() {
		this.contextRunner.withPropertyValues("spring.http.clients.redirects=follow")
			.run((context) -> assertThat(context.getBean(HttpSettings.class).isFollowRedirects()).isTrue());
		this.contextRunner.withPropertyValues("spring.http.clients.redirects=dont-follow")
			.run((context) -> assertThat(context.getBean(HttpSettings.class).isFollowRedirects()).isFalse());
		this.contextRunner
			.withPropertyValues("spring.http.clients.redirects=follow", "cohere.http.follow-redirects=false")
			.run((context) -> assertThat(context.getBean(HttpSettings.class).isFollowRedirects()).isFalse());
	}

	@Test
	void withoutBootsHttpClientModuleItsPropertiesShouldBeIgnored() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpClientSettings.class))
			.withPropertyValues("spring.http.clients.read-timeout=7s")
			.run((context) -> assertThat(context.getBean(HttpSettings.class).getReadTimeout())
				.isEqualTo(HttpSettings.DEFAULT_READ_TIMEOUT));
	}

	@Test
	void logBodiesShouldReachTheHttpSettings() {
		this.contextRunner.withPropertyValues("cohere.http.log-bodies=true")
			.run((context) -> assertThat(context.getBean(HttpSettings.class).isLogBodies()).isTrue());
	}

	@Test
	void invalidTimeoutShouldNameTheProperty() {
		this.contextRunner.withPropertyValues("spring.http.clients.read-timeout=-1s")
			.run((context) -> assertThat(Failures.configurationFailure(context).getProperty())
				.isEqualTo("spring.http.clients.read-timeout"));
		this.contextRunner.withPropertyValues("cohere.http.connect-timeout=0s")
			.run((context) -> assertThat(Failures.configurationFailure(context).getProperty())
				.isEqualTo("cohere.http.connect-timeout"));
	}

}
