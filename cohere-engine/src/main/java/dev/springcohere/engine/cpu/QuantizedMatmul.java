package dev.springcohere.engine.cpu;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import dev.springcohere.engine.model.Tensor;

/**
 * Matmul with block-quantized weights (Q8_0, Q4_0, Q4_K, Q6_K): the activations are
 * quantized once per call to {@link Q8Activations}, then every output element is one
 * {@link QuantizedDot} (or, without 512-bit vectors, {@link ScalarQuantizedDot}) of a
 * weight row with an activation row. Weight rows are handed out in blocks of
 * {@value #ROWS_PER_TASK} to the pool; within a block each weight row is read once and
 * multiplied with every activation row while it sits in L1, so prefill reads each weight
 * once per call (the prefill GEMM computes on quantized activations rather than
 * dequantizing a weight tile). Several weights sharing an input (q/k/v, gate/up) run as
 * one job with one quantization of the activations.
 */
final class QuantizedMatmul {

	private static final int ROWS_PER_TASK = 32;

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
		Q8Activations a = Q8Activations.quantize(x, rows, inDim);
		int[] firstTask = new int[ws.size() + 1];
		for (int k = 0; k < ws.size(); k++) {
			Tensor w = ws.get(k);
			if (!w.dtype().isQuantized() || w.dim(1) != inDim) {
				throw new IllegalArgumentException("Weight '" + w.name() + "' (" + w.dtype() + ", " + w.shape()
						+ ") cannot join a quantized matmul over rows of " + inDim);
			}
			firstTask[k + 1] = firstTask[k] + (int) ((w.dim(0) + ROWS_PER_TASK - 1) / ROWS_PER_TASK);
		}
		IntConsumer body = t -> {
			int k = 0;
			while (t >= firstTask[k + 1]) {
				k++;
			}
			task(a, rows, ws.get(k), t - firstTask[k], outs.get(k));
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

	private static void task(Q8Activations a, int rows, Tensor w, int task, float[] out) {
		int outDim = (int) w.dim(0);
		long rowBytes = w.dtype().byteSize(a.inDim());
		int end = Math.min(outDim, (task + 1) * ROWS_PER_TASK);
		for (int o = task * ROWS_PER_TASK; o < end; o++) {
			long off = o * rowBytes;
			for (int r = 0; r < rows; r++) {
				out[r * outDim + o] = QuantizedDot.SUPPORTED ? QuantizedDot.dot(w.dtype(), w.data(), off, a, r)
						: ScalarQuantizedDot.dot(w.dtype(), w.data(), off, a, r);
			}
		}
	}

}
