package dev.springcohere.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.DecodeSession;
import dev.springcohere.engine.decode.KvCacheType;
import dev.springcohere.engine.decode.Sampler;
import dev.springcohere.engine.decode.SamplingParams;
import dev.springcohere.engine.model.ModelConfig;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.QuantizationPlan;
import dev.springcohere.engine.model.WeightQuantizer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code bench}: times the prefill of a prompt and the decoding of new tokens, after a
 * short warm-up, and prints one JSON line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = EngineVersion.class, sortOptions = false,
		description = {
				"Times prefill and decode of a model and prints one JSON line "
						+ "(prefill_tokens_per_s, decode_tokens_per_s, device, dtype, threads, ...).",
				"With --temperature the timed decode samples each token (default greedy)." },
		footer = { "", EngineCli.MODEL_HELP })
final class BenchCommand implements Callable<Integer> {

	private final CliContext context;

	@Option(names = "--model", paramLabel = "DIR|FILE.gguf|ORG/NAME[:FILE.gguf]",
			description = "The model to time (or --synthetic).")
	@Nullable String model;

	@Option(names = "--synthetic", paramLabel = "CONFIG_JSON",
			description = "Time random weights of the shape a config.json describes (or --model).")
	@Nullable String synthetic;

	@Option(names = "--prompt-tokens", paramLabel = "P", defaultValue = "128",
			description = "The prompt length (default: ${DEFAULT-VALUE}).")
	int promptTokens = 128;

	@Option(names = "--new-tokens", paramLabel = "N", defaultValue = "32",
			description = "The tokens decoded (default: ${DEFAULT-VALUE}).")
	int newTokens = 32;

	@Option(names = "--batch", paramLabel = "N",
			description = "Decode N sequences in one batch; adds aggregate_decode_tokens_per_s "
					+ "(decode_tokens_per_s is then per sequence).")
	@Nullable Integer batch;

	@Option(names = "--shared-prefix-tokens", paramLabel = "S",
			description = "Time the first token of two requests sharing S prompt tokens, each with --prompt-tokens "
					+ "tokens of its own (ttft_first_s, ttft_shared_s, ttft_ratio, prefix_hit_rate).")
	@Nullable Integer sharedPrefixTokens;

	@Mixin
	KvCacheMemoryOption kvCacheMemory = new KvCacheMemoryOption();

	@Mixin
	SamplingOptions sampling = new SamplingOptions();

	@Mixin
	RuntimeOptions runtime = new RuntimeOptions();

	private static final int WARM_UP_MIN_STEPS = 8;

	private static final int WARM_UP_PATIENCE = 8;

	private static final int WARM_UP_MAX_STEPS = 64;

	BenchCommand(CliContext context) {
		this.context = context;
	}

	@Override
	public Integer call() {
		String device = this.runtime.device();
		QuantizationPlan quantization = this.runtime.quantization();
		KvCacheType kvCacheType = this.runtime.kvCacheType();
		SamplingParams params = this.sampling.sampling(this.context.err());
		if (this.promptTokens < 1 || this.newTokens < 1) {
			throw new CliException("--prompt-tokens and --new-tokens must be at least 1");
		}
		if ((this.model == null) == (this.synthetic == null)) {
			throw new CliException("bench needs exactly one of --model DIR or --synthetic CONFIG_JSON");
		}
		if (this.batch != null && this.batch < 1) {
			throw new CliException("--batch must be at least 1 but was " + this.batch);
		}
		if (this.sharedPrefixTokens != null && this.sharedPrefixTokens < 1) {
			throw new CliException("--shared-prefix-tokens must be at least 1 but was " + this.sharedPrefixTokens);
		}
		@Nullable Long kvBudget = this.kvCacheMemory.bytes();
		if (this.synthetic != null && !Files.isRegularFile(Path.of(this.synthetic))) {
			throw new CliException("--synthetic config " + this.synthetic + " does not exist");
		}
		int threads = this.runtime.threads();
		try (ModelWeights weights = (this.model != null)
				? WeightQuantizer.quantize(ModelWeights.open(this.context.modelDirectory(this.model)), quantization)
				: SyntheticWeights.create(ModelConfig.read(Path.of(EngineCli.required(this.synthetic, "--synthetic"))),
						1234, quantization);
				VectorKernels kernels = new VectorKernels(threads)) {
			CohereModel decoder = new CohereModel(weights, kernels, kvCacheType);
			int[] prompt = syntheticTokens(this.promptTokens, weights.config().vocabSize());
			if (this.batch != null || this.sharedPrefixTokens != null) {
				Map<String, Object> result = batched(decoder, prompt, (this.batch != null) ? this.batch : 0,
						(this.sharedPrefixTokens != null) ? this.sharedPrefixTokens : 0, params, kvBudget);
				describeRun(result, weights, device, threads, params, kvCacheType);
				this.context.out().println(JsonMapper.builder().build().writeValueAsString(result));
				return 0;
			}
			int warmUpSteps = warmUp(decoder, prompt);
			DecodeSession session = decoder.newSession();
			Sampler sampler = new Sampler(params);
			long t0 = System.nanoTime();
			float[] logits = session.prefill(prompt);
			long t1 = System.nanoTime();
			for (int i = 0; i < this.newTokens; i++) {
				logits = session.step(sampler.sample(logits));
			}
			long t2 = System.nanoTime();
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("prefill_tokens_per_s", this.promptTokens / ((t1 - t0) / 1e9));
			result.put("decode_tokens_per_s", this.newTokens / ((t2 - t1) / 1e9));
			describeRun(result, weights, device, threads, params, kvCacheType);
			result.put("kv_cache_bytes", session.kvCacheBytes());
			result.put("warm_up_steps", warmUpSteps);
			this.context.out().println(JsonMapper.builder().build().writeValueAsString(result));
		}
		return 0;
	}

