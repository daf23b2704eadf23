package dev.springcohere.backend.azure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.RawResponse;
import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.openai.OpenAiCompatBackend;
import dev.springcohere.backend.openai.UnsupportedRequestFieldException;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.api.error.UnsupportedCapabilityException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The {@code azure} backend over real HTTP: the endpoint key as bearer, Cohere's v2
 * routes on serverless endpoints, the model inference routes with {@code api-version},
 * and the choice between them.
 */
class AzureBackendTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final ChatRequest CHAT = ChatRequest.builder()
		.model("command-a-03-2025")
		.messages(UserMessage.of("Hi"))
		.build();

	@Test
	void cohereApiShouldSendPerCallHeadersAndAnswerRawButRefuseWhatItsEndpointLacks() {
		server.stubFor(post(urlEqualTo("/v2/chat")).willReturn(okJson("""
				{"id":"a1","finish_reason":"COMPLETE","message":{"role":"assistant",
				 "content":[{"type":"text","text":"raw"}]}}""").withHeader("x-trace-id", "azure-trace")));
		RequestOptions options = RequestOptions.builder().header("X-Team", "search").build();
		try (CohereBackend backend = AzureWireMock.backend(server.baseUrl(), Map.of("azure.api", "cohere"))) {
			RawResponse<ChatResponse> raw = backend.chatRaw(CHAT, options).block(Duration.ofSeconds(5));
			assertThat(raw.requestId()).isEqualTo("azure-trace");
			assertThat(raw.body().text()).isEqualTo("raw");
			assertThatExceptionOfType(UnsupportedCapabilityException.class)
				.isThrownBy(() -> backend.tokenizeRaw(TokenizeRequest.of("m", "x"), options).block())
				.satisfies((ex) -> assertThat(ex.getCapability()).isEqualTo("tokenize"));
		}
		server.verify(postRequestedFor(urlEqualTo("/v2/chat")).withHeader("X-Team", equalTo("search"))
			.withHeader("Authorization", equalTo("Bearer " + AzureWireMock.KEY)));
	}

	@Test
	void cohereApiShouldUseTheV2RoutesWithTheEndpointKeyAsBearer() {
		server.stubFor(post(urlEqualTo("/v2/chat")).willReturn(okJson("""
				{"id":"a1","finish_reason":"COMPLETE","message":{"role":"assistant",
				 "content":[{"type":"text","text":"Hello from Azure"}]}}""")));
		server.stubFor(post(urlEqualTo("/v2/embed")).willReturn(okJson("""
				{"id":"e1","response_type":"embeddings_by_type","embeddings":{"float":[[0.1,0.2]]},"texts":["a"]}""")));
		server.stubFor(post(urlEqualTo("/v2/rerank"))
			.willReturn(okJson("{\"id\":\"r1\",\"results\":[{\"index\":0,\"relevance_score\":0.7}]}")));
		try (CohereBackend backend = AzureWireMock.backend(server.baseUrl(), Map.of("azure.api", "cohere"))) {
			assertThat(backend.id()).isEqualTo("azure");
			assertThat(backend).isInstanceOf(AzureCohereBackend.class);
			assertThat(backend.chat(CHAT).text()).isEqualTo("Hello from Azure");
			EmbedResponse embed = backend
				.embed(EmbedRequest.builder().texts("a").inputType(EmbedInputType.SEARCH_QUERY).build());
			assertThat(embed.embeddings().floats()).containsExactly(List.of(0.1, 0.2));
			assertThat(backend.rerank(RerankRequest.builder().query("q").documents("d").build()).results()).hasSize(1);
			assertThat(backend.toString()).doesNotContain(AzureWireMock.KEY);
		}
		server.verify(postRequestedFor(urlEqualTo("/v2/chat"))
			.withHeader("Authorization", equalTo("Bearer " + AzureWireMock.KEY))
			.withRequestBody(equalToJson(
					"{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"user\"," + "\"content\":\"Hi\"}]}",
					false, false)));
		server.verify(postRequestedFor(urlEqualTo("/v2/embed"))
			.withHeader("Authorization", equalTo("Bearer " + AzureWireMock.KEY))
			.withRequestBody(equalToJson("{\"input_type\":\"search_query\",\"texts\":[\"a\"]}", false, false)));
		server.verify(postRequestedFor(urlEqualTo("/v2/rerank")).withHeader("Authorization",
				equalTo("Bearer " + AzureWireMock.KEY)));
	}

	@Test
	void cohereApiShouldStreamFromV2Chat() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
					data: {"type":"message-start","id":"s1","delta":{"message":{"role":"assistant"}}}

					data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hi"}}}}

					data: {"type":"message-end","delta":{"finish_reason":"COMPLETE"}}

					""")));
		try (CohereBackend backend = AzureWireMock.backend(server.baseUrl(), Map.of())) {
			List<StreamEvent> events = backend.chatStream(CHAT).collectList().block();
			assertThat(events).extracting(StreamEvent::type)
				.containsExactly("message-start", "content-delta", "message-end");
		}
		server.verify(postRequestedFor(urlEqualTo("/v2/chat"))
			.withHeader("Authorization", equalTo("Bearer " + AzureWireMock.KEY))
			.withRequestBody(equalToJson("{\"stream\":true}", false, true)));
	}

	@Test
	void modelInferenceApiShouldUseOpenAiLikeRoutesWithApiVersionAndInputType() {
		server.stubFor(post(urlEqualTo("/chat/completions?api-version=2024-05-01-preview")).willReturn(okJson("""
				{"id":"m1","choices":[{"index":0,"message":{"role":"assistant","content":"Hi from inference"},
				 "finish_reason":"stop"}],"usage":{"prompt_tokens":4,"completion_tokens":4,"total_tokens":8}}""")));
		server.stubFor(post(urlEqualTo("/embeddings?api-version=2024-05-01-preview"))
			.willReturn(okJson("{\"data\":[{\"index\":0,\"embedding\":[0.3]}],\"usage\":{\"prompt_tokens\":1}}")));
		try (CohereBackend backend = AzureWireMock.backend(server.baseUrl(), Map.of("azure.api", "model-inference"))) {
			assertThat(backend).isInstanceOf(OpenAiCompatBackend.class);
			ChatResponse response = backend.chat(CHAT);
			assertThat(response.text()).isEqualTo("Hi from inference");
			assertThat(response.finishReason()).isEqualTo(FinishReason.COMPLETE);
			EmbedResponse embed = backend.embed(EmbedRequest.builder()
				.model("embed-v-4-0")
				.texts("doc")
				.inputType(EmbedInputType.SEARCH_DOCUMENT)
				.build());
			assertThat(embed.embeddings().floats()).containsExactly(List.of(0.3));
			assertThatExceptionOfType(UnsupportedCapabilityException.class)
				.isThrownBy(() -> backend.rerank(RerankRequest.builder().query("q").documents("d").build()))
				.withMessageContaining("'azure'")
				.withMessageContaining("'rerank'");
			assertThatExceptionOfType(UnsupportedRequestFieldException.class)
				.isThrownBy(() -> backend.chat(CHAT.mutate().k(5).build()))
				.withMessageContaining("'azure'")
				.withMessageContaining("'k'");
		}
		server.verify(postRequestedFor(urlEqualTo("/chat/completions?api-version=2024-05-01-preview"))
			.withHeader("Authorization", equalTo("Bearer " + AzureWireMock.KEY))
			.withRequestBody(equalToJson(
					"{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", false,
					false)));
		server.verify(postRequestedFor(urlEqualTo("/embeddings?api-version=2024-05-01-preview"))
			.withHeader("Authorization", equalTo("Bearer " + AzureWireMock.KEY))
			.withRequestBody(equalToJson("""
					{"model":"embed-v-4-0","input":["doc"],"encoding_format":"float","input_type":"document"}""", false,
					false)));
	}

	@Test
	void modelInferenceShouldHonourTheConfiguredApiVersionAndBeDetectedFromAModelsPath() {
		server.stubFor(post(urlEqualTo("/models/chat/completions?api-version=2025-01-01")).willReturn(okJson("""
				{"id":"m2","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},
				 "finish_reason":"stop"}]}""")));
		try (CohereBackend backend = AzureWireMock.backend(server.baseUrl() + "/models",
				Map.of("azure.api-version", "2025-01-01"))) {
			assertThat(backend.chat(CHAT).text()).isEqualTo("ok");
		}
		server.verify(postRequestedFor(urlEqualTo("/models/chat/completions?api-version=2025-01-01"))
			.withHeader("Authorization", equalTo("Bearer " + AzureWireMock.KEY)));
	}

	@Test
	void apiStyleShouldBeDetectedFromTheEndpointWhenNotConfigured() {
		assertThat(AzureApi.resolve(null, "https://my-cmd.eastus2.inference.ai.azure.com")).isEqualTo(AzureApi.COHERE);
		assertThat(AzureApi.resolve(null, "https://my-cmd.eastus2.models.ai.azure.com/")).isEqualTo(AzureApi.COHERE);
		assertThat(AzureApi.resolve(null, "https://res.services.ai.azure.com/models"))
			.isEqualTo(AzureApi.MODEL_INFERENCE);
		assertThat(AzureApi.resolve(null, "https://res.services.ai.azure.com")).isEqualTo(AzureApi.MODEL_INFERENCE);
		assertThat(AzureApi.resolve("MODEL_INFERENCE", "https://x.models.ai.azure.com"))
			.isEqualTo(AzureApi.MODEL_INFERENCE);
		assertThat(AzureApi.resolve("cohere", "https://res.services.ai.azure.com/models")).isEqualTo(AzureApi.COHERE);
	}

	@Test
	void httpErrorsShouldBeMappedLikeThePlatformBackend() {
		server.stubFor(post(urlEqualTo("/chat/completions?api-version=2024-05-01-preview"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"The response was filtered\",\"type\":null,\"param\":\"prompt\","
						+ "\"code\":\"content_filter\",\"status\":400}}")));
		try (CohereBackend backend = AzureWireMock.backend(server.baseUrl(), Map.of("azure.api", "model-inference"))) {
			assertThatExceptionOfType(CohereInvalidRequestException.class).isThrownBy(() -> backend.chat(CHAT))
				.withMessageContaining("content_filter")
				.withMessageNotContaining(AzureWireMock.KEY);
		}
	}

	@Test
	void missingOrInvalidSettingsShouldFailNamingTheProperty() {
		AzureBackendProvider provider = new AzureBackendProvider();
		assertThatIllegalStateException().isThrownBy(() -> provider.create(BackendSettings.builder().build()))
			.withMessageContaining("'cohere.azure.endpoint'");
		assertThatIllegalStateException()
			.isThrownBy(() -> provider
				.create(BackendSettings.builder().property("azure.endpoint", "https://x.models.ai.azure.com").build()))
			.withMessageContaining("'cohere.azure.api-key'");
		assertThatIllegalStateException()
			.isThrownBy(() -> AzureWireMock.backend("https://x.models.ai.azure.com", Map.of("azure.api", "openai")))
			.withMessageContaining("'cohere.azure.api'")
			.withMessageContaining("model-inference");
		assertThatIllegalStateException().isThrownBy(() -> AzureWireMock.backend("x.models.ai.azure.com", Map.of()))
			.withMessageContaining("'cohere.azure.endpoint'");
		assertThatIllegalStateException().isThrownBy(() -> provider.create(BackendSettings.builder()
			.property("azure.endpoint", "https://x.models.ai.azure.com")
			.property("azure.api-key", "bad key-secret")
			.build())).withMessageContaining("'cohere.azure.api-key'").withMessageNotContaining("key-secret");
	}

	@Test
	void baseUrlShouldBeTheFallbackEndpoint() {
		server.stubFor(post(urlEqualTo("/v2/chat")).willReturn(okJson("""
				{"id":"a1","finish_reason":"COMPLETE","message":{"role":"assistant",
				 "content":[{"type":"text","text":"fallback"}]}}""")));
		try (CohereBackend backend = new AzureBackendProvider().create(BackendSettings.builder()
			.baseUrl(server.baseUrl())
			.property("azure.api-key", AzureWireMock.KEY)
			.build())) {
			assertThat(backend.capabilities().supports(Capability.TOKENIZE)).isFalse();
			assertThat(backend.chat(CHAT).text()).isEqualTo("fallback");
		}
	}

}
