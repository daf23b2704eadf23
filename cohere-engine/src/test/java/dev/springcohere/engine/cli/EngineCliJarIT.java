package dev.springcohere.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.error.CohereAuthenticationException;
import dev.springcohere.client.CohereClient;
import dev.springcohere.http.CohereRetryPolicy;
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
 * Runs the shaded {@code -cli.jar} built by {@code package} as a real {@code java -jar}
 * process (run by failsafe in {@code integration-test}, so it works on a clean clone).
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
		return ProcessHandle.current()
			.info()
			.command()
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
		assertThat(r.err()).as("the jar has a logging provider").doesNotContain("No SLF4J providers");
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
		try (HfTokenizer tokenizer = HfTokenizer.load(dir);
				ModelWeights weights = ModelWeights.open(dir);
				VectorKernels kernels = new VectorKernels(1)) {
			int[] prompt = tokenizer
				.encodeChat(ChatTemplateRequest.builder(List.of(Map.of("role", "user", "content", "What is a jar?")))
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
	void serveAnswersCohereV2CallsFromTheClientUntilStopped(@TempDir Path dir) throws Exception {
		EngineCliTests.checkpoint(dir, "tiny-cohere2");
		// started with the vector module so that no re-launched child JVM outlives the
		// process destroyed below
		List<String> command = List.of(java(), "--add-modules", "jdk.incubator.vector",
				"--enable-native-access=ALL-UNNAMED", "-jar", jar().toString(), "serve", "--model", dir.toString(),
				"--port", "0", "--threads", "1", "--api-key", "serve-test-key");
		Path stderr = dir.resolve("serve.err");
		Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
		try {
			BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
			CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
				try {
					return out.readLine();
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			String banner = firstLine.get(60, TimeUnit.SECONDS);
			assertThat(banner).startsWith("Serving").contains("http://127.0.0.1:").contains("bearer key required");
			assertThat(java.nio.file.Files.readString(stderr)).as("serve's startup log").doesNotContain(" WARN ");
			String baseUrl = banner.substring(banner.indexOf("http://")).split(" ")[0];
			try (CohereClient client = CohereClient.builder()
				.backendId("private")
				.baseUrl(baseUrl)
				.apiKey("serve-test-key")
				.build()) {
				ChatResponse answer = client
					.chat(ChatRequest.builder().messages(UserMessage.of("What is a jar?")).maxTokens(4).build());
				assertThat(answer.finishReason()).isNotNull();
				assertThat(answer.usage()).isNotNull();
				List<StreamEvent> events = client
					.chatStream(ChatRequest.builder().messages(UserMessage.of("What is a jar?")).maxTokens(4).build())
					.collectList()
					.block(Duration.ofSeconds(60));
				assertThat(events).first().isInstanceOf(StreamEvent.MessageStart.class);
				assertThat(events).last().isInstanceOf(StreamEvent.MessageEnd.class);
				assertThat(client.tokenize("What is a jar?").tokens()).isNotEmpty();
			}
			try (CohereClient wrongKey = CohereClient.builder()
				.backendId("private")
				.baseUrl(baseUrl)
				.apiKey("not-the-key")
				.retryPolicy(CohereRetryPolicy.none())
				.build()) {
				assertThatExceptionOfType(CohereAuthenticationException.class).isThrownBy(() -> wrongKey.tokenize("x"));
			}
		}
		finally {
			p.destroy();
			assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
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

	@Test
	void helpAndVersionComeFromTheShadedJar() throws Exception {
		Result help = cli("serve", "--help");
		assertThat(help.code()).as(help.err()).isZero();
		assertThat(help.out()).contains("Usage: cohere-engine serve").contains("--served-model-name");
		Result version = cli("--version");
		assertThat(version.code()).as(version.err()).isZero();
		assertThat(version.out()).containsPattern("cohere-engine \\d+\\.\\d+\\.\\d+");
		Result unknown = cli("serve", "--modle", "x");
		assertThat(unknown.code()).isEqualTo(2);
		assertThat(unknown.err()).contains("Unknown option: '--modle'");
	}

}
