package dev.springcohere.engine.cpu;

import java.util.Arrays;

/**
 * Each thread's running row sums for the block-quantized GEMVs ({@link PackedQ4_0},
 * {@link PackedQ8_0}, {@link PackedQ4_K}, {@link PackedQ6_K}). A GEMV adds each block
 * into this array rather than carrying its sums in vectors from block to block: C2 boxed
 * some such carried vectors at every block (which ones moved with the kernel's size), so
 * the GEMVs allocated gigabytes a second and ran about 10x slower for a few hundred
 * milliseconds each time the collector grew the heap. One GEMV at a time uses a thread's
 * array.
 */
final class RowSums {

	/** The most sums a GEMV keeps: four activation rows of a 32-row group. */
	static final int MAX = 128;

	private static final ThreadLocal<float[]> SUMS = ThreadLocal.withInitial(() -> new float[MAX]);

	private RowSums() {
	}

	/**
	 * The calling thread's array, its first {@code n} sums zeroed.
	 * @param n the sums the GEMV keeps, at most {@value #MAX}
	 * @return the array
	 */
	static float[] zeroed(int n) {
		float[] sums = SUMS.get();
		Arrays.fill(sums, 0, n, 0f);
		return sums;
	}

}
