package dev.springcohere.http;

import java.net.http.HttpClient;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Which engine a transport gets: {@code auto} prefers OkHttp, then Reactor Netty, when
 * they are there and the JDK client is not customized; a forced choice wins; a forced
 * library that is missing fails clearly.
 */
class HttpTransportSelectionTests {

	/** Sees only the JDK's classes, so Reactor Netty and OkHttp are missing. */
	private final ClassLoader withoutReactorNetty = new ClassLoader(null) {
	};

	/** Sees the test class path without OkHttp. */
	private final ClassLoader withoutOkHttp = new ClassLoader(getClass().getClassLoader()) {

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (name.startsWith("okhttp3.")) {
				throw new ClassNotFoundException(name);
			}
			return super.loadClass(name, resolve);
		}

	};

	@Test
	void autoShouldPickOkHttpWhenItIsOnTheClassPath() {
		try (CohereHttpTransport transport = CohereHttpTransport.builder().build()) {
			assertThat(transport.getEngine().type()).isEqualTo(HttpTransportType.OKHTTP);
			assertThat(transport.toString()).contains("engine=okhttp");
		}
	}

	@Test
	void autoShouldPickReactorNettyWhenOkHttpIsMissing() {
		assertThat(CohereHttpTransport.resolveType(HttpSettings.defaults(), this.withoutOkHttp))
			.isEqualTo(HttpTransportType.REACTOR_NETTY);
	}

	@Test
	void autoShouldPickTheJdkClientWithoutReactorNetty() {
		assertThat(CohereHttpTransport.resolveType(HttpSettings.defaults(), this.withoutReactorNetty))
			.isEqualTo(HttpTransportType.JDK);
	}

	@Test
	void autoShouldKeepTheJdkClientWhenItIsCustomized() {
		HttpSettings customized = HttpSettings.builder().httpClientCustomizer((builder) -> {
		}).build();
		assertThat(CohereHttpTransport.resolveType(customized, null)).isEqualTo(HttpTransportType.JDK);
		HttpSettings custom = HttpSettings.builder().httpClient(HttpClient.newHttpClient()).build();
		assertThat(CohereHttpTransport.resolveType(custom, null)).isEqualTo(HttpTransportType.JDK);
	}

	@Test
	void aForcedTypeShouldWin() {
		try (CohereHttpTransport transport = CohereHttpTransport.builder()
			.settings(HttpSettings.builder().transport(HttpTransportType.JDK).build())
			.build()) {
			assertThat(transport.getEngine().type()).isEqualTo(HttpTransportType.JDK);
		}
		HttpSettings netty = HttpSettings.builder()
			.transport(HttpTransportType.REACTOR_NETTY)
			.httpClientCustomizer((builder) -> {
			})
			.build();
		assertThat(CohereHttpTransport.resolveType(netty, null)).isEqualTo(HttpTransportType.REACTOR_NETTY);
	}

	@Test
	void forcedReactorNettyWithoutTheLibraryShouldFailClearly() {
		HttpSettings netty = HttpSettings.builder().transport(HttpTransportType.REACTOR_NETTY).build();
		assertThatIllegalStateException()
			.isThrownBy(() -> CohereHttpTransport.resolveType(netty, this.withoutReactorNetty))
			.withMessageContaining("reactor-netty-http")
			.withMessageContaining("cohere.http.transport");
	}

	@Test
	void forcedOkHttpWithoutTheLibraryShouldFailClearly() {
		HttpSettings okhttp = HttpSettings.builder().transport(HttpTransportType.OKHTTP).build();
		assertThatIllegalStateException().isThrownBy(() -> CohereHttpTransport.resolveType(okhttp, this.withoutOkHttp))
			.withMessageContaining("com.squareup.okhttp3:okhttp")
			.withMessageContaining("cohere.http.transport=okhttp");
	}

	@Test
	void typesShouldBeReadFromTheirIds() {
		assertThat(HttpTransportType.of("reactor-netty")).isEqualTo(HttpTransportType.REACTOR_NETTY);
		assertThat(HttpTransportType.of(" REACTOR_NETTY ")).isEqualTo(HttpTransportType.REACTOR_NETTY);
		assertThat(HttpTransportType.of("jdk")).isEqualTo(HttpTransportType.JDK);
		assertThat(HttpTransportType.of("Auto")).isEqualTo(HttpTransportType.AUTO);
		assertThat(HttpTransportType.of("OkHttp")).isEqualTo(HttpTransportType.OKHTTP);
		assertThatIllegalArgumentException().isThrownBy(() -> HttpTransportType.of("netty"))
			.withMessageContaining("'netty'")
			.withMessageContaining("auto, jdk, reactor-netty, okhttp");
	}

	@Test
	void settingsShouldKeepTheTransportWhenMutated() {
		HttpSettings settings = HttpSettings.builder().transport(HttpTransportType.JDK).build();
		assertThat(settings.mutate().build().getTransport()).isEqualTo(HttpTransportType.JDK);
		assertThat(HttpSettings.defaults().getTransport()).isEqualTo(HttpTransportType.AUTO);
	}

}
