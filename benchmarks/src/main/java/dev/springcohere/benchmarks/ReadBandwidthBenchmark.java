package dev.springcohere.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
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
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

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

	private static final VectorSpecies<Long> S = LongVector.SPECIES_512;

	private static final long TASK_BYTES = 1L << 20;

	@Param({ "1024" })
	public int size;

	@Param({ "2" })
	public int threads;

	private Arena arena;

	private MemorySegment memory;

	private VectorKernels kernels;

	private long[] sums;

	@Setup
	public void setUp() {
		this.arena = Arena.ofShared();
		this.memory = WeightMemory.allocate(this.arena, this.size * TASK_BYTES);
		this.memory.fill((byte) 1);
		this.kernels = new VectorKernels(this.threads);
		this.sums = new long[this.size];
	}

	@TearDown
	public void tearDown() {
		this.kernels.close();
		this.arena.close();
	}

	@Benchmark
	public long read() {
		this.kernels.parallelFor(this.size, (task) -> this.sums[task] = sum(this.memory, task * TASK_BYTES));
		long total = 0;
		for (long s : this.sums) {
			total += s;
		}
		return total;
	}

	/** Four independent accumulators, 256 bytes a step. */
	private static long sum(MemorySegment memory, long from) {
		LongVector a = LongVector.zero(S);
		LongVector b = a;
		LongVector c = a;
		LongVector d = a;
		for (long o = from; o < from + TASK_BYTES; o += 256) {
			a = a.add(LongVector.fromMemorySegment(S, memory, o, ByteOrder.LITTLE_ENDIAN));
			b = b.add(LongVector.fromMemorySegment(S, memory, o + 64, ByteOrder.LITTLE_ENDIAN));
			c = c.add(LongVector.fromMemorySegment(S, memory, o + 128, ByteOrder.LITTLE_ENDIAN));
			d = d.add(LongVector.fromMemorySegment(S, memory, o + 192, ByteOrder.LITTLE_ENDIAN));
		}
		return a.add(b).add(c).add(d).reduceLanes(VectorOperators.ADD);
	}

}
