package dev.springcohere.engine.decode;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.model.ModelConfig;
import dev.springcohere.engine.model.Tensor;

/**
 * One sequence being decoded: owns the KV cache (for sliding layers a ring buffer of up
 * to {@code sliding_window} slots, for full-attention layers a buffer of up to the
 * context limit; both grow on demand). Feeding more tokens than the context limit fails
 * with a {@link ContextLengthExceededException} before any state changes. Not
 * thread-safe; use one session per sequence.
 */
public final class DecodeSession {

	/**
	 * Multiply-adds of one layer's attention above which its heads run in parallel
	 * (prefill).
	 */
	private static final long PARALLEL_ATTENTION_WORK = 1L << 20;

	/** The largest Java array the cache uses. */
	private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

	private final CohereModel model;

	private final ModelConfig c;

	private final Kernels kernels;

	private final int kvDim;

	private final float[][] keys;

	private final float[][] values;

	private final int maxContext;

	private int position;

	DecodeSession(CohereModel model, int maxContext) {
		this.model = model;
		this.maxContext = maxContext;
		this.c = model.config();
		this.kernels = model.kernels();
		this.kvDim = this.c.numKeyValueHeads() * this.c.headDim();
		int layers = this.c.numHiddenLayers();
		this.keys = new float[layers][];
		this.values = new float[layers][];
		for (int i = 0; i < layers; i++) {
			int slots = Math.min(16, capacitySlots(model.layer(i).sliding()));
			this.keys[i] = new float[slots * this.kvDim];
			this.values[i] = new float[slots * this.kvDim];
		}
	}

	/**
	 * Number of tokens already in the cache (the position of the next token).
	 * @return the position
	 */
	public int position() {
		return this.position;
	}

	/**
	 * The most tokens this session accepts in total.
	 * @return the context limit
	 */
	public int maxContext() {
		return this.maxContext;
	}

	/**
	 * Feeds prompt tokens in one batched pass (causal) and returns the logits of the last
	 * one.
	 * @param ids the token ids, at least one
	 * @return logits over the vocabulary
	 */
	public float[] prefill(int[] ids) {
		return forward(ids, false);
	}

	/**
	 * Feeds one token and returns the logits of the next.
	 * @param id the token id
	 * @return logits over the vocabulary
	 */
	public float[] step(int id) {
		return forward(new int[] { id }, false);
	}

	/**
	 * Feeds tokens and returns logits for every one of them, {@code ids.length * vocab}
	 * row-major.
	 * @param ids the token ids
	 * @return all logits
	 */
	public float[] forwardAll(int[] ids) {
		return forward(ids, true);
	}

	private float[] forward(int[] ids, boolean allLogits) {
		Objects.requireNonNull(ids, "'ids' must not be null");
		if (ids.length == 0) {
			throw new IllegalArgumentException("At least one token id is needed");
		}
		int vocab = this.c.vocabSize();
		for (int id : ids) {
			if (id < 0 || id >= vocab) {
				throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary [0, " + vocab + ")");
			}
		}
		int t = ids.length;
		if ((long) this.position + t > this.maxContext) {
			throw new ContextLengthExceededException(this.maxContext, this.position + t,
					"Feeding " + t + " token(s) at position " + this.position + " would make the sequence "
							+ (this.position + t) + " tokens long, past the context limit of " + this.maxContext
							+ " tokens; shorten the prompt or generate fewer tokens");
		}
		int hidden = this.c.hiddenSize();
		int heads = this.c.numAttentionHeads();
		int headDim = this.c.headDim();
		int qDim = heads * headDim;
		int inter = this.c.intermediateSize();
		float eps = (float) this.c.layerNormEps();
		Tensor embed = this.model.embed();
		float[] h = new float[t * hidden];
		for (int r = 0; r < t; r++) {
			long base = (long) ids[r] * hidden;
			for (int i = 0; i < hidden; i++) {
				h[r * hidden + i] = embed.getFloat(base + i);
			}
		}
		float[] xn = new float[t * hidden];
		float[] q = new float[t * qDim];
		float[] k = new float[t * this.kvDim];
		float[] v = new float[t * this.kvDim];
		float[] attn = new float[t * qDim];
		float[] o = new float[t * hidden];
		float[] gate = new float[t * inter];
		float[] up = new float[t * inter];
		float[] down = new float[t * hidden];
		int p0 = this.position;
		for (int l = 0; l < this.c.numHiddenLayers(); l++) {
			CohereModel.Layer layer = this.model.layer(l);
			this.kernels.layerNorm(h, t, hidden, layer.norm(), null, eps, xn);
			this.kernels.matmul(xn, t, List.of(layer.q(), layer.k(), layer.v()), List.of(q, k, v));
			if (layer.qNorm() != null) {
				headNorm(q, t * heads, headDim, heads, layer.qNorm(), eps);
				headNorm(k, t * this.c.numKeyValueHeads(), headDim, this.c.numKeyValueHeads(), layer.kNorm(), eps);
			}
			if (layer.rope()) {
				for (int r = 0; r < t; r++) {
					for (int hd = 0; hd < heads; hd++) {
						this.kernels.ropeInterleaved(q, r * qDim + hd * headDim, headDim, p0 + r, this.c.ropeTheta());
					}
					for (int hd = 0; hd < this.c.numKeyValueHeads(); hd++) {
						this.kernels.ropeInterleaved(k, r * this.kvDim + hd * headDim, headDim, p0 + r,
								this.c.ropeTheta());
					}
				}
			}
			attention(l, layer.sliding(), q, k, v, attn, t, p0);
			store(l, layer.sliding(), k, v, t, p0);
			this.kernels.matmul(attn, t, layer.o(), o);
			this.kernels.matmul(xn, t, List.of(layer.gate(), layer.up()), List.of(gate, up));
			this.kernels.swiglu(gate, up, t * inter);
			this.kernels.matmul(gate, t, layer.down(), down);
			for (int i = 0; i < h.length; i++) {
				h[i] += o[i] + down[i];
			}
		}
		this.position = p0 + t;
		int outRows = allLogits ? t : 1;
		float[] last = allLogits ? h : Arrays.copyOfRange(h, (t - 1) * hidden, t * hidden);
		float[] normed = new float[outRows * hidden];
		this.kernels.layerNorm(last, outRows, hidden, this.model.finalNorm(), null, eps, normed);
		float[] logits = new float[outRows * vocab];
		this.kernels.matmul(normed, outRows, this.model.lmHead(), logits);
		float scale = (float) this.c.logitScale();
		for (int i = 0; i < logits.length; i++) {
			logits[i] *= scale;
		}
		return logits;
	}

