package dev.springcohere.engine.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import dev.springcohere.engine.backend.GenerationScheduler;
import dev.springcohere.engine.decode.BatchEntry;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.CpuDecoderBackend;
import dev.springcohere.engine.decode.KvBlock;
import dev.springcohere.engine.decode.KvBlockPool;
import dev.springcohere.engine.decode.Sampler;
import dev.springcohere.engine.decode.SamplingParams;
import reactor.core.publisher.FluxSink;

/**
 * The batched measurements of {@code bench}: {@code --batch N} decodes N sequences
 * together through the {@link CpuDecoderBackend} (one step feeds one token of each) and
 * reports the aggregate and per-sequence decode rates; {@code --shared-prefix-tokens P}
 * sends two requests through the {@link GenerationScheduler} whose prompts share their
 * first P tokens and reports the time to first token of each (the second reuses the
 * first's KV blocks).
 */
final class BatchBench {

	private final CohereModel model;

	private final KvBlockPool pool;

	private final CpuDecoderBackend backend;

	/**
	 * Creates the bench over a model with a pool of the given budget.
	 * @param model the decoder
	 * @param kvCacheMemory the pool's budget in bytes
	 */
	BatchBench(CohereModel model, long kvCacheMemory) {
		this.model = Objects.requireNonNull(model, "'model' must not be null");
		this.pool = new KvBlockPool(model.config(), model.kvCacheType(), KvBlockPool.DEFAULT_BLOCK_TOKENS,
				kvCacheMemory);
		this.backend = new CpuDecoderBackend(model, this.pool);
	}

	/**
	 * The budget that holds {@code sequences} sequences of {@code tokens} tokens.
	 */
	static long budgetFor(CohereModel model, int sequences, long tokens) {
		long blocks = (tokens + KvBlockPool.DEFAULT_BLOCK_TOKENS) / KvBlockPool.DEFAULT_BLOCK_TOKENS;
		return sequences * blocks * KvBlockPool.DEFAULT_BLOCK_TOKENS
				* KvBlockPool.bytesPerToken(model.config(), model.kvCacheType());
	}

	/**
	 * Prefills {@code batch} prompts (in steps of at most 512 tokens), then decodes
	 * {@code newTokens} tokens of each, one step per token for all of them.
	 * @return the figures of the JSON line
	 */
	Map<String, Object> decode(int[] prompt, int batch, int newTokens, SamplingParams sampling) {
		int blockTokens = this.pool.blockTokens();
		List<List<KvBlock>> tables = new ArrayList<>();
		List<Sampler> samplers = new ArrayList<>();
		int positions = prompt.length + newTokens;
		for (int s = 0; s < batch; s++) {
			List<KvBlock> table = new ArrayList<>();
			for (int b = 0; b < this.pool.blocksFor(positions); b++) {
				KvBlock block = this.pool.allocate();
				if (block == null) {
					throw new IllegalArgumentException("--kv-cache-memory " + this.pool.budgetBytes() + " holds "
							+ this.pool.totalBlocks() + " blocks, fewer than " + batch + " sequences of " + positions
							+ " tokens need; raise it or lower --batch");
				}
				table.add(block);
			}
			tables.add(table);
			samplers.add(new Sampler(
					new SamplingParams(sampling.temperature(), sampling.topK(), sampling.topP(), sampling.seed() + s)));
		}
		// every sequence gets its own prompt (the first token differs), so nothing is
		// shared
		int vocab = this.backend.vocabSize();
		int[][] prompts = new int[batch][];
		for (int s = 0; s < batch; s++) {
			prompts[s] = prompt.clone();
			prompts[s][0] = (prompt[0] + s) % vocab;
		}
		float[][] logits = new float[batch][];
		long t0 = System.nanoTime();
		int chunk = Math.max(1, 512 / batch);
		for (int from = 0; from < prompt.length; from += chunk) {
			int to = Math.min(prompt.length, from + chunk);
			List<BatchEntry> entries = new ArrayList<>();
			for (int s = 0; s < batch; s++) {
				entries.add(new BatchEntry(Arrays.copyOfRange(prompts[s], from, to), from, tables.get(s),
						(to == prompt.length) ? BatchEntry.Logits.LAST : BatchEntry.Logits.NONE));
			}
			List<float[]> out = this.backend.step(entries);
			if (to == prompt.length) {
				for (int s = 0; s < batch; s++) {
					logits[s] = out.get(s);
				}
			}
		}
		long t1 = System.nanoTime();
		for (int i = 0; i < newTokens; i++) {
			List<BatchEntry> entries = new ArrayList<>(batch);
			for (int s = 0; s < batch; s++) {
				int next = samplers.get(s).sample(logits[s]);
				entries
					.add(new BatchEntry(new int[] { next }, prompt.length + i, tables.get(s), BatchEntry.Logits.LAST));
			}
			List<float[]> out = this.backend.step(entries);
			for (int s = 0; s < batch; s++) {
				logits[s] = out.get(s);
			}
		}
		long t2 = System.nanoTime();
		long bytes = this.pool.bytesAllocated();
		tables.forEach((table) -> table.forEach(this.pool::release));
		Map<String, Object> result = new LinkedHashMap<>();
		double decodeSeconds = (t2 - t1) / 1e9;
		result.put("prefill_tokens_per_s", (double) batch * prompt.length / ((t1 - t0) / 1e9));
		result.put("decode_tokens_per_s", newTokens / decodeSeconds);
		result.put("aggregate_decode_tokens_per_s", (double) batch * newTokens / decodeSeconds);
		result.put("batch", batch);
		result.put("kv_cache_bytes", bytes);
		result.put("kv_cache_memory", this.pool.budgetBytes());
		return result;
	}

