package dev.springcohere.engine.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackends;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.engine.backend.LocalBackendProvider;
import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.DecodeSession;
import dev.springcohere.engine.decode.Generator;
import dev.springcohere.engine.decode.KvCacheType;
import dev.springcohere.engine.decode.Sampler;
import dev.springcohere.engine.decode.SamplingParams;
import dev.springcohere.engine.hub.ConsoleDownloadProgress;
import dev.springcohere.engine.hub.HubClient;
import dev.springcohere.engine.hub.HubException;
import dev.springcohere.engine.hub.HubSettings;
import dev.springcohere.engine.hub.ModelLocator;
import dev.springcohere.engine.model.ModelConfig;
import dev.springcohere.engine.model.ModelFormatException;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.WeightQuantization;
import dev.springcohere.engine.model.WeightQuantizer;
import dev.springcohere.engine.server.CohereCompatibleServer;
import dev.springcohere.engine.tokenizer.ChatTemplateException;
import dev.springcohere.engine.tokenizer.ChatTemplateRequest;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import dev.springcohere.engine.tokenizer.StreamingDecoder;
import dev.springcohere.engine.tokenizer.TokenizerConfig;
import dev.springcohere.engine.tokenizer.TokenizerException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's command line: {@code generate} (token ids or text, optionally through the
 * chat template, streamed as it is produced) and {@code bench}; {@code serve} is reserved
 * for the server layer. When started without the {@code jdk.incubator.vector} module (as
 * {@code java -jar} does), it re-launches the same Java binary with the needed options.
 */
public final class EngineCli {

	static final String RELAUNCHED = "springcohere.engine.relaunched";

	private final PrintStream out;

	private final PrintStream err;

	private final Map<String, String> environment;

	/**
	 * Creates a CLI writing to the given streams and reading the process environment (for
	 * the Hugging Face variables {@code HF_ENDPOINT}, {@code HF_HOME}, {@code HF_TOKEN},
	 * {@code HF_HUB_OFFLINE}, …).
	 * @param out standard output
	 * @param err standard error
	 */
	public EngineCli(PrintStream out, PrintStream err) {
		this(out, err, System.getenv());
	}

	/**
	 * Creates a CLI writing to the given streams with the given environment variables.
	 * @param out standard output
	 * @param err standard error
	 * @param environment the environment variables to read the Hugging Face settings from
	 */
	public EngineCli(PrintStream out, PrintStream err, Map<String, String> environment) {
		this.out = out;
		this.err = err;
		this.environment = Map.copyOf(environment);
	}

