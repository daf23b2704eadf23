package dev.springcohere.engine.decode;

import java.util.List;
import java.util.Objects;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.model.ModelConfig;
import dev.springcohere.engine.model.Tensor;

/**
 * One sequence being decoded: owns the KV cache (for sliding layers a ring buffer of up
 * to {@code sliding_window} slots, for full-attention layers a buffer of up to the
 * context limit; both grow on demand, in the model's {@link KvCacheType}) and the
 * activation buffers, which every pass reuses. A long prompt is fed in chunks of at most
 * 512 tokens, so the activations stay a few tens of megabytes whatever the prompt length.
 * Feeding more tokens than the context limit fails with a
 * {@link ContextLengthExceededException} before any state changes. Not thread-safe; use
 * one session per sequence.
 */
public final class DecodeSession {

	/** The most tokens one forward pass computes at once (prefill chunks). */
	static final int DEFAULT_PREFILL_CHUNK = 512;

	private final CohereModel model;

	private final ModelConfig c;

	private final Kernels kernels;

	private final int kvDim;

	private final KvCache cache;

	private final Attention attention;

	private final Activations buffers;

	private final int maxContext;

	private final int chunk;

	private int position;

	DecodeSession(CohereModel model, int maxContext) {
		this(model, maxContext, DEFAULT_PREFILL_CHUNK);
	}

