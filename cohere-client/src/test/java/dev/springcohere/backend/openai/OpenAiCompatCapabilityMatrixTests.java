package dev.springcohere.backend.openai;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.client.UnsupportedCapabilityException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every {@link Capability} of the {@code openai-compat} backend, with and without a rerank path, either works
 * over WireMock or fails with an {@link UnsupportedCapabilityException} naming the backend and the capability,
 * exactly as {@code capabilities()} declares.
 */
class OpenAiCompatCapabilityMatrixTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@BeforeEach
	void stubs() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(
				com.github.tomakehurst.wiremock.client.WireMock.notContaining("\"stream\":true"))
			.willReturn(okJson("""
					{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},
					 "finish_reason":"stop"}]}""")));
		server.stubFor(post(urlEqualTo("/v1/chat/completions"))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("\"stream\":true"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(OpenAiWireMock.sse(
						"{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}",
						"[DONE]"))));
		server.stubFor(post(urlEqualTo("/v1/embeddings"))
			.willReturn(okJson("{\"data\":[{\"index\":0,\"embedding\":[0.1,0.2]}]}")));
		server.stubFor(post(urlEqualTo("/v1/rerank"))
			.willReturn(okJson("{\"results\":[{\"index\":0,\"relevance_score\":0.5}]}")));
	}

	@ParameterizedTest
	@EnumSource(Capability.class)
	void everyCapabilityShouldWorkOrBeUnsupportedAsDeclaredWithoutRerankPath(Capability capability) {
		try (CohereBackend backend = OpenAiWireMock.backend(server.baseUrl() + "/v1", Map.of())) {
			check(backend, capability);
		}
	}

	@ParameterizedTest
	@EnumSource(Capability.class)
	void everyCapabilityShouldWorkOrBeUnsupportedAsDeclaredWithRerankPath(Capability capability) {
		try (CohereBackend backend = OpenAiWireMock.backend(server.baseUrl() + "/v1",
				Map.of("openai-compat.rerank-path", "/rerank"))) {
			assertThat(backend.capabilities().supports(Capability.RERANK)).isTrue();
			check(backend, capability);
		}
	}

	static void check(CohereBackend backend, Capability capability) {
		if (backend.capabilities().supports(capability)) {
			assertThat(invoke(backend, capability)).as(capability.id()).isTrue();
		}
		else {
			assertThatExceptionOfType(UnsupportedCapabilityException.class)
				.isThrownBy(() -> invoke(backend, capability))
				.satisfies((ex) -> assertThat(ex.getBackendId()).isEqualTo(backend.id()))
				.satisfies((ex) -> assertThat(ex.getCapability()).isEqualTo(capability.id()))
				.withMessageContaining("'" + backend.id() + "'")
				.withMessageContaining("'" + capability.id() + "'");
		}
	}

	static boolean invoke(CohereBackend backend, Capability capability) {
		ChatRequest chat = ChatRequest.builder().messages(UserMessage.of("Hi")).build();
		return switch (capability) {
			case CHAT -> backend.chat(chat).text().equals("ok");
			case CHAT_STREAM -> backend.chatStream(chat).blockLast() instanceof StreamEvent.MessageEnd;
			case EMBED -> backend.embed(EmbedRequest.builder().texts("a").build()).embeddings().floats().size() == 1;
			case RERANK -> backend.rerank(RerankRequest.builder().query("q").documents("d").build())
				.results()
				.size() == 1;
			case TOKENIZE -> backend.tokenize(new TokenizeRequest("hi", "command-r7b")) != null;
			case DETOKENIZE -> backend.detokenize(new DetokenizeRequest(java.util.List.of(1), "command-r7b")) != null;
			case MODELS -> backend.models(ListModelsRequest.all()) != null;
		};
	}

}
