package dev.springcohere.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.springcohere.engine.hub.FakeHub;
import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.model.GgufFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --model FILE.gguf} and {@code --model org/name:FILE.gguf} on the CLI: a GGUF
 * file converted from a tiny fixture generates what its safetensors checkpoint generates.
 */
class EngineCliGgufTests {

	private static final String COMMIT = "5555555555555555555555555555555555555555";

	@TempDir
	Path dir;

	private record Result(int code, String out, String err) {

		String lastLine() {
			String[] lines = this.out.strip().split("\\R");
			return lines[lines.length - 1];
		}

	}

	private static Result run(Map<String, String> env, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = new EngineCli(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), env)
			.run(args);
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private static String expectedIds(String fixture) {
		String expected = EngineCliTests.golden(fixture)[1];
		int stop = Arrays.asList(expected.split(",")).indexOf("3");
		return (stop < 0) ? expected
				: Arrays.stream(expected.split(",")).limit(stop + 1).collect(Collectors.joining(","));
	}

	@Test
	void generateFromAGgufFilePrintsTheGoldenIds() {
		for (String fixture : List.of("tiny-cohere", "tiny-cohere2")) {
			Path file = GgufFixtures.write(fixture, DType.BF16, 0, this.dir.resolve(fixture + ".gguf"));
			String[] golden = EngineCliTests.golden(fixture);
			Result r = run(Map.of(), "generate", "--model", file.toString(), "--prompt-ids", golden[0],
					"--max-new-tokens", golden[2], "--threads", "1");
			assertThat(r.code()).as(r.err()).isZero();
			assertThat(r.lastLine()).isEqualTo(expectedIds(fixture));
		}
	}

	@Test
	void chatPromptFromAGgufFileEqualsTheCheckpointDirectory() throws IOException {
		Path file = GgufFixtures.write("tiny-cohere2", DType.F32, 4096, this.dir.resolve("tiny.gguf"));
		Path checkpoint = Fixtures.checkpointWithTokenizer("tiny-cohere2", this.dir.resolve("checkpoint"), 4096);
		Result gguf = run(Map.of(), "generate", "--model", file.toString(), "--prompt", "Hello there", "--chat",
				"--max-new-tokens", "8", "--threads", "1");
		Result safetensors = run(Map.of(), "generate", "--model", checkpoint.toString(), "--prompt", "Hello there",
				"--chat", "--max-new-tokens", "8", "--threads", "1");
		assertThat(gguf.code()).as(gguf.err()).isZero();
		assertThat(safetensors.code()).as(safetensors.err()).isZero();
		assertThat(gguf.out()).isEqualTo(safetensors.out());
		assertThat(gguf.lastLine()).matches("\\d+(,\\d+)*");
	}

	@Test
	void benchReadsAGgufFile() {
		Path file = GgufFixtures.write("tiny-cohere2", DType.F16, 0, this.dir.resolve("tiny.gguf"));
		Result r = run(Map.of(), "bench", "--model", file.toString(), "--prompt-tokens", "8", "--new-tokens", "4",
				"--threads", "1");
		assertThat(r.code()).as(r.err()).isZero();
		JsonNode json = JsonMapper.builder().build().readTree(r.lastLine());
		assertThat(json.get("dtype").asString()).isEqualTo("f16");
		assertThat(json.get("decode_tokens_per_s").asDouble()).isPositive();
	}

	@Test
	void damagedGgufFileIsReportedNotCrashed() throws IOException {
		Path file = GgufFixtures.write("tiny-cohere", DType.BF16, 0, this.dir.resolve("cut.gguf"));
		byte[] bytes = Files.readAllBytes(file);
		Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
		Result r = run(Map.of(), "generate", "--model", file.toString(), "--prompt-ids", "5", "--max-new-tokens", "1");
		assertThat(r.code()).isEqualTo(1);
		assertThat(r.err()).contains("cut.gguf").contains("truncated");
	}

	@Test
	void ggufFileOfAHubRepositoryIsDownloadedAloneThenRunsOffline() throws IOException {
		Path staged = GgufFixtures.write("tiny-cohere2", DType.BF16, 0, this.dir.resolve("staged.gguf"));
		try (FakeHub hub = new FakeHub()) {
			Map<String, FakeHub.HubFile> files = new HashMap<>();
			files.put("tiny-cohere2-BF16.gguf", new FakeHub.HubFile(Files.readAllBytes(staged), true));
			files.put("tiny-cohere2-F32.gguf", new FakeHub.HubFile(new byte[] { 1, 2, 3 }, true));
			hub.publish("acme/tiny-cohere2-GGUF", COMMIT, files, "main");
			Path home = this.dir.resolve("home");
			Map<String, String> env = Map.of("HF_ENDPOINT", hub.endpoint().toString(), "HF_HOME", home.toString());
			String[] golden = EngineCliTests.golden("tiny-cohere2");
			Result online = run(env, "generate", "--model", "acme/tiny-cohere2-GGUF:tiny-cohere2-BF16.gguf",
					"--prompt-ids", golden[0], "--max-new-tokens", "4", "--threads", "1");
			assertThat(online.code()).as(online.err()).isZero();
			assertThat(online.lastLine()).isEqualTo(String.join(",", List.of(golden[1].split(",")).subList(0, 4)));
			Path snapshot = home.resolve("hub/models--acme--tiny-cohere2-GGUF/snapshots/" + COMMIT);
			assertThat(snapshot.resolve("tiny-cohere2-BF16.gguf")).hasSameBinaryContentAs(staged);
			assertThat(snapshot.resolve("tiny-cohere2-F32.gguf")).doesNotExist();
			long downloads = hub.downloads();
			Map<String, String> offline = new HashMap<>(env);
			offline.put("HF_HUB_OFFLINE", "1");
			Result cached = run(offline, "generate", "--model", "acme/tiny-cohere2-GGUF@main:tiny-cohere2-BF16.gguf",
					"--prompt-ids", golden[0], "--max-new-tokens", "4", "--threads", "1");
			assertThat(cached.code()).as(cached.err()).isZero();
			assertThat(cached.lastLine()).isEqualTo(online.lastLine());
			assertThat(hub.downloads()).isEqualTo(downloads);
		}
	}

}
