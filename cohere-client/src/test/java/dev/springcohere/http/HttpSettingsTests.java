package dev.springcohere.http;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HttpSettingsTests {

	@Test
	void defaultsShouldTargetCohere() {
		HttpSettings settings = HttpSettings.defaults();
		assertThat(settings.getBaseUrl()).isEqualTo(URI.create("https://api.cohere.com"));
		assertThat(settings.getConnectTimeout()).isEqualTo(HttpSettings.DEFAULT_CONNECT_TIMEOUT);
		assertThat(settings.getReadTimeout()).isEqualTo(HttpSettings.DEFAULT_READ_TIMEOUT);
		assertThat(settings.getClientName()).isNull();
		assertThat(settings.getUserAgent()).startsWith("springcohere/").contains("Java/");
		assertThat(settings.getDefaultHeaders()).isEmpty();
	}

	@Test
	void baseUrlShouldTolerateTrailingSlashesAndKeepAPathPrefix() {
		assertThat(HttpSettings.builder().baseUrl("https://api.cohere.com/").build().resolve("/v2/chat"))
			.isEqualTo(URI.create("https://api.cohere.com/v2/chat"));
		assertThat(HttpSettings.builder().baseUrl("http://gw.local:8080/cohere//").build().resolve("/v2/embed"))
			.isEqualTo(URI.create("http://gw.local:8080/cohere/v2/embed"));
	}

	@Test
	void baseUrlShouldRejectWhatIsNotAnHttpUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> HttpSettings.builder().baseUrl("api.cohere.com"))
			.withMessageContaining("absolute http or https URL");
		assertThatIllegalArgumentException().isThrownBy(() -> HttpSettings.builder().baseUrl("ftp://x.y"))
			.withMessageContaining("ftp://x.y");
		assertThatIllegalArgumentException().isThrownBy(() -> HttpSettings.builder().baseUrl("https://x.y/?a=b"))
			.withMessageContaining("query");
	}

	@Test
	void resolveShouldRequireAnAbsolutePath() {
		assertThatIllegalArgumentException().isThrownBy(() -> HttpSettings.defaults().resolve("v2/chat"))
			.withMessageContaining("must start with '/'");
	}

	@Test
	void timeoutsShouldBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> HttpSettings.builder().readTimeout(Duration.ZERO))
			.withMessageContaining("readTimeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpSettings.builder().connectTimeout(Duration.ofSeconds(-1)))
			.withMessageContaining("connectTimeout");
	}

	@Test
	void defaultHeadersShouldNotOverrideTransportHeaders() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HttpSettings.builder().defaultHeader("Authorization", "Bearer x"))
			.withMessageContaining("Authorization")
			.withMessageNotContaining("Bearer x");
		assertThatIllegalArgumentException().isThrownBy(() -> HttpSettings.builder().defaultHeader("X-A", "a\r\nb"))
			.withMessageContaining("control characters");
		assertThat(HttpSettings.builder().defaultHeader("X-Route", "eu").build().getDefaultHeaders())
			.containsEntry("X-Route", "eu");
	}

	@Test
	void mutateShouldCopyEverything() {
		HttpSettings settings = HttpSettings.builder()
			.baseUrl("http://localhost:1")
			.clientName("my-app")
			.userAgent("agent/1")
			.readTimeout(Duration.ofSeconds(3))
			.defaultHeader("X-Route", "eu")
			.build();
		HttpSettings copy = settings.mutate().build();
		assertThat(copy.toString()).isEqualTo(settings.toString());
		assertThat(copy.getClientName()).isEqualTo("my-app");
		assertThat(copy.getUserAgent()).isEqualTo("agent/1");
	}

	@Test
	void mutateShouldCopyTheConnectionSettings() throws Exception {
		javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
		context.init(null, null, null);
		javax.net.ssl.SSLParameters parameters = new javax.net.ssl.SSLParameters(null, new String[] { "TLSv1.3" });
		HttpProxy proxy = HttpProxy.of("proxy.example.com", 3128);
		HttpSettings settings = HttpSettings.builder()
			.sslContext(context)
			.sslParameters(parameters)
			.proxy(proxy)
			.followRedirects(true)
			.logBodies(true)
			.build();
		HttpSettings copy = settings.mutate().build();
		assertThat(copy.getSslContext()).isSameAs(context);
		assertThat(copy.getSslParameters()).isSameAs(parameters);
		assertThat(copy.getProxy()).isSameAs(proxy);
		assertThat(copy.isFollowRedirects()).isTrue();
		assertThat(copy.isLogBodies()).isTrue();
		assertThat(HttpSettings.defaults().isFollowRedirects()).isFalse();
		assertThat(HttpSettings.defaults().isLogBodies()).isFalse();
		assertThat(HttpSettings.defaults().getProxy()).isNull();
	}

}
