package dev.springcohere.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.springcohere.engine.hub.FakeHub;
import dev.springcohere.engine.model.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --model org/name}: the model is downloaded from a local server
 * imitating the Hugging Face Hub into the cache named by {@code HF_HOME}, then run; a
 * second run works offline from the cache.
 */
class EngineCliHubTests {

	private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

	private FakeHub hub;

	@BeforeEach
	void startHub() throws IOException {
		this.hub = new FakeHub();
		Map<String, FakeHub.HubFile> files = new HashMap<>();
		for (String name : List.of("config.json", "generation_config.json")) {
			files.put(name,
					new FakeHub.HubFile(Files.readAllBytes(Fixtures.engine("tiny-cohere2").resolve(name)), false));
		}
		files.put("model.safetensors", new FakeHub.HubFile(
				Files.readAllBytes(Fixtures.engine("tiny-cohere2").resolve("model.safetensors")), true));
		for (String name : List.of("tokenizer.json", "tokenizer_config.json")) {
			files.put(name,
					new FakeHub.HubFile(Files.readAllBytes(Fixtures.engine("tiny-tokenizer").resolve(name)), false));
		}
		this.hub.publish("acme/tiny-cohere2", COMMIT, files, "main");
	}

	@AfterEach
	void stopHub() {
		this.hub.close();
	}

	@Test
	void modelIdIsDownloadedIntoTheCacheThenRunsOfflineFromIt(@TempDir Path home) {
		String[] golden = EngineCliTests.golden("tiny-cohere2");
		Map<String, String> env = Map.of("HF_ENDPOINT", this.hub.endpoint().toString(), "HF_HOME", home.toString());

		Result online = run(env, "generate", "--model", "acme/tiny-cohere2", "--prompt-ids", golden[0],
				"--max-new-tokens", "4", "--threads", "1");
		assertThat(online.code()).as(online.err()).isZero();
		String[] expected = golden[1].split(",");
		assertThat(online.lastLine()).isEqualTo(String.join(",", List.of(expected).subList(0, 4)));
		assertThat(home.resolve("hub/models--acme--tiny-cohere2/snapshots/" + COMMIT + "/model.safetensors")).exists();
		long downloads = this.hub.downloads();
		assertThat(downloads).isPositive();

		Map<String, String> offline = new HashMap<>(env);
		offline.put("HF_HUB_OFFLINE", "1");
		Result cached = run(offline, "generate", "--model", "acme/tiny-cohere2@main", "--prompt-ids", golden[0],
				"--max-new-tokens", "4", "--threads", "1");
		assertThat(cached.code()).as(cached.err()).isZero();
		assertThat(cached.lastLine()).isEqualTo(online.lastLine());
		assertThat(this.hub.downloads()).isEqualTo(downloads);
	}

	@Test
	void unknownModelIdFailsWithTheHubsReason(@TempDir Path home) {
		Map<String, String> env = Map.of("HF_ENDPOINT", this.hub.endpoint().toString(), "HF_HOME", home.toString());
		Result result = run(env, "generate", "--model", "acme/no-such-model", "--prompt-ids", "5,6");
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).contains("acme/no-such-model");
	}

	@Test
	void missingDirectoryThatIsNoModelIdFailsClearly(@TempDir Path home) {
		Result result = run(Map.of("HF_HOME", home.toString()), "generate", "--model",
				home.resolve("does-not-exist").toString(), "--prompt-ids", "5,6");
		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).contains("does-not-exist");
	}

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

}
