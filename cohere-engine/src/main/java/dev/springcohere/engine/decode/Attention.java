package dev.springcohere.engine.decode;

import java.util.Arrays;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.model.ModelConfig;

/**
 * Causal (optionally windowed) grouped-query attention of one layer over the tokens being
 * fed and the {@link KvCache}. The work is split by KV head (and by blocks of rows in a
 * prefill): a task streams each key and value row of its KV head once and uses it for
 * every query head of the group, instead of each query head reading the KV head again.
 * The scratch of every task (scores, widened rows) is kept by the session and reused.
 */
final class Attention {

	/**
	 * Multiply-adds of one layer's attention above which its tasks (KV heads, and blocks
	 * of rows) run in parallel (here and in {@link CpuDecoderBackend}): from about 32
	 * cached positions in a decode step of a 1B-class model, where a layer's attention
	 * takes some tens of microseconds and a parallel loop a few.
	 */
	static final long PARALLEL_WORK = 1L << 16;

	/** Rows (tokens being fed) one task handles in a prefill. */
	private static final int ROWS_PER_TASK = 16;

	private final ModelConfig c;

	private final Kernels kernels;

	private final KvCache cache;

	private final int headDim;

	private final int heads;

	private final int kvHeads;

	private final int group;

	private final int kvDim;

	private final float scale;

	private final QueryGroup queryGroup;

	private Scratch[] scratch = new Scratch[0];

	Attention(ModelConfig config, Kernels kernels, KvCache cache) {
		this.c = config;
		this.kernels = kernels;
		this.cache = cache;
		this.headDim = config.headDim();
		this.heads = config.numAttentionHeads();
		this.kvHeads = config.numKeyValueHeads();
		this.group = config.groupSize();
		this.kvDim = this.kvHeads * this.headDim;
		this.scale = (float) (1.0 / Math.sqrt(this.headDim));
		this.queryGroup = new QueryGroup(kernels, this.group, this.headDim, this.scale);
	}

	/**
	 * Attention of {@code t} fed tokens at positions {@code p0..p0+t-1} (their keys and
	 * values in {@code k}, {@code v}; earlier positions in the cache).
	 * @param out {@code t * heads * headDim} outputs, overwritten
	 */
	void run(int layer, boolean sliding, float[] q, float[] k, float[] v, float[] out, int t, int p0) {
		Arrays.fill(out, 0, t * this.heads * this.headDim, 0f);
		int rowBlocks = (t + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
		int tasks = this.kvHeads * rowBlocks;
		int span = sliding ? Math.min(this.c.slidingWindow(), p0 + t) : p0 + t;
		ensureScratch(tasks, span);
		long work = (long) t * (p0 + t) * this.heads * this.headDim;
		if (work >= PARALLEL_WORK && tasks > 1) {
			this.kernels.parallelFor(tasks, task -> task(layer, sliding, q, k, v, out, t, p0, task, rowBlocks));
		}
		else {
			for (int task = 0; task < tasks; task++) {
				task(layer, sliding, q, k, v, out, t, p0, task, rowBlocks);
			}
		}
	}

	private void ensureScratch(int tasks, int span) {
		if (this.scratch.length < tasks) {
			Scratch[] grown = Arrays.copyOf(this.scratch, tasks);
			for (int i = this.scratch.length; i < tasks; i++) {
				grown[i] = new Scratch(this.headDim);
			}
			this.scratch = grown;
		}
		for (int i = 0; i < tasks; i++) {
			this.scratch[i].ensure(this.group * span);
		}
	}

	/** One KV head over one block of rows. */
	private void task(int layer, boolean sliding, float[] q, float[] k, float[] v, float[] out, int t, int p0, int task,
			int rowBlocks) {
		int kvh = task / rowBlocks;
		int block = task % rowBlocks;
		int rowEnd = Math.min(t, (block + 1) * ROWS_PER_TASK);
		Scratch s = this.scratch[task];
		int window = this.c.slidingWindow();
		int qDim = this.heads * this.headDim;
		int kvOffset = kvh * this.headDim;
		for (int r = block * ROWS_PER_TASK; r < rowEnd; r++) {
			int pos = p0 + r;
			int start = sliding ? Math.max(0, pos - window + 1) : 0;
			int n = pos - start + 1;
			int cachedEnd = Math.min(pos + 1, p0);
			int groupOffset = r * qDim + kvh * this.group * this.headDim;
			float[] scores = s.scores;
			if (this.cache.type() == KvCacheType.BF16) {
				for (int j = start; j < cachedEnd;) {
					int slot = slot(sliding, j);
					int count = run(sliding, slot, cachedEnd - j);
					this.kernels.dotBf16Rows(q, groupOffset, this.group, this.headDim, this.cache.halfKeys(layer),
							slot * this.kvDim + kvOffset, this.kvDim, count, this.scale, scores, j - start, n);
					j += count;
				}
			}
			else {
				for (int j = start; j < cachedEnd; j++) {
					this.cache.key(layer, slot(sliding, j), kvOffset, this.headDim, s.row);
					this.queryGroup.score(q, groupOffset, s.row.array, s.row.offset, scores, j - start, n);
				}
			}
			for (int j = Math.max(start, p0); j <= pos; j++) {
				this.queryGroup.score(q, groupOffset, k, (j - p0) * this.kvDim + kvOffset, scores, j - start, n);
			}
			for (int g = 0; g < this.group; g++) {
				this.kernels.softmax(scores, g * n, n);
			}
			if (this.cache.type() == KvCacheType.BF16) {
				for (int j = start; j < cachedEnd;) {
					int slot = slot(sliding, j);
					int count = run(sliding, slot, cachedEnd - j);
					this.kernels.addWeightedBf16Rows(scores, j - start, n, this.group, this.headDim,
							this.cache.halfValues(layer), slot * this.kvDim + kvOffset, this.kvDim, count, out,
							groupOffset);
					j += count;
				}
			}
			else {
				for (int j = start; j < cachedEnd; j++) {
					this.cache.value(layer, slot(sliding, j), kvOffset, this.headDim, s.row);
					this.queryGroup.addWeighted(scores, j - start, n, s.row.array, s.row.offset, out, groupOffset);
				}
			}
			for (int j = Math.max(start, p0); j <= pos; j++) {
				this.queryGroup.addWeighted(scores, j - start, n, v, (j - p0) * this.kvDim + kvOffset, out,
						groupOffset);
			}
		}
	}

	/**
	 * How many of {@code remaining} positions from {@code slot} sit in consecutive slots:
	 * all of them, except where a sliding layer's ring wraps.
	 */
	private int run(boolean sliding, int slot, int remaining) {
		return sliding ? Math.min(remaining, this.c.slidingWindow() - slot) : remaining;
	}

	private int slot(boolean sliding, int pos) {
		return sliding ? pos % this.c.slidingWindow() : pos;
	}

	/** The reusable buffers of one task. */
	private static final class Scratch {

		float[] scores = new float[0];

		final KvCache.Row row;

		Scratch(int headDim) {
			this.row = new KvCache.Row(headDim);
		}

		void ensure(int size) {
			if (this.scores.length < size) {
				this.scores = new float[Math.max(size, this.scores.length * 2)];
			}
		}

	}

}
