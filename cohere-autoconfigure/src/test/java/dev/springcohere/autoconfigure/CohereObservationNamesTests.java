package dev.springcohere.autoconfigure;

import dev.springcohere.client.observation.CohereBackendObservationContext;
import dev.springcohere.client.observation.DefaultCohereBackendObservationConvention;
import dev.springcohere.client.observation.DefaultCoherePlatformObservationConvention;
import dev.springcohere.springai.CohereChatModel;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code ChatClient} call is observed once by Spring AI (model level,
 * {@code gen_ai.client.operation}) and once by springcohere (backend level,
 * {@value DefaultCohereBackendObservationConvention#NAME}), under distinct names, and a
 * user's convention bean replaces springcohere's.
 */
class CohereObservationNamesTests extends WireMockAutoConfigurationTestSupport {

	@Test
	void oneChatClientCallIsOneObservationOfEachName() {
		stubChat();
		contextRunner(WITHOUT_ENVIRONMENT_KEYS)
			.withConfiguration(AutoConfigurations.of(CohereSpringAiAutoConfiguration.class))
			.withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("cohere.api-key=k", "cohere.base-url=" + server.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				ChatClient.create(context.getBean(CohereChatModel.class)).prompt("Hi").call().content();
				TestObservationRegistryAssert.assertThat(registry)
					.hasNumberOfObservationsEqualTo(2)
					.hasNumberOfObservationsWithNameEqualTo("gen_ai.client.operation", 1)
					.hasNumberOfObservationsWithNameEqualTo(DefaultCohereBackendObservationConvention.NAME, 1);
			});
	}

	@Test
	void aConventionBeanReplacesTheDefaultOne() {
		stubChat();
		contextRunner(WITHOUT_ENVIRONMENT_KEYS)
			.withUserConfiguration(RegistryConfiguration.class, ConventionConfiguration.class)
			.withPropertyValues("cohere.api-key=k", "cohere.base-url=" + server.baseUrl())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				context.getBean(dev.springcohere.client.CohereClient.class).chat("Hi");
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo("my.cohere.calls")
					.that()
					.hasLowCardinalityKeyValue("team", "search")
					.hasLowCardinalityKeyValue("gen_ai.operation.name", "chat");
			});
	}

	@Test
	void platformCallsAreObservedUnderTheirOwnNameAndAPlatformConventionBeanReplacesTheDefault() {
		server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/v1/check-api-key")
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"valid\":true}")));
		contextRunner(WITHOUT_ENVIRONMENT_KEYS).withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("cohere.api-key=k", "cohere.base-url=" + server.baseUrl())
			.run((context) -> {
				context.getBean(dev.springcohere.client.CohereClient.class).checkApiKey();
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasNumberOfObservationsWithNameEqualTo(DefaultCoherePlatformObservationConvention.NAME, 1);
			});
		contextRunner(WITHOUT_ENVIRONMENT_KEYS)
			.withUserConfiguration(RegistryConfiguration.class, PlatformConventionConfiguration.class)
			.withPropertyValues("cohere.api-key=k", "cohere.base-url=" + server.baseUrl())
			.run((context) -> {
				context.getBean(dev.springcohere.client.CohereClient.class).checkApiKey();
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasObservationWithNameEqualTo("my.platform.calls")
					.that()
					.hasLowCardinalityKeyValue("springcohere.operation", "check-api-key.check-api-key");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class PlatformConventionConfiguration {

		@Bean
		DefaultCoherePlatformObservationConvention myPlatformConvention() {
			return new DefaultCoherePlatformObservationConvention() {

				@Override
				public String getName() {
					return "my.platform.calls";
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConventionConfiguration {

		@Bean
		DefaultCohereBackendObservationConvention myConvention() {
			return new DefaultCohereBackendObservationConvention() {

				@Override
				public String getName() {
					return "my.cohere.calls";
				}

				@Override
				public io.micrometer.common.KeyValues getLowCardinalityKeyValues(
						CohereBackendObservationContext context) {
					return super.getLowCardinalityKeyValues(context).and("team", "search");
				}

			};
		}

	}

}