	DecodeSession(CohereModel model, int maxContext, int chunk) {
		if (chunk < 1) {
			throw new IllegalArgumentException("'chunk' must be at least 1 but was " + chunk);
		}
		this.model = model;
		this.maxContext = maxContext;
		this.chunk = chunk;
		this.c = model.config();
		this.kernels = model.kernels();
		this.kvDim = this.c.numKeyValueHeads() * this.c.headDim();
		int layers = this.c.numHiddenLayers();
		int[] slots = new int[layers];
		for (int i = 0; i < layers; i++) {
			slots[i] = Math.min(16, capacitySlots(model.layer(i).sliding()));
		}
		this.cache = new KvCache(model.kvCacheType(), this.kvDim, slots);
		this.attention = new Attention(this.c, this.kernels, this.cache);
		this.buffers = new Activations(this.c);
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
	 * The bytes the KV cache holds now (it grows with the sequence).
	 * @return the size in bytes
	 */
	public long kvCacheBytes() {
		return this.cache.bytes();
	}

	/**
	 * Feeds prompt tokens (causal, in batched chunks) and returns the logits of the last
	 * one.
	 * @param ids the token ids, at least one
	 * @return logits over the vocabulary, a new array the caller owns
	 */
	public float[] prefill(int[] ids) {
		return forward(ids, false);
	}

	/**
	 * Feeds one token and returns the logits of the next.
	 * @param id the token id
	 * @return logits over the vocabulary, a new array the caller owns
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
		float[] logits = new float[(allLogits ? t : 1) * vocab];
		for (int from = 0; from < t; from += this.chunk) {
			int to = Math.min(t, from + this.chunk);
			forwardChunk(ids, from, to);
			if (allLogits) {
				allLogitsOf(to - from, logits, from * vocab);
			}
			else if (to == t) {
				lastLogitsOf(to - from - 1, logits);
			}
		}
		return logits;
	}

	/** Runs the layers over {@code ids[from, to)} and appends them to the cache. */
	private void forwardChunk(int[] ids, int from, int to) {
		int t = to - from;
		int hidden = this.c.hiddenSize();
		int heads = this.c.numAttentionHeads();
		int kvHeads = this.c.numKeyValueHeads();
		int headDim = this.c.headDim();
		int qDim = heads * headDim;
		int inter = this.c.intermediateSize();
		float eps = (float) this.c.layerNormEps();
		Activations a = this.buffers;
		a.ensure(t);
		float[] h = a.h;
		Tensor embed = this.model.embed();
		for (int r = 0; r < t; r++) {
			long base = (long) ids[from + r] * hidden;
			for (int i = 0; i < hidden; i++) {
				h[r * hidden + i] = embed.getFloat(base + i);
			}
		}
		int p0 = this.position;
		for (int l = 0; l < this.c.numHiddenLayers(); l++) {
			CohereModel.Layer layer = this.model.layer(l);
			this.kernels.layerNorm(h, t, hidden, layer.norm(), null, eps, a.xn);
			// attention and MLP read the same normed input (Cohere's parallel block): one
			// job
			this.kernels.matmul(a.xn, t, List.of(layer.q(), layer.k(), layer.v(), layer.gate(), layer.up()),
					List.of(a.q, a.k, a.v, a.gate, a.up));
			if (layer.qNorm() != null) {
				headNorm(a.q, t * heads, heads, layer.qNorm(), eps);
				headNorm(a.k, t * kvHeads, kvHeads, Objects.requireNonNull(layer.kNorm(), "'kNorm' must be set"), eps);
			}
			if (layer.rope()) {
				for (int r = 0; r < t; r++) {
					for (int hd = 0; hd < heads; hd++) {
						this.kernels.ropeInterleaved(a.q, r * qDim + hd * headDim, headDim, p0 + r, this.c.ropeTheta());
					}
					for (int hd = 0; hd < kvHeads; hd++) {
						this.kernels.ropeInterleaved(a.k, r * this.kvDim + hd * headDim, headDim, p0 + r,
								this.c.ropeTheta());
					}
				}
			}
			this.cache.round(a.k, t * this.kvDim);
			this.cache.round(a.v, t * this.kvDim);
			this.attention.run(l, layer.sliding(), a.q, a.k, a.v, a.attn, t, p0);
			store(l, layer.sliding(), a.k, a.v, t, p0);
			this.kernels.swiglu(a.gate, a.up, t * inter);
			this.kernels.matmulEach(List.of(a.attn, a.gate), t, List.of(layer.o(), layer.down()), List.of(a.o, a.down));
			float[] o = a.o;
			float[] down = a.down;
			for (int i = 0, n = t * hidden; i < n; i++) {
				h[i] += o[i] + down[i];
			}
		}
		this.position = p0 + t;
	}

	/**
	 * The logits of row {@code r} of the last chunk (final LayerNorm, LM head, logit
	 * scale) into {@code logits}.
	 */
	private void lastLogitsOf(int r, float[] logits) {
		int hidden = this.c.hiddenSize();
		Activations a = this.buffers;
		System.arraycopy(a.h, r * hidden, a.normed, 0, hidden);
		this.kernels.layerNorm(a.normed, 1, hidden, this.model.finalNorm(), null, (float) this.c.layerNormEps(),
				a.normed);
		this.kernels.matmul(a.normed, 1, this.model.lmHead(), logits);
		scale(logits, 0, logits.length);
	}

	/**
	 * The logits of every row of the last chunk into {@code logits} from {@code offset}.
	 */
	private void allLogitsOf(int t, float[] logits, int offset) {
		int hidden = this.c.hiddenSize();
		int n = t * this.c.vocabSize();
		Activations a = this.buffers;
		this.kernels.layerNorm(a.h, t, hidden, this.model.finalNorm(), null, (float) this.c.layerNormEps(), a.xn);
		float[] out = (offset == 0 && logits.length == n) ? logits : new float[n];
		this.kernels.matmul(a.xn, t, this.model.lmHead(), out);
		if (out != logits) {
			System.arraycopy(out, 0, logits, offset, n);
		}
		scale(logits, offset, n);
	}

	private void scale(float[] logits, int offset, int n) {
		float scale = (float) this.c.logitScale();
		for (int i = offset; i < offset + n; i++) {
			logits[i] *= scale;
		}
	}

	private void headNorm(float[] x, int rows, int heads, float[] weight, float eps) {
		int headDim = this.c.headDim();
		float[] row = this.buffers.headRow;
		float[] w = this.buffers.headWeight;
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

	/**
	 * The most slots a layer's cache ever needs: positions map to {@code pos % window} in
	 * a ring.
	 */
	private int capacitySlots(boolean sliding) {
		return sliding ? Math.min(this.c.slidingWindow(), this.maxContext) : this.maxContext;
	}

	private void store(int l, boolean sliding, float[] k, float[] v, int t, int p0) {
		int neededSlots = sliding ? Math.min(this.c.slidingWindow(), p0 + t) : p0 + t;
		this.cache.ensure(l, neededSlots, capacitySlots(sliding), p0 + t);
		int window = this.c.slidingWindow();
		int first = sliding ? Math.max(0, t - window) : 0;
		for (int r = first; r < t; r++) {
			this.cache.store(l, slot(sliding, p0 + r), k, r * this.kvDim, v, r * this.kvDim);
		}
	}

}
