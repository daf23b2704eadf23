package dev.springcohere.http;

import java.net.http.HttpClient;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Which engine a transport gets: {@code auto} prefers Reactor Netty when it is there and
 * the JDK client is not customized; a forced choice wins; a forced Reactor Netty without
 * the library fails clearly.
 */
class HttpTransportSelectionTests {

	/** Sees only the JDK's classes, so Reactor Netty is missing. */
	private final ClassLoader withoutReactorNetty = new ClassLoader(null) {
	};

	@Test
	void autoShouldPickReactorNettyWhenItIsOnTheClassPath() {
		try (CohereHttpTransport transport = CohereHttpTransport.builder().build()) {
			assertThat(transport.getEngine().type()).isEqualTo(HttpTransportType.REACTOR_NETTY);
			assertThat(transport.toString()).contains("engine=reactor-netty");
		}
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
	void typesShouldBeReadFromTheirIds() {
		assertThat(HttpTransportType.of("reactor-netty")).isEqualTo(HttpTransportType.REACTOR_NETTY);
		assertThat(HttpTransportType.of(" REACTOR_NETTY ")).isEqualTo(HttpTransportType.REACTOR_NETTY);
		assertThat(HttpTransportType.of("jdk")).isEqualTo(HttpTransportType.JDK);
		assertThat(HttpTransportType.of("Auto")).isEqualTo(HttpTransportType.AUTO);
		assertThatIllegalArgumentException().isThrownBy(() -> HttpTransportType.of("okhttp"))
			.withMessageContaining("'okhttp'")
			.withMessageContaining("auto, jdk, reactor-netty");
	}

	@Test
	void settingsShouldKeepTheTransportWhenMutated() {
		HttpSettings settings = HttpSettings.builder().transport(HttpTransportType.JDK).build();
		assertThat(settings.mutate().build().getTransport()).isEqualTo(HttpTransportType.JDK);
		assertThat(HttpSettings.defaults().getTransport()).isEqualTo(HttpTransportType.AUTO);
	}

}