	/**
	 * Entry point.
	 * @param args the command line
	 * @throws Exception if the child JVM cannot be started
	 */
	public static void main(String[] args) throws Exception {
		if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
			if (Boolean.getBoolean(RELAUNCHED)) {
				System.err.println("The jdk.incubator.vector module is missing even after re-launch; start with "
						+ "--add-modules jdk.incubator.vector");
				System.exit(1);
			}
			System.exit(relaunch(args));
		}
		quietCudaProbe();
		System.exit(new EngineCli(System.out, System.err).run(args));
	}

	/**
	 * DJL's tokenizer library probes for CUDA when it loads and logs a warning where CUDA
	 * libraries exist without a usable driver; the engine never uses DJL's CUDA, so that
	 * warning is noise in a correct setup (an explicit level still wins).
	 */
	private static void quietCudaProbe() {
		String key = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";
		if (System.getProperty(key) == null) {
			System.setProperty(key, "error");
		}
	}

	private static int relaunch(String[] args) throws IOException, InterruptedException {
		String javaBinary = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		List<String> command = new ArrayList<>();
		command.add(javaBinary);
		command.add("--add-modules");
		command.add("jdk.incubator.vector");
		command.add("--enable-native-access=ALL-UNNAMED");
		for (String jvmArg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
			if (jvmArg.startsWith("-X") || jvmArg.startsWith("-D")) {
				command.add(jvmArg);
			}
		}
		command.add("-D" + RELAUNCHED + "=true");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(EngineCli.class.getName());
		command.addAll(Arrays.asList(args));
		Process process = new ProcessBuilder(command).inheritIO().start();
		// stopping this launcher (Ctrl-C, SIGTERM) must stop the re-launched JVM too,
		// e.g. a running 'serve'
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "cohere-engine-relaunch-stop"));
		return process.waitFor();
	}

	/**
	 * Runs one command.
	 * @param args the command line
	 * @return the exit code: 0 success, 1 failure, 2 usage error
	 */
	public int run(String[] args) {
		if (args.length == 0) {
			this.err.println(usage());
			return 2;
		}
		try {
			return switch (args[0]) {
				case "generate" -> generate(args);
				case "bench" -> bench(args);
				case "serve" -> serve(args);
				case "help", "--help", "-h" -> {
					this.out.println(usage());
					yield 0;
				}
				default -> throw new CliException("Unknown command '" + args[0] + "'\n" + usage());
			};
		}
		catch (CliException ex) {
			this.err.println("error: " + ex.getMessage());
			return 2;
		}
		catch (ModelFormatException | TokenizerException | ChatTemplateException | HubException | CohereException
				| UncheckedIOException | IllegalArgumentException | IllegalStateException ex) {
			this.err.println("error: " + ex.getMessage());
			return 1;
		}
	}

	private static String usage() {
		return """
				usage:
				  generate --model DIR|FILE.gguf|ORG/NAME[@REVISION][:FILE.gguf] (--prompt-ids 5,17,42 | --prompt "text" [--chat]) [--max-new-tokens N]
				           [--temperature T [--top-k K] [--top-p P] [--seed S]] [--max-context C]
				           [--device cpu|cuda|auto] [--threads T] [--quantize q8_0|q4_0] [--kv-cache-type bf16|f16|f32]
				      prints the generated text (with --prompt) and, on the last line, the new token ids
				      --kv-cache-type is the number format of the KV cache (default bf16: half the memory of f32)
				      a Hugging Face model id is downloaded into the HF cache (HF_HOME, HF_ENDPOINT, HF_TOKEN,
				      HF_HUB_OFFLINE are honoured); ORG/NAME:FILE.gguf downloads one GGUF file of the repository;
				      a GGUF file is a complete model (weights, tokenizer, chat template)
				  bench (--model DIR|FILE.gguf|ORG/NAME[:FILE.gguf] | --synthetic CONFIG_JSON) --device cpu|cuda --prompt-tokens P --new-tokens N [--threads T]
				        [--quantize q8_0|q4_0] [--temperature T [--top-k K] [--top-p P] [--seed S]] [--kv-cache-type bf16|f16|f32]
				        [--batch N | --shared-prefix-tokens S] [--kv-cache-memory SIZE]
				      prints one JSON line; with --temperature the timed decode samples each token (default greedy);
				      --batch N decodes N sequences in one batch (adds aggregate_decode_tokens_per_s);
				      --shared-prefix-tokens S times the first token of two requests sharing S prompt tokens
				      (ttft_first_s, ttft_shared_s, ttft_ratio), each with --prompt-tokens tokens of its own
				  serve --model DIR|FILE.gguf|ORG/NAME[@REVISION][:FILE.gguf] [--embed-model DIR] [--rerank-model DIR] [--host H] [--port P]
				        [--api-key KEY] [--max-context C] [--pool-size N] [--threads T] [--quantize q8_0|q4_0]
				        [--kv-cache-type bf16|f16|f32] [--kv-cache-memory SIZE]
				      --pool-size is the most requests decoded together in one batch; --kv-cache-memory (e.g. 2GB)
				      the budget of the paged KV cache they share (default: pool-size sequences of max-context)
				      a Cohere-v2-compatible HTTP server (/v2/chat JSON and SSE, /v2/embed, /v2/rerank,
				      /v1/tokenize, /v1/detokenize) over the local engine; prints its base URL, runs until stopped;
				      the bearer key may also come from the SPRINGCOHERE_SERVE_API_KEY environment variable
				  --quantize q8_0|q4_0 quantizes a safetensors checkpoint's weights on load (off-heap)""";
	}

	private static KvCacheType kvCacheType(CliArgs a) {
		String text = a.get("--kv-cache-type");
		if (text == null) {
			return KvCacheType.DEFAULT;
		}
		try {
			return KvCacheType.of(text);
		}
		catch (IllegalArgumentException ex) {
			throw new CliException("--kv-cache-type: " + ex.getMessage());
		}
	}

	private static String device(CliArgs a) {
		String device = a.get("--device");
		device = device == null ? "auto" : device.toLowerCase(Locale.ROOT);
		return switch (device) {
			case "cpu", "auto" -> "cpu";
			case "cuda" -> throw new CliException(
					"--device cuda: this build of the engine has no CUDA support yet; use --device cpu");
			default -> throw new CliException("Unknown --device '" + device + "'; use cpu, cuda or auto");
		};
	}

	private int serve(String[] args) {
		CliArgs a = new CliArgs(args, 1, Set.of(),
				Set.of("--model", "--embed-model", "--rerank-model", "--host", "--port", "--api-key", "--max-context",
						"--pool-size", "--threads", "--device", "--quantize", "--kv-cache-type", "--kv-cache-memory"));
		device(a);
		quantization(a);
		kvCacheType(a);
		kvCacheMemory(a);
		int port = a.intValue("--port", 8080);
		if (port < 0 || port > 65535) {
			throw new CliException("--port must be between 0 and 65535 but was " + port);
		}
		BackendSettings.Builder settings = BackendSettings.builder()
			.property("local.model", a.require("--model"))
			.property("local.threads", String.valueOf(threads(a)));
		copy(a, "--embed-model", "local.embed-model", settings);
		copy(a, "--rerank-model", "local.rerank-model", settings);
		copy(a, "--max-context", "local.max-context", settings);
		copy(a, "--pool-size", "local.pool-size", settings);
		copy(a, "--quantize", "local.quantize", settings);
		copy(a, "--kv-cache-type", "local.kv-cache-type", settings);
		copy(a, "--kv-cache-memory", "local.kv-cache-memory", settings);
		String host = (a.get("--host") != null) ? a.get("--host") : "127.0.0.1";
		@Nullable String apiKey = (a.get("--api-key") != null) ? a.get("--api-key")
				: this.environment.get("SPRINGCOHERE_SERVE_API_KEY");
		CountDownLatch stopped = new CountDownLatch(1);
		try (CohereBackend backend = CohereBackends.load(EngineCli.class.getClassLoader())
			.create("local", settings.build());
				CohereCompatibleServer server = CohereCompatibleServer.start(backend, new InetSocketAddress(host, port),
						apiKey)) {
			Thread hook = new Thread(stopped::countDown, "cohere-serve-shutdown");
			Runtime.getRuntime().addShutdownHook(hook);
			this.out.println("Serving " + backend.capabilities() + " at " + server.baseUrl()
					+ ((apiKey != null) ? " (bearer key required)" : ""));
			this.out.flush();
			try {
				stopped.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				removeHook(hook);
			}
			this.out.println("Stopped");
			return 0;
		}
	}

	private static WeightQuantization quantization(CliArgs a) {
		String value = a.get("--quantize");
		if (value == null) {
			return WeightQuantization.NONE;
		}
		try {
			return WeightQuantization.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new CliException("--quantize: " + ex.getMessage());
		}
	}

	private static void copy(CliArgs a, String option, String property, BackendSettings.Builder settings) {
		String value = a.get(option);
		if (value != null) {
			settings.property(property, value);
		}
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down: the hook is running or has run
		}
	}

	/**
	 * Resolves {@code --model}: an existing checkpoint directory or {@code .gguf} file as
	 * it is, or a Hugging Face model id ({@code org/name[@revision]}, or
	 * {@code org/name[@revision]:FILE.gguf} for one GGUF file) downloaded into the
	 * Hugging Face cache (or found there when offline).
	 */
	private Path modelDirectory(String model) {
		Path dir = Path.of(model);
		if (Files.isDirectory(dir) || ModelWeights.isGguf(dir)) {
			return dir;
		}
		HubClient hub = HubClient.builder()
			.settings(HubSettings.fromEnvironment(this.environment))
			.progress(new ConsoleDownloadProgress(this.err, System.console() != null, System::nanoTime))
			.build();
		return new ModelLocator(hub).resolve(model);
	}

	private static int threads(CliArgs a) {
		int threads = a.intValue("--threads", Runtime.getRuntime().availableProcessors());
		if (threads < 1) {
			throw new CliException("--threads must be at least 1");
		}
		return threads;
	}

	private int generate(String[] args) {
		CliArgs a = new CliArgs(args, 1, Set.of("--chat"),
				Set.of("--model", "--prompt-ids", "--prompt", "--max-new-tokens", "--device", "--threads",
						"--temperature", "--top-k", "--top-p", "--seed", "--max-context", "--quantize",
						"--kv-cache-type"));
		device(a);
		WeightQuantization quantization = quantization(a);
		KvCacheType kvCacheType = kvCacheType(a);
		boolean text = a.has("--prompt");
		if (text == a.has("--prompt-ids")) {
			throw new CliException("generate needs exactly one of --prompt \"text\" or --prompt-ids 5,17,42"
					+ (text ? " (they are mutually exclusive)" : ""));
		}
		if (a.flag("--chat") && !text) {
			throw new CliException(
					"--chat applies the chat template to a text --prompt; it cannot be used with " + "--prompt-ids");
		}
		int maxNew = a.intValue("--max-new-tokens", 32);
		if (maxNew < 0) {
			throw new CliException("--max-new-tokens must be >= 0");
		}
		SamplingParams sampling = sampling(a);
		Path dir = modelDirectory(a.require("--model"));
		if (text && !ModelWeights.isGguf(dir) && !Files.isRegularFile(dir.resolve(HfTokenizer.FILE_NAME))) {
			throw new CliException("--prompt needs the tokenizer files (" + HfTokenizer.FILE_NAME + ", and "
					+ TokenizerConfig.FILE_NAME + " with its chat template for --chat) beside the weights, but "
					+ dir.resolve(HfTokenizer.FILE_NAME)
					+ " is missing; copy them from the checkpoint or pass token ids with --prompt-ids");
		}
		try (ModelWeights weights = WeightQuantizer.quantize(ModelWeights.open(dir), quantization); @Nullable
		HfTokenizer tokenizer = text ? HfTokenizer.load(dir) : null;
				VectorKernels kernels = new VectorKernels(threads(a))) {
			CohereModel model = new CohereModel(weights, kernels, kvCacheType);
			int maxContext = a.intValue("--max-context", model.maxContext());
			if (maxContext < 1 || maxContext > model.maxContext()) {
				throw new CliException("--max-context must be between 1 and the model's max_position_embeddings ("
						+ model.maxContext() + ") but was " + maxContext);
			}
			Set<Integer> stops = new HashSet<>(weights.stopTokenIds());
			int[] prompt;
			@Nullable StreamingDecoder decoder = null;
			if (tokenizer != null) {
				tokenizer.specialTokens().eos().ifPresent(stops::add);
				tokenizer.specialTokens().endOfTurn().ifPresent(stops::add);
				String promptText = a.require("--prompt");
				prompt = a.flag("--chat") ? tokenizer
					.encodeChat(ChatTemplateRequest.builder(List.of(Map.of("role", "user", "content", promptText)))
						.addGenerationPrompt(true)
						.build()) : tokenizer.encode(promptText, true);
				decoder = tokenizer.newStreamingDecoder(true);
			}
			else {
				prompt = parseIds(a.require("--prompt-ids"));
			}
			@Nullable StreamingDecoder streaming = decoder;
			List<Integer> ids = new Generator(model).generate(prompt, maxNew, sampling, stops, maxContext, id -> {
				if (streaming != null) {
					this.out.print(streaming.next(id));
					this.out.flush();
				}
			});
			if (streaming != null) {
				this.out.println(streaming.flush());
			}
			this.out.println(ids.stream().map(String::valueOf).collect(Collectors.joining(",")));
		}
		return 0;
	}

	private SamplingParams sampling(CliArgs a) {
		double temperature = a.doubleValue("--temperature", 0);
		if (temperature < 0) {
			throw new CliException("--temperature must be >= 0 (0 means greedy) but was " + temperature);
		}
		if (temperature == 0) {
			for (String option : List.of("--top-k", "--top-p", "--seed")) {
				if (a.has(option)) {
					throw new CliException(option + " only applies to sampling; add --temperature T (T > 0) or "
							+ "drop " + option + " for greedy decoding");
				}
			}
			return SamplingParams.greedy();
		}
		int topK = a.intValue("--top-k", 0);
		if (topK < 0) {
			throw new CliException("--top-k must be >= 0 (0 keeps all tokens) but was " + topK);
		}
		double topP = a.doubleValue("--top-p", 1.0);
		if (!(topP > 0 && topP <= 1)) {
			throw new CliException("--top-p must be in (0, 1] but was " + topP);
		}
		long seed;
		if (a.has("--seed")) {
			seed = a.longValue("--seed", 0);
		}
		else {
			seed = new SplittableRandom().nextLong();
			this.err.println("sampling with --seed " + seed + " (pass it to reproduce this output)");
		}
		return new SamplingParams(temperature, topK, topP, seed);
	}

	/**
	 * Runs a short untimed prefill and two decode steps, so the JIT has compiled the
	 * kernels before the timed run (as llama.cpp's llama-bench does with its warm-up
	 * run).
	 */
	private static void warmUp(CohereModel decoder, int[] prompt) {
		DecodeSession warm = decoder.newSession();
		float[] logits = warm.prefill(Arrays.copyOf(prompt, Math.min(prompt.length, 8)));
		for (int i = 0; i < 2 && warm.position() < warm.maxContext(); i++) {
			logits = warm.step(Sampler.argmax(logits));
		}
	}

	/**
	 * {@code bench --batch N} (aggregate decode of N sequences) or
	 * {@code --shared-prefix-tokens P} (time to first token with and without a cached
	 * prefix), after an untimed batched warm-up.
	 */
	private static Map<String, Object> batched(CohereModel decoder, int[] prompt, int batch, int sharedPrefix,
			int newTokens, SamplingParams sampling, @Nullable Long kvCacheMemory) {
		if (sharedPrefix > 0) {
			int vocab = decoder.config().vocabSize();
			int[] shared = new int[sharedPrefix];
			for (int i = 0; i < sharedPrefix; i++) {
				shared[i] = (i * 7919 + 11) % vocab;
			}
			int own = prompt.length;
			long budget = (kvCacheMemory != null) ? kvCacheMemory
					: BatchBench.budgetFor(decoder, 2, (long) sharedPrefix + own);
			new BatchBench(decoder, BatchBench.budgetFor(decoder, 1, 16)).decode(Arrays.copyOf(prompt, 8), 1, 2,
					sampling);
			return new BatchBench(decoder, budget).sharedPrefix(shared, own);
		}
		long budget = (kvCacheMemory != null) ? kvCacheMemory
				: BatchBench.budgetFor(decoder, batch, (long) prompt.length + newTokens);
		BatchBench bench = new BatchBench(decoder, budget);
		bench.decode(Arrays.copyOf(prompt, Math.min(prompt.length, 8)), batch, 2, sampling);
		return bench.decode(prompt, batch, newTokens, sampling);
	}

	private static @Nullable Long kvCacheMemory(CliArgs a) {
		String text = a.get("--kv-cache-memory");
		if (text == null) {
			return null;
		}
		try {
			return LocalBackendProvider.KV_CACHE_MEMORY.convert(text);
		}
		catch (IllegalArgumentException ex) {
			throw new CliException("--kv-cache-memory '" + text
					+ "' is not a size; use a number of bytes or a size such as 512MB or 4GB");
		}
	}

	private static int[] parseIds(String text) {
		try {
			int[] ids = Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
			if (ids.length == 0) {
				throw new CliException("--prompt-ids is empty");
			}
			return ids;
		}
		catch (NumberFormatException ex) {
			throw new CliException("--prompt-ids must be comma-separated integers but was '" + text + "'");
		}
	}

	private int bench(String[] args) {
		CliArgs a = new CliArgs(args, 1, Set.of(),
				Set.of("--model", "--synthetic", "--device", "--prompt-tokens", "--new-tokens", "--threads",
						"--quantize", "--temperature", "--top-k", "--top-p", "--seed", "--kv-cache-type", "--batch",
						"--kv-cache-memory", "--shared-prefix-tokens"));
		String device = device(a);
		int batch = a.intValue("--batch", 0);
		int sharedPrefix = a.intValue("--shared-prefix-tokens", 0);
		Long kvCacheMemory = kvCacheMemory(a);
		if (a.get("--batch") != null && batch < 1) {
			throw new CliException("--batch must be at least 1 but was " + batch);
		}
		if (a.get("--shared-prefix-tokens") != null && sharedPrefix < 1) {
			throw new CliException("--shared-prefix-tokens must be at least 1 but was " + sharedPrefix);
		}
		WeightQuantization quantization = quantization(a);
		KvCacheType kvCacheType = kvCacheType(a);
		SamplingParams sampling = sampling(a);
		int promptTokens = a.intValue("--prompt-tokens", 128);
		int newTokens = a.intValue("--new-tokens", 32);
		if (promptTokens < 1 || newTokens < 1) {
			throw new CliException("--prompt-tokens and --new-tokens must be at least 1");
		}
		String model = a.get("--model");
		String synthetic = a.get("--synthetic");
		if ((model == null) == (synthetic == null)) {
			throw new CliException("bench needs exactly one of --model DIR or --synthetic CONFIG_JSON");
		}
		if (synthetic != null && !Files.isRegularFile(Path.of(synthetic))) {
			throw new CliException("--synthetic config " + synthetic + " does not exist");
		}
		int threads = threads(a);
		try (ModelWeights weights = model != null
				? WeightQuantizer.quantize(ModelWeights.open(modelDirectory(model)), quantization)
				: SyntheticWeights.create(ModelConfig.read(Path.of(synthetic)), 1234, quantization);
				VectorKernels kernels = new VectorKernels(threads)) {
			CohereModel decoder = new CohereModel(weights, kernels, kvCacheType);
			int vocab = weights.config().vocabSize();
			int[] prompt = new int[promptTokens];
			for (int i = 0; i < promptTokens; i++) {
				prompt[i] = (i * 7919 + 11) % vocab;
			}
			if (batch > 0 || sharedPrefix > 0) {
				Map<String, Object> result = batched(decoder, prompt, batch, sharedPrefix, newTokens, sampling,
						kvCacheMemory);
				result.put("device", device);
				result.put("dtype",
						weights.tensor("model.layers.0.mlp.down_proj.weight").dtype().name().toLowerCase(Locale.ROOT));
				result.put("threads", threads);
				result.put("prompt_tokens", promptTokens);
				result.put("new_tokens", newTokens);
				result.put("temperature", sampling.temperature());
				result.put("kv_cache_type", kvCacheType.id());
				this.out.println(JsonMapper.builder().build().writeValueAsString(result));
				return 0;
			}
			warmUp(decoder, prompt);
			DecodeSession session = decoder.newSession();
			Sampler sampler = new Sampler(sampling);
			long t0 = System.nanoTime();
			float[] logits = session.prefill(prompt);
			long t1 = System.nanoTime();
			for (int i = 0; i < newTokens; i++) {
				logits = session.step(sampler.sample(logits));
			}
			long t2 = System.nanoTime();
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("prefill_tokens_per_s", promptTokens / ((t1 - t0) / 1e9));
			result.put("decode_tokens_per_s", newTokens / ((t2 - t1) / 1e9));
			result.put("device", device);
			result.put("dtype",
					weights.tensor("model.layers.0.mlp.down_proj.weight").dtype().name().toLowerCase(Locale.ROOT));
			result.put("threads", threads);
			result.put("prompt_tokens", promptTokens);
			result.put("new_tokens", newTokens);
			result.put("temperature", sampling.temperature());
			result.put("kv_cache_type", kvCacheType.id());
			result.put("kv_cache_bytes", session.kvCacheBytes());
			this.out.println(JsonMapper.builder().build().writeValueAsString(result));
		}
		return 0;
	}

}
