package dev.springcohere.autoconfigure;

import java.util.Map;

import dev.springcohere.client.CohereClient;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class CohereConnectionDetailsTests extends WireMockAutoConfigurationTestSupport {

	private final ApplicationContextRunner runner = contextRunner();

	@BeforeEach
	void stub() {
		stubChat();
	}

	@Test
	void connectionDetailsWhenPropertiesAreSetShouldAdaptThem() {
		this.runner.withInitializer(environmentVariables(Map.of("CO_API_KEY", "env-key", "CO_API_URL", "http://env")))
			.withPropertyValues("cohere.api-key= property-key ", "cohere.base-url=" + server.baseUrl())
			.run((context) -> {
				assertThat(context).hasSingleBean(CohereConnectionDetails.class)
					.hasSingleBean(PropertiesCohereConnectionDetails.class);
				PropertiesCohereConnectionDetails details = context.getBean(PropertiesCohereConnectionDetails.class);
				assertThat(details.getApiKey()).isEqualTo("property-key");
				assertThat(details.getBaseUrl()).isEqualTo(server.baseUrl());
				assertThat(details.apiKeySource()).isEqualTo("cohere.api-key");
				assertThat(details.baseUrlSource()).isEqualTo("cohere.base-url");
				context.getBean(CohereClient.class).chat("Hi");
				server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization",
						equalTo("Bearer property-key")));
			});
	}

	@Test
	void connectionDetailsWhenPropertiesAreUnsetShouldReadCoApiKeyThenCohereApiKeyAndCoApiUrl() {
		this.runner
			.withInitializer(
					environmentVariables(Map.of("COHERE_API_KEY", "second-key", "CO_API_URL", server.baseUrl())))
			.run((context) -> {
				PropertiesCohereConnectionDetails details = context.getBean(PropertiesCohereConnectionDetails.class);
				assertThat(details.getApiKey()).isEqualTo("second-key");
				assertThat(details.apiKeySource()).isEqualTo("COHERE_API_KEY");
				assertThat(details.getBaseUrl()).isEqualTo(server.baseUrl());
				assertThat(details.baseUrlSource()).isEqualTo("CO_API_URL");
				context.getBean(CohereClient.class).chat("Hi");
				server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization",
						equalTo("Bearer second-key")));
			});
		Map<String, Object> both = Map.of("CO_API_KEY", "first-key", "COHERE_API_KEY", "second-key", "CO_API_URL",
				server.baseUrl());
		this.runner.withInitializer(environmentVariables(both)).run((context) -> {
			// Boot binds COHERE_API_KEY to cohere.api-key too; CO_API_KEY must still come
			// first
			assertThat(context.getBean(CohereProperties.class).getApiKey()).isEqualTo("second-key");
			PropertiesCohereConnectionDetails details = context.getBean(PropertiesCohereConnectionDetails.class);
			assertThat(details.getApiKey()).isEqualTo("first-key");
			assertThat(details.apiKeySource()).isEqualTo("CO_API_KEY");
			context.getBean(CohereClient.class).chat("Hi");
			server.verify(
					postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization", equalTo("Bearer first-key")));
		});
		this.runner.withInitializer(plainEnvironmentVariables(both)).run((context) -> {
			assertThat(context.getBean(CohereProperties.class).getApiKey()).isEqualTo("second-key");
			assertThat(context.getBean(PropertiesCohereConnectionDetails.class).getApiKey()).isEqualTo("first-key");
		});
	}

	@Test
	void connectionDetailsWhenPropertyAndVariablesAreSetShouldPreferTheProperty() {
		this.runner
			.withInitializer(environmentVariables(Map.of("CO_API_KEY", "first-key", "COHERE_API_KEY", "second-key")))
			.withPropertyValues("cohere.api-key=property-key", "cohere.backend=stub")
			.run((context) -> {
				PropertiesCohereConnectionDetails details = context.getBean(PropertiesCohereConnectionDetails.class);
				assertThat(details.getApiKey()).isEqualTo("property-key");
				assertThat(details.apiKeySource()).isEqualTo("cohere.api-key");
			});
	}

	@Test
	void connectionDetailsWhenValuesAreBlankShouldTreatThemAsUnset() {
		this.runner
			.withInitializer(environmentVariables(
					Map.of("CO_API_KEY", " ", "COHERE_API_KEY", "second-key", "CO_API_URL", server.baseUrl())))
			.withPropertyValues("cohere.api-key=", "cohere.base-url= ")
			.run((context) -> {
				PropertiesCohereConnectionDetails details = context.getBean(PropertiesCohereConnectionDetails.class);
				assertThat(details.getApiKey()).isEqualTo("second-key");
				assertThat(details.getBaseUrl()).isEqualTo(server.baseUrl());
			});
		this.runner.withInitializer(environmentVariables(Map.of("CO_API_KEY", "", "COHERE_API_KEY", "")))
			.withPropertyValues("cohere.backend=stub")
			.run((context) -> {
				PropertiesCohereConnectionDetails details = context.getBean(PropertiesCohereConnectionDetails.class);
				assertThat(details.getApiKey()).isNull();
				assertThat(details.getBaseUrl()).isNull();
				assertThat(details.apiKeySource()).isEqualTo("cohere.api-key");
				assertThat(details.baseUrlSource()).isEqualTo("cohere.base-url");
			});
	}

	@Test
	void connectionDetailsWhenNoKeyIsSetShouldFailNamingThePropertyAndTheVariables() {
		this.runner.withInitializer(environmentVariables(Map.of())).run((context) -> {
			CohereConfigurationException failure = Failures.configurationFailure(context);
			assertThat(failure.getProperty()).isEqualTo("cohere.api-key");
			assertThat(failure.getAction()).contains("cohere.api-key")
				.contains("CO_API_KEY")
				.contains("COHERE_API_KEY");
		});
	}

	@Test
	void connectionDetailsWhenEnvironmentValuesAreInvalidShouldFailNamingTheVariable() {
		this.runner.withInitializer(environmentVariables(Map.of("CO_API_KEY", "k", "CO_API_URL", "api.cohere.com")))
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getProperty()).isEqualTo("CO_API_URL");
				assertThat(failure.getMessage()).contains("'api.cohere.com' is not a valid URL");
			});
		this.runner.withInitializer(environmentVariables(Map.of("COHERE_API_KEY", "secret\u0007value")))
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getProperty()).isEqualTo("COHERE_API_KEY");
				assertThat(failure.getMessage()).contains("The API key is malformed").doesNotContain("secret");
				assertThat(failure.getAction()).contains("'COHERE_API_KEY'");
			});
		this.runner.withInitializer(environmentVariables(Map.of()))
			.withPropertyValues("cohere.api-key=secret value")
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getProperty()).isEqualTo("cohere.api-key");
				assertThat(failure.getMessage()).contains("The API key is malformed").doesNotContain("secret");
			});
	}

	@Test
	void userDefinedConnectionDetailsShouldBackOffAndReachTheHttpCall() {
		this.runner.withInitializer(environmentVariables(Map.of("CO_API_KEY", "env-key")))
			.withUserConfiguration(UserConnectionDetailsConfiguration.class)
			.withPropertyValues("cohere.api-key=property-key", "cohere.base-url=http://localhost:9")
			.run((context) -> {
				assertThat(context).hasSingleBean(CohereConnectionDetails.class)
					.doesNotHaveBean(PropertiesCohereConnectionDetails.class);
				context.getBean(CohereClient.class).chat("Hi");
				server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization",
						equalTo("Bearer user-key")));
			});
	}

	@Test
	void userDefinedConnectionDetailsWithoutKeyShouldFailNamingTheBean() {
		this.runner.withInitializer(environmentVariables(Map.of("CO_API_KEY", "env-key")))
			.withBean(CohereConnectionDetails.class, () -> new FixedConnectionDetails(null, server.baseUrl()))
			.withPropertyValues("cohere.api-key=property-key")
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getProperty()).contains("getApiKey()")
					.contains(FixedConnectionDetails.class.getName());
				assertThat(failure.getMessage()).contains("needs a Cohere API key");
				assertThat(failure.getAction()).contains("getApiKey()");
			});
	}

	@Test
	void userDefinedConnectionDetailsWithMalformedValuesShouldFailNamingTheBean() {
		this.runner.withInitializer(environmentVariables(Map.of()))
			.withBean(CohereConnectionDetails.class, () -> new FixedConnectionDetails("user secret", server.baseUrl()))
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getProperty()).contains("getApiKey()")
					.contains(FixedConnectionDetails.class.getName());
				assertThat(failure.getMessage()).contains("The API key is malformed").doesNotContain("secret");
			});
		this.runner.withInitializer(environmentVariables(Map.of()))
			.withBean(CohereConnectionDetails.class, () -> new FixedConnectionDetails("user-key", "ftp://host"))
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getProperty()).contains("getBaseUrl()");
				assertThat(failure.getMessage()).contains("'ftp://host' is not a valid URL");
			});
	}

	@Test
	void userDefinedConnectionDetailsWithoutBaseUrlShouldFailForThePrivateBackend() {
		this.runner.withInitializer(environmentVariables(Map.of("CO_API_URL", server.baseUrl())))
			.withBean(CohereConnectionDetails.class, () -> new FixedConnectionDetails("user-key", null))
			.withPropertyValues("cohere.backend=private", "cohere.base-url=" + server.baseUrl())
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getProperty()).contains("getBaseUrl()");
				assertThat(failure.getMessage()).contains("'private' backend needs the base URL");
			});
	}

	@Test
	void toStringShouldNameTheSourcesButNeverTheKey() {
		this.runner
			.withInitializer(
					environmentVariables(Map.of("COHERE_API_KEY", "env-secret-key", "CO_API_URL", server.baseUrl())))
			.run((context) -> {
				String text = context.getBean(CohereConnectionDetails.class).toString();
				assertThat(text).doesNotContain("env-secret-key")
					.contains("COHERE_API_KEY")
					.contains(server.baseUrl() + " (CO_API_URL)");
			});
		this.runner.withInitializer(environmentVariables(Map.of()))
			.withPropertyValues("cohere.api-key=property-secret-key", "cohere.base-url=" + server.baseUrl())
			.run((context) -> {
				String text = context.getBean(CohereConnectionDetails.class).toString();
				assertThat(text).doesNotContain("property-secret-key").contains("apiKey=****");
				assertThat(text).contains("cohere.api-key");
			});
		this.runner.withInitializer(environmentVariables(Map.of()))
			.withPropertyValues("cohere.backend=stub")
			.run((context) -> assertThat(context.getBean(CohereConnectionDetails.class))
				.hasToString("PropertiesCohereConnectionDetails[apiKey=none, baseUrl=default]"));
	}

	/**
	 * Replaces the environment variables of the context, so that the tests read neither
	 * the machine's {@code CO_API_KEY} nor those of another test, and makes them
	 * origin-aware as {@code SpringApplication} does.
	 */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> environmentVariables(
			Map<String, Object> variables) {
		return (context) -> {
			plainEnvironmentVariables(variables).initialize(context);
			new SystemEnvironmentPropertySourceEnvironmentPostProcessor()
				.postProcessEnvironment(context.getEnvironment(), new SpringApplication());
		};
	}

	/**
	 * Replaces the environment variables of the context with a plain
	 * {@link SystemEnvironmentPropertySource}, as in a context started without
	 * {@code SpringApplication}.
	 */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> plainEnvironmentVariables(
			Map<String, Object> variables) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserConnectionDetailsConfiguration {

		@Bean
		CohereConnectionDetails userConnectionDetails() {
			return new FixedConnectionDetails("user-key", server.baseUrl());
		}

	}

	record FixedConnectionDetails(@Nullable String apiKey,
			@Nullable String baseUrl) implements CohereConnectionDetails {

		@Override
		public @Nullable String getApiKey() {
			return this.apiKey;
		}

		@Override
		public @Nullable String getBaseUrl() {
			return this.baseUrl;
		}

	}

}
