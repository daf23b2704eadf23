package dev.springcohere.engine.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HubSettingsTests {

	@TempDir
	Path home;

	@Test
	void defaultsComeFromHome() {
		HubSettings settings = HubSettings.fromEnvironment(Map.of("HOME", this.home.toString()));
		assertThat(settings.endpoint()).isEqualTo(URI.create("https://huggingface.co"));
		assertThat(settings.cacheDir()).isEqualTo(this.home.resolve(".cache/huggingface/hub"));
		assertThat(settings.token()).isNull();
		assertThat(settings.offline()).isFalse();
		assertThat(settings.symlinksDisabled()).isFalse();
		assertThat(settings.etagTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.downloadTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void cacheDirFollowsXdgThenHfHomeThenHubCache() {
		Map<String, String> env = new HashMap<>(Map.of("HOME", this.home.toString(), "XDG_CACHE_HOME", "/xdg"));
		assertThat(HubSettings.fromEnvironment(env).cacheDir()).isEqualTo(Path.of("/xdg/huggingface/hub"));
		env.put("HF_HOME", "/hf");
		assertThat(HubSettings.fromEnvironment(env).cacheDir()).isEqualTo(Path.of("/hf/hub"));
		env.put("HUGGINGFACE_HUB_CACHE", "/legacy");
		assertThat(HubSettings.fromEnvironment(env).cacheDir()).isEqualTo(Path.of("/legacy"));
		env.put("HF_HUB_CACHE", "~/hubcache");
		assertThat(HubSettings.fromEnvironment(env).cacheDir()).isEqualTo(this.home.resolve("hubcache"));
	}

	@Test
	void tokenComesFromVariablesThenTokenFile() throws IOException {
		Path hfHome = Files.createDirectories(this.home.resolve("hf"));
		Files.writeString(hfHome.resolve("token"), "hf_fromFile\n");
		Path other = Files.writeString(this.home.resolve("other-token"), "hf_fromPath");
		Map<String, String> env = new HashMap<>(Map.of("HOME", this.home.toString(), "HF_HOME", hfHome.toString()));
		assertThat(HubSettings.fromEnvironment(env).token()).isEqualTo("hf_fromFile");
		env.put("HF_TOKEN_PATH", other.toString());
		assertThat(HubSettings.fromEnvironment(env).token()).isEqualTo("hf_fromPath");
		env.put("HUGGING_FACE_HUB_TOKEN", "hf_legacy");
		assertThat(HubSettings.fromEnvironment(env).token()).isEqualTo("hf_legacy");
		env.put("HF_TOKEN", "hf_main");
		HubSettings settings = HubSettings.fromEnvironment(env);
		assertThat(settings.token()).isEqualTo("hf_main");
		assertThat(settings.toString()).doesNotContain("hf_main").contains("token=<set>");
	}

	@Test
	void flagsEndpointAndTimeoutsAreRead() {
		HubSettings settings = HubSettings.fromEnvironment(Map.of("HOME", this.home.toString(), "HF_ENDPOINT",
				"http://mirror.local:8080/", "TRANSFORMERS_OFFLINE", "yes", "HF_HUB_DISABLE_SYMLINKS", "1",
				"HF_HUB_ETAG_TIMEOUT", "2.5", "HF_HUB_DOWNLOAD_TIMEOUT", "60"));
		assertThat(settings.endpoint()).isEqualTo(URI.create("http://mirror.local:8080"));
		assertThat(settings.offline()).isTrue();
		assertThat(settings.symlinksDisabled()).isTrue();
		assertThat(settings.etagTimeout()).isEqualTo(Duration.ofMillis(2500));
		assertThat(settings.downloadTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(HubSettings.fromEnvironment(Map.of("HOME", this.home.toString(), "HF_HUB_OFFLINE", "0")).offline())
			.isFalse();
	}

	@Test
	void badValuesAreRejectedNamingTheVariable() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HubSettings.fromEnvironment(Map.of("HOME", "/h", "HF_HUB_ETAG_TIMEOUT", "soon")))
			.withMessageContaining("HF_HUB_ETAG_TIMEOUT")
			.withMessageContaining("'soon'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HubSettings.fromEnvironment(Map.of("HOME", "/h", "HF_ENDPOINT", "ftp://x")))
			.withMessageContaining("HF_ENDPOINT");
	}

	@Test
	void mutateKeepsEverything() {
		HubSettings settings = HubSettings.builder()
			.endpoint("http://localhost:1")
			.cacheDir(this.home)
			.token("t")
			.offline(true)
			.symlinksDisabled(true)
			.etagTimeout(Duration.ofSeconds(3))
			.downloadTimeout(Duration.ofSeconds(4))
			.build();
		HubSettings copy = settings.mutate().build();
		assertThat(copy).usingRecursiveComparison().isEqualTo(settings);
	}

}
