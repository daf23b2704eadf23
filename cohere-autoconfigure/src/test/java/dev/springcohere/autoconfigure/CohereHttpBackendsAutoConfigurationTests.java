package dev.springcohere.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.client.CohereClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cohere.backend=openai-compat} and {@code cohere.backend=azure} wired by the
 * auto-configuration and called over real HTTP.
 */
class CohereHttpBackendsAutoConfigurationTests extends WireMockAutoConfigurationTestSupport {

	private final ApplicationContextRunner runner = contextRunner(WITHOUT_ENVIRONMENT_KEYS);

	@Test
	void openAiCompatBackendShouldCallTheVllmStyleServerWithItsKeyAndRerankPath() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(okJson("""
				{"id":"c1","choices":[{"index":0,"message":{"role":"assistant","content":"Hi from vLLM"},
				 "finish_reason":"stop"}]}""")));
		server.stubFor(post(urlEqualTo("/v1/embeddings"))
			.willReturn(okJson("{\"data\":[{\"index\":0,\"embedding\":[0.5]}]}")));
		server.stubFor(post(urlEqualTo("/v1/rerank"))
			.willReturn(okJson("{\"results\":[{\"index\":0,\"relevance_score\":0.9}]}")));
		this.runner.withPropertyValues("cohere.backend=openai-compat", "cohere.api-key=cohere-platform-key",
				"cohere.openai-compat.base-url=" + server.baseUrl() + "/v1", "cohere.openai-compat.api-key=vllm-key-7",
				"cohere.openai-compat.rerank-path=/rerank", "cohere.chat.model=CohereLabs/c4ai-command-r7b-12-2024",
				"cohere.chat.temperature=0.2", "cohere.embed.model=embed-v4.0", "cohere.rerank.model=rerank-v3.5")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CohereBackend backend = context.getBean(CohereBackend.class);
				assertThat(backend.id()).isEqualTo("openai-compat");
				assertThat(backend.capabilities().supports(Capability.RERANK)).isTrue();
				CohereClient client = context.getBean(CohereClient.class);
				assertThat(client.chat("Hi").text()).isEqualTo("Hi from vLLM");
				assertThat(client.embed(EmbedRequest.builder().texts("a").build()).embeddings().floats())
					.containsExactly(List.of(0.5));
				assertThat(client.rerank(RerankRequest.builder().query("q").documents("d").build()).results())
					.hasSize(1);
				server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
					.withHeader("Authorization", equalTo("Bearer vllm-key-7"))
					.withRequestBody(equalToJson("""
							{"model":"CohereLabs/c4ai-command-r7b-12-2024","temperature":0.2,
							 "messages":[{"role":"user","content":"Hi"}]}""", false, false)));
				server.verify(postRequestedFor(urlEqualTo("/v1/embeddings"))
					.withRequestBody(equalToJson("{\"model\":\"embed-v4.0\",\"input\":[\"a\"]}", false, true)));
				server.verify(postRequestedFor(urlEqualTo("/v1/rerank"))
					.withRequestBody(equalToJson("{\"model\":\"rerank-v3.5\",\"query\":\"q\"}", false, true)));
			});
	}

	@Test
	void openAiCompatBackendWithoutBaseUrlShouldFailNamingTheProperty() {
		this.runner.withPropertyValues("cohere.backend=openai-compat").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(Failures.configurationFailure(context).getMessage()).contains("cohere.openai-compat.base-url");
		});
	}

	@Test
	void azureBackendShouldCallTheEndpointWithItsKeyOnBothRouteFamilies() {
		server.stubFor(post(urlEqualTo("/v2/chat")).willReturn(okJson("""
				{"id":"a1","finish_reason":"COMPLETE","message":{"role":"assistant",
				 "content":[{"type":"text","text":"Hi from Azure"}]}}""")));
		server.stubFor(post(urlEqualTo("/chat/completions?api-version=2025-04-01")).willReturn(okJson("""
				{"id":"m1","choices":[{"index":0,"message":{"role":"assistant","content":"Hi from inference"},
				 "finish_reason":"stop"}]}""")));
		this.runner
			.withPropertyValues("cohere.backend=azure", "cohere.azure.endpoint=" + server.baseUrl(),
					"cohere.azure.api-key=azure-key-9")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CohereBackend.class).id()).isEqualTo("azure");
				assertThat(context.getBean(CohereClient.class).chat("Hi").text()).isEqualTo("Hi from Azure");
				server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization",
						equalTo("Bearer azure-key-9")));
			});
		this.runner
			.withPropertyValues("cohere.backend=azure", "cohere.azure.endpoint=" + server.baseUrl(),
					"cohere.azure.api-key=azure-key-9", "cohere.azure.api=model-inference",
					"cohere.azure.api-version=2025-04-01")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CohereClient.class).chat("Hi").text()).isEqualTo("Hi from inference");
				server.verify(postRequestedFor(urlEqualTo("/chat/completions?api-version=2025-04-01"))
					.withHeader("Authorization", equalTo("Bearer azure-key-9")));
			});
	}

	@Test
	void azureBackendWithoutKeyShouldFailNamingThePropertyAndNotLeakOtherKeys() {
		this.runner
			.withPropertyValues("cohere.backend=azure", "cohere.api-key=platform-secret-1",
					"cohere.azure.endpoint=https://x.eastus2.models.ai.azure.com")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(Failures.configurationFailure(context).getMessage()).contains("cohere.azure.api-key")
					.doesNotContain("platform-secret-1");
			});
	}

}
