package dev.springcohere.engine.cpu;

import dev.springcohere.engine.model.Tensor;

/**
 * Plain single-threaded scalar reference implementation, used to cross-check
 * {@link VectorKernels}.
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
		for (int o = 0; o < outDim; o++) {
			long base = (long) o * inDim;
			for (int r = 0; r < rows; r++) {
				float s = 0;
				for (int i = 0; i < inDim; i++) {
					s += x[r * inDim + i] * w.getFloat(base + i);
				}
				out[r * outDim + o] = s;
			}
		}
	}

}
