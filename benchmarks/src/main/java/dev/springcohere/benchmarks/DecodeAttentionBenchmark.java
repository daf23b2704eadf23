package dev.springcohere.benchmarks;

import java.util.SplittableRandom;
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

import dev.springcohere.engine.cpu.ScalarKernels;
import dev.springcohere.engine.cpu.VectorKernels;

/**
 * One layer's decode attention (one token) over a bf16 KV cache on one thread, for the
 * 1B-class shape ({@code cohere-engine/bench/cohere2-1b.json}: 16 query heads of 128, 4
 * KV heads, so groups of 4) at several cached lengths. {@code rowByRow} is the engine's
 * form before the fused kernels: per cached position, the key (then the value) row
 * widened to float32, then one {@code dot} (one {@code axpy}) per query head of the
 * group, and the scalar softmax. {@code fused} is today's: one
 * {@code Kernels.dotBf16Rows}, the vector softmax and one
 * {@code Kernels.addWeightedBf16Rows} per KV head over the run of cached rows. Run with
 * {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar DecodeAttentionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "--add-modules", "jdk.incubator.vector" })
public class DecodeAttentionBenchmark {

	private static final int HEAD_DIM = 128;

	private static final int HEADS = 16;

	private static final int KV_HEADS = 4;

	private static final int GROUP = HEADS / KV_HEADS;

	private static final int KV_DIM = KV_HEADS * HEAD_DIM;

	private static final float SCALE = (float) (1 / Math.sqrt(HEAD_DIM));

	/** Cached positions attended to. */
	@Param({ "64", "512", "2048" })
	public int positions;

	@Param({ "rowByRow", "fused" })
	public String path;

	private VectorKernels kernels;

	private final ScalarKernels scalar = new ScalarKernels();

	private short[] keys;

	private short[] values;

	private float[] q;

	private float[] out;

	private float[] scores;

	private float[] row;

	@Setup
	public void setUp() {
		this.kernels = new VectorKernels(1);
		SplittableRandom random = new SplittableRandom(3);
		this.keys = new short[this.positions * KV_DIM];
		this.values = new short[this.positions * KV_DIM];
		for (int i = 0; i < this.keys.length; i++) {
			this.keys[i] = (short) (Float.floatToRawIntBits((float) random.nextGaussian()) >>> 16);
			this.values[i] = (short) (Float.floatToRawIntBits((float) random.nextGaussian()) >>> 16);
		}
		this.q = new float[HEADS * HEAD_DIM];
		for (int i = 0; i < this.q.length; i++) {
			this.q[i] = (float) random.nextGaussian();
		}
		this.out = new float[HEADS * HEAD_DIM];
		this.scores = new float[GROUP * this.positions];
		this.row = new float[HEAD_DIM];
	}

	@TearDown
	public void tearDown() {
		this.kernels.close();
	}

	@Benchmark
	public float layer() {
		java.util.Arrays.fill(this.out, 0f);
		int n = this.positions;
		for (int kvh = 0; kvh < KV_HEADS; kvh++) {
			int heads = kvh * GROUP * HEAD_DIM;
			int kvOffset = kvh * HEAD_DIM;
			if ("fused".equals(this.path)) {
				this.kernels.dotBf16Rows(this.q, heads, GROUP, HEAD_DIM, this.keys, kvOffset, KV_DIM, n, SCALE,
						this.scores, 0, n);
				for (int g = 0; g < GROUP; g++) {
					this.kernels.softmax(this.scores, g * n, n);
				}
				this.kernels.addWeightedBf16Rows(this.scores, 0, n, GROUP, HEAD_DIM, this.values, kvOffset, KV_DIM, n,
						this.out, heads);
			}
			else {
				for (int j = 0; j < n; j++) {
					this.kernels.widenBf16(this.keys, j * KV_DIM + kvOffset, this.row, 0, HEAD_DIM);
					for (int g = 0; g < GROUP; g++) {
						this.scores[g * n + j] = this.kernels.dot(this.q, heads + g * HEAD_DIM, this.row, 0, HEAD_DIM)
								* SCALE;
					}
				}
				for (int g = 0; g < GROUP; g++) {
					this.scalar.softmax(this.scores, g * n, n);
				}
				for (int j = 0; j < n; j++) {
					this.kernels.widenBf16(this.values, j * KV_DIM + kvOffset, this.row, 0, HEAD_DIM);
					for (int g = 0; g < GROUP; g++) {
						this.kernels.axpy(this.scores[g * n + j], this.row, 0, this.out, heads + g * HEAD_DIM,
								HEAD_DIM);
					}
				}
			}
		}
		return this.out[7];
	}

}
