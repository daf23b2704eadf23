package dev.springcohere.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.Generator;
import dev.springcohere.engine.decode.SamplingParams;
import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.SafetensorsFile;
import dev.springcohere.engine.model.Tensor;
import dev.springcohere.engine.tokenizer.ChatTemplateRequest;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
				new PrintStream(err, true, StandardCharsets.UTF_8))
			.run(args);
		return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	/** Prompt ids and expected new ids, read from the golden file. */
	static String[] golden(String fixture) {
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
		assertThat(r.err()).contains("--device cuda: ").contains("; use 'auto' or 'cpu'");
		// what the probe found: the missing driver here, a usable GPU without the decoder
		// on a GPU machine
		assertThat(r.err()).containsAnyOf("no usable GPU", "no CUDA decoder yet");
	}

	@Test
	void serveWithAMissingModelAndUnknownCommandsAreReported() {
		Result serve = run("serve", "--model", "/no/such/model-dir", "--port", "0");
		assertThat(serve.code()).isEqualTo(1);
		assertThat(serve.err()).contains("/no/such/model-dir");
		assertThat(run("serve", "--port", "0").err()).contains("--model");
		assertThat(run("frobnicate").err()).contains("Unknown command 'frobnicate'");
	}

	/**
	 * A complete checkpoint: the tiny model's files plus the tiny tokenizer's. The real
	 * Command R7B chat template renders a system preamble of over a thousand tokens with
	 * the tiny 512-token vocabulary, so the copy's {@code max_position_embeddings} is
	 * raised to 4096 (the tiny models use RoPE or no positions at all, so nothing else
	 * depends on it).
	 */
	static Path checkpoint(Path dir, String fixture) {
		return Fixtures.checkpointWithTokenizer(fixture, dir, 4096);
	}

	@Test
	void chatPromptStreamsTextAndEndsWithTheIdsOfTheTemplatedPrompt(@TempDir Path dir) throws IOException {
		checkpoint(dir, "tiny-cohere2");
		Result r = run("generate", "--model", dir.toString(), "--prompt", "Hello there", "--chat", "--max-new-tokens",
				"12", "--threads", "1");
		assertThat(r.code()).as(r.err()).isZero();
		List<Integer> expected;
		String expectedText;
		try (HfTokenizer tokenizer = HfTokenizer.load(dir);
				ModelWeights weights = ModelWeights.open(dir);
				VectorKernels kernels = new VectorKernels(1)) {
			int[] prompt = tokenizer
				.encodeChat(ChatTemplateRequest.builder(List.of(Map.of("role", "user", "content", "Hello there")))
					.addGenerationPrompt(true)
					.build());
			assertThat(tokenizer.decode(prompt, false)).contains("<|START_OF_TURN_TOKEN|><|USER_TOKEN|>Hello there")
				.endsWith("<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>");
			expected = new Generator(new CohereModel(weights, kernels)).generate(prompt, 12, SamplingParams.greedy(),
					Set.of(3));
			expectedText = tokenizer.decode(expected.stream().mapToInt(Integer::intValue).toArray(), true);
		}
		assertThat(r.lastLine()).isEqualTo(expected.stream().map(String::valueOf).collect(Collectors.joining(",")));
		String out = r.out().replace("\r\n", "\n");
		assertThat(out).isEqualTo(expectedText + "\n" + r.lastLine() + "\n");
	}

	@Test
	void plainTextPromptGetsTheBosTokenAndNoTemplate(@TempDir Path dir) throws IOException {
		checkpoint(dir, "tiny-cohere");
		Result r = run("generate", "--model", dir.toString(), "--prompt", "Hello", "--max-new-tokens", "3");
		assertThat(r.code()).as(r.err()).isZero();
		try (HfTokenizer tokenizer = HfTokenizer.load(dir);
				ModelWeights weights = ModelWeights.open(dir);
				VectorKernels kernels = new VectorKernels(1)) {
			int[] prompt = tokenizer.encode("Hello", true);
			assertThat(prompt[0]).isEqualTo(5);
			List<Integer> expected = new Generator(new CohereModel(weights, kernels)).generate(prompt, 3,
					SamplingParams.greedy(), Set.of(3));
			assertThat(r.lastLine()).isEqualTo(expected.stream().map(String::valueOf).collect(Collectors.joining(",")));
		}
	}

	@Test
	void textPromptWithoutTokenizerFilesFailsClearly() {
		Result r = run("generate", "--model", Fixtures.engine("tiny-cohere").toString(), "--prompt", "hi", "--chat");
		assertThat(r.code()).isEqualTo(2);
		assertThat(r.err()).contains("tokenizer.json").contains("is missing").contains("--prompt-ids");
	}

	@Test
	void chatWithoutATemplateFailsClearly(@TempDir Path dir) throws IOException {
		checkpoint(dir, "tiny-cohere");
		Files.delete(dir.resolve("tokenizer_config.json"));
		Result plain = run("generate", "--model", dir.toString(), "--prompt", "Hello", "--max-new-tokens", "2");
		assertThat(plain.code()).as(plain.err()).isZero();
		Result chat = run("generate", "--model", dir.toString(), "--prompt", "Hello", "--chat");
		assertThat(chat.code()).isEqualTo(1);
		assertThat(chat.err()).contains("no chat template");
	}

	@Test
	void promptAndPromptIdsAreMutuallyExclusive() {
		String model = Fixtures.engine("tiny-cohere").toString();
		Result both = run("generate", "--model", model, "--prompt", "hi", "--prompt-ids", "5");
		assertThat(both.code()).isEqualTo(2);
		assertThat(both.err()).contains("exactly one of --prompt").contains("mutually exclusive");
		Result none = run("generate", "--model", model);
		assertThat(none.code()).isEqualTo(2);
		assertThat(none.err()).contains("exactly one of --prompt");
		Result chatIds = run("generate", "--model", model, "--prompt-ids", "5", "--chat");
		assertThat(chatIds.err()).contains("--chat");
	}

	@Test
	void seededSamplingIsReproducibleAndGreedyRejectsSamplingOptions() {
		String[] g = golden("tiny-cohere");
		String model = Fixtures.engine("tiny-cohere").toString();
		Result a = run("generate", "--model", model, "--prompt-ids", g[0], "--max-new-tokens", "10", "--temperature",
				"5", "--top-k", "40", "--top-p", "0.9", "--seed", "11");
		Result b = run("generate", "--model", model, "--prompt-ids", g[0], "--max-new-tokens", "10", "--temperature",
				"5", "--top-k", "40", "--top-p", "0.9", "--seed", "11");
		assertThat(a.code()).as(a.err()).isZero();
		Result c = run("generate", "--model", model, "--prompt-ids", g[0], "--max-new-tokens", "10", "--temperature",
				"5", "--top-k", "40", "--top-p", "0.9", "--seed", "12");
		assertThat(a.lastLine()).isEqualTo(b.lastLine()).isNotEqualTo(c.lastLine());
		Result unseeded = run("generate", "--model", model, "--prompt-ids", g[0], "--max-new-tokens", "2",
				"--temperature", "1");
		assertThat(unseeded.err()).contains("--seed");
		Result greedyTopK = run("generate", "--model", model, "--prompt-ids", g[0], "--top-k", "5");
		assertThat(greedyTopK.code()).isEqualTo(2);
		assertThat(greedyTopK.err()).contains("--top-k").contains("--temperature");
		assertThat(run("generate", "--model", model, "--prompt-ids", g[0], "--temperature", "1", "--top-p", "0").err())
			.contains("--top-p must be in (0, 1]");
	}

	@Test
	void contextLimitIsReportedBeforeGenerating() {
		String[] g = golden("tiny-cohere2");
		String model = Fixtures.engine("tiny-cohere2").toString();
		Result r = run("generate", "--model", model, "--prompt-ids", g[0], "--max-new-tokens", "10", "--max-context",
				"15");
		assertThat(r.code()).isEqualTo(1);
		assertThat(r.err()).contains("context limit of 15").contains("at most 4 new tokens");
		Result fits = run("generate", "--model", model, "--prompt-ids", g[0], "--max-new-tokens", "4", "--max-context",
				"15");
		assertThat(fits.code()).as(fits.err()).isZero();
		Result tooLarge = run("generate", "--model", model, "--prompt-ids", g[0], "--max-context", "100000");
		assertThat(tooLarge.code()).isEqualTo(2);
		assertThat(tooLarge.err()).contains("max_position_embeddings");
	}

	@Test
	void corruptModelIsReportedNotCrashed(@TempDir Path dir) throws IOException {
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
		// untimed decode steps until their time stopped falling: at least 8, at most 64
		assertThat(json.get("warm_up_steps").asInt()).isBetween(8, 64);
	}

	@ParameterizedTest
	@ValueSource(strings = { "q8_0", "q4_0" })
	void benchSyntheticQuantizesOnRequestAndReportsTheDtype(String quantize) {
		Result r = run("bench", "--synthetic", Fixtures.engine("tiny-cohere2").resolve("config.json").toString(),
				"--device", "cpu", "--prompt-tokens", "9", "--new-tokens", "5", "--threads", "2", "--quantize",
				quantize);
		assertThat(r.code()).as(r.err()).isZero();
		JsonNode json = JsonMapper.builder().build().readTree(r.lastLine());
		assertThat(json.get("dtype").asString()).isEqualTo(quantize);
		assertThat(json.get("output_dtype").asString()).isEqualTo("q8_0");
		assertThat(json.get("decode_tokens_per_s").asDouble()).isPositive();
	}

	@Test
	void benchSyntheticQuantizesTheOutputMatrixAsAsked() {
		String config = Fixtures.engine("tiny-cohere2").resolve("config.json").toString();
		Result all = run("bench", "--synthetic", config, "--device", "cpu", "--prompt-tokens", "4", "--new-tokens", "2",
				"--threads", "2", "--quantize", "q4_0", "--quantize-output", "q4_0");
		assertThat(all.code()).as(all.err()).isZero();
		JsonNode json = JsonMapper.builder().build().readTree(all.lastLine());
		assertThat(json.get("dtype").asString()).isEqualTo("q4_0");
		assertThat(json.get("output_dtype").asString()).isEqualTo("q4_0");
		Result outputOnly = run("bench", "--synthetic", config, "--device", "cpu", "--prompt-tokens", "4",
				"--new-tokens", "2", "--threads", "2", "--quantize-output", "q8_0");
		assertThat(outputOnly.code()).as(outputOnly.err()).isZero();
		json = JsonMapper.builder().build().readTree(outputOnly.lastLine());
		assertThat(json.get("dtype").asString()).isEqualTo("bf16");
		assertThat(json.get("output_dtype").asString()).isEqualTo("q8_0");
		Result bad = run("bench", "--synthetic", config, "--quantize", "q4_0", "--quantize-output", "q6_k");
		assertThat(bad.code()).isEqualTo(2);
		assertThat(bad.err()).contains("--quantize-output: Unknown quantization 'q6_k'; use one of none, q8_0, q4_0");
	}

	@Test
	void generateWithQ8_0WeightsKeepsTheGreedyIdsOfTheFirstSteps() {
		String[] g = golden("tiny-cohere");
		String model = Fixtures.engine("tiny-cohere").toString();
		Result full = run("generate", "--model", model, "--prompt-ids", g[0], "--max-new-tokens", "2");
		Result q8 = run("generate", "--model", model, "--prompt-ids", g[0], "--max-new-tokens", "2", "--quantize",
				"Q8_0");
		assertThat(q8.code()).as(q8.err()).isZero();
		assertThat(q8.lastLine()).isEqualTo(full.lastLine());
		Result bad = run("generate", "--model", model, "--prompt-ids", g[0], "--quantize", "q5_1");
		assertThat(bad.code()).isEqualTo(2);
		assertThat(bad.err()).contains("--quantize: Unknown quantization 'q5_1'; use one of none, q8_0, q4_0");
	}

	@Test
	void benchSamplesInsideTheTimedDecodeWithTemperature() {
		Result r = run("bench", "--synthetic", Fixtures.engine("tiny-cohere2").resolve("config.json").toString(),
				"--device", "cpu", "--prompt-tokens", "8", "--new-tokens", "6", "--threads", "1", "--temperature",
				"0.7", "--top-p", "0.9", "--seed", "3");
		assertThat(r.code()).as(r.err()).isZero();
		JsonNode json = JsonMapper.builder().build().readTree(r.lastLine());
		assertThat(json.get("temperature").asDouble()).isEqualTo(0.7);
		assertThat(json.get("decode_tokens_per_s").asDouble()).isPositive();
		Result greedyOnly = run("bench", "--synthetic",
				Fixtures.engine("tiny-cohere2").resolve("config.json").toString(), "--device", "cpu", "--prompt-tokens",
				"8", "--new-tokens", "6", "--top-p", "0.9");
		assertThat(greedyOnly.code()).isEqualTo(2);
		assertThat(greedyOnly.err()).contains("--top-p only applies to sampling");
	}

	@Test
	void benchBatchReportsAggregateAndPerSequenceDecodeWithinTheKvBudget() {
		String config = Fixtures.engine("tiny-cohere2").resolve("config.json").toString();
		Result r = run("bench", "--synthetic", config, "--device", "cpu", "--prompt-tokens", "12", "--new-tokens", "5",
				"--threads", "1", "--batch", "4");
		assertThat(r.code()).as(r.err()).isZero();
		JsonNode json = JsonMapper.builder().build().readTree(r.lastLine());
		assertThat(json.get("batch").asInt()).isEqualTo(4);
		double perSequence = json.get("decode_tokens_per_s").asDouble();
		assertThat(perSequence).isPositive();
		assertThat(json.get("aggregate_decode_tokens_per_s").asDouble()).isCloseTo(4 * perSequence,
				org.assertj.core.api.Assertions.within(1e-6 * perSequence));
		assertThat(json.get("kv_cache_bytes").asLong()).isPositive()
			.isLessThanOrEqualTo(json.get("kv_cache_memory").asLong());
		Result tooSmall = run("bench", "--synthetic", config, "--device", "cpu", "--prompt-tokens", "12",
				"--new-tokens", "5", "--threads", "1", "--batch", "4", "--kv-cache-memory", "32KB");
		assertThat(tooSmall.code()).isEqualTo(1);
		assertThat(tooSmall.err()).contains("fewer than 4 sequences of 17 tokens need");
		Result badSize = run("bench", "--synthetic", config, "--batch", "2", "--kv-cache-memory", "lots");
		assertThat(badSize.code()).isEqualTo(2);
		assertThat(badSize.err()).contains("--kv-cache-memory 'lots' is not a size");
		Result badBatch = run("bench", "--synthetic", config, "--batch", "0");
		assertThat(badBatch.code()).isEqualTo(2);
		assertThat(badBatch.err()).contains("--batch must be at least 1");
	}

	@Test
	void benchSharedPrefixTimesTheFirstTokenOfARequestReusingAnEarlierOnesBlocks() {
		String config = Fixtures.engine("tiny-cohere2").resolve("config.json").toString();
		Result r = run("bench", "--synthetic", config, "--device", "cpu", "--prompt-tokens", "4", "--threads", "1",
				"--shared-prefix-tokens", "160");
		assertThat(r.code()).as(r.err()).isZero();
		JsonNode json = JsonMapper.builder().build().readTree(r.lastLine());
		assertThat(json.get("shared_prefix_tokens").asInt()).isEqualTo(160);
		assertThat(json.get("ttft_first_s").asDouble()).isPositive();
		assertThat(json.get("ttft_shared_s").asDouble()).isPositive();
		// 160 of the second prompt's 164 tokens come from the cache
		assertThat(json.get("prefix_hit_rate").asDouble()).isCloseTo(160.0 / (164 + 164),
				org.assertj.core.api.Assertions.within(1e-9));
	}

	@Test
	void kvCacheTypeFlagSetsTheCacheFormatAndUnknownTypesAreUsageErrors() {
		String config = Fixtures.engine("tiny-cohere2").resolve("config.json").toString();
		long[] bytes = new long[2];
		String[] types = { "f32", "bf16" };
		for (int i = 0; i < types.length; i++) {
			Result r = run("bench", "--synthetic", config, "--device", "cpu", "--prompt-tokens", "8", "--new-tokens",
					"2", "--threads", "1", "--kv-cache-type", types[i]);
			assertThat(r.code()).as(r.err()).isZero();
			JsonNode json = JsonMapper.builder().build().readTree(r.lastLine());
			assertThat(json.get("kv_cache_type").asString()).isEqualTo(types[i]);
			bytes[i] = json.get("kv_cache_bytes").asLong();
		}
		assertThat(bytes[1]).isPositive().isEqualTo(bytes[0] / 2);
		for (List<String> command : List.of(List.of("bench", "--synthetic", config),
				List.of("generate", "--model", "unused", "--prompt-ids", "5"), List.of("serve", "--model", "unused"))) {
			List<String> args = new java.util.ArrayList<>(command);
			args.addAll(List.of("--kv-cache-type", "q8"));
			Result bad = run(args.toArray(String[]::new));
			assertThat(bad.code()).as(command.get(0)).isEqualTo(2);
			assertThat(bad.err()).as(command.get(0))
				.contains("--kv-cache-type: Unknown KV cache type 'q8'; use one of f32, bf16, f16");
		}
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
		return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
				new String(err, StandardCharsets.UTF_8));
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
	void everyCommandHasHelpAndVersion() {
		Result top = run("--help");
		assertThat(top.code()).isZero();
		assertThat(top.out()).contains("generate").contains("bench").contains("serve").contains("--version");
		assertThat(run("help", "serve").out()).contains("--served-model-name");
		for (String command : List.of("generate", "bench", "serve")) {
			Result help = run(command, "--help");
			assertThat(help.code()).as(command).isZero();
			assertThat(help.out()).as(command).contains("Usage:").contains("--kv-cache-type").contains("--threads");
			Result version = run(command, "--version");
			assertThat(version.code()).as(command).isZero();
			assertThat(version.out()).as(command).containsPattern("cohere-engine \\d+\\.\\d+\\.\\d+");
		}
		assertThat(run("serve", "--help").out()).contains("--served-model-name").contains("--embed-model");
		assertThat(run("generate", "--help").out()).contains("--prompt-ids").contains("--chat");
	}

	@Test
	void usageErrorsAreSpecificAndExitWith2() {
		Result none = run();
		assertThat(none.code()).isEqualTo(2);
		assertThat(none.err()).contains("Usage:").contains("generate");
		Result unknown = run("generate", "--model", "m", "--prompt-ids", "5", "--frobnicate");
		assertThat(unknown.code()).isEqualTo(2);
		assertThat(unknown.err()).contains("Unknown option: '--frobnicate'").contains("generate --help");
		Result notANumber = run("generate", "--model", "m", "--prompt-ids", "5", "--max-new-tokens", "many");
		assertThat(notANumber.code()).isEqualTo(2);
		assertThat(notANumber.err()).contains("--max-new-tokens").contains("'many'");
		Result noValue = run("serve", "--model");
		assertThat(noValue.code()).isEqualTo(2);
		assertThat(noValue.err()).contains("--model");
		Result missing = run("serve", "--port", "0");
		assertThat(missing.code()).isEqualTo(2);
		assertThat(missing.err()).contains("Missing required option").contains("--model");
		Result nan = run("generate", "--model", "m", "--prompt-ids", "5", "--temperature", "NaN");
		assertThat(nan.code()).isEqualTo(2);
		assertThat(nan.err()).contains("--temperature needs a finite number");
		Result port = run("serve", "--model", "m", "--port", "70000");
		assertThat(port.code()).isEqualTo(2);
		assertThat(port.err()).contains("--port must be between 0 and 65535 but was 70000");
	}

}
