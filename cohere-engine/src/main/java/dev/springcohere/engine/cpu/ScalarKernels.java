package dev.springcohere.engine.cpu;

import dev.springcohere.engine.model.Tensor;

/**
 * Plain single-threaded scalar reference implementation, used to cross-check
 * {@link VectorKernels}. Block-quantized weights are dequantized a row at a time and
 * multiplied in float32 with unquantized activations: the full-precision reference the
 * quantized kernels (which also quantize the activations) are measured against.
 */
public final class ScalarKernels implements Kernels {

	/**
	 * Creates the kernels.
	 */
	public ScalarKernels() {
	}

	@Override
	public void matmul(float[] x, int rows, Tensor w, float[] out) {
		int outDim = (int) w.dim(0);
		int inDim = (int) w.dim(1);
		float[] row = new float[inDim];
		for (int o = 0; o < outDim; o++) {
			long base = (long) o * inDim;
			if (w.dtype().isQuantized()) {
				w.dequantizeRows(o, 1, row, 0);
			}
			else {
				for (int i = 0; i < inDim; i++) {
					row[i] = w.getFloat(base + i);
				}
			}
			for (int r = 0; r < rows; r++) {
				float s = 0;
				for (int i = 0; i < inDim; i++) {
					s += x[r * inDim + i] * row[i];
				}
				out[r * outDim + o] = s;
			}
		}
	}

}
