package dev.springcohere.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.model.SafetensorsFile;
import dev.springcohere.engine.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EngineCliTests {

	private record Result(int code, String out, String err) {
		String lastLine() {
			String[] lines = this.out.strip().split("\\R");
			return lines[lines.length - 1];
		}
	}

	private static Result run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = new EngineCli(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** Prompt ids and expected new ids, read from the golden file. */
	private static String[] golden(String fixture) {
		try (SafetensorsFile file = SafetensorsFile.open(Fixtures.engine(fixture).resolve("golden.safetensors"))) {
			Tensor prompt = file.tensor("prompt_ids");
			Tensor generated = file.tensor("generated_ids");
			List<String> p = new ArrayList<>();
			for (int i = 0; i < prompt.numel(); i++) {
				p.add(String.valueOf(prompt.getLong(i)));
			}
			List<String> g = new ArrayList<>();
			for (long i = prompt.numel(); i < generated.numel(); i++) {
				g.add(String.valueOf(generated.getLong(i)));
			}
			return new String[] { String.join(",", p), String.join(",", g), String.valueOf(g.size()) };
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "tiny-cohere", "tiny-cohere-qknorm", "tiny-cohere2" })
	void generatePrintsGoldenIdsOnLastLine(String fixture) {
		String[] g = golden(fixture);
		Result r = run("generate", "--model", Fixtures.engine(fixture).toString(), "--prompt-ids", g[0],
				"--max-new-tokens", g[2], "--device", "cpu", "--threads", "2");
		assertThat(r.code()).as(r.err()).isZero();
		String expected = g[1];
		int stop = Arrays.asList(expected.split(",")).indexOf("3");
		if (stop >= 0) {
			expected = Arrays.stream(expected.split(",")).limit(stop + 1).collect(Collectors.joining(","));
		}
		assertThat(r.lastLine()).isEqualTo(expected);
	}

	@Test
	void cudaFailsWithClearMessage() {
		Result r = run("generate", "--model", Fixtures.engine("tiny-cohere").toString(), "--prompt-ids", "5,6",
				"--max-new-tokens", "2", "--device", "cuda");
		assertThat(r.code()).isEqualTo(2);
		assertThat(r.err()).contains("no CUDA support");
	}

	@Test
	void textPromptAndServeAreNotAvailableYet() {
		Result text = run("generate", "--model", Fixtures.engine("tiny-cohere").toString(), "--prompt", "hi", "--chat");
		assertThat(text.code()).isEqualTo(2);
		assertThat(text.err()).contains("tokenizer").contains("not available");
		assertThat(run("serve", "--model", "x").err()).contains("not available");
		assertThat(run("frobnicate").err()).contains("Unknown command 'frobnicate'");
	}

	@Test
	void corruptModelIsReportedNotCrashed(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
		Files.copy(Fixtures.engine("tiny-cohere").resolve("config.json"), dir.resolve("config.json"));
		Files.write(dir.resolve("model.safetensors"), new byte[] { 1, 2 });
		Result r = run("generate", "--model", dir.toString(), "--prompt-ids", "5", "--max-new-tokens", "1");
		assertThat(r.code()).isEqualTo(1);
		assertThat(r.err()).contains("model.safetensors").contains("truncated");
	}

	@Test
	void benchSyntheticPrintsOneJsonLine() {
		Result r = run("bench", "--synthetic", Fixtures.engine("tiny-cohere2").resolve("config.json").toString(),
				"--device", "cpu", "--prompt-tokens", "20", "--new-tokens", "12", "--threads", "2");
		assertThat(r.code()).as(r.err()).isZero();
		JsonNode json = JsonMapper.builder().build().readTree(r.lastLine());
		assertThat(json.get("prefill_tokens_per_s").asDouble()).isPositive();
		assertThat(json.get("decode_tokens_per_s").asDouble()).isPositive();
		assertThat(json.get("device").asString()).isEqualTo("cpu");
		assertThat(json.get("dtype").asString()).isEqualTo("bf16");
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static Result child(List<String> command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
		p.getOutputStream().close();
		byte[] out = p.getInputStream().readAllBytes();
		byte[] err = p.getErrorStream().readAllBytes();
		assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
	}

	@Test
	void mainRelaunchesWithVectorModuleWhenStartedWithoutIt() throws Exception {
		String[] g = golden("tiny-cohere2");
		Result r = child(List.of(java(), "-cp", System.getProperty("java.class.path"), EngineCli.class.getName(),
				"generate", "--model", Fixtures.engine("tiny-cohere2").toString(), "--prompt-ids", g[0],
				"--max-new-tokens", "5", "--threads", "1"));
		assertThat(r.code()).as(r.err()).isZero();
		assertThat(r.lastLine()).isEqualTo(Arrays.stream(g[1].split(",")).limit(5).collect(Collectors.joining(",")));
		Result bad = child(List.of(java(), "-cp", System.getProperty("java.class.path"), EngineCli.class.getName(),
				"generate", "--device", "cuda", "--model", "x", "--prompt-ids", "1"));
		assertThat(bad.code()).isEqualTo(2);
	}

	@Test
	void shadedJarRunsWithJavaJarWhenBuilt() throws Exception {
		Optional<Path> jar;
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			jar = files.filter(f -> f.getFileName().toString().matches("cohere-engine-.*-cli\\.jar")).findFirst();
		}
		catch (IOException ex) {
			jar = Optional.empty();
		}
		assumeThat(jar).as("shaded jar (built by 'package'; present from the second build on)").isPresent();
		String[] g = golden("tiny-cohere");
		Result r = child(List.of(java(), "-jar", jar.get().toString(), "generate", "--model",
				Fixtures.engine("tiny-cohere").toString(), "--prompt-ids", g[0], "--max-new-tokens", "4"));
		assertThat(r.code()).as(r.err()).isZero();
		assertThat(r.lastLine()).isEqualTo(Arrays.stream(g[1].split(",")).limit(4).collect(Collectors.joining(",")));
	}

}
