package dev.springcohere.engine.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A register-blocked float GEMM of activation rows with a tile of weight rows already in
 * float32: {@code out[r][o0 + j] = x[r] . tile[j]}. Four weight rows times three
 * activation rows are computed at once (twelve accumulators; seven vector loads per
 * twelve FMAs), over blocks of activation rows small enough to stay in the L2 cache while
 * the tile is walked. Used for prefill with block-quantized weights, whose rows are
 * dequantized once per call into the tile instead of once per group of activation rows.
 * <p>
 * {@link #multiplyInterleaved} takes a tile of 32 weight rows stored column by column
 * (the layout the repacked Q8_0 and Q4_0 copies dequantize to): per column two vector
 * loads hold the column of the 32 rows, and six activation rows each add their broadcast
 * activation times them into two accumulators (twelve FMAs per two loads, no horizontal
 * sums).
 */
final class TileGemm {

	private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

	private static final int L = F.length();

	/** Activation floats per token block (256 KiB). */
	private static final int TOKEN_BLOCK_FLOATS = 64 * 1024;

	private TileGemm() {
	}

	/**
	 * Multiplies.
	 * @param x activations, {@code rows * inDim}
	 * @param rows activation rows
	 * @param inDim the shared dimension
	 * @param tile weight rows, {@code n * inDim}
	 * @param n weight rows in the tile
	 * @param out the output, {@code rows * outDim}
	 * @param outDim the output row length
	 * @param o0 the output column of the tile's first row
	 */
	static void multiply(float[] x, int rows, int inDim, float[] tile, int n, float[] out, int outDim, int o0) {
		int vectorized = inDim / L * L;
		int tokenBlock = Math.max(3, TOKEN_BLOCK_FLOATS / Math.max(1, inDim) / 3 * 3);
		for (int r0 = 0; r0 < rows; r0 += tokenBlock) {
			int r1 = Math.min(rows, r0 + tokenBlock);
			int j = 0;
			for (; j + 4 <= n; j += 4) {
				int r = r0;
				for (; r + 3 <= r1; r += 3) {
					kernel4x3(x, inDim, vectorized, tile, j, r, out, outDim, o0);
				}
				for (; r < r1; r++) {
					for (int k = j; k < j + 4; k++) {
						out[r * outDim + o0 + k] = dot(x, r * inDim, tile, k * inDim, inDim, vectorized);
					}
				}
			}
			for (; j < n; j++) {
				for (int r = r0; r < r1; r++) {
					out[r * outDim + o0 + j] = dot(x, r * inDim, tile, j * inDim, inDim, vectorized);
				}
			}
		}
	}

	/**
	 * Multiplies a column-interleaved tile of up to 32 weight rows:
	 * {@code out[r][o0 + j] = sum_c x[r][c] * tile[32 c + j]}.
	 * @param x activations, {@code rows * inDim}
	 * @param rows activation rows
	 * @param inDim the shared dimension
	 * @param tile {@code 32 * inDim} floats, column {@code c} of the 32 rows at
	 * {@code tile[32 c..]}
	 * @param n weight rows of the tile that exist (the first {@code n} of 32)
	 * @param out the output, {@code rows * outDim}
	 * @param outDim the output row length
	 * @param o0 the output column of the tile's first row
	 */
	static void multiplyInterleaved(float[] x, int rows, int inDim, float[] tile, int n, float[] out, int outDim,
			int o0) {
		VectorMask<Float> m0 = FloatVector.SPECIES_512.indexInRange(0, n);
		VectorMask<Float> m1 = FloatVector.SPECIES_512.indexInRange(16, n);
		int r = 0;
		for (; r + 6 <= rows; r += 6) {
			interleaved6(x, r, inDim, tile, out, outDim, o0, m0, m1);
		}
		for (; r < rows; r++) {
			FloatVector a0 = FloatVector.zero(FloatVector.SPECIES_512);
			FloatVector a1 = a0;
			int xr = r * inDim;
			for (int c = 0; c < inDim; c++) {
				FloatVector xv = FloatVector.broadcast(FloatVector.SPECIES_512, x[xr + c]);
				a0 = FloatVector.fromArray(FloatVector.SPECIES_512, tile, 32 * c).fma(xv, a0);
				a1 = FloatVector.fromArray(FloatVector.SPECIES_512, tile, 32 * c + 16).fma(xv, a1);
			}
			a0.intoArray(out, r * outDim + o0, m0);
			a1.intoArray(out, r * outDim + o0 + 16, m1);
		}
	}

	private static void interleaved6(float[] x, int r, int inDim, float[] tile, float[] out, int outDim, int o0,
			VectorMask<Float> m0, VectorMask<Float> m1) {
		VectorSpecies<Float> f = FloatVector.SPECIES_512;
		FloatVector a00 = FloatVector.zero(f);
		FloatVector a01 = a00;
		FloatVector a10 = a00;
		FloatVector a11 = a00;
		FloatVector a20 = a00;
		FloatVector a21 = a00;
		FloatVector a30 = a00;
		FloatVector a31 = a00;
		FloatVector a40 = a00;
		FloatVector a41 = a00;
		FloatVector a50 = a00;
		FloatVector a51 = a00;
		int x0 = r * inDim;
		for (int c = 0; c < inDim; c++) {
			FloatVector w0 = FloatVector.fromArray(f, tile, 32 * c);
			FloatVector w1 = FloatVector.fromArray(f, tile, 32 * c + 16);
			int xc = x0 + c;
			FloatVector xv = FloatVector.broadcast(f, x[xc]);
			a00 = w0.fma(xv, a00);
			a01 = w1.fma(xv, a01);
			xv = FloatVector.broadcast(f, x[xc + inDim]);
			a10 = w0.fma(xv, a10);
			a11 = w1.fma(xv, a11);
			xv = FloatVector.broadcast(f, x[xc + 2 * inDim]);
			a20 = w0.fma(xv, a20);
			a21 = w1.fma(xv, a21);
			xv = FloatVector.broadcast(f, x[xc + 3 * inDim]);
			a30 = w0.fma(xv, a30);
			a31 = w1.fma(xv, a31);
			xv = FloatVector.broadcast(f, x[xc + 4 * inDim]);
			a40 = w0.fma(xv, a40);
			a41 = w1.fma(xv, a41);
			xv = FloatVector.broadcast(f, x[xc + 5 * inDim]);
			a50 = w0.fma(xv, a50);
			a51 = w1.fma(xv, a51);
		}
		int q = r * outDim + o0;
		a00.intoArray(out, q, m0);
		a01.intoArray(out, q + 16, m1);
		q += outDim;
		a10.intoArray(out, q, m0);
		a11.intoArray(out, q + 16, m1);
		q += outDim;
		a20.intoArray(out, q, m0);
		a21.intoArray(out, q + 16, m1);
		q += outDim;
		a30.intoArray(out, q, m0);
		a31.intoArray(out, q + 16, m1);
		q += outDim;
		a40.intoArray(out, q, m0);
		a41.intoArray(out, q + 16, m1);
		q += outDim;
		a50.intoArray(out, q, m0);
		a51.intoArray(out, q + 16, m1);
	}

	private static void kernel4x3(float[] x, int inDim, int vectorized, float[] tile, int j, int r, float[] out,
			int outDim, int o0) {
		FloatVector a00 = FloatVector.zero(F);
		FloatVector a01 = a00;
		FloatVector a02 = a00;
		FloatVector a10 = a00;
		FloatVector a11 = a00;
		FloatVector a12 = a00;
		FloatVector a20 = a00;
		FloatVector a21 = a00;
		FloatVector a22 = a00;
		FloatVector a30 = a00;
		FloatVector a31 = a00;
		FloatVector a32 = a00;
		int w0 = j * inDim;
		int w1 = w0 + inDim;
		int w2 = w1 + inDim;
		int w3 = w2 + inDim;
		int x0 = r * inDim;
		int x1 = x0 + inDim;
		int x2 = x1 + inDim;
		for (int c = 0; c < vectorized; c += L) {
			FloatVector v0 = FloatVector.fromArray(F, tile, w0 + c);
			FloatVector v1 = FloatVector.fromArray(F, tile, w1 + c);
			FloatVector v2 = FloatVector.fromArray(F, tile, w2 + c);
			FloatVector v3 = FloatVector.fromArray(F, tile, w3 + c);
			FloatVector xv = FloatVector.fromArray(F, x, x0 + c);
			a00 = v0.fma(xv, a00);
			a10 = v1.fma(xv, a10);
			a20 = v2.fma(xv, a20);
			a30 = v3.fma(xv, a30);
			xv = FloatVector.fromArray(F, x, x1 + c);
			a01 = v0.fma(xv, a01);
			a11 = v1.fma(xv, a11);
			a21 = v2.fma(xv, a21);
			a31 = v3.fma(xv, a31);
			xv = FloatVector.fromArray(F, x, x2 + c);
			a02 = v0.fma(xv, a02);
			a12 = v1.fma(xv, a12);
			a22 = v2.fma(xv, a22);
			a32 = v3.fma(xv, a32);
		}
		int q0 = r * outDim + o0 + j;
		int q1 = q0 + outDim;
		int q2 = q1 + outDim;
		out[q0] = a00.reduceLanes(VectorOperators.ADD) + tail(x, x0, tile, w0, vectorized, inDim);
		out[q0 + 1] = a10.reduceLanes(VectorOperators.ADD) + tail(x, x0, tile, w1, vectorized, inDim);
		out[q0 + 2] = a20.reduceLanes(VectorOperators.ADD) + tail(x, x0, tile, w2, vectorized, inDim);
		out[q0 + 3] = a30.reduceLanes(VectorOperators.ADD) + tail(x, x0, tile, w3, vectorized, inDim);
		out[q1] = a01.reduceLanes(VectorOperators.ADD) + tail(x, x1, tile, w0, vectorized, inDim);
		out[q1 + 1] = a11.reduceLanes(VectorOperators.ADD) + tail(x, x1, tile, w1, vectorized, inDim);
		out[q1 + 2] = a21.reduceLanes(VectorOperators.ADD) + tail(x, x1, tile, w2, vectorized, inDim);
		out[q1 + 3] = a31.reduceLanes(VectorOperators.ADD) + tail(x, x1, tile, w3, vectorized, inDim);
		out[q2] = a02.reduceLanes(VectorOperators.ADD) + tail(x, x2, tile, w0, vectorized, inDim);
		out[q2 + 1] = a12.reduceLanes(VectorOperators.ADD) + tail(x, x2, tile, w1, vectorized, inDim);
		out[q2 + 2] = a22.reduceLanes(VectorOperators.ADD) + tail(x, x2, tile, w2, vectorized, inDim);
		out[q2 + 3] = a32.reduceLanes(VectorOperators.ADD) + tail(x, x2, tile, w3, vectorized, inDim);
	}

	private static float dot(float[] x, int xo, float[] tile, int wo, int inDim, int vectorized) {
		FloatVector acc = FloatVector.zero(F);
		for (int c = 0; c < vectorized; c += L) {
			acc = FloatVector.fromArray(F, tile, wo + c).fma(FloatVector.fromArray(F, x, xo + c), acc);
		}
		return acc.reduceLanes(VectorOperators.ADD) + tail(x, xo, tile, wo, vectorized, inDim);
	}

	private static float tail(float[] x, int xo, float[] tile, int wo, int from, int inDim) {
		float s = 0;
		for (int c = from; c < inDim; c++) {
			s += x[xo + c] * tile[wo + c];
		}
		return s;
	}

}
