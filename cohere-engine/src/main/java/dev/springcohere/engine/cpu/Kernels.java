package dev.springcohere.engine.cpu;

import java.util.List;
import java.util.function.IntConsumer;

import dev.springcohere.engine.model.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * The numeric operations of the engine. All activations are float32; weights may be bf16,
 * f16 or f32 and are accumulated in float32. The default methods are the scalar
 * reference; implementations override what they speed up.
 */
public interface Kernels {

	/**
	 * Computes {@code out[r][o] = sum_i x[r][i] * w[o][i]} for {@code rows} input rows (a
	 * linear layer without bias).
	 * @param x input, {@code rows * inDim} row-major
	 * @param rows number of rows
	 * @param w weight of shape {@code [outDim, inDim]}
	 * @param out output, {@code rows * outDim} row-major
	 */
	void matmul(float[] x, int rows, Tensor w, float[] out);

	/**
	 * Several linear layers over the same input, e.g. the q, k and v projections:
	 * {@code outs[k] = x * ws[k]^T}. An implementation may run them as one parallel job,
	 * with one join instead of one per layer.
	 * @param x input, {@code rows * inDim} row-major (every weight has the same
	 * {@code inDim})
	 * @param rows number of rows
	 * @param ws weights of shape {@code [outDim_k, inDim]}
	 * @param outs outputs, {@code rows * outDim_k} row-major, one per weight
	 */
	default void matmul(float[] x, int rows, List<Tensor> ws, List<float[]> outs) {
		if (ws.size() != outs.size()) {
			throw new IllegalArgumentException(ws.size() + " weights but " + outs.size() + " outputs");
		}
		for (int k = 0; k < ws.size(); k++) {
			matmul(x, rows, ws.get(k), outs.get(k));
		}
	}

	/**
	 * Several linear layers, each over its own input, e.g. a layer's attention output and
	 * MLP projections: {@code outs[k] = xs[k] * ws[k]^T}. An implementation may run them
	 * as one parallel job, with one join instead of one per layer.
	 * @param xs inputs, {@code rows * inDim_k} row-major, one per weight (the same array
	 * may serve several)
	 * @param rows number of rows, the same for every input
	 * @param ws weights of shape {@code [outDim_k, inDim_k]}
	 * @param outs outputs, {@code rows * outDim_k} row-major, one per weight
	 */
	default void matmulEach(List<float[]> xs, int rows, List<Tensor> ws, List<float[]> outs) {
		if (ws.size() != outs.size() || ws.size() != xs.size()) {
			throw new IllegalArgumentException(
					ws.size() + " weights but " + xs.size() + " inputs and " + outs.size() + " outputs");
		}
		for (int k = 0; k < ws.size(); k++) {
			matmul(xs.get(k), rows, ws.get(k), outs.get(k));
		}
	}

	/**
	 * LayerNorm over each row of {@code n} elements: mean subtraction, variance in
	 * float32, then weight and optional bias.
	 * @param x input rows
	 * @param rows number of rows
	 * @param n row length
	 * @param weight scale, {@code n} values
	 * @param bias shift, {@code n} values, or null (Cohere)
	 * @param eps epsilon
	 * @param out output rows (may be {@code x})
	 */
	default void layerNorm(float[] x, int rows, int n, float[] weight, float @Nullable [] bias, float eps,
			float[] out) {
		for (int r = 0; r < rows; r++) {
			int base = r * n;
			float mean = 0;
			for (int i = 0; i < n; i++) {
				mean += x[base + i];
			}
			mean /= n;
			float var = 0;
			for (int i = 0; i < n; i++) {
				float d = x[base + i] - mean;
				var += d * d;
			}
			var /= n;
			float inv = (float) (1.0 / Math.sqrt(var + eps));
			for (int i = 0; i < n; i++) {
				float v = (x[base + i] - mean) * inv * weight[i];
				out[base + i] = bias == null ? v : v + bias[i];
			}
		}
	}

	/**
	 * In-place softmax over {@code x[offset, offset + n)} computed in float32.
	 * @param x values
	 * @param offset first index
	 * @param n count
	 */
	default void softmax(float[] x, int offset, int n) {
		float max = Float.NEGATIVE_INFINITY;
		for (int i = 0; i < n; i++) {
			max = Math.max(max, x[offset + i]);
		}
		float sum = 0;
		for (int i = 0; i < n; i++) {
			float e = (float) Math.exp(x[offset + i] - max);
			x[offset + i] = e;
			sum += e;
		}
		for (int i = 0; i < n; i++) {
			x[offset + i] /= sum;
		}
	}

	/**
	 * SwiGLU: {@code gate[i] = silu(gate[i]) * up[i]} for {@code n} elements.
	 * @param gate gate projection, overwritten with the result
	 * @param up up projection
	 * @param n count
	 */
	default void swiglu(float[] gate, float[] up, int n) {
		for (int i = 0; i < n; i++) {
			float g = gate[i];
			gate[i] = g / (1f + (float) Math.exp(-g)) * up[i];
		}
	}