	/**
	 * What every JSON line reports besides its timings: the device, weight type, threads,
	 * lengths, sampling temperature and KV cache type.
	 */
	private void describeRun(Map<String, Object> result, ModelWeights weights, String device, int threads,
			SamplingParams params, KvCacheType kvCacheType) {
		result.put("device", device);
		result.put("dtype",
				weights.tensor("model.layers.0.mlp.down_proj.weight").dtype().name().toLowerCase(Locale.ROOT));
		String output = weights.config().tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight";
		result.put("output_dtype", weights.tensor(output).dtype().name().toLowerCase(Locale.ROOT));
		result.put("threads", threads);
		result.put("prompt_tokens", this.promptTokens);
		result.put("new_tokens", this.newTokens);
		result.put("temperature", params.temperature());
		result.put("kv_cache_type", kvCacheType.id());
	}

	/** A fixed, spread-out sequence of token ids (the same for every run). */
	private static int[] syntheticTokens(int count, int vocab) {
		int[] tokens = new int[count];
		for (int i = 0; i < count; i++) {
			tokens[i] = (i * 7919 + 11) % vocab;
		}
		return tokens;
	}

	/**
	 * {@code --batch N} (aggregate decode of N sequences) or
	 * {@code --shared-prefix-tokens S} (time to first token with and without a cached
	 * prefix), after an untimed batched warm-up.
	 */
	private Map<String, Object> batched(CohereModel decoder, int[] prompt, int batch, int sharedPrefix,
			SamplingParams sampling, @Nullable Long kvBudget) {
		if (sharedPrefix > 0) {
			int[] shared = syntheticTokens(sharedPrefix, decoder.config().vocabSize());
			int own = prompt.length;
			long budget = (kvBudget != null) ? kvBudget : BatchBench.budgetFor(decoder, 2, (long) sharedPrefix + own);
			new BatchBench(decoder, BatchBench.budgetFor(decoder, 1, 16)).decode(Arrays.copyOf(prompt, 8), 1, 2,
					sampling);
			return new BatchBench(decoder, budget).sharedPrefix(shared, own);
		}
		long budget = (kvBudget != null) ? kvBudget
				: BatchBench.budgetFor(decoder, batch, (long) prompt.length + this.newTokens);
		BatchBench bench = new BatchBench(decoder, budget);
		bench.decode(Arrays.copyOf(prompt, Math.min(prompt.length, 8)), batch, 2, sampling);
		return bench.decode(prompt, batch, this.newTokens, sampling);
	}

	/**
	 * Runs an untimed prefill of the same length as the timed one, then decode steps
	 * until their time stops falling (at least {@value #WARM_UP_MIN_STEPS}, then until
	 * {@value #WARM_UP_PATIENCE} steps in a row were no faster than the fastest so far by
	 * 2 %, at most {@value #WARM_UP_MAX_STEPS}), so that the JIT has compiled the kernels
	 * of both phases before the timed run (as llama.cpp's llama-bench does with its
	 * warm-up run). Two steps were not enough: the one-row GEMVs were still being
	 * compiled during the timed decode, and a 32-token Q4_0 run read 26 tokens/s where a
	 * 256-token one read 35.
	 * @return the decode steps run
	 */
	private static int warmUp(CohereModel decoder, int[] prompt) {
		DecodeSession warm = decoder.newSession();
		float[] logits = warm.prefill(prompt);
		long fastest = Long.MAX_VALUE;
		int slower = 0;
		int steps = 0;
		while (steps < WARM_UP_MAX_STEPS && warm.position() < warm.maxContext()
				&& (steps < WARM_UP_MIN_STEPS || slower < WARM_UP_PATIENCE)) {
			long start = System.nanoTime();
			logits = warm.step(Sampler.argmax(logits));
			long took = System.nanoTime() - start;
			steps++;
			if (took < fastest * 0.98) {
				fastest = took;
				slower = 0;
			}
			else {
				slower++;
			}
		}
		return steps;
	}

}
