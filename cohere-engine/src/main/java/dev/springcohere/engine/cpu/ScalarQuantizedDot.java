package dev.springcohere.engine.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import dev.springcohere.engine.model.BlockFormats;
import dev.springcohere.engine.model.DType;

/**
 * Scalar twin of {@link QuantizedDot}: each block of the weight row is dequantized with
 * the reference codec ({@link BlockFormats}) and multiplied element by element with the
 * float32 activations. The definition the vector kernels are tested against, and the path
 * used where the CPU has no 512-bit vectors.
 */
final class ScalarQuantizedDot {

	private ScalarQuantizedDot() {
	}

	/**
	 * The dot product of one weight row and one activation row.
	 * @param dtype the weight type (Q8_0, Q4_0, Q4_K or Q6_K)
	 * @param w the weight bytes
	 * @param rowOffset the byte offset of the row
	 * @param x the activations
	 * @param xOffset the first activation of the row
	 * @param inDim the row length, a whole number of blocks
	 * @return the sum of products
	 */
	static float dot(DType dtype, MemorySegment w, long rowOffset, float[] x, int xOffset, int inDim) {
		int bs = dtype.blockSize();
		float[] block = new float[bs];
		long firstElement = rowOffset / dtype.blockBytes() * bs;
		float s = 0;
		for (int b = 0; b < inDim / bs; b++) {
			BlockFormats.dequantize(dtype, w, firstElement + (long) b * bs, block, 0, bs);
			for (int j = 0; j < bs; j++) {
				s += block[j] * x[xOffset + b * bs + j];
			}
		}
		return s;
	}

	/**
	 * The dot product of one Q4_0 weight row (ggml's layout) with activations quantized
	 * per block of 32 to 8 bits ({@link PackedQ4_0#quantizeActivations}): per block the
	 * exact integer sum of products, times the weight and activation scales. The
	 * definition the repacked kernel ({@link PackedQ4_0#gemv}) is tested against.
	 * @param w the weight bytes
	 * @param rowOffset the byte offset of the row
	 * @param q the quantized activations
	 * @param qOffset the first of the row
	 * @param d the activation scales, one per block
	 * @param dOffset the first of the row
	 * @param inDim the row length, a whole number of blocks
	 * @return the sum of products
	 */
	static float q4_0Q8(MemorySegment w, long rowOffset, short[] q, int qOffset, float[] d, int dOffset, int inDim) {
		float s = 0;
		for (int b = 0; b < inDim / 32; b++) {
			long blk = rowOffset + 18L * b;
			int sum = 0;
			for (int j = 0; j < 16; j++) {
				int v = w.get(ValueLayout.JAVA_BYTE, blk + 2 + j) & 0xFF;
				sum += ((v & 0x0F) - 8) * q[qOffset + 32 * b + j] + ((v >>> 4) - 8) * q[qOffset + 32 * b + 16 + j];
			}
			s += BlockFormats.f16(w, blk) * d[dOffset + b] * sum;
		}
		return s;
	}

	/**
	 * The dot product of one Q4_K weight row (ggml's layout) with activations quantized
	 * per block of 32 to 8 bits: per sub-block of 32, {@code a * (d * scale * sum(n * q)
	 * - dmin * min * sum(q))} with the integer sums exact. The definition the repacked
	 * kernel ({@link PackedQ4_K#gemv}) is tested against.
	 * @param w the weight bytes
	 * @param rowOffset the byte offset of the row
	 * @param q the quantized activations
	 * @param qOffset the first of the row
	 * @param d the activation scales, one per block of 32
	 * @param dOffset the first of the row
	 * @param inDim the row length, a whole number of super-blocks
	 * @return the sum of products
	 */
	static float q4_KQ8(MemorySegment w, long rowOffset, short[] q, int qOffset, float[] d, int dOffset, int inDim) {
		int[] scaleMin = new int[2];
		float s = 0;
		for (int sb = 0; sb < inDim / 256; sb++) {
			long blk = rowOffset + 144L * sb;
			float scale = BlockFormats.f16(w, blk);
			float minScale = BlockFormats.f16(w, blk + 2);
			for (int j = 0; j < 8; j++) {
				BlockFormats.scaleMinK4(w, blk + 4, j, scaleMin);
				int qb = qOffset + 256 * sb + 32 * j;
				int dot = 0;
				int sum = 0;
				for (int c = 0; c < 32; c++) {
					dot += BlockFormats.q4KValue(w, blk, 32 * j + c) * q[qb + c];
					sum += q[qb + c];
				}
				s += d[dOffset + 8 * sb + j] * (scale * scaleMin[0] * dot - minScale * scaleMin[1] * sum);
			}
		}
		return s;
	}

	/**
	 * The dot product of one Q6_K weight row (ggml's layout) with activations quantized
	 * per block of 32 to 8 bits: per sub-block of 16, {@code a * d * scale *
	 * sum((v - 32) * q)} with the integer sum exact. The definition the repacked kernel
	 * ({@link PackedQ6_K#gemv}) is tested against.
	 * @param w the weight bytes
	 * @param rowOffset the byte offset of the row
	 * @param q the quantized activations
	 * @param qOffset the first of the row
	 * @param d the activation scales, one per block of 32
	 * @param dOffset the first of the row
	 * @param inDim the row length, a whole number of super-blocks
	 * @return the sum of products
	 */
	static float q6_KQ8(MemorySegment w, long rowOffset, short[] q, int qOffset, float[] d, int dOffset, int inDim) {
		float s = 0;
		for (int sb = 0; sb < inDim / 256; sb++) {
			long blk = rowOffset + 210L * sb;
			float scale = BlockFormats.f16(w, blk + 208);
			for (int j = 0; j < 16; j++) {
				int qb = qOffset + 256 * sb + 16 * j;
				int dot = 0;
				for (int c = 0; c < 16; c++) {
					dot += (BlockFormats.q6KValue(w, blk, 16 * j + c) - 32) * q[qb + c];
				}
				s += d[dOffset + 8 * sb + j / 2] * scale * w.get(ValueLayout.JAVA_BYTE, blk + 192 + j) * dot;
			}
		}
		return s;
	}

}
