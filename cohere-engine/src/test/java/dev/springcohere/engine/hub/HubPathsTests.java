package dev.springcohere.engine.hub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HubPathsTests {

	@TempDir
	Path dir;

	@Test
	void revisionIsEncodedWithNothingSafeAndFilenameKeepsSlashes() {
		URI url = HubPaths.resolveUrl(URI.create("https://hub.example"), "org/model", "refs/pr/1", "sub dir/é+x.json");
		assertThat(url.toString())
			.isEqualTo("https://hub.example/org/model/resolve/refs%2Fpr%2F1/sub%20dir/%C3%A9%2Bx.json");
		assertThat(HubPaths.resolveUrl(URI.create("https://hub.example"), "gpt2", "v1.0_b-2~x", "a.bin"))
			.hasToString("https://hub.example/gpt2/resolve/v1.0_b-2~x/a.bin");
	}

	@Test
	void etagsAreNormalized() {
		assertThat(HubPaths.normalizeEtag("W/\"abc\"")).isEqualTo("abc");
		assertThat(HubPaths.normalizeEtag("\"abc\"")).isEqualTo("abc");
		assertThat(HubPaths.normalizeEtag("abc")).isEqualTo("abc");
	}

	@Test
	void malformedIdsAndPathsAreRejectedWithTheValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> HubPaths.requireRepoId("org--x/name"))
			.withMessageContaining("'org--x/name'");
		assertThatIllegalArgumentException().isThrownBy(() -> HubPaths.requireRepoId("a/b/c"));
		assertThatIllegalArgumentException().isThrownBy(() -> HubPaths.requireFilename("a/../../b"));
		assertThatIllegalArgumentException().isThrownBy(() -> HubPaths.requireFilename("/etc/passwd"));
		assertThatIllegalArgumentException().isThrownBy(() -> HubPaths.requireRevision("../main"));
		assertThat(HubPaths.requireRepoId("CohereLabs/aya-expanse-8b")).isEqualTo("CohereLabs/aya-expanse-8b");
		assertThat(HubPaths.requireFilename("1_Pooling/config.json")).isEqualTo("1_Pooling/config.json");
	}

	@Test
	void checksumsFollowTheEtagKind() throws Exception {
		Path file = this.dir.resolve("f");
		Files.writeString(file, "hello world\n", StandardCharsets.UTF_8);
		// values from `git hash-object` and `sha256sum`
		assertThat(Checksums.digestFor("3b18e512dba79e4c8300dd08aeb37f8e728b8dad", file))
			.isEqualTo("3b18e512dba79e4c8300dd08aeb37f8e728b8dad");
		assertThat(Checksums.digestFor("a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447", file))
			.isEqualTo("a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447");
		assertThat(Checksums.digestFor("0123456789abcdef0123456789abcdef01234567", file))
			.isEqualTo("3b18e512dba79e4c8300dd08aeb37f8e728b8dad");
		assertThat(Checksums.digestFor("some-opaque-etag", file)).isNull();
		Path empty = Files.createFile(this.dir.resolve("empty"));
		assertThat(Checksums.digestFor("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", empty))
			.isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
	}

}
