package dev.springcohere.engine.cpu;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels with multi-threaded matmul on a fixed-size {@link ForkJoinPool}. Weights are read straight from
 * their (memory-mapped) segments; bf16 is widened to float32 with a 16-bit shift and accumulated with FMA. Close it
 * to stop its threads.
 */
public final class VectorKernels implements Kernels, AutoCloseable {

	private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

	private static final int L = F.length();

	private static final VectorSpecies<Short> S = VectorSpecies.of(short.class, VectorShape.forBitSize(L * 16));

	private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

	private static final int ROWS_PER_TASK = 16;

	private final ForkJoinPool pool;

	private final int threads;

	/**
	 * Creates kernels that use {@code threads} worker threads for matmul.
	 * @param threads the pool size, at least 1
	 */
	public VectorKernels(int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("'threads' must be at least 1 but was " + threads);
		}
		this.threads = threads;
		this.pool = new ForkJoinPool(threads);
	}

	/**
	 * The number of worker threads.
	 * @return the pool size
	 */
	public int threads() {
		return this.threads;
	}

	@Override
	public void matmul(float[] x, int rows, Tensor w, float[] out) {
		int outDim = (int) w.dim(0);
		int inDim = (int) w.dim(1);
		int tasks = (outDim + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
		if (this.threads == 1 || tasks == 1) {
			for (int t = 0; t < tasks; t++) {
				range(x, rows, w, out, inDim, outDim, t);
			}
			return;
		}
		this.pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(t -> range(x, rows, w, out, inDim, outDim, t)))
			.join();
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
		return FloatVector.fromMemorySegment(F, seg, element * 4, ByteOrder.LITTLE_ENDIAN);
	}

	private static void row(float[] x, int r0, int n, Tensor w, int o, int inDim, float[] out, int outDim) {
		MemorySegment seg = w.data();
		long base = (long) o * inDim;
		int i = 0;
		float s0 = 0;
		float s1 = 0;
		float s2 = 0;
		float s3 = 0;
		if (w.dtype() != DType.F16) {
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
			s0 = a0.reduceLanes(VectorOperators.ADD);
			s1 = a1.reduceLanes(VectorOperators.ADD);
			s2 = a2.reduceLanes(VectorOperators.ADD);
			s3 = a3.reduceLanes(VectorOperators.ADD);
		}
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
	 * Stops the worker threads.
	 */
	@Override
	public void close() {
		this.pool.shutdown();
	}

}
