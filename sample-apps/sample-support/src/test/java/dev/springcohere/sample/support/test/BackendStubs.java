package dev.springcohere.sample.support.test;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * WireMock servers playing Cohere (or another backend) for the samples' tests. Register
 * the server as a static {@code @RegisterExtension} field: it starts before the Spring
 * context, so a {@code @DynamicPropertySource} can hand its address to the sample, and
 * forgets its stubs and requests before each test.
 */
public final class BackendStubs {

	private BackendStubs() {
	}

	/**
	 * Creates a WireMock server on a free port.
	 * @return the extension holding the server
	 */
	public static WireMockExtension server() {
		return WireMockExtension.newInstance().options(WireMockConfiguration.options().dynamicPort()).build();
	}

	/**
	 * Points the sample's {@code platform} backend at a WireMock server.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param cohere the server playing the Cohere API
	 * @param apiKey the API key the sample sends ({@code cohere.api-key})
	 */
	public static void cohereAt(DynamicPropertyRegistry registry, WireMockExtension cohere, String apiKey) {
		registry.add("cohere.base-url", cohere::baseUrl);
		registry.add("cohere.api-key", () -> apiKey);
	}

}
