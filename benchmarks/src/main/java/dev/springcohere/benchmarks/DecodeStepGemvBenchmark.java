package dev.springcohere.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.RowGroups;
import dev.springcohere.engine.model.Tensor;
import dev.springcohere.engine.model.WeightMemory;

/**
 * The matmuls of one decode step of the 1B-class synthetic shape
 * ({@code cohere-engine/bench/cohere2-1b.json}: 16 layers of q/k/v {@code 3072x2048}, o
 * {@code 2048x2048}, gate/up {@code 11264x2048}, down {@code 2048x5632}, then the LM head
 * {@code 262144x2048}), one token, in the order a step runs them, each weight read once
 * per step: 2.5 GB in bf16, 1.3 GB in Q8_0, 0.7 GB in Q4_0 and Q4_K, 1.0 GB in Q6_K, far
 * larger than the caches, so this is the rate at which a format's GEMV streams weights
 * from memory in a decode step, without the attention and the rest of the step. (A single
 * matrix called again and again, as in {@link QuantizedGemvBenchmark}, is partly served
 * by the last-level cache.) The weights are zero (the time does not depend on their
 * values), allocated as the engine allocates weights ({@link WeightMemory}: huge pages
 * where the system offers them) and written before the measurement; quantized ones in the
 * engine's row-group layout (Q4_K and Q6_K, which come from GGUF files only, in ggml's
 * layout, repacked by a first call at setup). GB/s = the {@code bytes} printed at setup
 * divided by the time per step. Run with
 * {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar DecodeStepGemvBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1,
		jvmArgsAppend = { "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx2g" })
public class DecodeStepGemvBenchmark {

	private static final int[][] LAYER_SHAPES = { { 3072, 2048 }, { 2048, 2048 }, { 11264, 2048 }, { 2048, 5632 } };

	@Param({ "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K" })
	public String format;

	@Param({ "2" })
	public int threads;

	private Arena arena;

	private VectorKernels kernels;

	private final List<Tensor> weights = new ArrayList<>();

	private final float[] x = new float[5632];

	private final float[] out = new float[262144];

	@Setup
	public void setUp() {
		DType dtype = DType.valueOf(this.format);
		this.arena = Arena.ofShared();
		this.kernels = new VectorKernels(this.threads);
		long bytes = 0;
		for (int layer = 0; layer < 16; layer++) {
			for (int[] shape : LAYER_SHAPES) {
				bytes += add(dtype, shape[0], shape[1]);
			}
		}
		bytes += add(dtype, 262144, 2048);
		for (int i = 0; i < this.x.length; i++) {
			this.x[i] = (float) Math.sin(i);
		}
		System.out.printf("%n%s: %d bytes of weights per step%n", this.format, bytes);
	}

	private long add(DType dtype, int rows, int columns) {
		List<Long> shape = List.of((long) rows, (long) columns);
		Tensor w;
		if (dtype == DType.BF16) {
			w = new Tensor("w", dtype, shape, weightMemory((long) rows * columns * 2));
		}
		else if (dtype == DType.Q4_K || dtype == DType.Q6_K) {
			// K-quants come from GGUF files only, in ggml's layout: the first matmul
			// makes
			// the repacked copy the GEMV reads, here before the measurement
			w = new Tensor("w", dtype, shape, weightMemory(dtype.byteSize((long) rows * columns)));
			this.kernels.matmul(this.x, 1, w, this.out);
		}
		else {
			MemorySegment data = weightMemory(RowGroups.byteSize(dtype, rows, columns));
			w = new Tensor("w", dtype, shape, data, Tensor.Layout.ROW_GROUPS);
		}
		this.weights.add(w);
		return w.data().byteSize();
	}

	/**
	 * Zeroed weight memory as the engine allocates it ({@link WeightMemory}), written
	 * once so that every page is mapped before the measurement.
	 */
	private MemorySegment weightMemory(long bytes) {
		MemorySegment segment = WeightMemory.allocate(this.arena, bytes);
		segment.fill((byte) 0);
		return segment;
	}

	@TearDown
	public void tearDown() {
		this.kernels.close();
		this.arena.close();
	}

	@Benchmark
	public float step() {
		for (Tensor w : this.weights) {
			this.kernels.matmul(this.x, 1, w, this.out);
		}
		return this.out[0];
	}

}
