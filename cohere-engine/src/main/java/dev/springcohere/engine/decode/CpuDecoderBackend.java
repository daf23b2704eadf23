package dev.springcohere.engine.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.model.ModelConfig;
import org.jspecify.annotations.Nullable;

/**
 * The CPU {@link DecoderBackend}: one step stacks the new tokens of every sequence into
 * one activation matrix, so the projections and the MLP of all of them are one GEMM per
 * weight (each weight is read once per step, whatever the number of sequences; quantized
 * weights too), and the LM head runs once over the rows whose logits are wanted.
 * Attention runs per sequence over its own {@link KvBlock}s, split by sequence, KV head
 * and block of rows; sliding-window layers read only their window. The keys and values of
 * the fed tokens are rounded to the pool's {@link KvCacheType} and stored before
 * attention reads them, so a batched step and a {@link DecodeSession} agree within
 * rounding. Not thread-safe: one scheduler loop drives it (the kernels parallelise each
 * step).
 *
 * @since 0.1.0
 */
public final class CpuDecoderBackend implements DecoderBackend {

	/** Rows (tokens of one sequence) one attention task handles. */
	private static final int ROWS_PER_TASK = 16;

	private final CohereModel model;

	private final KvBlockPool pool;

	private final ModelConfig c;

	private final Kernels kernels;

	private final Activations buffers;

	private final LayerStack layers;

	private final int kvDim;

	private final int headDim;

	private final int heads;

	private final int kvHeads;

	private final int group;

	private final float scale;

	private final QueryGroup queryGroup;

	private KvCache.Row[] rows = new KvCache.Row[0];

	private float[][] scores = new float[0][];

	/**
	 * Creates the backend.
	 * @param model the decoder (its kernels compute, its KV cache type must be the
	 * pool's)
	 * @param pool the blocks the sequences' tables refer to
	 */
	public CpuDecoderBackend(CohereModel model, KvBlockPool pool) {
		this.model = Objects.requireNonNull(model, "'model' must not be null");
		this.pool = Objects.requireNonNull(pool, "'pool' must not be null");
		if (pool.type() != model.kvCacheType()) {
			throw new IllegalArgumentException("The pool keeps " + pool.type().id()
					+ " keys and values but the model's " + "KV cache type is " + model.kvCacheType().id());
		}
		this.c = model.config();
		this.kernels = model.kernels();
		this.buffers = new Activations(this.c);
		this.layers = new LayerStack(model);
		this.headDim = this.c.headDim();
		this.heads = this.c.numAttentionHeads();
		this.kvHeads = this.c.numKeyValueHeads();
		this.group = this.c.groupSize();
		this.kvDim = this.kvHeads * this.headDim;
		this.scale = (float) (1.0 / Math.sqrt(this.headDim));
		this.queryGroup = new QueryGroup(this.kernels, this.group, this.headDim, this.scale);
	}

	@Override
	public KvBlockPool pool() {
		return this.pool;
	}

	@Override
	public int vocabSize() {
		return this.c.vocabSize();
	}

	/**
	 * The decoder.
	 * @return the model
	 */
	public CohereModel model() {
		return this.model;
	}

	@Override
	public List<float @Nullable []> step(List<BatchEntry> entries) {
		Objects.requireNonNull(entries, "'entries' must not be null");
		int n = entries.size();
		int[] rowStart = new int[n + 1];
		int vocab = this.c.vocabSize();
		int blockTokens = this.pool.blockTokens();
		for (int e = 0; e < n; e++) {
			BatchEntry entry = entries.get(e);
			for (int id : entry.tokens()) {
				if (id < 0 || id >= vocab) {
					throw new IllegalArgumentException("Token id " + id + " of batch entry " + e
							+ " is outside the vocabulary [0, " + vocab + ")");
				}
			}
			long end = (long) entry.start() + entry.tokens().length;
			if ((long) entry.blocks().size() * blockTokens < end) {
				throw new IllegalArgumentException("Batch entry " + e + " feeds positions up to " + (end - 1)
						+ " but its block table of " + entry.blocks().size() + " block(s) of " + blockTokens
						+ " covers only " + (long) entry.blocks().size() * blockTokens);
			}
			rowStart[e + 1] = rowStart[e] + entry.tokens().length;
		}
		List<float @Nullable []> out = new ArrayList<>(n);
		if (n == 0) {
			return out;
		}
		forward(entries, rowStart);
		return logits(entries, rowStart);
	}

