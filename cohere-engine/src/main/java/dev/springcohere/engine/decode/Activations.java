package dev.springcohere.engine.decode;

import dev.springcohere.engine.model.ModelConfig;

/**
 * The activation buffers of one session's forward pass, sized for the most rows (tokens
 * in one pass) seen so far, at most one prefill chunk, and reused by every later pass.
 */
final class Activations {

	private final int hidden;

	private final int qDim;

	private final int kvDim;

	private final int inter;

	private final int headDim;

	private int rows;

	float[] h = new float[0];

	float[] xn = new float[0];

	float[] q = new float[0];

	float[] k = new float[0];

	float[] v = new float[0];

	float[] attn = new float[0];

	float[] o = new float[0];

	float[] gate = new float[0];

	float[] up = new float[0];

	float[] down = new float[0];

	/** One head's row for the q/k LayerNorm. */
	final float[] headRow;

	/** One head's q/k LayerNorm weight. */
	final float[] headWeight;

	/** The final LayerNorm's output of one row. */
	final float[] normed;

	Activations(ModelConfig c) {
		this.hidden = c.hiddenSize();
		this.headDim = c.headDim();
		this.qDim = c.numAttentionHeads() * this.headDim;
		this.kvDim = c.numKeyValueHeads() * this.headDim;
		this.inter = c.intermediateSize();
		this.headRow = new float[this.headDim];
		this.headWeight = new float[this.headDim];
		this.normed = new float[this.hidden];
	}

	/**
	 * Makes every buffer hold at least {@code t} rows.
	 * @param t the rows of the coming pass
	 */
	void ensure(int t) {
		if (t <= this.rows) {
			return;
		}
		this.h = new float[t * this.hidden];
		this.xn = new float[t * this.hidden];
		this.q = new float[t * this.qDim];
		this.k = new float[t * this.kvDim];
		this.v = new float[t * this.kvDim];
		this.attn = new float[t * this.qDim];
		this.o = new float[t * this.hidden];
		this.gate = new float[t * this.inter];
		this.up = new float[t * this.inter];
		this.down = new float[t * this.hidden];
		this.rows = t;
	}

}
