package dev.springcohere.engine.cpu;

import java.lang.foreign.MemorySegment;

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

}
