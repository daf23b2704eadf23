package dev.springcohere.backend.azure;

import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
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
 * Every {@link Capability} of the {@code azure} backend, on both route families, either
 * works over WireMock or fails with an {@link UnsupportedCapabilityException} naming
 * {@code azure} and the capability, exactly as {@code capabilities()} declares. Tokenize,
 * detokenize and models routes are stubbed too, so that an undeclared call would succeed
 * instead of failing.
 */
class AzureCapabilityMatrixTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String VERSION = "?api-version=2024-05-01-preview";

	@BeforeEach
	void stubs() {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(WireMock.notContaining("\"stream\":true"))
			.willReturn(okJson("""
					{"id":"a","finish_reason":"COMPLETE","message":{"role":"assistant",
					 "content":[{"type":"text","text":"ok"}]}}""")));
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(WireMock.containing("\"stream\":true"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
					data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"ok"}}}}

					data: {"type":"message-end","delta":{"finish_reason":"COMPLETE"}}

					""")));
		server.stubFor(post(urlEqualTo("/v2/embed")).willReturn(okJson("{\"embeddings\":{\"float\":[[0.1]]}}")));
		server.stubFor(post(urlEqualTo("/v2/rerank"))
			.willReturn(okJson("{\"results\":[{\"index\":0,\"relevance_score\":0.5}]}")));
		server
			.stubFor(post(urlEqualTo("/v1/tokenize")).willReturn(okJson("{\"tokens\":[1],\"token_strings\":[\"a\"]}")));
		server.stubFor(post(urlEqualTo("/v1/detokenize")).willReturn(okJson("{\"text\":\"a\"}")));
		server.stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/models")).willReturn(okJson("{\"models\":[]}")));
		server.stubFor(post(urlEqualTo("/chat/completions" + VERSION))
			.withRequestBody(WireMock.notContaining("\"stream\":true"))
			.willReturn(okJson("""
					{"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},
					 "finish_reason":"stop"}]}""")));
		server.stubFor(
				post(urlEqualTo("/chat/completions" + VERSION)).withRequestBody(WireMock.containing("\"stream\":true"))
					.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
							data: {"id":"c","choices":[{"index":0,"delta":{"content":"ok"},"finish_reason":"stop"}]}

							data: [DONE]

							""")));
		server.stubFor(post(urlEqualTo("/embeddings" + VERSION))
			.willReturn(okJson("{\"data\":[{\"index\":0,\"embedding\":[0.1]}]}")));
	}

	@ParameterizedTest
	@EnumSource(Capability.class)
	void cohereRoutesShouldWorkOrBeUnsupportedAsDeclared(Capability capability) {
		try (CohereBackend backend = AzureWireMock.backend(server.baseUrl(), Map.of("azure.api", "cohere"))) {
			assertThat(backend.capabilities().asSet()).containsExactlyInAnyOrder(Capability.CHAT,
					Capability.CHAT_STREAM, Capability.EMBED, Capability.RERANK);
			assertWorksOrUnsupported(backend, "azure", capability, "command-a");
		}
	}

	@ParameterizedTest
	@EnumSource(Capability.class)
	void modelInferenceRoutesShouldWorkOrBeUnsupportedAsDeclared(Capability capability) {
		try (CohereBackend backend = AzureWireMock.backend(server.baseUrl(), Map.of("azure.api", "model-inference"))) {
			assertThat(backend.capabilities().asSet()).containsExactlyInAnyOrder(Capability.CHAT,
					Capability.CHAT_STREAM, Capability.EMBED);
			assertWorksOrUnsupported(backend, "azure", capability, "command-a");
		}
	}

}
