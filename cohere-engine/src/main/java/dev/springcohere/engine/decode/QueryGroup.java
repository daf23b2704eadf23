package dev.springcohere.engine.decode;

import dev.springcohere.engine.cpu.Kernels;

/**
 * The query heads that share one KV head, read against one float32 key or value row at a
 * time (a fed token's, or a cached row of an f32 or f16 cache): their scores and their
 * weighted sums, one {@link Kernels#dot} or {@link Kernels#axpy} per head. A bf16 cache's
 * rows go to {@link Kernels#dotBf16Rows} and {@link Kernels#addWeightedBf16Rows} a run at
 * a time instead. The heads' queries and outputs lie one after the other, {@code headDim}
 * apart; their scores lie {@code stride} apart.
 */
final class QueryGroup {

	private final Kernels kernels;

	private final int size;

	private final int headDim;

	private final float scale;

	QueryGroup(Kernels kernels, int size, int headDim, float scale) {
		this.kernels = kernels;
		this.size = size;
		this.headDim = headDim;
		this.scale = scale;
	}

	/**
	 * Stores each head's scaled score against one key row at
	 * {@code scores[h * stride + index]}.
	 */
	void score(float[] q, int qOffset, float[] keys, int keyOffset, float[] scores, int index, int stride) {
		for (int h = 0; h < this.size; h++) {
			scores[h * stride + index] = this.kernels.dot(q, qOffset + h * this.headDim, keys, keyOffset, this.headDim)
					* this.scale;
		}
	}

	/**
	 * Adds one value row, weighted by {@code scores[h * stride + index]}, to each head's
	 * output.
	 */
	void addWeighted(float[] scores, int index, int stride, float[] values, int valueOffset, float[] out,
			int outOffset) {
		for (int h = 0; h < this.size; h++) {
			this.kernels.axpy(scores[h * stride + index], values, valueOffset, out, outOffset + h * this.headDim,
					this.headDim);
		}
	}

}
