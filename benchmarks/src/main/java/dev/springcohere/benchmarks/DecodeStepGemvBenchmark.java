package dev.springcohere.benchmarks;

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

/**
 * The matmuls of one decode step of the 1B-class synthetic shape, one token, in the order
 * a step runs them ({@link DecodeStepWeights}), each weight read once per step: 2.5 GB in
 * bf16, 1.3 GB in Q8_0, 0.7 GB in Q4_0 and Q4_K, 1.0 GB in Q6_K, far larger than the
 * caches, so this is the rate at which a format's GEMV streams weights from memory in a
 * decode step, without the attention and the rest of the step. (A single matrix called
 * again and again, as in {@link QuantizedGemvBenchmark}, is partly served by the
 * last-level cache.) GB/s = the {@code bytes} printed at setup divided by the time per
 * step; {@link ReadBandwidthBenchmark} gives the read rate to compare it with, and
 * {@link RooflineComparison} both in one JVM, in alternating rounds. Run with
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

	@Param({ "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K" })
	public String format;

	@Param({ "2" })
	public int threads;

	private VectorKernels kernels;

	private DecodeStepWeights weights;

	@Setup
	public void setUp() {
		this.kernels = new VectorKernels(this.threads);
		this.weights = new DecodeStepWeights(DType.valueOf(this.format), this.kernels);
		System.out.printf("%n%s: %d bytes of weights per step%n", this.format, this.weights.bytes());
	}

	@TearDown
	public void tearDown() {
		this.kernels.close();
		this.weights.close();
	}

	@Benchmark
	public float step() {
		return this.weights.step(this.kernels);
	}

}