	private void headNorm(float[] x, int rows, int headDim, int heads, float[] weight, float eps) {
		float[] row = new float[headDim];
		float[] w = new float[headDim];
		for (int r = 0; r < rows; r++) {
			int head = r % heads;
			System.arraycopy(x, r * headDim, row, 0, headDim);
			System.arraycopy(weight, head * headDim, w, 0, headDim);
			this.kernels.layerNorm(row, 1, headDim, w, null, eps, row);
			System.arraycopy(row, 0, x, r * headDim, headDim);
		}
	}

	private int slot(boolean sliding, int pos) {
		return sliding ? pos % this.c.slidingWindow() : pos;
	}

	private void attention(int l, boolean sliding, float[] q, float[] k, float[] v, float[] out, int t, int p0) {
		int heads = this.c.numAttentionHeads();
		Arrays.fill(out, 0f);
		long work = (long) t * (p0 + t) * heads * this.c.headDim();
		if (work >= PARALLEL_ATTENTION_WORK) {
			this.kernels.parallelFor(heads, hd -> attentionHead(l, sliding, q, k, v, out, t, p0, hd));
		}
		else {
			for (int hd = 0; hd < heads; hd++) {
				attentionHead(l, sliding, q, k, v, out, t, p0, hd);
			}
		}
	}

	/**
	 * Causal (optionally windowed) attention of one query head over all {@code t} new
	 * tokens.
	 */
	private void attentionHead(int l, boolean sliding, float[] q, float[] k, float[] v, float[] out, int t, int p0,
			int hd) {
		int headDim = this.c.headDim();
		int qDim = this.c.numAttentionHeads() * headDim;
		int kvh = hd / this.c.groupSize();
		float scale = (float) (1.0 / Math.sqrt(headDim));
		float[] cacheK = this.keys[l];
		float[] cacheV = this.values[l];
		int window = this.c.slidingWindow();
		float[] scores = new float[p0 + t];
		for (int r = 0; r < t; r++) {
			int pos = p0 + r;
			int start = sliding ? Math.max(0, pos - window + 1) : 0;
			int n = pos - start + 1;
			int qOff = r * qDim + hd * headDim;
			for (int j = start; j <= pos; j++) {
				float s = (j < p0)
						? this.kernels.dot(q, qOff, cacheK, slot(sliding, j) * this.kvDim + kvh * headDim, headDim)
						: this.kernels.dot(q, qOff, k, (j - p0) * this.kvDim + kvh * headDim, headDim);
				scores[j - start] = s * scale;
			}
			this.kernels.softmax(scores, 0, n);
			for (int j = start; j <= pos; j++) {
				float p = scores[j - start];
				float[] src = j < p0 ? cacheV : v;
				int off = (j < p0 ? slot(sliding, j) : j - p0) * this.kvDim + kvh * headDim;
				this.kernels.axpy(p, src, off, out, qOff, headDim);
			}
		}
	}

	/**
	 * The most slots a layer's cache ever needs: positions map to {@code pos % window} in
	 * a ring.
	 */
	private int capacitySlots(boolean sliding) {
		return sliding ? Math.min(this.c.slidingWindow(), this.maxContext) : this.maxContext;
	}

	private void store(int l, boolean sliding, float[] k, float[] v, int t, int p0) {
		int neededSlots = sliding ? Math.min(this.c.slidingWindow(), p0 + t) : p0 + t;
		if (this.keys[l].length < (long) neededSlots * this.kvDim) {
			if ((long) neededSlots * this.kvDim > MAX_ARRAY) {
				throw new ContextLengthExceededException(MAX_ARRAY / this.kvDim, p0 + t,
						"The KV cache of one layer " + "holds at most " + MAX_ARRAY / this.kvDim + " positions of "
								+ this.kvDim + " floats in a Java array; use a shorter sequence");
			}
			long capacity = Math.min(Math.min((long) capacitySlots(sliding) * this.kvDim, MAX_ARRAY),
					Math.max((long) neededSlots * this.kvDim, this.keys[l].length * 2L));
			this.keys[l] = Arrays.copyOf(this.keys[l], (int) capacity);
			this.values[l] = Arrays.copyOf(this.values[l], (int) capacity);
		}
		int window = this.c.slidingWindow();
		int first = sliding ? Math.max(0, t - window) : 0;
		for (int r = first; r < t; r++) {
			int dst = slot(sliding, p0 + r) * this.kvDim;
			System.arraycopy(k, r * this.kvDim, this.keys[l], dst, this.kvDim);
			System.arraycopy(v, r * this.kvDim, this.values[l], dst, this.kvDim);
		}
	}

}
