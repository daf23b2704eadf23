package dev.springcohere.engine.cpu;

/**
 * Float32 activations quantized per block of 32 to 8 bits, as llama.cpp quantizes the
 * activations before its {@code vec_dot_qX_q8} kernels: per block a float scale
 * {@code d = max|x| / 127}, the values {@code round(x / d)} (to nearest even, as
 * llama.cpp's SIMD rounding does) held widened to 16 bits so the kernels load them
 * without conversion, and the sum of each block's values (for the formats with a
 * per-block offset or minimum).
 */
final class Q8Activations {

	/** Elements per block. */
	static final int BLOCK = 32;

	private final short[] values;

	private final float[] scales;

	private final int[] sums;

	private final int inDim;

	private final int blocks;

	private Q8Activations(short[] values, float[] scales, int[] sums, int inDim) {
		this.values = values;
		this.scales = scales;
		this.sums = sums;
		this.inDim = inDim;
		this.blocks = inDim / BLOCK;
	}

	/**
	 * Quantizes {@code rows} rows of {@code inDim} values.
	 * @param x the activations, row-major
	 * @param rows the number of rows
	 * @param inDim the row length, a multiple of 32
	 * @return the quantized activations
	 */
	static Q8Activations quantize(float[] x, int rows, int inDim) {
		if (inDim % BLOCK != 0) {
			throw new IllegalArgumentException(
					"Rows of " + inDim + " activations are not a whole number of blocks of " + BLOCK);
		}
		int blocks = inDim / BLOCK;
		short[] values = new short[rows * inDim];
		float[] scales = new float[rows * blocks];
		int[] sums = new int[rows * blocks];
		for (int b = 0; b < rows * blocks; b++) {
			int base = b * BLOCK;
			float amax = 0;
			for (int j = 0; j < BLOCK; j++) {
				amax = Math.max(amax, Math.abs(x[base + j]));
			}
			float d = amax / 127f;
			float id = d != 0 ? 1f / d : 0f;
			int sum = 0;
			for (int j = 0; j < BLOCK; j++) {
				int q = (int) Math.rint(x[base + j] * id);
				values[base + j] = (short) q;
				sum += q;
			}
			scales[b] = d;
			sums[b] = sum;
		}
		return new Q8Activations(values, scales, sums, inDim);
	}

	/** The quantized values, {@code rows * inDim}, row-major. */
	short[] values() {
		return this.values;
	}

	/** The scale of each block, {@code rows * blocks}. */
	float[] scales() {
		return this.scales;
	}

	/** The sum of the quantized values of each block, {@code rows * blocks}. */
	int[] sums() {
		return this.sums;
	}

	/** The row length. */
	int inDim() {
		return this.inDim;
	}

	/** Blocks per row. */
	int blocks() {
		return this.blocks;
	}

}
