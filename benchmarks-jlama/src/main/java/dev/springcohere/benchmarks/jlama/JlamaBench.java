package dev.springcohere.benchmarks.jlama;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntConsumer;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.SafeTensorSupport;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import com.github.tjake.jlama.tensor.operations.TensorOperationsProvider;
import com.github.tjake.jlama.util.PhysicalCoreExecutor;

/**
 * A model loaded in jlama, timed as the engine's {@code bench} times its own: an untimed
 * warm-up (a prefill of the whole prompt, then decode steps until their time stops
 * falling, by the engine's rule), then a prefill of the prompt in one batch and greedy
 * decoding of one token at a time, each step a forward pass, the LM head and the argmax
 * ({@code AbstractModel.sample} at temperature 0), the same calls jlama's own
 * {@code generate} makes, without its tokenizer and text callbacks.
 */
public final class JlamaBench implements AutoCloseable {

	private static final int WARM_UP_MIN_STEPS = 8;

	private static final int WARM_UP_PATIENCE = 8;

	private static final int WARM_UP_MAX_STEPS = 64;

	private static int configuredThreads;

	private final AbstractModel model;

	private JlamaBench(AbstractModel model) {
		this.model = model;
	}

	/**
	 * Sets jlama's thread pool size; jlama allows this once per JVM, before the first
	 * model runs.
	 * @param threads the threads of jlama's pool
	 * @throws IllegalStateException if it was already set to another count
	 */
	public static synchronized void useThreads(int threads) {
		if (configuredThreads == threads) {
			return;
		}
		if (configuredThreads != 0) {
			throw new IllegalStateException("jlama's thread pool is fixed at " + configuredThreads
					+ " threads in this JVM; asked for " + threads);
		}
		PhysicalCoreExecutor.overrideThreadCount(threads);
		configuredThreads = threads;
	}

	/**
	 * Loads a checkpoint in jlama, in the format's quantized copy (written on first use,
	 * which takes a while for the 1B-class shape).
	 * @param dir the bf16 checkpoint ({@link SyntheticLlamaCheckpoint})
	 * @param format the weight and activation types
	 * @return the loaded model
	 * @throws IOException if the quantized copy cannot be written
	 */
	public static JlamaBench load(Path dir, JlamaFormat format) throws IOException {
		Objects.requireNonNull(dir, "'dir' must not be null");
		Objects.requireNonNull(format, "'format' must not be null");
		AbstractModel model = ModelSupport.loadModel(AbstractModel.InferenceType.FULL_GENERATION,
				format.checkpoint(dir).toFile(), null, DType.F32, format.workingQuantization(), Optional.empty(),
				Optional.empty(), Optional.empty(), SafeTensorSupport::loadWeights);
		return new JlamaBench(model);
	}

	/**
	 * The kernels jlama picked (its Vector API ones without {@code jlama-native}).
	 * @return the name of jlama's tensor operations
	 */
	public static String operations() {
		return TensorOperationsProvider.get().name();
	}

	/**
	 * The threads of jlama's pool.
	 * @return the count
	 */
	public static int threads() {
		return PhysicalCoreExecutor.instance.get().getCoreCount();
	}

	/**
	 * Warms up, then times one prefill and decode.
	 * @param prompt the prompt's token ids
	 * @param newTokens the tokens to decode
	 * @return the rates of the timed run
	 */
	public Timing time(int[] prompt, int newTokens) {
		warmUp(prompt);
		return run(prompt, newTokens);
	}

	/**
	 * The engine's {@code bench} warm-up: an untimed prefill of the whole prompt, then
	 * decode steps until their time stops falling (at least {@value #WARM_UP_MIN_STEPS},
	 * then until {@value #WARM_UP_PATIENCE} steps in a row were no faster than the
	 * fastest so far by 2 %, at most {@value #WARM_UP_MAX_STEPS}).
	 * @param prompt the prompt's token ids
	 * @return the decode steps run
	 */
	int warmUp(int[] prompt) {
		try (KvBufferCache cache = new KvBufferCache(this.model);
				KvBufferCache.KvBuffer kv = cache.getKvBuffer(UUID.randomUUID());
				AbstractTensor logits = this.model.makeDenseTensor(this.model.getConfig().vocabularySize)) {
			AbstractTensor last = this.model.batchForward(prompt, 0, kv);
			int next = this.model.sample(last.slice(last.shape().first() - 1), 0f, 0f, logits);
			last.close();
			long fastest = Long.MAX_VALUE;
			int slower = 0;
			int steps = 0;
			while (steps < WARM_UP_MAX_STEPS && prompt.length + steps < this.model.getConfig().contextLength
					&& (steps < WARM_UP_MIN_STEPS || slower < WARM_UP_PATIENCE)) {
				long start = System.nanoTime();
				AbstractTensor out = this.model.forward(next, prompt.length + steps, kv, Optional.empty());
				next = this.model.sample(out, 0f, 0f, logits);
				out.close();
				kv.incrementContextPosition();
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

	/**
	 * Prefills a prompt and decodes greedily.
	 * @param prompt the prompt's token ids
	 * @param newTokens the tokens to decode
	 * @return the rates
	 */
	Timing run(int[] prompt, int newTokens) {
		return decode(prompt, newTokens, (id) -> {
		});
	}

	/**
	 * Greedy continuation of a prompt, for checks.
	 * @param prompt the prompt's token ids
	 * @param newTokens the tokens to decode
	 * @return the ids chosen, the first after the prefill
	 */
	int[] greedy(int[] prompt, int newTokens) {
		int[] out = new int[newTokens];
		int[] next = { 0 };
		decode(prompt, newTokens, (id) -> out[next[0]++] = id);
		return out;
	}

	/**
	 * The calls of jlama's {@code generate} without its tokenizer: the prompt in one
	 * batch, then one token at a time.
	 */
	private Timing decode(int[] prompt, int newTokens, IntConsumer chosen) {
		try (KvBufferCache cache = new KvBufferCache(this.model);
				KvBufferCache.KvBuffer kv = cache.getKvBuffer(UUID.randomUUID());
				AbstractTensor logits = this.model.makeDenseTensor(this.model.getConfig().vocabularySize)) {
			long start = System.nanoTime();
			AbstractTensor last = this.model.batchForward(prompt, 0, kv);
			int next = this.model.sample(last.slice(last.shape().first() - 1), 0f, 0f, logits);
			last.close();
			long prefilled = System.nanoTime();
			for (int i = 0; i < newTokens; i++) {
				chosen.accept(next);
				AbstractTensor out = this.model.forward(next, prompt.length + i, kv, Optional.empty());
				next = this.model.sample(out, 0f, 0f, logits);
				out.close();
				kv.incrementContextPosition();
			}
			long decoded = System.nanoTime();
			return Timing.of(prompt.length, newTokens, start, prefilled, decoded);
		}
	}

	@Override
	public void close() {
		this.model.close();
	}

}
