package dev.springcohere.engine.cpu;

/**
 * Activation rows quantized per block of 32 to 8 bits for the {@link PackedQ4_0} GEMV
 * ({@link PackedQ4_0#quantizeActivations}), with, per block, the term that turns the
 * weights' unsigned nibbles {@code n} into their values {@code n - 8}:
 * {@code sum((n - 8) * q) = sum(n * q) - 8 * sum(q)}.
 *
 * @param values the 8-bit values, widened to 16 bits, row after row
 * @param scales one scale per block of 32 values
 * @param offsets {@code -8 * sum(q)} per block; {@code |sum(q)| <= 32 * 127}, so this
 * fits in 16 bits, and so does the block's dot product, which the GEMV sums in 16-bit
 * lanes that may wrap on the way
 */
record QuantizedActivations(short[] values, float[] scales, short[] offsets) {

	/**
	 * Quantizes {@code rows} rows of {@code inDim} activations.
	 * @param x the activations, row after row
	 * @param rows the number of rows
	 * @param inDim the activations per row, a multiple of 32
	 * @return the quantized rows
	 */
	static QuantizedActivations of(float[] x, int rows, int inDim) {
		short[] q = new short[rows * inDim];
		float[] d = new float[rows * inDim / 32];
		short[] offsets = new short[d.length];
		for (int r = 0; r < rows; r++) {
			PackedQ4_0.quantizeActivations(x, r * inDim, inDim, q, r * inDim, d, r * inDim / 32);
		}
		for (int b = 0; b < offsets.length; b++) {
			int sum = 0;
			for (int j = 0; j < 32; j++) {
				sum += q[32 * b + j];
			}
			offsets[b] = (short) (-8 * sum);
		}
		return new QuantizedActivations(q, d, offsets);
	}

}
