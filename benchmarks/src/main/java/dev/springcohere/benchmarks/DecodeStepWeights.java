package dev.springcohere.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.RowGroups;
import dev.springcohere.engine.model.Tensor;
import dev.springcohere.engine.model.WeightMemory;

/**
 * The weight matrices of one decode step of the 1B-class synthetic shape
 * ({@code cohere-engine/bench/cohere2-1b.json}: 16 layers of q/k/v {@code 3072x2048}, o
 * {@code 2048x2048}, gate/up {@code 11264x2048}, down {@code 2048x5632}, then the LM head
 * {@code 262144x2048}) in one format, and the step's matmuls for one token, in that
 * order. The weights are zero (the time does not depend on their values), allocated as
 * the engine allocates weights ({@link WeightMemory}) and written before use; quantized
 * ones in the engine's row-group layout, Q4_K and Q6_K (GGUF only) in ggml's layout with
 * their repacked copy made by a first call.
 */
final class DecodeStepWeights implements AutoCloseable {

	private static final int[][] LAYER_SHAPES = { { 3072, 2048 }, { 2048, 2048 }, { 11264, 2048 }, { 2048, 5632 } };

	private final Arena arena = Arena.ofShared();

	private final List<Tensor> weights = new ArrayList<>();

	private final float[] x = new float[5632];

	private final float[] out = new float[262144];

	private final long bytes;

	/**
	 * Allocates and writes the weights.
	 * @param dtype the format
	 * @param kernels the kernels that make the K-quants' repacked copies
	 */
	DecodeStepWeights(DType dtype, VectorKernels kernels) {
		for (int i = 0; i < this.x.length; i++) {
			this.x[i] = (float) Math.sin(i);
		}
		long total = 0;
		for (int layer = 0; layer < 16; layer++) {
			for (int[] shape : LAYER_SHAPES) {
				total += add(dtype, shape[0], shape[1], kernels);
			}
		}
		this.bytes = total + add(dtype, 262144, 2048, kernels);
	}

	private long add(DType dtype, int rows, int columns, VectorKernels kernels) {
		List<Long> shape = List.of((long) rows, (long) columns);
		Tensor w;
		if (dtype == DType.BF16) {
			w = new Tensor("w", dtype, shape, written((long) rows * columns * 2));
		}
		else if (dtype == DType.Q4_K || dtype == DType.Q6_K) {
			w = new Tensor("w", dtype, shape, written(dtype.byteSize((long) rows * columns)));
			kernels.matmul(this.x, 1, w, this.out);
		}
		else {
			w = new Tensor("w", dtype, shape, written(RowGroups.byteSize(dtype, rows, columns)),
					Tensor.Layout.ROW_GROUPS);
		}
		this.weights.add(w);
		return w.data().byteSize();
	}

	private MemorySegment written(long size) {
		MemorySegment segment = WeightMemory.allocate(this.arena, size);
		segment.fill((byte) 0);
		return segment;
	}

	/**
	 * The bytes of weights one step reads.
	 * @return the size of the weights
	 */
	long bytes() {
		return this.bytes;
	}

	/**
	 * One step: every matmul once, for one token.
	 * @param kernels the kernels
	 * @return an output value, so that the work is not dead code
	 */
	float step(VectorKernels kernels) {
		for (Tensor w : this.weights) {
			kernels.matmul(this.x, 1, w, this.out);
		}
		return this.out[0];
	}

	@Override
	public void close() {
		this.arena.close();
	}

}
