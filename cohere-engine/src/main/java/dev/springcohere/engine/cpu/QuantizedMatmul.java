package dev.springcohere.engine.cpu;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import dev.springcohere.engine.model.BlockFormats;
import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.Tensor;

/**
 * Matmul with block-quantized weights (Q8_0, Q4_0, Q4_K, Q6_K) and float32 activations:
 * every output element is a {@link QuantizedDot} (or, without 512-bit vectors,
 * {@link ScalarQuantizedDot}) of a weight row with an activation row. Weight rows are
 * handed out in blocks of {@value #ROWS_PER_TASK} to the pool; within a block each weight
 * row is read once and, for Q8_0 and Q4_0, widened once per block for four activation
 * rows at a time. From {@value #TILE_MIN_ROWS} activation rows on (prefill chunks, large
 * batches) a task's weight rows are instead dequantized once into a float tile and
 * multiplied by {@link TileGemm}, so a weight is widened once per call rather than once
 * per four activation rows. Several weights sharing an input (q/k/v, gate/up) run as one
 * job.
 */
final class QuantizedMatmul {

	private static final int ROWS_PER_TASK = 32;

	/** The fewest activation rows for which the dequantized tile pays for itself. */
	static final int TILE_MIN_ROWS = 16;

	/** Below this many activation rows, Q4_0 weights go through their repacked copy. */
	private static final int FOUR = 4;

	private static final Map<Tensor, PackedQ4_0> PACKED = new WeakHashMap<>();

	static {
		if (ROWS_PER_TASK != PackedQ4_0.ROWS) {
			throw new AssertionError("a task must be one group of the repacked Q4_0 layout");
		}
	}

