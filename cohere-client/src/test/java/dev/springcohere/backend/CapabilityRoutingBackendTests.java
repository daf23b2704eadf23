package dev.springcohere.backend;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.client.CohereClient;
import dev.springcohere.http.ApiKey;
import dev.springcohere.http.CohereRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plain-Java capability routing over real HTTP: chat to one deployment, embed and rerank
 * to another.
 */
class CapabilityRoutingBackendTests {

	@RegisterExtension
	static WireMockExtension onPremises = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@RegisterExtension
	static WireMockExtension cloud = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void eachCapabilityGoesToItsBackend() {
		onPremises.stubFor(post("/v2/chat").willReturn(okJson("{\"id\":\"c\",\"finish_reason\":\"COMPLETE\","
				+ "\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"on premises\"}]}}")));
		cloud.stubFor(post("/v2/embed").willReturn(okJson("{\"id\":\"e\",\"embeddings\":{\"float\":[[0.5]]}}")));
		cloud.stubFor(post("/v2/rerank").willReturn(okJson("{\"id\":\"r\",\"results\":[]}")));
		CohereBackends backends = CohereBackends.load();
		try (CohereBackend chat = backends.create("private", settings(onPremises.baseUrl()));
				CohereBackend other = backends.create("platform", settings(cloud.baseUrl()))) {
			CapabilityRoutingBackend routed = new CapabilityRoutingBackend(chat, other, other);
			assertThat(routed.id()).isEqualTo("routing[chat=private, embed=platform, rerank=platform]");
			try (CohereClient client = CohereClient.builder().backend(routed).build()) {
				assertThat(client.chat("Hi").text()).isEqualTo("on premises");
				client.embed(EmbedRequest.builder().texts("a").build());
				client.rerank(RerankRequest.builder().query("q").documents("d").build());
			}
		}
		onPremises.verify(1, postRequestedFor(urlEqualTo("/v2/chat")));
		onPremises.verify(0, postRequestedFor(urlEqualTo("/v2/embed")));
		cloud.verify(0, postRequestedFor(urlEqualTo("/v2/chat")));
		cloud.verify(1, postRequestedFor(urlEqualTo("/v2/embed")));
		cloud.verify(1, postRequestedFor(urlEqualTo("/v2/rerank")));
	}

	@Test
	void platformOperationsGoToTheChatBackend() {
		onPremises.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/v1/datasets/usage")
			.willReturn(okJson("{\"organization_usage\": 42}")));
		CohereBackends backends = CohereBackends.load();
		try (CohereBackend chat = backends.create("private", settings(onPremises.baseUrl()));
				CohereBackend other = backends.create("platform", settings(cloud.baseUrl()));
				CohereClient client = CohereClient.builder()
					.backend(new CapabilityRoutingBackend(chat, other, other))
					.build()) {
			assertThat(client.capabilities().supports(Capability.DATASETS)).isTrue();
			assertThat(client.datasets().usage().organizationUsage()).isEqualTo(42L);
			assertThat(client.datasets().usageAsync().block().organizationUsage()).isEqualTo(42L);
		}
		onPremises.verify(2,
				com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlEqualTo("/v1/datasets/usage")));
		assertThat(cloud.getAllServeEvents()).isEmpty();
	}

	private static BackendSettings settings(String baseUrl) {
		return BackendSettings.builder()
			.apiKey(ApiKey.of("routing-test-key"))
			.baseUrl(baseUrl)
			.retryPolicy(CohereRetryPolicy.none())
			.build();
	}

}