	private void forward(List<BatchEntry> entries, int[] rowStart) {
		int t = rowStart[entries.size()];
		Activations a = this.buffers;
		a.ensure(t);
		int[] positions = new int[t];
		for (int e = 0; e < entries.size(); e++) {
			BatchEntry entry = entries.get(e);
			for (int r = 0; r < entry.tokens().length; r++) {
				int row = rowStart[e] + r;
				positions[row] = entry.start() + r;
				this.layers.embed(entry.tokens()[r], a.h, row);
			}
		}
		this.layers.run(a, t, positions, (layer, sliding, q, k, v, out) -> {
			store(entries, rowStart, layer, k, v);
			attention(entries, rowStart, layer, sliding, q, out);
		});
	}

	private void store(List<BatchEntry> entries, int[] rowStart, int layer, float[] k, float[] v) {
		int blockTokens = this.pool.blockTokens();
		for (int e = 0; e < entries.size(); e++) {
			BatchEntry entry = entries.get(e);
			for (int r = 0; r < entry.tokens().length; r++) {
				int pos = entry.start() + r;
				int row = rowStart[e] + r;
				this.pool.store(entry.blocks().get(pos / blockTokens), layer, pos % blockTokens, k, row * this.kvDim, v,
						row * this.kvDim);
			}
		}
	}

	private void attention(List<BatchEntry> entries, int[] rowStart, int layer, boolean sliding, float[] q,
			float[] out) {
		int t = rowStart[entries.size()];
		Arrays.fill(out, 0, t * this.heads * this.headDim, 0f);
		int window = this.c.slidingWindow();
		// tasks: (entry, KV head, block of rows)
		int[] firstTask = new int[entries.size() + 1];
		long work = 0;
		for (int e = 0; e < entries.size(); e++) {
			BatchEntry entry = entries.get(e);
			int len = entry.tokens().length;
			firstTask[e + 1] = firstTask[e] + this.kvHeads * ((len + ROWS_PER_TASK - 1) / ROWS_PER_TASK);
			work += (long) len * (entry.start() + len) * this.heads * this.headDim;
		}
		int tasks = firstTask[entries.size()];
		int maxSpan = 0;
		for (BatchEntry entry : entries) {
			int end = entry.start() + entry.tokens().length;
			maxSpan = Math.max(maxSpan, sliding ? Math.min(window, end) : end);
		}
		ensureScratch(tasks, this.group * maxSpan);
		if (work >= Attention.PARALLEL_WORK && tasks > 1) {
			this.kernels.parallelFor(tasks, (task) -> task(entries, rowStart, firstTask, layer, sliding, q, out, task));
		}
		else {
			for (int task = 0; task < tasks; task++) {
				task(entries, rowStart, firstTask, layer, sliding, q, out, task);
			}
		}
	}

	private void ensureScratch(int tasks, int size) {
		if (this.rows.length < tasks) {
			KvCache.Row[] grownRows = Arrays.copyOf(this.rows, tasks);
			float[][] grownScores = Arrays.copyOf(this.scores, tasks);
			for (int i = this.rows.length; i < tasks; i++) {
				grownRows[i] = new KvCache.Row(this.headDim);
				grownScores[i] = new float[0];
			}
			this.rows = grownRows;
			this.scores = grownScores;
		}
		for (int i = 0; i < tasks; i++) {
			if (this.scores[i].length < size) {
				this.scores[i] = new float[Math.max(size, this.scores[i].length * 2)];
			}
		}
	}

