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
import dev.springcohere.engine.model.WeightMemory;

/**
 * The read-bandwidth roofline of the decode GEMVs: the rate at which the engine's threads
 * can read weight memory when they do nothing else with it. {@code size} MiB of memory
 * allocated as the engine allocates weights ({@link WeightMemory}: huge pages where the
 * system offers them), written once, then summed as 64-bit lanes by {@code threads}
 * threads of the engine's own team ({@link VectorKernels#parallelFor}), in tasks of 1 MiB
 * cut into one contiguous run per thread, as the GEMVs read a weight. GB/s = {@code size}
 * MiB divided by the time per call. A format's decode step
 * ({@link DecodeStepGemvBenchmark}) at this rate would be at 100 % of its roofline. Run
 * with
 * {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar ReadBandwidthBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED" })
public class ReadBandwidthBenchmark {

	@Param({ "1024" })
	public int size;

	@Param({ "2" })
	public int threads;

	private MemoryRead memory;

	private VectorKernels kernels;

	@Setup
	public void setUp() {
		this.memory = new MemoryRead(this.size);
		this.kernels = new VectorKernels(this.threads);
	}

	@TearDown
	public void tearDown() {
		this.kernels.close();
		this.memory.close();
	}

	@Benchmark
	public long read() {
		return this.memory.read(this.kernels);
	}

}
