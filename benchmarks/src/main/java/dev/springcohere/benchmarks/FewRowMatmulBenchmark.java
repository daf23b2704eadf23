package dev.springcohere.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import dev.springcohere.engine.model.Tensor;

/**
 * The bf16 matmul of a batched decode step: {@code rows} activation rows (one per
 * sequence) times a {@code 131072 x 2048} weight (512 MiB, larger than the caches, so
 * every call streams it from memory), the shape of half the 1B-class model's LM head. One
 * row is the GEMV of single-sequence decode; the time of N rows over the time of one row
 * bounds what N sequences in one step can gain ({@code docs/benchmarks.md}, "Few-row GEMM
 * tiles"). Run with
 * {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar FewRowMatmulBenchmark};
 * to time another build of the engine, put its jar first on the class path:
 * {@code java --add-modules jdk.incubator.vector -cp OTHER.jar:benchmarks/target/benchmarks.jar org.openjdk.jmh.Main FewRowMatmulBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "--add-modules", "jdk.incubator.vector" })
public class FewRowMatmulBenchmark {

	private static final int OUT = 131072;

	private static final int IN = 2048;

	@Param({ "1", "2", "5", "8", "16" })
	public int rows;

	@Param({ "1", "2" })
	public int threads;

	private Arena arena;

	private VectorKernels kernels;

	private Tensor weight;

	private float[] x;

	private float[] out;

	@Setup(Level.Trial)
	public void setUp() {
		this.arena = Arena.ofShared();
		this.kernels = new VectorKernels(this.threads);
		SplittableRandom random = new SplittableRandom(42);
		ValueLayout.OfShort layout = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
		MemorySegment data = this.arena.allocate((long) OUT * IN * 2, 64);
		for (long i = 0; i < (long) OUT * IN; i++) {
			float value = (float) (random.nextDouble() * 2 - 1) * 0.02f;
			data.setAtIndex(layout, i, (short) (Float.floatToRawIntBits(value) >>> 16));
		}
		this.weight = new Tensor("w", DType.BF16, List.of((long) OUT, (long) IN), data);
		this.x = new float[this.rows * IN];
		for (int i = 0; i < this.x.length; i++) {
			this.x[i] = (float) (random.nextDouble() * 2 - 1);
		}
		this.out = new float[this.rows * OUT];
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.kernels.close();
		this.arena.close();
	}

	@Benchmark
	public float[] matmul() {
		this.kernels.matmul(this.x, this.rows, this.weight, this.out);
		return this.out;
	}

}