	/** One KV head of one sequence over one block of its rows. */
	private void task(List<BatchEntry> entries, int[] rowStart, int[] firstTask, int layer, boolean sliding, float[] q,
			float[] out, int task) {
		int e = 0;
		while (firstTask[e + 1] <= task) {
			e++;
		}
		BatchEntry entry = entries.get(e);
		int len = entry.tokens().length;
		int rowBlocks = (len + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
		int local = task - firstTask[e];
		int kvh = local / rowBlocks;
		int block = local % rowBlocks;
		int rowEnd = Math.min(len, (block + 1) * ROWS_PER_TASK);
		KvCache.Row row = this.rows[task];
		float[] scores = this.scores[task];
		int blockTokens = this.pool.blockTokens();
		List<KvBlock> table = entry.blocks();
		int window = this.c.slidingWindow();
		int qDim = this.heads * this.headDim;
		int firstHead = kvh * this.group;
		int kvOffset = kvh * this.headDim;
		boolean bf16 = this.pool.type() == KvCacheType.BF16;
		for (int r = block * ROWS_PER_TASK; r < rowEnd; r++) {
			int pos = entry.start() + r;
			int first = sliding ? Math.max(0, pos - window + 1) : 0;
			int span = pos - first + 1;
			int groupOffset = (rowStart[e] + r) * qDim + firstHead * this.headDim;
			for (int j = first; j <= pos;) {
				int slot = j % blockTokens;
				int count = bf16 ? Math.min(pos + 1 - j, blockTokens - slot) : 1;
				KvBlock kvBlock = table.get(j / blockTokens);
				if (bf16) {
					this.kernels.dotBf16Rows(q, groupOffset, this.group, this.headDim, kvBlock.halves,
							this.pool.index(layer, 0, slot) + kvOffset, this.kvDim, count, this.scale, scores,
							j - first, span);
				}
				else {
					this.pool.read(kvBlock, layer, 0, slot, kvOffset, this.headDim, row);
					this.queryGroup.score(q, groupOffset, row.array, row.offset, scores, j - first, span);
				}
				j += count;
			}
			for (int g = 0; g < this.group; g++) {
				this.kernels.softmax(scores, g * span, span);
			}
			for (int j = first; j <= pos;) {
				int slot = j % blockTokens;
				int count = bf16 ? Math.min(pos + 1 - j, blockTokens - slot) : 1;
				KvBlock kvBlock = table.get(j / blockTokens);
				if (bf16) {
					this.kernels.addWeightedBf16Rows(scores, j - first, span, this.group, this.headDim, kvBlock.halves,
							this.pool.index(layer, 1, slot) + kvOffset, this.kvDim, count, out, groupOffset);
				}
				else {
					this.pool.read(kvBlock, layer, 1, slot, kvOffset, this.headDim, row);
					this.queryGroup.addWeighted(scores, j - first, span, row.array, row.offset, out, groupOffset);
				}
				j += count;
			}
		}
	}

	/** Final LayerNorm, LM head (one GEMM over every wanted row) and logit scale. */
	private List<float @Nullable []> logits(List<BatchEntry> entries, int[] rowStart) {
		int hidden = this.c.hiddenSize();
		int vocab = this.c.vocabSize();
		Activations a = this.buffers;
		int wanted = 0;
		for (BatchEntry entry : entries) {
			wanted += switch (entry.logits()) {
				case NONE -> 0;
				case LAST -> 1;
				case ALL -> entry.tokens().length;
			};
		}
		List<float @Nullable []> result = new ArrayList<>(entries.size());
		if (wanted == 0) {
			for (int e = 0; e < entries.size(); e++) {
				result.add(null);
			}
			return result;
		}
		float[] x = new float[wanted * hidden];
		int w = 0;
		for (int e = 0; e < entries.size(); e++) {
			BatchEntry entry = entries.get(e);
			int len = entry.tokens().length;
			switch (entry.logits()) {
				case NONE -> {
				}
				case LAST -> {
					System.arraycopy(a.h, (rowStart[e] + len - 1) * hidden, x, w * hidden, hidden);
					w++;
				}
				case ALL -> {
					System.arraycopy(a.h, rowStart[e] * hidden, x, w * hidden, len * hidden);
					w += len;
				}
			}
		}
		this.kernels.layerNorm(x, wanted, hidden, this.model.finalNorm(), null, (float) this.c.layerNormEps(), x);
		float[] all = new float[wanted * vocab];
		this.kernels.matmul(x, wanted, this.model.lmHead(), all);
		float logitScale = (float) this.c.logitScale();
		for (int i = 0; i < all.length; i++) {
			all[i] *= logitScale;
		}
		if (wanted == 1 && entries.size() == 1) {
			result.add(all);
			return result;
		}
		w = 0;
		for (BatchEntry entry : entries) {
			int rowsOf = switch (entry.logits()) {
				case NONE -> 0;
				case LAST -> 1;
				case ALL -> entry.tokens().length;
			};
			result.add((rowsOf == 0) ? null : Arrays.copyOfRange(all, w * vocab, (w + rowsOf) * vocab));
			w += rowsOf;
		}
		return result;
	}

}
