package dev.springcohere.sample.support;

import dev.springcohere.autoconfigure.CohereConfigurationException;
import dev.springcohere.autoconfigure.CohereToolRegistry;
import dev.springcohere.client.CohereClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CohereAccessTests {

	private static final CohereAccess.SetupMessages MESSAGES = new CohereAccess.SetupMessages(
			(configuration) -> "not configured: " + configuration.getDescription() + " / " + configuration.getAction(),
			(ex) -> "not set up: " + ex.getMostSpecificCause().getMessage());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(AccessConfiguration.class);

	@Test
	void aMissingSettingAnswers503WithTheStartersDescriptionAndAction() {
		this.runner.withBean(CohereClient.class, () -> {
			throw new CohereConfigurationException("cohere.api-key", "no API key", "set cohere.api-key");
		}, (definition) -> definition.setLazyInit(true))
			.run((context) -> assertThatThrownBy(() -> context.getBean(CohereAccess.class).client())
				.isInstanceOfSatisfying(ApiException.class,
						(ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
				.hasMessage("not configured: no API key / set cohere.api-key"));
	}

	@Test
	void anyOtherSetupFailureAnswers503WithItsCause() {
		this.runner.withBean(CohereClient.class, () -> {
			throw new IllegalStateException("model folder unreadable");
		}, (definition) -> definition.setLazyInit(true))
			.run((context) -> assertThatThrownBy(() -> context.getBean(CohereAccess.class).client())
				.isInstanceOfSatisfying(ApiException.class,
						(ex) -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE))
				.hasMessage("not set up: model folder unreadable"));
	}

	@Test
	void resolvesOtherBeansOfTheStarterTheSameWay() {
		this.runner.withBean(String.class, () -> {
			throw new CohereConfigurationException("cohere.embed.model", "no embed model", "set cohere.embed.model");
		}, (definition) -> definition.setLazyInit(true)).run((context) -> {
			ObjectProvider<String> provider = context.getBeanProvider(String.class);
			assertThatThrownBy(() -> context.getBean(CohereAccess.class).resolve(provider))
				.hasMessage("not configured: no embed model / set cohere.embed.model");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class AccessConfiguration {

		@Bean
		CohereAccess cohereAccess(ObjectProvider<CohereClient> client, ObjectProvider<CohereToolRegistry> tools) {
			return new CohereAccess(client, tools, MESSAGES);
		}

	}

}