	private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[0]);

	private QuantizedMatmul() {
	}

	/**
	 * Runs {@code outs[k] = x * ws[k]^T}.
	 * @param pool the worker pool
	 * @param threads its size (1 runs on the caller)
	 * @param x the input, {@code rows * inDim}
	 * @param rows the number of input rows
	 * @param ws block-quantized weights {@code [outDim_k, inDim]} with the same
	 * {@code inDim}
	 * @param outs the outputs, {@code rows * outDim_k}
	 */
	static void run(ForkJoinPool pool, int threads, float[] x, int rows, List<Tensor> ws, List<float[]> outs) {
		int inDim = (int) ws.get(0).dim(1);
		int[] firstTask = new int[ws.size() + 1];
		for (int k = 0; k < ws.size(); k++) {
			Tensor w = ws.get(k);
			if (!w.dtype().isQuantized() || w.dim(1) != inDim) {
				throw new IllegalArgumentException("Weight '" + w.name() + "' (" + w.dtype() + ", " + w.shape()
						+ ") cannot join a quantized matmul over rows of " + inDim);
			}
			firstTask[k + 1] = firstTask[k] + (int) ((w.dim(0) + ROWS_PER_TASK - 1) / ROWS_PER_TASK);
		}
		Activations q8 = null;
		PackedQ4_0[] packed = new PackedQ4_0[ws.size()];
		if (QuantizedDot.SUPPORTED && rows < FOUR) {
			for (int k = 0; k < ws.size(); k++) {
				if (ws.get(k).dtype() == DType.Q4_0) {
					packed[k] = packed(ws.get(k), (threads == 1) ? null : pool);
				}
			}
			if (Arrays.stream(packed).anyMatch(Objects::nonNull)) {
				q8 = Activations.of(x, rows, inDim);
			}
		}
		Activations activations = q8;
		IntConsumer body = t -> {
			int k = 0;
			while (t >= firstTask[k + 1]) {
				k++;
			}
			if (packed[k] != null) {
				packedTask(activations, rows, inDim, packed[k], t - firstTask[k], outs.get(k), (int) ws.get(k).dim(0));
			}
			else {
				task(x, rows, inDim, ws.get(k), t - firstTask[k], outs.get(k));
			}
		};
		int tasks = firstTask[ws.size()];
		if (threads == 1 || tasks == 1) {
			for (int t = 0; t < tasks; t++) {
				body.accept(t);
			}
			return;
		}
		pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(body)).join();
	}

	/**
	 * The repacked copy of a Q4_0 weight for the decode GEMV, made on first use (in
	 * parallel on the pool) and kept as long as the weight is reachable.
	 */
	static PackedQ4_0 packed(Tensor w, ForkJoinPool pool) {
		// WeakHashMap.get also drops cleared entries: every access takes the lock
		synchronized (PACKED) {
			return PACKED.computeIfAbsent(w, (key) -> PackedQ4_0.pack(key, pool));
		}
	}

	/** Activation rows quantized per block of 32 to 8 bits, for {@link PackedQ4_0}. */
	private record Activations(short[] q, float[] d) {

		static Activations of(float[] x, int rows, int inDim) {
			short[] q = new short[rows * inDim];
			float[] d = new float[rows * inDim / 32];
			for (int r = 0; r < rows; r++) {
				PackedQ4_0.quantizeActivations(x, r * inDim, inDim, q, r * inDim, d, r * inDim / 32);
			}
			return new Activations(q, d);
		}

	}

	private static void packedTask(Activations a, int rows, int inDim, PackedQ4_0 w, int task, float[] out,
			int outDim) {
		for (int r = 0; r < rows; r++) {
			w.gemv(task, a.q(), r * inDim, a.d(), r * inDim / 32, out, r * outDim + task * ROWS_PER_TASK);
		}
	}

	private static void task(float[] x, int rows, int inDim, Tensor w, int task, float[] out) {
		if (rows >= TILE_MIN_ROWS) {
			tiledTask(x, rows, inDim, w, task, out);
			return;
		}
		DType dtype = w.dtype();
		MemorySegment seg = w.data();
		int outDim = (int) w.dim(0);
		long rowBytes = dtype.byteSize(inDim);
		boolean four = QuantizedDot.SUPPORTED && (dtype == DType.Q8_0 || dtype == DType.Q4_0);
		int end = Math.min(outDim, (task + 1) * ROWS_PER_TASK);
		for (int o = task * ROWS_PER_TASK; o < end; o++) {
			long off = o * rowBytes;
			int r = 0;
			if (four) {
				for (; r + 4 <= rows; r += 4) {
					if (dtype == DType.Q8_0) {
						QuantizedDot.q8_0x4(seg, off, x, r * inDim, inDim, inDim / 32, out, r * outDim + o, outDim);
					}
					else {
						QuantizedDot.q4_0x4(seg, off, x, r * inDim, inDim, inDim / 32, out, r * outDim + o, outDim);
					}
				}
			}
			for (; r < rows; r++) {
				out[r * outDim + o] = QuantizedDot.SUPPORTED ? QuantizedDot.dot(dtype, seg, off, x, r * inDim, inDim)
						: ScalarQuantizedDot.dot(dtype, seg, off, x, r * inDim, inDim);
			}
		}
	}

	private static void tiledTask(float[] x, int rows, int inDim, Tensor w, int task, float[] out) {
		int outDim = (int) w.dim(0);
		int start = task * ROWS_PER_TASK;
		int n = Math.min(outDim, start + ROWS_PER_TASK) - start;
		float[] tile = TILE.get();
		if (tile.length < n * inDim) {
			tile = new float[ROWS_PER_TASK * inDim];
			TILE.set(tile);
		}
		DType dtype = w.dtype();
		if (QuantizedDot.SUPPORTED && (dtype == DType.Q8_0 || dtype == DType.Q4_0)) {
			QuantizedDot.dequantize(dtype, w.data(), start * dtype.byteSize(inDim), n * inDim / 32, tile, 0);
		}
		else {
			BlockFormats.dequantize(dtype, w.data(), (long) start * inDim, tile, 0, n * inDim);
		}
		TileGemm.multiply(x, rows, inDim, tile, n, out, outDim, start);
	}

}
