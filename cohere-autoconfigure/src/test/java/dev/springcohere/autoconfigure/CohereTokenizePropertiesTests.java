package dev.springcohere.autoconfigure;

import java.nio.file.Path;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.client.CohereClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code cohere.tokenize.*} reach the platform backend. This module's tests run without
 * the optional tokenizer library, which is how most applications run.
 */
class CohereTokenizePropertiesTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@TempDir
	Path cache;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CohereAutoConfiguration.class))
			.withPropertyValues("CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.retry.max-attempts=1",
					"cohere.api-key=k", "cohere.base-url=" + server.baseUrl(),
					"cohere.tokenize.cache-dir=" + this.cache);
	}

	@Test
	void neverShouldTokenizeThroughTheEndpointWithoutAskingForTheModel() {
		server.stubFor(post(urlEqualTo("/v1/tokenize")).willReturn(okJson("""
				{"tokens":[8466,5169],"token_strings":["token","ize"]}""")));
		runner().withPropertyValues("cohere.tokenize.offline=never").run((context) -> {
			CohereClient client = context.getBean(CohereClient.class);
			assertThat(client.tokenize(TokenizeRequest.of("command-a-03-2025", "tokenize")).tokens())
				.containsExactly(8466, 5169);
		});
		server.verify(1, postRequestedFor(urlEqualTo("/v1/tokenize")));
		server.verify(0, getRequestedFor(anyUrl()));
	}

	@Test
	void alwaysWithoutTheTokenizerLibraryShouldFailNamingTheLibrary() {
		runner().withPropertyValues("cohere.tokenize.offline=always").run((context) -> {
			CohereClient client = context.getBean(CohereClient.class);
			assertThatExceptionOfType(CohereException.class)
				.isThrownBy(() -> client.tokenize(TokenizeRequest.of("command-a-03-2025", "x")))
				.withMessageContaining("ai.djl.huggingface:tokenizers is not on the class path");
		});
		server.verify(0, getRequestedFor(anyUrl()));
	}

	@Test
	void unknownModeShouldFailTheStartupNamingThePropertyAndTheChoices() {
		runner().withPropertyValues("cohere.tokenize.offline=sometimes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("The setting 'cohere.tokenize.offline' is 'sometimes'")
				.hasStackTraceContaining("one of auto, always, never"));
	}

}