	/**
	 * Interleaved (GPT-J style) rotary embedding of one head in place: pairs
	 * {@code (2i, 2i+1)} are rotated by {@code position * theta^(-2i/headDim)}.
	 * @param x values
	 * @param offset start of the head
	 * @param headDim head size
	 * @param position token position
	 * @param theta RoPE base
	 */
	default void ropeInterleaved(float[] x, int offset, int headDim, int position, double theta) {
		for (int i = 0; i < headDim / 2; i++) {
			double freq = 1.0 / Math.pow(theta, (2.0 * i) / headDim);
			float angle = (float) (position * (float) freq);
			float cos = (float) Math.cos(angle);
			float sin = (float) Math.sin(angle);
			float a = x[offset + 2 * i];
			float b = x[offset + 2 * i + 1];
			x[offset + 2 * i] = a * cos - b * sin;
			x[offset + 2 * i + 1] = b * cos + a * sin;
		}
	}

	/**
	 * Dot product of two float arrays.
	 * @param a first
	 * @param aOffset start in a
	 * @param b second
	 * @param bOffset start in b
	 * @param n length
	 * @return the sum of products
	 */
	default float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
		float s = 0;
		for (int i = 0; i < n; i++) {
			s += a[aOffset + i] * b[bOffset + i];
		}
		return s;
	}

	/**
	 * Widens bfloat16 values to float32 (exact):
	 * {@code dst[dstOffset + i] = bf16(src[srcOffset + i])} for {@code n} elements.
	 * @param src the bfloat16 bits
	 * @param srcOffset start in src
	 * @param dst destination
	 * @param dstOffset start in dst
	 * @param n length
	 */
	default void widenBf16(short[] src, int srcOffset, float[] dst, int dstOffset, int n) {
		for (int i = 0; i < n; i++) {
			dst[dstOffset + i] = Float.intBitsToFloat(src[srcOffset + i] << 16);
		}
	}

	/**
	 * Attention scores of a group of query heads against bfloat16 key rows, as
	 * {@link #widenBf16} then {@link #dot} row by row would give them:
	 * {@code scores[scoreOffset + h * scoreStride + i] = scale * dot(q[qOffset + h * n ..],
	 * bf16(keys[keyOffset + i * keyStride ..]))} for {@code h < heads},
	 * {@code i < count}.
	 * @param q the query heads, {@code n} floats each, one after the other
	 * @param qOffset the first head's start
	 * @param heads the query heads
	 * @param n floats per head
	 * @param keys the bfloat16 bits of the key rows
	 * @param keyOffset the first row's start
	 * @param keyStride from one row's start to the next's
	 * @param count the rows
	 * @param scale the factor applied to each dot product
	 * @param scores receives the scores
	 * @param scoreOffset where the first head's first score goes
	 * @param scoreStride from one head's scores to the next's
	 */
	default void dotBf16Rows(float[] q, int qOffset, int heads, int n, short[] keys, int keyOffset, int keyStride,
			int count, float scale, float[] scores, int scoreOffset, int scoreStride) {
		for (int i = 0; i < count; i++) {
			int row = keyOffset + i * keyStride;
			for (int h = 0; h < heads; h++) {
				float s = 0;
				for (int d = 0; d < n; d++) {
					s += q[qOffset + h * n + d] * Float.intBitsToFloat(keys[row + d] << 16);
				}
				scores[scoreOffset + h * scoreStride + i] = s * scale;
			}
		}
	}

	/**
	 * The weighted sums of bfloat16 value rows for a group of query heads, as
	 * {@link #widenBf16} then {@link #axpy} row by row would add them:
	 * {@code out[outOffset + h * n + d] += weights[weightOffset + h * weightStride + i] *
	 * bf16(values[valueOffset + i * valueStride + d])}, rows in order.
	 * @param weights the attention weights
	 * @param weightOffset the first head's first weight
	 * @param weightStride from one head's weights to the next's
	 * @param heads the query heads
	 * @param n floats per head
	 * @param values the bfloat16 bits of the value rows
	 * @param valueOffset the first row's start
	 * @param valueStride from one row's start to the next's
	 * @param count the rows
	 * @param out the heads' outputs, {@code n} floats each, added to
	 * @param outOffset the first head's start
	 */
	default void addWeightedBf16Rows(float[] weights, int weightOffset, int weightStride, int heads, int n,
			short[] values, int valueOffset, int valueStride, int count, float[] out, int outOffset) {
		for (int i = 0; i < count; i++) {
			int row = valueOffset + i * valueStride;
			for (int h = 0; h < heads; h++) {
				float w = weights[weightOffset + h * weightStride + i];
				for (int d = 0; d < n; d++) {
					out[outOffset + h * n + d] += w * Float.intBitsToFloat(values[row + d] << 16);
				}
			}
		}
	}

	/**
	 * Adds a scaled vector: {@code y[yOffset + i] += a * x[xOffset + i]} for {@code n}
	 * elements.
	 * @param a the scale
	 * @param x source
	 * @param xOffset start in x
	 * @param y destination
	 * @param yOffset start in y
	 * @param n length
	 */
	default void axpy(float a, float[] x, int xOffset, float[] y, int yOffset, int n) {
		for (int i = 0; i < n; i++) {
			y[yOffset + i] += a * x[xOffset + i];
		}
	}

	/**
	 * Runs {@code body} for every index in {@code [0, n)}, possibly in parallel on the
	 * kernels' threads; returns when all are done. The bodies must write disjoint data.
	 * The default runs them in order on the caller.
	 * @param n the number of indices
	 * @param body the work for one index
	 */
	default void parallelFor(int n, IntConsumer body) {
		for (int i = 0; i < n; i++) {
			body.accept(i);
		}
	}

}
