package dev.springcohere.engine.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ModelLocatorTests {

	private static final String SHARDED = "acme/sharded";

	private static final String SINGLE = "acme/single";

	private static final String COMMIT = "1111111111111111111111111111111111111111";

	private static final String SINGLE_COMMIT = "2222222222222222222222222222222222222222";

	private static final String V2_COMMIT = "3333333333333333333333333333333333333333";

	private static final String GGUF = "acme/model-GGUF";

	private static final String GGUF_COMMIT = "4444444444444444444444444444444444444444";

	@TempDir
	Path cacheDir;

	private FakeHub hub;

	private HubClient client;

	private final byte[] shard1 = HubClientTests.randomBytes(40_000, 7);

	private final byte[] shard2 = HubClientTests.randomBytes(30_000, 8);

	@BeforeEach
	void startHub() throws IOException {
		this.hub = new FakeHub();
		Map<String, FakeHub.HubFile> sharded = new HashMap<>(tokenizerFiles());
		sharded.put("model.safetensors.index.json", text("{\"metadata\":{},\"weight_map\":{"
				+ "\"a.weight\":\"model-00001-of-00002.safetensors\",\"b.weight\":\"model-00002-of-00002.safetensors\","
				+ "\"c.weight\":\"model-00001-of-00002.safetensors\"}}"));
		sharded.put("model-00001-of-00002.safetensors", new FakeHub.HubFile(this.shard1, true));
		sharded.put("model-00002-of-00002.safetensors", new FakeHub.HubFile(this.shard2, true));
		sharded.put("generation_config.json", text("{}"));
		sharded.put("unrelated.bin", new FakeHub.HubFile(this.shard1, true));
		this.hub.publish(SHARDED, COMMIT, sharded, "main");
		Map<String, FakeHub.HubFile> single = new HashMap<>(tokenizerFiles());
		single.put("model.safetensors", new FakeHub.HubFile(this.shard2, true));
		single.put("modules.json", text("[]"));
		single.put("1_Pooling/config.json", text("{\"pooling_mode_cls_token\":true}"));
		this.hub.publish(SINGLE, SINGLE_COMMIT, single, "main");
		this.hub.publish(SINGLE, V2_COMMIT, Map.of("config.json", text("{}")), "v2");
		this.hub.publish(
				GGUF, GGUF_COMMIT, Map.of("model-Q4_K_M.gguf", new FakeHub.HubFile(this.shard1, true),
						"model-Q8_0.gguf", new FakeHub.HubFile(this.shard2, true), "README.md", text("# gguf")),
				"main");
		this.client = HubClient.builder()
			.settings(HubSettings.builder().endpoint(this.hub.endpoint()).cacheDir(this.cacheDir).build())
			.sleeper((d) -> {
			})
			.build();
	}

	@AfterEach
	void stopHub() {
		this.hub.close();
	}

	@Test
	void shardedModelDownloadsIndexAndEveryShardButNothingElse() throws IOException {
		Path dir = new ModelLocator(this.client).resolve(SHARDED);
		assertThat(dir).isEqualTo(this.cacheDir.resolve("models--acme--sharded/snapshots/" + COMMIT));
		try (var files = Files.list(dir)) {
			assertThat(files.map((p) -> p.getFileName().toString())).containsExactlyInAnyOrder("config.json",
					"tokenizer.json", "tokenizer_config.json", "generation_config.json", "model.safetensors.index.json",
					"model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors");
		}
		assertThat(dir.resolve("model-00002-of-00002.safetensors")).hasBinaryContent(this.shard2);
		assertThat(this.hub.requests("cdn", "GET")).hasSize(2);
		assertThat(this.cacheDir.resolve("models--acme--sharded/.no_exist/" + COMMIT + "/special_tokens_map.json"))
			.exists();
	}

	@Test
	void singleFileModelWithSentenceTransformersFilesAndRevision() {
		Path dir = new ModelLocator(this.client).resolve(SINGLE + "@main");
		assertThat(dir.resolve("model.safetensors")).hasBinaryContent(this.shard2);
		assertThat(dir.resolve("modules.json")).hasContent("[]");
		assertThat(dir.resolve("1_Pooling/config.json")).exists();
		long heads = this.hub.requests("hub", "HEAD").size();
		assertThat(new ModelLocator(this.client).resolve(SINGLE)).isEqualTo(dir);
		assertThat(this.hub.requests("hub", "HEAD")).hasSize((int) heads + 1);
	}

	@Test
	void missingRequiredFileFailsNamingIt() {
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> new ModelLocator(this.client).resolve(SINGLE + "@v2"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(HubException.Kind.ENTRY_NOT_FOUND);
				assertThat(ex.filename()).isEqualTo("tokenizer.json");
				assertThat(ex.getMessage()).contains("tokenizer.json", SINGLE, "required");
			});
	}

	@Test
	void snapshotDownloadSkipsMissingOptionalFiles() {
		Path dir = this.client.snapshotDownload(SINGLE, "main", List.of("config.json"),
				List.of("does-not-exist.json", "modules.json"));
		assertThat(dir.resolve("config.json")).exists();
		assertThat(dir.resolve("modules.json")).exists();
		assertThat(dir.resolve("does-not-exist.json")).doesNotExist();
	}

	@Test
	void ggufFileOfARepositoryIsDownloadedAloneIntoTheCache() throws IOException {
		Path file = new ModelLocator(this.client).resolve(GGUF + ":model-Q4_K_M.gguf");
		assertThat(file).isEqualTo(
				this.cacheDir.resolve("models--acme--model-GGUF/snapshots/" + GGUF_COMMIT + "/model-Q4_K_M.gguf"));
		assertThat(file).hasBinaryContent(this.shard1);
		try (var files = Files.list(file.getParent())) {
			assertThat(files.map((p) -> p.getFileName().toString())).containsExactly("model-Q4_K_M.gguf");
		}
		assertThat(this.hub.requests("cdn", "GET")).hasSize(1);
		assertThat(new ModelLocator(this.client).resolve(GGUF + "@main:model-Q4_K_M.gguf")).isEqualTo(file);
		assertThat(this.hub.requests("cdn", "GET")).hasSize(1);
	}

	@Test
	void missingGgufFileOfARepositoryFailsNamingIt() {
		assertThatExceptionOfType(HubException.class)
			.isThrownBy(() -> new ModelLocator(this.client).resolve(GGUF + ":model-Q5_K_M.gguf"))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(HubException.Kind.ENTRY_NOT_FOUND);
				assertThat(ex.filename()).isEqualTo("model-Q5_K_M.gguf");
			});
	}

	@Test
	void existingGgufFileIsUsedAsIsAndOtherFileNamesAreRefused() throws IOException {
		ModelLocator locator = new ModelLocator(this.client);
		Path local = Files.write(this.cacheDir.resolve("local.gguf"), new byte[] { 1 });
		assertThat(locator.resolve(local.toString())).isEqualTo(local);
		assertThatIllegalArgumentException().isThrownBy(() -> locator.resolve("models/absent.gguf"))
			.withMessageContaining("GGUF file 'models/absent.gguf' does not exist")
			.withMessageContaining("org/name:FILE.gguf");
		assertThatIllegalArgumentException().isThrownBy(() -> locator.resolve(GGUF + ":Q4_K_M"))
			.withMessageContaining("names the file 'Q4_K_M'")
			.withMessageContaining("must be a .gguf file");
		assertThat(this.hub.requests).isEmpty();
	}

	@Test
	void existingDirectoryIsUsedAsIs() {
		ModelLocator locator = new ModelLocator(this.client);
		assertThat(locator.resolve(this.cacheDir.toString())).isEqualTo(this.cacheDir);
		assertThat(this.hub.requests).isEmpty();
	}

	@Test
	void somethingElseIsRejectedClearly() {
		ModelLocator locator = new ModelLocator(this.client);
		assertThatIllegalArgumentException().isThrownBy(() -> locator.resolve("not a model"))
			.withMessageContaining("'not a model'")
			.withMessageContaining("org/name@revision");
		assertThatIllegalArgumentException().isThrownBy(() -> locator.resolve("./missing/dir"))
			.withMessageContaining("neither an existing directory");
		assertThatIllegalArgumentException().isThrownBy(() -> locator.resolve("  "));
		assertThatExceptionOfType(HubException.class).isThrownBy(() -> locator.resolve("acme/unknown"))
			.withMessageContaining("no directory 'acme/unknown' exists");
		assertThat(this.hub.requests).hasSize(1);
	}

	private static Map<String, FakeHub.HubFile> tokenizerFiles() {
		return Map.of("config.json", text("{\"model_type\":\"cohere\"}"), "tokenizer.json", text("{\"model\":{}}"),
				"tokenizer_config.json", text("{}"));
	}

	private static FakeHub.HubFile text(String content) {
		return new FakeHub.HubFile(content.getBytes(StandardCharsets.UTF_8), false);
	}

}
