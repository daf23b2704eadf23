package dev.springcohere.backend.openai;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.api.error.UnsupportedCapabilityException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.springcohere.backend.CapabilityAssertions.assertWorksOrUnsupported;

/**
 * Every {@link Capability} of the {@code openai-compat} backend, with and without a
 * rerank path, either works over WireMock or fails with an
 * {@link UnsupportedCapabilityException} naming the backend and the capability, exactly
 * as {@code capabilities()} declares.
 */
class OpenAiCompatCapabilityMatrixTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@BeforeEach
	void stubs() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions"))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("\"stream\":true"))
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
			assertWorksOrUnsupported(backend, "openai-compat", capability, "command-r7b");
		}
	}

	@ParameterizedTest
	@EnumSource(Capability.class)
	void everyCapabilityShouldWorkOrBeUnsupportedAsDeclaredWithRerankPath(Capability capability) {
		try (CohereBackend backend = OpenAiWireMock.backend(server.baseUrl() + "/v1",
				Map.of("openai-compat.rerank-path", "/rerank"))) {
			assertThat(backend.capabilities().supports(Capability.RERANK)).isTrue();
			assertWorksOrUnsupported(backend, "openai-compat", capability, "command-r7b");
		}
	}

}
