package dev.springcohere.autoconfigure;

import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.springcohere.api.error.CohereAuthenticationException;
import dev.springcohere.autoconfigure.health.CohereHealthContributorAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cohere.health.check-key}: the health contributor calls check-api-key, cached and
 * with a timeout, and reports a bad key as DOWN without showing it.
 */
class CohereApiKeyHealthTests {

	private static final String KEY = "very-secret-health-key";

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CohereAutoConfiguration.class, CohereHealthContributorAutoConfiguration.class))
		.withPropertyValues("CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.retry.max-attempts=1",
				"cohere.api-key=" + KEY, "cohere.base-url=" + server.baseUrl(), "cohere.health.check-key=true");

	private void withHealth(ApplicationContextRunner runner, Consumer<HealthIndicator> assertions) {
		runner.run((context) -> {
			assertThat(context).hasNotFailed();
			CompositeHealthContributor composite = context.getBean("cohereHealthContributor",
					CompositeHealthContributor.class);
			assertions.accept((HealthIndicator) composite.getContributor("platform"));
		});
	}

	@Test
	void validKeyShouldKeepTheBackendUpAndBeCheckedOncePerCachePeriod() {
		server.stubFor(post(urlEqualTo("/v1/check-api-key")).willReturn(okJson("""
				{"valid":true,"organization_id":"org-7","owner_id":"user-3"}""")));
		withHealth(this.runner, (indicator) -> {
			Health first = indicator.health();
			Health second = indicator.health();

			assertThat(first.getStatus()).isEqualTo(Status.UP);
			assertThat(first.getDetails()).containsEntry("backend", "platform")
				.containsEntry("apiKey", "valid")
				.containsEntry("organizationId", "org-7");
			assertThat(second).isEqualTo(first);
			server.verify(1, postRequestedFor(urlEqualTo("/v1/check-api-key")));
		});
	}

	@Test
	void zeroCacheShouldCheckOnEveryHealthRequest() {
		server.stubFor(post(urlEqualTo("/v1/check-api-key")).willReturn(okJson("""
				{"valid":true}""")));
		withHealth(this.runner.withPropertyValues("cohere.health.check-key-cache=0s"), (indicator) -> {
			indicator.health();
			indicator.health();
			server.verify(2, postRequestedFor(urlEqualTo("/v1/check-api-key")));
		});
	}

	@Test
	void inactiveKeyShouldBeDownWithAReasonThatDoesNotShowTheKey() {
		server.stubFor(post(urlEqualTo("/v1/check-api-key")).willReturn(okJson("""
				{"valid":false}""")));
		withHealth(this.runner, (indicator) -> {
			Health health = indicator.health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("apiKey", "invalid");
			assertThat((String) health.getDetails().get("reason")).contains("not valid or not active");
			assertThat(health.toString()).doesNotContain(KEY);
		});
	}

	@Test
	void rejectedKeyShouldBeDownWithTheErrorClassAndStatusButNotTheKey() {
		server.stubFor(post(urlEqualTo("/v1/check-api-key")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"invalid api token " + KEY + "\"}")));
		withHealth(this.runner, (indicator) -> {
			Health health = indicator.health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("apiKey", "rejected")
				.containsEntry("error", CohereAuthenticationException.class.getName())
				.containsEntry("statusCode", 401);
			assertThat(health.toString()).doesNotContain(KEY);
		});
	}

	@Test
	void slowCheckShouldBeUnknownAfterTheTimeout() {
		server.stubFor(post(urlEqualTo("/v1/check-api-key")).willReturn(okJson("""
				{"valid":true}""").withFixedDelay(3000)));
		withHealth(this.runner.withPropertyValues("cohere.health.check-key-timeout=200ms"), (indicator) -> {
			long start = System.nanoTime();
			Health health = indicator.health();

			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			assertThat(health.getDetails()).containsEntry("apiKey", "unknown");
			assertThat((String) health.getDetails().get("reason")).contains("no answer within PT0.2S");
			assertThat(System.nanoTime() - start).as("waited no more than about the timeout")
				.isLessThan(2_500_000_000L);
		});
	}

	@Test
	void unreachableServerShouldBeDownWithTheErrorClass() {
		withHealth(this.runner.withPropertyValues("cohere.base-url=http://127.0.0.1:1"), (indicator) -> {
			Health health = indicator.health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("apiKey", "unknown").containsKey("error");
			assertThat((String) health.getDetails().get("error")).startsWith("dev.springcohere.api.error.Cohere");
			assertThat(health.toString()).doesNotContain(KEY);
		});
	}

	@Test
	void backendWithoutCheckApiKeyShouldSayItWasNotChecked() {
		this.runner.withPropertyValues("cohere.backend=stub").run((context) -> {
			CompositeHealthContributor composite = context.getBean("cohereHealthContributor",
					CompositeHealthContributor.class);
			Health health = ((HealthIndicator) composite.getContributor("stub")).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("apiKey", "not checked: the backend has no check-api-key");
		});
	}

	@Test
	void keyIsNotCheckedByDefault() {
		server.stubFor(post(urlEqualTo("/v1/check-api-key")).willReturn(okJson("""
				{"valid":false}""")));
		withHealth(this.runner.withPropertyValues("cohere.health.check-key=false"), (indicator) -> {
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			assertThat(indicator.health().getDetails()).doesNotContainKey("apiKey");
			server.verify(0, postRequestedFor(urlEqualTo("/v1/check-api-key")));
		});
	}

	@Test
	void negativeCacheOrNonPositiveTimeoutShouldFailTheStartupNamingTheProperty() {
		this.runner.withPropertyValues("cohere.health.check-key-timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'cohere.health.check-key-timeout' must be positive"));
		this.runner.withPropertyValues("cohere.health.check-key-cache=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'cohere.health.check-key-cache' must not be negative"));
	}

}