	/**
	 * Sends a request of {@code shared + own} prompt tokens, then one whose prompt shares
	 * the first {@code shared} tokens and has {@code own} others, each generating one
	 * token, through the scheduler; times each from submission to its first token.
	 * @return the figures of the JSON line
	 */
	Map<String, Object> sharedPrefix(int[] sharedPrompt, int own) {
		int vocab = this.backend.vocabSize();
		int[] first = Arrays.copyOf(sharedPrompt, sharedPrompt.length + own);
		int[] second = Arrays.copyOf(sharedPrompt, sharedPrompt.length + own);
		for (int i = 0; i < own; i++) {
			first[sharedPrompt.length + i] = (17 + 3 * i) % vocab;
			second[sharedPrompt.length + i] = (29 + 5 * i) % vocab;
		}
		try (GenerationScheduler scheduler = new GenerationScheduler(this.backend, 1, 1, Duration.ofHours(1), 512)) {
			double firstSeconds = timeToFirstToken(scheduler, first);
			double secondSeconds = timeToFirstToken(scheduler, second);
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("shared_prefix_tokens", sharedPrompt.length);
			result.put("own_tokens", own);
			result.put("ttft_first_s", firstSeconds);
			result.put("ttft_shared_s", secondSeconds);
			result.put("ttft_ratio", secondSeconds / firstSeconds);
			result.put("prefix_hit_rate", this.pool.prefixHitRate());
			return result;
		}
	}

	private static double timeToFirstToken(GenerationScheduler scheduler, int[] prompt) {
		AtomicLong firstAt = new AtomicLong();
		long start = System.nanoTime();
		scheduler.<Integer>submit(() -> new GenerationScheduler.Sequence<>() {

			@Override
			public int[] prompt() {
				return prompt;
			}

			@Override
			public int maxLength() {
				return prompt.length;
			}

			@Override
			public void start(FluxSink<Integer> sink) {
			}

			@Override
			public int[] next(float[] logits, FluxSink<Integer> sink) {
				firstAt.set(System.nanoTime());
				sink.next(Sampler.argmax(logits));
				return new int[0];
			}

		}).blockLast();
		return (firstAt.get() - start) / 1e9;
	}

}
