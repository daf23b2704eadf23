package dev.springcohere.engine.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels with multi-threaded matmul on a {@link WorkerTeam} (the caller and
 * {@code threads - 1} workers) created once and reused for every call. Weights are read
 * straight from their (memory-mapped) segments; bf16 is widened to float32 in registers
 * (a 16-bit shift for the even element of each 32-bit pair, a mask for the odd one) and
 * accumulated with FMA, in a register-tiled GEMM for prefill and a multi-accumulator GEMV
 * for decode; f16 is widened in registers too ({@link #f16ToFloat}); block-quantized
 * weights go to {@link QuantizedMatmul}. Close it to stop its threads.
 * <p>
 * Its length is the set of hot loops (GEMV, the register-tiled GEMM and its remainder
 * tiles, norms, activations, rotary embedding, softmax, decode attention over bf16 rows)
 * kept together so that their layouts and blocking agree; each loop is written out so
 * that C2 compiles it to vector instructions.
 */
public final class VectorKernels implements Kernels, AutoCloseable {

	private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

	private static final int L = F.length();

	private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(L * 16));

	private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

	private static final int ROWS_PER_TASK = 16;

	/*
	 * Index vectors of dotBf16FourByFour's reduction (for 16 lanes; index 16 + j is lane
	 * j of the second input): each pair (A, B) gathers halves, quarters, pairs and single
	 * lanes of two vectors so that adding the two selections halves the vectors to sum.
	 */

	private static final FloatVector HALVES_A = indexes(0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);

	private static final FloatVector HALVES_B = indexes(8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);

	private static final FloatVector QUARTERS_A = indexes(0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27);

	private static final FloatVector QUARTERS_B = indexes(4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31);

	private static final FloatVector PAIRS_A = indexes(0, 1, 4, 5, 8, 9, 12, 13, 16, 17, 20, 21, 24, 25, 28, 29);

	private static final FloatVector PAIRS_B = indexes(2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23, 26, 27, 30, 31);

	private static final FloatVector EVEN = indexes(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);

	private static final FloatVector ODD = indexes(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);

	/** bf16 values per 32-bit-lane vector load: two per lane. */
	private static final int CHUNK = 2 * L;

	private static final int HIGH_HALF = 0xFFFF0000;

	private static final int BF16_ROWS_PER_TASK = 64;

	/**
	 * Activation floats per token block, about 256 KiB, so a block stays in L2 while
	 * weight rows stream by.
	 */
	private static final int TOKEN_BLOCK_FLOATS = 64 * 1024;

	private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	/**
	 * The most floats of re-ordered activations kept per calling thread between calls
	 * (decode and small batches); larger prefill chunks allocate theirs.
	 */
	private static final int KEPT_EVEN_ODD_FLOATS = 64 * 1024;

	private static final ThreadLocal<float[]> EVEN_ODD = ThreadLocal.withInitial(() -> new float[0]);

	private final WorkerTeam team;

	/**
	 * Creates kernels that use {@code threads} threads for matmul, the caller included.
	 * @param threads the number of threads, at least 1
	 */
	public VectorKernels(int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("'threads' must be at least 1 but was " + threads);
		}
		this.team = new WorkerTeam(threads, "cohere-engine-worker");
	}

	/**
	 * The number of threads that run a matmul, the caller included.
	 * @return the team's size
	 */
	public int threads() {
		return this.team.size();
	}

	@Override
	public void matmul(float[] x, int rows, Tensor w, float[] out) {
		int outDim = (int) w.dim(0);
		int inDim = (int) w.dim(1);
		if (w.dtype() == DType.BF16) {
			matmulBf16(x, rows, w.data(), inDim, outDim, out);
			return;
		}
		if (w.dtype().isQuantized()) {
			QuantizedMatmul.run(this.team, x, rows, List.of(w), List.of(out));
			return;
		}
		int tasks = (outDim + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
		this.team.forEach(tasks, (t) -> range(x, rows, w, out, inDim, outDim, t));
	}

	/**
	 * bf16 weights: a blocked GEMM (a GEMV for one row). Every 32-bit load of the weights
	 * holds two bf16 values; the even one becomes a float with a left shift by 16, the
	 * odd one by masking the low half, so no widening shuffle is needed. The activations
	 * are re-ordered once per call into the matching even/odd layout
	 * ({@link #splitEvenOdd}). Output rows are cut into blocks of
	 * {@link #BF16_ROWS_PER_TASK} handed to the team; in each block, 4 weight rows times
	 * 3 activation rows are computed at once (12 accumulators), over activation blocks
	 * small enough to stay in the L2 cache, so each weight is read from memory once per
	 * call. Rows left over after the groups of 3 run as a 4 x 2 tile when they are 2 (a
	 * batched decode step of 2, 5, 8, 11 or 14 sequences) and as a 4 x 1 GEMV when it is
	 * 1.
	 */
	private void matmulBf16(float[] x, int rows, MemorySegment seg, int inDim, int outDim, float[] out) {
		int packed = inDim / CHUNK * CHUNK;
		float[] xs = splitEvenOdd(x, rows, inDim, packed, true);
		int tasks = (outDim + BF16_ROWS_PER_TASK - 1) / BF16_ROWS_PER_TASK;
		this.team.forEach(tasks, (t) -> bf16Task(x, xs, rows, seg, inDim, packed, outDim, t, out));
	}

	@Override
	public void matmul(float[] x, int rows, List<Tensor> ws, List<float[]> outs) {
		if (ws.size() != outs.size()) {
			throw new IllegalArgumentException(ws.size() + " weights but " + outs.size() + " outputs");
		}
		matmulEach(Collections.nCopies(ws.size(), x), rows, ws, outs);
	}

	/**
	 * Runs the layers as one job on the team when they are all block-quantized, or all
	 * bf16; otherwise one after the other.
	 */
	@Override
	public void matmulEach(List<float[]> xs, int rows, List<Tensor> ws, List<float[]> outs) {
		if (ws.size() != outs.size() || ws.size() != xs.size()) {
			throw new IllegalArgumentException(
					ws.size() + " weights but " + xs.size() + " inputs and " + outs.size() + " outputs");
		}
		boolean fusable = this.team.size() > 1;
		boolean quantized = !ws.isEmpty();
		for (Tensor w : ws) {
			fusable &= w.dtype() == DType.BF16;
			quantized &= w.dtype().isQuantized();
		}
		if (quantized) {
			QuantizedMatmul.run(this.team, xs, rows, ws, outs);
			return;
		}
		if (!fusable) {
			Kernels.super.matmulEach(xs, rows, ws, outs);
			return;
		}
		int n = ws.size();
		int[] inDims = new int[n];
		int[] packed = new int[n];
		float[][] split = new float[n][];
		for (int k = 0; k < n; k++) {
			inDims[k] = (int) ws.get(k).dim(1);
			packed[k] = inDims[k] / CHUNK * CHUNK;
			float[] made = QuantizedMatmul.madeForSameInput(split, xs, inDims, k);
			// the calling thread's kept buffer holds the first input's re-ordered copy;
			// any other input gets its own
			split[k] = (made != null) ? made : splitEvenOdd(xs.get(k), rows, inDims[k], packed[k], k == 0);
		}
		int[] firstTask = new int[n + 1];
		for (int k = 0; k < n; k++) {
			firstTask[k + 1] = firstTask[k] + (int) ((ws.get(k).dim(0) + BF16_ROWS_PER_TASK - 1) / BF16_ROWS_PER_TASK);
		}
		this.team.forEach(firstTask[n], (t) -> {
			int k = 0;
			while (t >= firstTask[k + 1]) {
				k++;
			}
			Tensor w = ws.get(k);
			bf16Task(xs.get(k), split[k], rows, w.data(), inDims[k], packed[k], (int) w.dim(0), t - firstTask[k],
					outs.get(k));
		});
	}

	/**
	 * {@code xs[r][c + j] = x[r][c + 2j]} and {@code xs[r][c + L + j] = x[r][c + 2j + 1]}
	 * per chunk {@code c}: in the calling thread's kept buffer (valid until its next
	 * call) when {@code kept}, else in a new array.
	 */
	private static float[] splitEvenOdd(float[] x, int rows, int inDim, int packed, boolean kept) {
		float[] xs = kept ? evenOddBuffer(rows * packed) : new float[rows * packed];
		for (int r = 0; r < rows; r++) {
			int src = r * inDim;
			int dst = r * packed;
			for (int c = 0; c < packed; c += CHUNK) {
				for (int j = 0; j < L; j++) {
					xs[dst + c + j] = x[src + c + 2 * j];
					xs[dst + c + L + j] = x[src + c + 2 * j + 1];
				}
			}
		}
		return xs;
	}

	private static float[] evenOddBuffer(int size) {
		if (size > KEPT_EVEN_ODD_FLOATS) {
			return new float[size];
		}
		float[] kept = EVEN_ODD.get();
		if (kept.length < size) {
			kept = new float[KEPT_EVEN_ODD_FLOATS];
			EVEN_ODD.set(kept);
		}
		return kept;
	}

	private static void bf16Task(float[] x, float[] xs, int rows, MemorySegment seg, int inDim, int packed, int outDim,
			int task, float[] out) {
		int start = task * BF16_ROWS_PER_TASK;
		int end = Math.min(outDim, start + BF16_ROWS_PER_TASK);
		int tokenBlock = Math.max(3, TOKEN_BLOCK_FLOATS / Math.max(1, inDim) / 3 * 3);
		for (int r0 = 0; r0 < rows; r0 += tokenBlock) {
			int r1 = Math.min(rows, r0 + tokenBlock);
			int o = start;
			for (; o + 4 <= end; o += 4) {
				int r = r0;
				for (; r + 3 <= r1; r += 3) {
					kernel4x3(x, xs, seg, inDim, packed, outDim, o, r, out);
				}
				if (r1 - r == 2) {
					// two rows left: a 4 x 2 tile, which widens each weight once for both
					// (two 4 x 1 passes widen it twice) and does no more multiply-adds
					// than the two rows need
					kernel4x2(x, xs, seg, inDim, packed, outDim, o, r, out);
				}
				else if (r1 - r == 1) {
					kernel4x1(x, xs, seg, inDim, packed, outDim, o, r, out);
				}
			}
			for (; o < end; o++) {
				for (int r = r0; r < r1; r++) {
					kernel1x1(x, xs, seg, inDim, packed, outDim, o, r, out);
				}
			}
		}
	}

	private static FloatVector even(IntVector packedPair) {
		return packedPair.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
	}

	private static FloatVector odd(IntVector packedPair) {
		return packedPair.and(HIGH_HALF).reinterpretAsFloats();
	}

	private static IntVector pairs(MemorySegment seg, long row, int inDim, int c) {
		return IntVector.fromMemorySegment(I, seg, (row * inDim + c) * 2, ByteOrder.LITTLE_ENDIAN);
	}

	/** The part of a dot product past the last full chunk, scalar. */
	private static float tail(float[] x, MemorySegment seg, int inDim, int packed, int o, int r) {
		float s = 0;
		long base = (long) o * inDim;
		for (int i = packed; i < inDim; i++) {
			int bits = (seg.get(SHORT_LE, (base + i) * 2) & 0xFFFF) << 16;
			s += Float.intBitsToFloat(bits) * x[r * inDim + i];
		}
		return s;
	}

	/**
	 * Four weight rows against three activation rows from {@code r}: 12 accumulators.
	 */
	private static void kernel4x3(float[] x, float[] xs, MemorySegment seg, int inDim, int packed, int outDim, int o,
			int r, float[] out) {
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
		int x0 = r * packed;
		int x1 = x0 + packed;
		int x2 = x1 + packed;
		for (int c = 0; c < packed; c += CHUNK) {
			IntVector p0 = pairs(seg, o, inDim, c);
			IntVector p1 = pairs(seg, o + 1, inDim, c);
			IntVector p2 = pairs(seg, o + 2, inDim, c);
			IntVector p3 = pairs(seg, o + 3, inDim, c);
			FloatVector e0 = even(p0);
			FloatVector e1 = even(p1);
			FloatVector e2 = even(p2);
			FloatVector e3 = even(p3);
			FloatVector d0 = odd(p0);
			FloatVector d1 = odd(p1);
			FloatVector d2 = odd(p2);
			FloatVector d3 = odd(p3);
			FloatVector xe = FloatVector.fromArray(F, xs, x0 + c);
			FloatVector xo = FloatVector.fromArray(F, xs, x0 + c + L);
			a00 = d0.fma(xo, e0.fma(xe, a00));
			a10 = d1.fma(xo, e1.fma(xe, a10));
			a20 = d2.fma(xo, e2.fma(xe, a20));
			a30 = d3.fma(xo, e3.fma(xe, a30));
			xe = FloatVector.fromArray(F, xs, x1 + c);
			xo = FloatVector.fromArray(F, xs, x1 + c + L);
			a01 = d0.fma(xo, e0.fma(xe, a01));
			a11 = d1.fma(xo, e1.fma(xe, a11));
			a21 = d2.fma(xo, e2.fma(xe, a21));
			a31 = d3.fma(xo, e3.fma(xe, a31));
			xe = FloatVector.fromArray(F, xs, x2 + c);
			xo = FloatVector.fromArray(F, xs, x2 + c + L);
			a02 = d0.fma(xo, e0.fma(xe, a02));
			a12 = d1.fma(xo, e1.fma(xe, a12));
			a22 = d2.fma(xo, e2.fma(xe, a22));
			a32 = d3.fma(xo, e3.fma(xe, a32));
		}
		int q0 = r * outDim + o;
		int q1 = q0 + outDim;
		int q2 = q1 + outDim;
		out[q0] = a00.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o, r);
		out[q0 + 1] = a10.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 1, r);
		out[q0 + 2] = a20.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 2, r);
		out[q0 + 3] = a30.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 3, r);
		out[q1] = a01.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o, r + 1);
		out[q1 + 1] = a11.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 1, r + 1);
		out[q1 + 2] = a21.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 2, r + 1);
		out[q1 + 3] = a31.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 3, r + 1);
		out[q2] = a02.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o, r + 2);
		out[q2 + 1] = a12.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 1, r + 2);
		out[q2 + 2] = a22.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 2, r + 2);
		out[q2 + 3] = a32.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 3, r + 2);
	}

	/**
	 * Four weight rows against two activation rows from {@code r}: 8 accumulators, for
	 * the two rows left after the 4 x 3 tiles (a batched decode step of 2, 5, 8, 11 or 14
	 * sequences).
	 */
	private static void kernel4x2(float[] x, float[] xs, MemorySegment seg, int inDim, int packed, int outDim, int o,
			int r, float[] out) {
		FloatVector a00 = FloatVector.zero(F);
		FloatVector a01 = a00;
		FloatVector a10 = a00;
		FloatVector a11 = a00;
		FloatVector a20 = a00;
		FloatVector a21 = a00;
		FloatVector a30 = a00;
		FloatVector a31 = a00;
		int x0 = r * packed;
		int x1 = x0 + packed;
		for (int c = 0; c < packed; c += CHUNK) {
			IntVector p0 = pairs(seg, o, inDim, c);
			IntVector p1 = pairs(seg, o + 1, inDim, c);
			IntVector p2 = pairs(seg, o + 2, inDim, c);
			IntVector p3 = pairs(seg, o + 3, inDim, c);
			FloatVector e0 = even(p0);
			FloatVector e1 = even(p1);
			FloatVector e2 = even(p2);
			FloatVector e3 = even(p3);
			FloatVector d0 = odd(p0);
			FloatVector d1 = odd(p1);
			FloatVector d2 = odd(p2);
			FloatVector d3 = odd(p3);
			FloatVector xe = FloatVector.fromArray(F, xs, x0 + c);
			FloatVector xo = FloatVector.fromArray(F, xs, x0 + c + L);
			a00 = d0.fma(xo, e0.fma(xe, a00));
			a10 = d1.fma(xo, e1.fma(xe, a10));
			a20 = d2.fma(xo, e2.fma(xe, a20));
			a30 = d3.fma(xo, e3.fma(xe, a30));
			xe = FloatVector.fromArray(F, xs, x1 + c);
			xo = FloatVector.fromArray(F, xs, x1 + c + L);
			a01 = d0.fma(xo, e0.fma(xe, a01));
			a11 = d1.fma(xo, e1.fma(xe, a11));
			a21 = d2.fma(xo, e2.fma(xe, a21));
			a31 = d3.fma(xo, e3.fma(xe, a31));
		}
		int q0 = r * outDim + o;
		int q1 = q0 + outDim;
		out[q0] = a00.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o, r);
		out[q0 + 1] = a10.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 1, r);
		out[q0 + 2] = a20.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 2, r);
		out[q0 + 3] = a30.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 3, r);
		out[q1] = a01.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o, r + 1);
		out[q1 + 1] = a11.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 1, r + 1);
		out[q1 + 2] = a21.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 2, r + 1);
		out[q1 + 3] = a31.reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 3, r + 1);
	}

	/**
	 * Four weight rows against one activation row: the decode (GEMV) case, memory bound.
	 */
	private static void kernel4x1(float[] x, float[] xs, MemorySegment seg, int inDim, int packed, int outDim, int o,
			int r, float[] out) {
		FloatVector a0 = FloatVector.zero(F);
		FloatVector a1 = a0;
		FloatVector a2 = a0;
		FloatVector a3 = a0;
		FloatVector b0 = a0;
		FloatVector b1 = a0;
		FloatVector b2 = a0;
		FloatVector b3 = a0;
		int x0 = r * packed;
		for (int c = 0; c < packed; c += CHUNK) {
			IntVector p0 = pairs(seg, o, inDim, c);
			IntVector p1 = pairs(seg, o + 1, inDim, c);
			IntVector p2 = pairs(seg, o + 2, inDim, c);
			IntVector p3 = pairs(seg, o + 3, inDim, c);
			FloatVector xe = FloatVector.fromArray(F, xs, x0 + c);
			FloatVector xo = FloatVector.fromArray(F, xs, x0 + c + L);
			a0 = even(p0).fma(xe, a0);
			a1 = even(p1).fma(xe, a1);
			a2 = even(p2).fma(xe, a2);
			a3 = even(p3).fma(xe, a3);
			b0 = odd(p0).fma(xo, b0);
			b1 = odd(p1).fma(xo, b1);
			b2 = odd(p2).fma(xo, b2);
			b3 = odd(p3).fma(xo, b3);
		}
		int q = r * outDim + o;
		out[q] = a0.add(b0).reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o, r);
		out[q + 1] = a1.add(b1).reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 1, r);
		out[q + 2] = a2.add(b2).reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 2, r);
		out[q + 3] = a3.add(b3).reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o + 3, r);
	}

	private static void kernel1x1(float[] x, float[] xs, MemorySegment seg, int inDim, int packed, int outDim, int o,
			int r, float[] out) {
		FloatVector a = FloatVector.zero(F);
		FloatVector b = a;
		int x0 = r * packed;
		for (int c = 0; c < packed; c += CHUNK) {
			IntVector p = pairs(seg, o, inDim, c);
			a = even(p).fma(FloatVector.fromArray(F, xs, x0 + c), a);
			b = odd(p).fma(FloatVector.fromArray(F, xs, x0 + c + L), b);
		}
		out[r * outDim + o] = a.add(b).reduceLanes(VectorOperators.ADD) + tail(x, seg, inDim, packed, o, r);
	}

	private static void range(float[] x, int rows, Tensor w, float[] out, int inDim, int outDim, int task) {
		int end = Math.min(outDim, (task + 1) * ROWS_PER_TASK);
		for (int o = task * ROWS_PER_TASK; o < end; o++) {
			for (int r = 0; r < rows; r += 4) {
				int n = Math.min(4, rows - r);
				row(x, r, n, w, o, inDim, out, outDim);
			}
		}
	}

	private static FloatVector load(Tensor w, MemorySegment seg, long element) {
		if (w.dtype() == DType.BF16) {
			return ((IntVector) ShortVector.fromMemorySegment(S, seg, element * 2, ByteOrder.LITTLE_ENDIAN)
				.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
		}
		if (w.dtype() == DType.F16) {
			return f16ToFloat((IntVector) ShortVector.fromMemorySegment(S, seg, element * 2, ByteOrder.LITTLE_ENDIAN)
				.convertShape(VectorOperators.S2I, I, 0));
		}
		return FloatVector.fromMemorySegment(F, seg, element * 4, ByteOrder.LITTLE_ENDIAN);
	}

	/**
	 * Widens sign-extended IEEE half-precision bits to float: the exponent and mantissa
	 * shifted into float position and multiplied by 2^112 (which re-biases the exponent
	 * and turns f16 subnormals into the right float values), then the sign. Infinities
	 * and NaNs are not preserved (they become large finite values); model weights have
	 * none.
	 */
	static FloatVector f16ToFloat(IntVector half) {
		IntVector sign = half.and(0x8000).lanewise(VectorOperators.LSHL, 16);
		FloatVector magnitude = half.and(0x7FFF).lanewise(VectorOperators.LSHL, 13).reinterpretAsFloats().mul(0x1p112f);
		return magnitude.reinterpretAsInts().or(sign).reinterpretAsFloats();
	}

	private static void row(float[] x, int r0, int n, Tensor w, int o, int inDim, float[] out, int outDim) {
		MemorySegment seg = w.data();
		long base = (long) o * inDim;
		int i = 0;
		FloatVector a0 = FloatVector.zero(F);
		FloatVector a1 = FloatVector.zero(F);
		FloatVector a2 = FloatVector.zero(F);
		FloatVector a3 = FloatVector.zero(F);
		int x0 = r0 * inDim;
		for (; i <= inDim - L; i += L) {
			FloatVector wv = load(w, seg, base + i);
			a0 = wv.fma(FloatVector.fromArray(F, x, x0 + i), a0);
			if (n > 1) {
				a1 = wv.fma(FloatVector.fromArray(F, x, x0 + inDim + i), a1);
			}
			if (n > 2) {
				a2 = wv.fma(FloatVector.fromArray(F, x, x0 + 2 * inDim + i), a2);
			}
			if (n > 3) {
				a3 = wv.fma(FloatVector.fromArray(F, x, x0 + 3 * inDim + i), a3);
			}
		}
		float s0 = a0.reduceLanes(VectorOperators.ADD);
		float s1 = a1.reduceLanes(VectorOperators.ADD);
		float s2 = a2.reduceLanes(VectorOperators.ADD);
		float s3 = a3.reduceLanes(VectorOperators.ADD);
		for (; i < inDim; i++) {
			float wi = w.getFloat(base + i);
			s0 += wi * x[r0 * inDim + i];
			if (n > 1) {
				s1 += wi * x[(r0 + 1) * inDim + i];
			}
			if (n > 2) {
				s2 += wi * x[(r0 + 2) * inDim + i];
			}
			if (n > 3) {
				s3 += wi * x[(r0 + 3) * inDim + i];
			}
		}
		out[r0 * outDim + o] = s0;
		if (n > 1) {
			out[(r0 + 1) * outDim + o] = s1;
		}
		if (n > 2) {
			out[(r0 + 2) * outDim + o] = s2;
		}
		if (n > 3) {
			out[(r0 + 3) * outDim + o] = s3;
		}
	}

	@Override
	public float dot(float[] a, int aOffset, float[] b, int bOffset, int n) {
		FloatVector acc = FloatVector.zero(F);
		int i = 0;
		for (; i <= n - L; i += L) {
			acc = FloatVector.fromArray(F, a, aOffset + i).fma(FloatVector.fromArray(F, b, bOffset + i), acc);
		}
		float s = acc.reduceLanes(VectorOperators.ADD);
		for (; i < n; i++) {
			s += a[aOffset + i] * b[bOffset + i];
		}
		return s;
	}

	/**
	 * The reference rotation with the angles of a position computed once for all the
	 * heads of that position ({@link RopeAngles}): the same floats as the reference.
	 */
	@Override
	public void ropeInterleaved(float[] x, int offset, int headDim, int position, double theta) {
		RopeAngles.rotate(x, offset, headDim, position, theta);
	}

	/**
	 * SwiGLU with the exponential of a whole vector at once ({@link VectorOperators#EXP},
	 * within an ulp or so of {@link Math#exp}).
	 */
	@Override
	public void swiglu(float[] gate, float[] up, int n) {
		int i = 0;
		for (; i <= n - L; i += L) {
			FloatVector g = FloatVector.fromArray(F, gate, i);
			FloatVector denominator = g.neg().lanewise(VectorOperators.EXP).add(1f);
			g.div(denominator).mul(FloatVector.fromArray(F, up, i)).intoArray(gate, i);
		}
		for (; i < n; i++) {
			float g = gate[i];
			gate[i] = g / (1f + (float) Math.exp(-g)) * up[i];
		}
	}

	/**
	 * Softmax with the maximum, the exponentials ({@link VectorOperators#EXP}, as in
	 * {@link #swiglu}), their sum and the division a vector at a time.
	 */
	@Override
	public void softmax(float[] x, int offset, int n) {
		int vectorEnd = n - n % L;
		FloatVector maxLanes = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
		for (int i = 0; i < vectorEnd; i += L) {
			maxLanes = maxLanes.max(FloatVector.fromArray(F, x, offset + i));
		}
		float max = maxLanes.reduceLanes(VectorOperators.MAX);
		for (int i = vectorEnd; i < n; i++) {
			max = Math.max(max, x[offset + i]);
		}
		FloatVector sumLanes = FloatVector.zero(F);
		for (int i = 0; i < vectorEnd; i += L) {
			FloatVector e = FloatVector.fromArray(F, x, offset + i).sub(max).lanewise(VectorOperators.EXP);
			e.intoArray(x, offset + i);
			sumLanes = sumLanes.add(e);
		}
		float sum = sumLanes.reduceLanes(VectorOperators.ADD);
		for (int i = vectorEnd; i < n; i++) {
			float e = (float) Math.exp(x[offset + i] - max);
			x[offset + i] = e;
			sum += e;
		}
		for (int i = 0; i < vectorEnd; i += L) {
			FloatVector.fromArray(F, x, offset + i).div(sum).intoArray(x, offset + i);
		}
		for (int i = vectorEnd; i < n; i++) {
			x[offset + i] /= sum;
		}
	}

	@Override
	public void parallelFor(int n, IntConsumer body) {
		this.team.forEach(n, body);
	}

	@Override
	public void axpy(float a, float[] x, int xOffset, float[] y, int yOffset, int n) {
		FloatVector av = FloatVector.broadcast(F, a);
		int i = 0;
		for (; i <= n - L; i += L) {
			FloatVector.fromArray(F, x, xOffset + i)
				.fma(av, FloatVector.fromArray(F, y, yOffset + i))
				.intoArray(y, yOffset + i);
		}
		for (; i < n; i++) {
			y[yOffset + i] += a * x[xOffset + i];
		}
	}

	/**
	 * Each key row widened in registers and used for four heads at once (four
	 * accumulators), with each head's products summed in {@link #dot}'s order, so the
	 * scores equal those of widening the row and calling {@link #dot} per head.
	 */
	@Override
	public void dotBf16Rows(float[] q, int qOffset, int heads, int n, short[] keys, int keyOffset, int keyStride,
			int count, float scale, float[] scores, int scoreOffset, int scoreStride) {
		int vectorEnd = n - n % L;
		int blockedRows = (L == 16 && vectorEnd == n) ? count - count % 4 : 0;
		int blockedHeads = heads - heads % 4;
		float[] tile = (blockedRows > 0) ? new float[16] : null;
		for (int i = 0; i < blockedRows; i += 4) {
			for (int h = 0; h < blockedHeads; h += 4) {
				dotBf16FourByFour(q, qOffset + h * n, n, keys, keyOffset + i * keyStride, keyStride, scale, tile,
						scores, scoreOffset + h * scoreStride + i, scoreStride);
			}
		}
		for (int i = 0; i < count; i++) {
			int row = keyOffset + i * keyStride;
			int h = (i < blockedRows) ? blockedHeads : 0;
			for (; h + 4 <= heads; h += 4) {
				int q0 = qOffset + h * n;
				FloatVector a0 = FloatVector.zero(F);
				FloatVector a1 = a0;
				FloatVector a2 = a0;
				FloatVector a3 = a0;
				for (int d = 0; d < vectorEnd; d += L) {
					FloatVector k = ((IntVector) ShortVector.fromArray(S, keys, row + d)
						.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16)
						.reinterpretAsFloats();
					a0 = FloatVector.fromArray(F, q, q0 + d).fma(k, a0);
					a1 = FloatVector.fromArray(F, q, q0 + n + d).fma(k, a1);
					a2 = FloatVector.fromArray(F, q, q0 + 2 * n + d).fma(k, a2);
					a3 = FloatVector.fromArray(F, q, q0 + 3 * n + d).fma(k, a3);
				}
				int s = scoreOffset + h * scoreStride + i;
				scores[s] = bf16DotTail(a0.reduceLanes(VectorOperators.ADD), q, q0, keys, row, vectorEnd, n) * scale;
				scores[s + scoreStride] = bf16DotTail(a1.reduceLanes(VectorOperators.ADD), q, q0 + n, keys, row,
						vectorEnd, n) * scale;
				scores[s + 2 * scoreStride] = bf16DotTail(a2.reduceLanes(VectorOperators.ADD), q, q0 + 2 * n, keys, row,
						vectorEnd, n) * scale;
				scores[s + 3 * scoreStride] = bf16DotTail(a3.reduceLanes(VectorOperators.ADD), q, q0 + 3 * n, keys, row,
						vectorEnd, n) * scale;
			}
			for (; h < heads; h++) {
				int q0 = qOffset + h * n;
				FloatVector a0 = FloatVector.zero(F);
				for (int d = 0; d < vectorEnd; d += L) {
					FloatVector k = ((IntVector) ShortVector.fromArray(S, keys, row + d)
						.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16)
						.reinterpretAsFloats();
					a0 = FloatVector.fromArray(F, q, q0 + d).fma(k, a0);
				}
				scores[scoreOffset + h * scoreStride + i] = bf16DotTail(a0.reduceLanes(VectorOperators.ADD), q, q0,
						keys, row, vectorEnd, n) * scale;
			}
		}
	}

	/**
	 * The scores of four query heads against four bf16 key rows (512-bit vectors,
	 * {@code n} a multiple of 16): sixteen accumulators, each key chunk widened once for
	 * the four heads and each query chunk loaded once for the four rows, then the sixteen
	 * sums reduced together by a tree of two-vector selections (15 adds of whole vectors
	 * instead of 16 lane-by-lane reductions), lane {@code 4h + i} ending with head
	 * {@code h}, row {@code i}, stored through {@code tile} (16 floats).
	 */
	private static void dotBf16FourByFour(float[] q, int qOffset, int n, short[] keys, int rowOffset, int keyStride,
			float scale, float[] tile, float[] scores, int scoreOffset, int scoreStride) {
		FloatVector a00 = FloatVector.zero(F);
		FloatVector a01 = a00;
		FloatVector a02 = a00;
		FloatVector a03 = a00;
		FloatVector a10 = a00;
		FloatVector a11 = a00;
		FloatVector a12 = a00;
		FloatVector a13 = a00;
		FloatVector a20 = a00;
		FloatVector a21 = a00;
		FloatVector a22 = a00;
		FloatVector a23 = a00;
		FloatVector a30 = a00;
		FloatVector a31 = a00;
		FloatVector a32 = a00;
		FloatVector a33 = a00;
		for (int d = 0; d < n; d += L) {
			int k = rowOffset + d;
			FloatVector k0 = ((IntVector) ShortVector.fromArray(S, keys, k).convertShape(VectorOperators.S2I, I, 0))
				.lanewise(VectorOperators.LSHL, 16)
				.reinterpretAsFloats();
			FloatVector k1 = ((IntVector) ShortVector.fromArray(S, keys, k + keyStride)
				.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
			FloatVector k2 = ((IntVector) ShortVector.fromArray(S, keys, k + 2 * keyStride)
				.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
			FloatVector k3 = ((IntVector) ShortVector.fromArray(S, keys, k + 3 * keyStride)
				.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
			FloatVector h0 = FloatVector.fromArray(F, q, qOffset + d);
			a00 = h0.fma(k0, a00);
			a01 = h0.fma(k1, a01);
			a02 = h0.fma(k2, a02);
			a03 = h0.fma(k3, a03);
			FloatVector h1 = FloatVector.fromArray(F, q, qOffset + n + d);
			a10 = h1.fma(k0, a10);
			a11 = h1.fma(k1, a11);
			a12 = h1.fma(k2, a12);
			a13 = h1.fma(k3, a13);
			FloatVector h2 = FloatVector.fromArray(F, q, qOffset + 2 * n + d);
			a20 = h2.fma(k0, a20);
			a21 = h2.fma(k1, a21);
			a22 = h2.fma(k2, a22);
			a23 = h2.fma(k3, a23);
			FloatVector h3 = FloatVector.fromArray(F, q, qOffset + 3 * n + d);
			a30 = h3.fma(k0, a30);
			a31 = h3.fma(k1, a31);
			a32 = h3.fma(k2, a32);
			a33 = h3.fma(k3, a33);
		}
		// each level halves the vectors: pairs of lanes of two inputs added side by side
		FloatVector w0 = HALVES_A.selectFrom(a00, a01).add(HALVES_B.selectFrom(a00, a01));
		FloatVector w1 = HALVES_A.selectFrom(a02, a03).add(HALVES_B.selectFrom(a02, a03));
		FloatVector w2 = HALVES_A.selectFrom(a10, a11).add(HALVES_B.selectFrom(a10, a11));
		FloatVector w3 = HALVES_A.selectFrom(a12, a13).add(HALVES_B.selectFrom(a12, a13));
		FloatVector w4 = HALVES_A.selectFrom(a20, a21).add(HALVES_B.selectFrom(a20, a21));
		FloatVector w5 = HALVES_A.selectFrom(a22, a23).add(HALVES_B.selectFrom(a22, a23));
		FloatVector w6 = HALVES_A.selectFrom(a30, a31).add(HALVES_B.selectFrom(a30, a31));
		FloatVector w7 = HALVES_A.selectFrom(a32, a33).add(HALVES_B.selectFrom(a32, a33));
		FloatVector x0 = QUARTERS_A.selectFrom(w0, w1).add(QUARTERS_B.selectFrom(w0, w1));
		FloatVector x1 = QUARTERS_A.selectFrom(w2, w3).add(QUARTERS_B.selectFrom(w2, w3));
		FloatVector x2 = QUARTERS_A.selectFrom(w4, w5).add(QUARTERS_B.selectFrom(w4, w5));
		FloatVector x3 = QUARTERS_A.selectFrom(w6, w7).add(QUARTERS_B.selectFrom(w6, w7));
		FloatVector y0 = PAIRS_A.selectFrom(x0, x1).add(PAIRS_B.selectFrom(x0, x1));
		FloatVector y1 = PAIRS_A.selectFrom(x2, x3).add(PAIRS_B.selectFrom(x2, x3));
		EVEN.selectFrom(y0, y1).add(ODD.selectFrom(y0, y1)).mul(scale).intoArray(tile, 0);
		// copied as floats: storing 128-bit parts would bring a second FloatVector class
		// to intoArray, and code compiled for one class elsewhere (the prefill's tile
		// GEMM) then deoptimizes and loses its intrinsics
		for (int h = 0; h < 4; h++) {
			System.arraycopy(tile, 4 * h, scores, scoreOffset + h * scoreStride, 4);
		}
	}

	private static FloatVector indexes(float... lanes) {
		return FloatVector.fromArray(F, Arrays.copyOf(lanes, Math.max(lanes.length, L)), 0);
	}

	/** Adds the products of {@code q} and the bfloat16 {@code k} past the vectors. */
	private static float bf16DotTail(float s, float[] q, int qOffset, short[] k, int kOffset, int from, int n) {
		for (int d = from; d < n; d++) {
			s += q[qOffset + d] * Float.intBitsToFloat(k[kOffset + d] << 16);
		}
		return s;
	}

	/**
	 * A vector of four heads' outputs at a time kept in registers while every row is
	 * added to it (each row's slice widened once for the four), so the sums do not go
	 * through memory from row to row; each element gets the rows in order, each added as
	 * {@link #axpy} adds it.
	 */
	@Override
	public void addWeightedBf16Rows(float[] weights, int weightOffset, int weightStride, int heads, int n,
			short[] values, int valueOffset, int valueStride, int count, float[] out, int outOffset) {
		int vectorEnd = n - n % L;
		for (int d = 0; d < vectorEnd; d += L) {
			int h = 0;
			for (; h + 4 <= heads; h += 4) {
				int o = outOffset + h * n + d;
				int w = weightOffset + h * weightStride;
				FloatVector a0 = FloatVector.fromArray(F, out, o);
				FloatVector a1 = FloatVector.fromArray(F, out, o + n);
				FloatVector a2 = FloatVector.fromArray(F, out, o + 2 * n);
				FloatVector a3 = FloatVector.fromArray(F, out, o + 3 * n);
				for (int i = 0; i < count; i++) {
					FloatVector v = ((IntVector) ShortVector.fromArray(S, values, valueOffset + i * valueStride + d)
						.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16)
						.reinterpretAsFloats();
					a0 = v.fma(FloatVector.broadcast(F, weights[w + i]), a0);
					a1 = v.fma(FloatVector.broadcast(F, weights[w + weightStride + i]), a1);
					a2 = v.fma(FloatVector.broadcast(F, weights[w + 2 * weightStride + i]), a2);
					a3 = v.fma(FloatVector.broadcast(F, weights[w + 3 * weightStride + i]), a3);
				}
				a0.intoArray(out, o);
				a1.intoArray(out, o + n);
				a2.intoArray(out, o + 2 * n);
				a3.intoArray(out, o + 3 * n);
			}
			for (; h < heads; h++) {
				int o = outOffset + h * n + d;
				int w = weightOffset + h * weightStride;
				FloatVector a0 = FloatVector.fromArray(F, out, o);
				for (int i = 0; i < count; i++) {
					FloatVector v = ((IntVector) ShortVector.fromArray(S, values, valueOffset + i * valueStride + d)
						.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16)
						.reinterpretAsFloats();
					a0 = v.fma(FloatVector.broadcast(F, weights[w + i]), a0);
				}
				a0.intoArray(out, o);
			}
		}
		for (int h = 0; h < heads && vectorEnd < n; h++) {
			for (int i = 0; i < count; i++) {
				float w = weights[weightOffset + h * weightStride + i];
				int row = valueOffset + i * valueStride;
				for (int d = vectorEnd; d < n; d++) {
					out[outOffset + h * n + d] += w * Float.intBitsToFloat(values[row + d] << 16);
				}
			}
		}
	}

	/**
	 * Each bfloat16 sign-extended to 32 bits and shifted up by 16, a vector at a time.
	 */
	@Override
	public void widenBf16(short[] src, int srcOffset, float[] dst, int dstOffset, int n) {
		int i = 0;
		for (; i <= n - L; i += L) {
			((IntVector) ShortVector.fromArray(S, src, srcOffset + i).convertShape(VectorOperators.S2I, I, 0))
				.lanewise(VectorOperators.LSHL, 16)
				.reinterpretAsFloats()
				.intoArray(dst, dstOffset + i);
		}
		for (; i < n; i++) {
			dst[dstOffset + i] = Float.intBitsToFloat(src[srcOffset + i] << 16);
		}
	}

	/**
	 * Stops the worker threads.
	 */
	@Override
	public void close() {
		this.team.close();
	}

}
