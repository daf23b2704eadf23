package dev.springcohere.engine.decode;

import java.util.Objects;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.model.ModelConfig;

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

	private final LayerStack layers;

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
		this.layers = new LayerStack(model);
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
		Activations a = this.buffers;
		a.ensure(t);
		int p0 = this.position;
		int[] positions = new int[t];
		for (int r = 0; r < t; r++) {
			this.layers.embed(ids[from + r], a.h, r);
			positions[r] = p0 + r;
		}
		this.layers.run(a, t, positions, (layer, sliding, q, k, v, out) -> {
			this.attention.run(layer, sliding, q, k, v, out, t, p0);
			store(layer, sliding, k, v, t, p0);
		});
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
