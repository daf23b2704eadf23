package dev.springcohere.autoconfigure;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.UserMessage;
import dev.springcohere.autoconfigure.health.CohereHealthContributorAutoConfiguration;
import dev.springcohere.client.observation.DefaultCohereBackendObservationConvention;
import dev.springcohere.client.observation.ObservedCohereBackend;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.client.CohereClient;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CohereObservationAndHealthTests {

	static WireMockServer server;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CohereAutoConfiguration.class, CohereHealthContributorAutoConfiguration.class))
		.withPropertyValues("CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.retry.max-attempts=1");

	@BeforeAll
	static void startServer() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		server.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(WireMockAutoConfigurationTestSupport.CHAT_RESPONSE)));
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@Test
	void chatAndEmbedShouldBeObservedWithGenAiKeys() {
		this.runner.withUserConfiguration(ObservationConfiguration.class)
			.withPropertyValues("cohere.api-key=k", "cohere.base-url=" + server.baseUrl(), "cohere.embed.backend=stub")
			.run((context) -> {
				assertThat(context.getBean(CohereBackend.class)).isInstanceOf(ObservedCohereBackend.class);
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				CohereClient client = context.getBean(CohereClient.class);
				client.chat("Hi");
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo(DefaultCohereBackendObservationConvention.NAME)
					.that()
					.hasBeenStarted()
					.hasBeenStopped()
					.hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
					.hasLowCardinalityKeyValue("gen_ai.system", "cohere")
					.hasLowCardinalityKeyValue("gen_ai.request.model", "command-a-03-2025")
					.hasLowCardinalityKeyValue("gen_ai.request.stream", "false")
					.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "12")
					.hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "4");
				registry.clear();
				client.embed(EmbedRequest.builder().texts("x").build());
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo(DefaultCohereBackendObservationConvention.NAME)
					.that()
					.hasLowCardinalityKeyValue("gen_ai.operation.name", "embeddings")
					.hasLowCardinalityKeyValue("gen_ai.request.model", "embed-v4.0")
					.hasLowCardinalityKeyValue("springcohere.backend",
							"routing[chat=platform, embed=stub, rerank=platform]");
			});
	}

	@Test
	void streamShouldBeObservedWithTheUsageOfMessageEnd() {
		server.stubFor(post(urlEqualTo("/v2/chat")).atPriority(1)
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"stream\":true"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(
						"data: {\"type\":\"message-start\",\"id\":\"g\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}\n\n"
								+ "data: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\",\"usage\":"
								+ "{\"tokens\":{\"input_tokens\":9,\"output_tokens\":2}}}}\n\n")));
		this.runner.withUserConfiguration(ObservationConfiguration.class)
			.withPropertyValues("cohere.api-key=k", "cohere.base-url=" + server.baseUrl())
			.run((context) -> {
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				List<StreamEvent> events = context.getBean(CohereClient.class)
					.chatStream(ChatRequest.builder().messages(UserMessage.of("Hi")).build())
					.collectList()
					.block();
				assertThat(events).hasSize(2);
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo(DefaultCohereBackendObservationConvention.NAME)
					.that()
					.hasBeenStopped()
					.hasLowCardinalityKeyValue("gen_ai.request.stream", "true")
					.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "9")
					.hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "2");
			});
	}

	@Test
	void failedCallsShouldBeObservedWithTheError() {
		this.runner.withUserConfiguration(ObservationConfiguration.class)
			.withPropertyValues("cohere.api-key=k", "cohere.base-url=" + server.baseUrl(), "cohere.backend=private",
					"cohere.rerank.model=rerank-v3.5")
			.run((context) -> {
				server.stubFor(post(urlEqualTo("/v2/rerank")).willReturn(aResponse().withStatus(400)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"message\":\"bad query\"}")));
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				assertThatThrownBy(() -> context.getBean(CohereClient.class)
					.rerank(RerankRequest.builder().query("q").documents("a", "b").build()))
					.isInstanceOf(CohereApiException.class);
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo(DefaultCohereBackendObservationConvention.NAME)
					.that()
					.hasBeenStopped()
					.hasLowCardinalityKeyValue("gen_ai.operation.name", "rerank")
					.hasLowCardinalityKeyValue("gen_ai.request.model", "rerank-v3.5")
					.hasLowCardinalityKeyValue("springcohere.backend", "private")
					.assertThatError()
					.isInstanceOf(CohereApiException.class);
			});
	}

	@Test
	void withoutObservationRegistryTheBackendShouldNotBeWrapped() {
		this.runner.withPropertyValues("cohere.backend=stub")
			.run((context) -> assertThat(context.getBean(CohereBackend.class))
				.isInstanceOf(StubBackendProvider.StubBackend.class));
		this.runner.withUserConfiguration(ObservationConfiguration.class)
			.withClassLoader(new FilteredClassLoader("io.micrometer.observation"))
			.withPropertyValues("cohere.backend=stub")
			.run((context) -> assertThat(context.getBean(CohereBackend.class))
				.isInstanceOf(StubBackendProvider.StubBackend.class));
	}

	@Test
	void healthShouldReportEachBackendWithoutSecretsOrCalls() {
		this.runner
			.withPropertyValues("cohere.api-key=very-secret-key", "cohere.base-url=" + server.baseUrl(),
					"cohere.embed.backend=stub")
			.run((context) -> {
				server.resetRequests();
				HealthContributor contributor = context.getBean("cohereHealthContributor", HealthContributor.class);
				assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
				CompositeHealthContributor composite = (CompositeHealthContributor) contributor;
				Health platform = ((HealthIndicator) composite.getContributor("platform")).health();
				assertThat(platform.getStatus()).isEqualTo(Status.UP);
				assertThat(platform.getDetails()).containsEntry("backend", "platform");
				assertThat(platform.getDetails().get("capabilities"))
					.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
					.contains("chat", "embed", "rerank");
				Health stub = ((HealthIndicator) composite.getContributor("stub")).health();
				assertThat(stub.getDetails()).containsEntry("capabilities", List.of("chat", "embed"));
				assertThat(platform.toString() + stub).doesNotContain("very-secret-key");
				assertThat(server.getAllServeEvents()).isEmpty();
			});
	}

	@Test
	void healthShouldBackOffWhenDisabled() {
		this.runner.withPropertyValues("cohere.backend=stub", "management.health.cohere.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("cohereHealthContributor"));
		this.runner.withPropertyValues("cohere.backend=stub")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("cohereHealthContributor"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ObservationConfiguration {

		@Bean
		TestObservationRegistry testObservationRegistry() {
			return TestObservationRegistry.create();
		}

	}

}
