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
import dev.springcohere.engine.model.BlockFormats;
import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.Tensor;
import dev.springcohere.engine.model.WeightMemory;
import dev.springcohere.engine.model.WeightQuantizer;

/**
 * Decode GEMV (one token) of the engine's CPU kernels per weight format: a
 * {@code 65536 x 4096} matrix (bf16 512 MiB, Q4_0 144 MiB, both several times the 32 MiB
 * last-level cache of the benchmark machine, so every call streams the weights from
 * memory; the earlier default, {@code 16384 x 4096}, held 36 MiB of Q4_0, and some runs
 * read part of it from that cache). Bytes read per second are the matrix size divided by
 * the time per call. Q8_0 and Q4_0 weights are quantized from random bf16 values with the
 * engine's own quantizer, which stores them in 32-row groups (the layout of the repacked
 * GEMVs: float FMAs for Q8_0, 8-bit activations and 16-bit multiply-adds for Q4_0);
 * {@code Q8_0_GGUF} and {@code Q4_0_GGUF} are the same weights in ggml's row layout, as a
 * GGUF file holds them (their first call makes the repacked copy, then the same kernels
 * run). Q4_K and Q6_K blocks are random bytes with sane f16 scales in ggml's layout (the
 * engine produces those formats only from GGUF files); their first call makes the
 * repacked copy ({@code PackedQ4_K}, {@code PackedQ6_K}) that later calls read. Run with
 * {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar QuantizedGemvBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED" })
public class QuantizedGemvBenchmark {

	private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	@Param({ "BF16", "F16", "Q8_0", "Q4_0", "Q4_K", "Q6_K", "Q8_0_GGUF", "Q4_0_GGUF" })
	public String format;

	@Param({ "1", "2" })
	public int threads;

	/**
	 * The matrix, {@code rows x columns}: {@code 65536x4096} streams from memory,
	 * {@code 2048x2048} (bf16 8 MiB, Q4_0 2.3 MiB) mostly stays in the caches and shows
	 * the kernel's compute speed.
	 */
	@Param({ "65536x4096", "2048x2048" })
	public String shape;

	private int rows;

	private int columns;

	private Arena arena;

	private VectorKernels kernels;

	private Tensor weight;

	private float[] x;

	private float[] out;

	@Setup(Level.Trial)
	public void setUp() {
		String[] dims = this.shape.split("x");
		this.rows = Integer.parseInt(dims[0]);
		this.columns = Integer.parseInt(dims[1]);
		this.arena = Arena.ofShared();
		this.kernels = new VectorKernels(this.threads);
		SplittableRandom random = new SplittableRandom(42);
		boolean gguf = this.format.endsWith("_GGUF");
		DType dtype = DType.valueOf(this.format.replace("_GGUF", ""));
		this.weight = switch (dtype) {
			case BF16, F16 -> plain(dtype, random);
			case Q8_0, Q4_0 -> gguf ? ggmlRows(WeightQuantizer.quantize(plain(DType.BF16, random), dtype, this.arena))
					: WeightQuantizer.quantize(plain(DType.BF16, random), dtype, this.arena);
			default -> randomBlocks(dtype, random);
		};
		this.x = new float[this.columns];
		for (int i = 0; i < this.columns; i++) {
			this.x[i] = (float) random.nextGaussian();
		}
		this.out = new float[this.rows];
	}

	private Tensor plain(DType dtype, SplittableRandom random) {
		MemorySegment seg = WeightMemory.allocate(this.arena, (long) this.rows * this.columns * 2);
		for (long i = 0; i < (long) this.rows * this.columns; i++) {
			float v = (float) (random.nextGaussian() * 0.02);
			seg.setAtIndex(SHORT_LE, i,
					dtype == DType.BF16 ? (short) (Float.floatToRawIntBits(v) >>> 16) : Float.floatToFloat16(v));
		}
		return new Tensor("w", dtype, List.of((long) this.rows, (long) this.columns), seg);
	}

	/** The same weight in ggml's row layout, as a GGUF file holds it. */
	private Tensor ggmlRows(Tensor grouped) {
		DType dtype = grouped.dtype();
		MemorySegment seg = WeightMemory.allocate(this.arena, dtype.byteSize((long) this.rows * this.columns));
		float[] row = new float[this.columns];
		for (int r = 0; r < this.rows; r++) {
			grouped.dequantizeRows(r, 1, row, 0);
			for (int b = 0; b < this.columns / 32; b++) {
				long off = dtype.byteSize((long) r * this.columns + 32L * b);
				if (dtype == DType.Q8_0) {
					BlockFormats.quantizeQ8_0(row, 32 * b, seg, off);
				}
				else {
					BlockFormats.quantizeQ4_0(row, 32 * b, seg, off);
				}
			}
		}
		return new Tensor("w", dtype, grouped.shape(), seg);
	}

	private Tensor randomBlocks(DType dtype, SplittableRandom random) {
		long bytes = dtype.byteSize((long) this.rows * this.columns);
		MemorySegment seg = WeightMemory.allocate(this.arena, bytes);
		for (long i = 0; i < bytes; i++) {
			seg.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt(256));
		}
		short scale = Float.floatToFloat16(0.001f);
		for (long b = 0; b < bytes / dtype.blockBytes(); b++) {
			long off = b * dtype.blockBytes();
			if (dtype == DType.Q4_K) {
				seg.set(SHORT_LE, off, scale);
				seg.set(SHORT_LE, off + 2, scale);
			}
			else {
				seg.set(SHORT_LE, off + 208, scale);
			}
		}
		return new Tensor("w", dtype, List.of((long) this.rows, (long) this.columns), seg);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.kernels.close();
		this.arena.close();
	}

	@Benchmark
	public float[] gemv() {
		this.kernels.matmul(this.x, 1, this.weight, this.out);
		return this.out;
	}

}
