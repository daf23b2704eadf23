package dev.springcohere.http;

import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HttpProxyTests {

	@Test
	void nonProxyHostPatternsShouldMatchWholeHostsWithWildcardsAtEitherEnd() {
		HttpProxy proxy = HttpProxy.of("proxy.example.com", 3128)
			.withNonProxyHosts(List.of("localhost", "*.internal", "10.*", " ", "[::1]"));
		assertThat(proxy.bypasses("localhost")).isTrue();
		assertThat(proxy.bypasses("LOCALHOST")).isTrue();
		assertThat(proxy.bypasses("api.internal")).isTrue();
		assertThat(proxy.bypasses("10.1.2.3")).isTrue();
		assertThat(proxy.bypasses("[::1]")).isTrue();
		assertThat(proxy.bypasses("localhost.example.com")).isFalse();
		assertThat(proxy.bypasses("internal")).isFalse();
		assertThat(proxy.bypasses("110.1.2.3")).isFalse();
		assertThat(proxy.bypasses("api.cohere.com")).isFalse();
		assertThat(proxy.getNonProxyHosts()).containsExactly("localhost", "*.internal", "10.*", "[::1]");
	}

	@Test
	void jdkProxySelectorShouldHonourTheNonProxyHosts() {
		HttpProxy proxy = HttpProxy.of("proxy.example.com", 3128).withNonProxyHosts(List.of("*.internal"));
		JdkConnectionSetup.FixedProxySelector selector = new JdkConnectionSetup.FixedProxySelector(proxy);
		assertThat(selector.select(URI.create("https://api.internal/v2/chat"))).containsExactly(Proxy.NO_PROXY);
		assertThat(selector.select(URI.create("https://api.cohere.com/v2/chat"))).singleElement()
			.satisfies((selected) -> assertThat(selected.address().toString()).contains("proxy.example.com")
				.contains("3128"));
	}

	@Test
	void passwordShouldNeverAppearInToString() {
		HttpProxy proxy = HttpProxy.of("proxy.example.com", 3128).withCredentials("alice", "s3cr3t-pass");
		HttpSettings settings = HttpSettings.builder().proxy(proxy).build();
		assertThat(proxy.toString()).contains("alice").contains("****").doesNotContain("s3cr3t-pass");
		assertThat(settings.toString()).contains("proxy.example.com:3128").doesNotContain("s3cr3t-pass");
		assertThat(proxy.revealPassword()).isEqualTo("s3cr3t-pass");
	}

	@Test
	void invalidProxiesShouldBeRefusedWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> HttpProxy.of("http://proxy:3128", 3128))
			.withMessageContaining("host name or address");
		assertThatIllegalArgumentException().isThrownBy(() -> HttpProxy.of("proxy", 0))
			.withMessageContaining("between 1 and 65535");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpProxy.of("proxy", 3128).withNonProxyHosts(List.of("localhost|*.internal")))
			.withMessageContaining("one host per entry");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpProxy.of("proxy", 3128).withNonProxyHosts(List.of("a*b.internal")))
			.withMessageContaining("'*' at its start or end");
		assertThatIllegalArgumentException().isThrownBy(() -> HttpProxy.of("proxy", 3128).withCredentials(" ", "x"))
			.withMessageContaining("user name");
	}

	@Test
	void connectionSettingsShouldNotBeCombinedWithACustomHttpClient() {
		HttpClient client = HttpClient.newHttpClient();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpSettings.builder().httpClient(client).proxy(HttpProxy.of("proxy", 3128)).build())
			.withMessageContaining("custom HttpClient");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpSettings.builder().httpClient(client).followRedirects(true).build())
			.withMessageContaining("custom HttpClient");
	}

}
