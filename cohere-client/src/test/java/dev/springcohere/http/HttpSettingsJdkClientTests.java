package dev.springcohere.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link HttpSettings#newJdkClientBuilder()}: downloads made beside the transport (a
 * model's tokenizer file) go through the configured proxy like the API calls.
 */
class HttpSettingsJdkClientTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@Test
	void aClientBuiltFromTheSettingsUsesTheirProxy() throws Exception {
		server.stubFor(get("/tokenizer.json").willReturn(ok("{\"model\":{}}")));
		try (TestHttpProxy proxy = TestHttpProxy.open()) {
			HttpSettings settings = HttpSettings.builder().proxy(HttpProxy.of("127.0.0.1", proxy.port())).build();
			String target = "localhost:" + server.getPort();
			HttpResponse<String> response = settings.newJdkClientBuilder()
				.build()
				.send(HttpRequest.newBuilder(URI.create("http://" + target + "/tokenizer.json")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).isEqualTo("{\"model\":{}}");
			assertThat(proxy.seen()).hasSize(1);
			assertThat(proxy.seen().get(0).requestLine()).contains(target + "/tokenizer.json");
		}
	}

}
