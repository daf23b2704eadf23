package dev.springcohere.client;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.springcohere.api.CheckApiKeyResponse;
import dev.springcohere.api.error.CohereAuthenticationException;
import dev.springcohere.api.error.UnsupportedCapabilityException;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CapabilityRoutingBackend;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackends;
import dev.springcohere.http.ApiKey;
import dev.springcohere.http.CohereRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code POST /v1/check-api-key} through {@link CohereClient#checkApiKey()}: typed on the
 * HTTP backends, the typed unsupported error elsewhere.
 */
class CheckApiKeyTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private CohereClient client(String key) {
		return CohereClient.builder()
			.apiKey(key)
			.baseUrl(server.baseUrl())
			.environment((name) -> null)
			.retryPolicy(CohereRetryPolicy.none())
			.readTimeout(Duration.ofSeconds(10))
			.build();
	}

	@Test
	void validKeyIsReportedWithItsOrganizationAndOwner() {
		server.stubFor(post(urlEqualTo("/v1/check-api-key")).withHeader("Authorization", equalTo("Bearer good-key"))
			.willReturn(okJson("""
					{"valid":true,"organization_id":"org-7","owner_id":"user-3"}""")));
		try (CohereClient client = client("good-key")) {
			CheckApiKeyResponse response = client.checkApiKey();

			assertThat(response.valid()).isTrue();
			assertThat(response.organizationId()).isEqualTo("org-7");
			assertThat(response.ownerId()).isEqualTo("user-3");
			assertThat(client.capabilities().supports(Capability.CHECK_API_KEY)).isTrue();
		}
		server.verify(1, postRequestedFor(urlEqualTo("/v1/check-api-key")));
	}

	@Test
	void inactiveKeyIsReportedAsNotValidWithoutOptionalFields() {
		server.stubFor(post(urlEqualTo("/v1/check-api-key")).willReturn(okJson("""
				{"valid":false}""")));
		try (CohereClient client = client("old-key")) {
			CheckApiKeyResponse response = client.checkApiKey();

			assertThat(response.valid()).isFalse();
			assertThat(response.organizationId()).isNull();
			assertThat(response.ownerId()).isNull();
		}
	}

	@Test
	void rejectedKeyIsAnAuthenticationErrorThatDoesNotShowTheKey() {
		server.stubFor(post(urlEqualTo("/v1/check-api-key")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"invalid api token\"}")));
		try (CohereClient client = client("secret-expired-key")) {
			assertThatExceptionOfType(CohereAuthenticationException.class).isThrownBy(client::checkApiKey)
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("secret-expired-key"));
		}
	}

	@Test
	void routingBackendChecksTheChatBackendsKey() {
		server.stubFor(post(urlEqualTo("/v1/check-api-key")).willReturn(okJson("""
				{"valid":true}""")));
		CohereBackends backends = CohereBackends.load();
		BackendSettings platform = BackendSettings.builder().apiKey(ApiKey.of("k")).baseUrl(server.baseUrl()).build();
		try (CohereBackend chat = backends.create("platform", platform);
				CohereBackend other = backends.create("openai-compat",
						BackendSettings.builder()
							.property("openai-compat.base-url", server.baseUrl() + "/v1")
							.build())) {
			assertThat(new CapabilityRoutingBackend(chat, other, other).checkApiKey().valid()).isTrue();
			assertThat(other.capabilities().supports(Capability.CHECK_API_KEY)).isFalse();
			assertThatExceptionOfType(UnsupportedCapabilityException.class).isThrownBy(other::checkApiKey)
				.satisfies((ex) -> assertThat(ex.getCapability()).isEqualTo("check-api-key"))
				.satisfies((ex) -> assertThat(ex.getBackendId()).isEqualTo("openai-compat"));
		}
	}

}
