package dev.springcohere.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.Generator;
import dev.springcohere.engine.decode.SamplingParams;
import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.tokenizer.ChatTemplateRequest;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the shaded {@code -cli.jar} built by {@code package} as a real {@code java -jar} process (run by failsafe in
 * {@code integration-test}, so it works on a clean clone).
 */
class EngineCliJarIT {

	private record Result(int code, String out, String err) {
		String lastLine() {
			String[] lines = this.out.strip().split("\\R");
			return lines[lines.length - 1];
		}
	}

	private static Path jar() throws IOException {
		String configured = System.getProperty("springcohere.engine.cli.jar");
		if (configured != null && Files.isRegularFile(Path.of(configured))) {
			return Path.of(configured);
		}
		try (var files = Files.list(Path.of("target"))) {
			return files.filter(f -> f.getFileName().toString().matches("cohere-engine-.*-cli\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No target/cohere-engine-*-cli.jar (configured: "
						+ configured + "); run this test with 'mvn verify', after 'package' built the shaded jar"));
		}
	}

	/** The java binary of the JVM running the tests. */
	private static String java() {
		return ProcessHandle.current().info().command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	private static Result cli(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
		command.addAll(Arrays.asList(args));
		Process p = new ProcessBuilder(command).start();
		p.getOutputStream().close();
		CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
			try {
				return p.getErrorStream().readAllBytes();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
		byte[] out = p.getInputStream().readAllBytes();
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("CLI did not finish: " + command);
		}
		return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
				new String(err.get(), StandardCharsets.UTF_8));
	}

	@ParameterizedTest
	@ValueSource(strings = { "tiny-cohere", "tiny-cohere-qknorm", "tiny-cohere2" })
	void generateWithPromptIdsPrintsTheGoldenIds(String fixture) throws Exception {
		String[] g = EngineCliTests.golden(fixture);
		Result r = cli("generate", "--model", Fixtures.engine(fixture).toString(), "--prompt-ids", g[0],
				"--max-new-tokens", g[2], "--threads", "1");
		assertThat(r.code()).as(r.err()).isZero();
		List<String> expected = new ArrayList<>();
		for (String id : g[1].split(",")) {
			expected.add(id);
			if (id.equals("3")) {
				break;
			}
		}
		assertThat(r.lastLine()).isEqualTo(String.join(",", expected));
	}

	@Test
	void generateWithChatPromptOnACompleteCheckpoint(@TempDir Path dir) throws Exception {
		EngineCliTests.checkpoint(dir, "tiny-cohere");
		Result r = cli("generate", "--model", dir.toString(), "--prompt", "What is a jar?", "--chat",
				"--max-new-tokens", "8", "--threads", "1");
		assertThat(r.code()).as(r.err()).isZero();
		try (HfTokenizer tokenizer = HfTokenizer.load(dir); ModelWeights weights = ModelWeights.open(dir);
				VectorKernels kernels = new VectorKernels(1)) {
			int[] prompt = tokenizer.encodeChat(ChatTemplateRequest
				.builder(List.of(Map.of("role", "user", "content", "What is a jar?")))
				.addGenerationPrompt(true)
				.build());
			List<Integer> ids = new Generator(new CohereModel(weights, kernels)).generate(prompt, 8,
					SamplingParams.greedy(), Set.of(3));
			assertThat(r.lastLine()).isEqualTo(ids.stream().map(String::valueOf).collect(Collectors.joining(",")));
			String text = tokenizer.decode(ids.stream().mapToInt(Integer::intValue).toArray(), true);
			assertThat(r.out().replace("\r\n", "\n")).isEqualTo(text + "\n" + r.lastLine() + "\n");
		}
	}

	@Test
	void benchSyntheticPrintsOneJsonLineWithTheContractKeys() throws Exception {
		Result r = cli("bench", "--synthetic", Fixtures.engine("tiny-cohere2").resolve("config.json").toString(),
				"--device", "cpu", "--prompt-tokens", "16", "--new-tokens", "8", "--threads", "1");
		assertThat(r.code()).as(r.err()).isZero();
		assertThat(r.out().strip().lines()).hasSize(1);
		JsonNode json = JsonMapper.builder().build().readTree(r.lastLine());
		assertThat(json.get("prefill_tokens_per_s").asDouble()).isPositive();
		assertThat(json.get("decode_tokens_per_s").asDouble()).isPositive();
		assertThat(json.get("device").asString()).isEqualTo("cpu");
		assertThat(json.get("dtype").asString()).isEqualTo("bf16");
	}

	@Test
	void usageErrorsExitWithTwo() throws Exception {
		Result r = cli("generate", "--model", Fixtures.engine("tiny-cohere").toString(), "--prompt", "hi",
				"--prompt-ids", "5");
		assertThat(r.code()).isEqualTo(2);
		assertThat(r.err()).contains("mutually exclusive");
	}

}
