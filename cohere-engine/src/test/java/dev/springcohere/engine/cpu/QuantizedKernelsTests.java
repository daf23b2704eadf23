package dev.springcohere.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import dev.springcohere.engine.model.BlockFormats;
import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.Tensor;
import jdk.incubator.vector.IntVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QuantizedKernelsTests {

	private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	/**
	 * Random but well-formed blocks: random quantized bytes, and every f16 scale field a
	 * small positive value (so no block decodes to NaN or infinity).
	 */
	static Tensor randomQuantized(Arena arena, DType dtype, int out, int in, SplittableRandom random) {
		long bytes = dtype.byteSize((long) out * in);
		MemorySegment seg = arena.allocate(bytes, 64);
		for (long i = 0; i < bytes; i++) {
			seg.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt(256));
		}
		long blocks = bytes / dtype.blockBytes();
		for (long b = 0; b < blocks; b++) {
			long off = b * dtype.blockBytes();
			switch (dtype) {
				case Q8_0, Q4_0 -> seg.set(SHORT_LE, off, blockScale(random));
				case Q4_K -> {
					seg.set(SHORT_LE, off, Float.floatToFloat16(scale(random, 0.002f)));
					seg.set(SHORT_LE, off + 2, Float.floatToFloat16(scale(random, 0.002f)));
				}
				case Q6_K -> seg.set(SHORT_LE, off + 208, Float.floatToFloat16(scale(random, 0.0005f)));
				default -> throw new IllegalArgumentException(dtype.name());
			}
		}
		return new Tensor("w", dtype, List.of((long) out, (long) in), seg);
	}

	/**
	 * An f16 block scale as ggml's Q8_0 / Q4_0 blocks may hold it: mostly normal and
	 * positive, but also negative (Q4_0's) and subnormal (a row of tiny weights), which
	 * the kernels' in-register widening must give exactly.
	 */
	private static short blockScale(SplittableRandom random) {
		return switch (random.nextInt(8)) {
			case 0 -> Float.floatToFloat16(-scale(random, 0.02f));
			case 1 -> Float.floatToFloat16((float) (1e-7 + random.nextDouble() * 6e-5));
			case 2 -> Float.floatToFloat16((float) -(1e-7 + random.nextDouble() * 6e-5));
			default -> Float.floatToFloat16(scale(random, 0.02f));
		};
	}

	private static float scale(SplittableRandom random, float max) {
		return (float) (max * (0.25 + random.nextDouble()));
	}

	private static float[] randomActivations(SplittableRandom random, int n) {
		float[] x = new float[n];
		for (int i = 0; i < n; i++) {
			x[i] = (float) (random.nextGaussian() * 2);
		}
		return x;
	}

	private static float maxAbs(float[] v) {
		float m = 0;
		for (float f : v) {
			m = Math.max(m, Math.abs(f));
		}
		return m;
	}

	@ParameterizedTest
	@EnumSource(value = DType.class, names = { "Q8_0", "Q4_0", "Q4_K", "Q6_K" })
	void vectorDotEqualsScalarTwinFromOneBlockToManyBlocks(DType dtype) {
		assertThat(QuantizedDot.SUPPORTED).as("this machine has 512-bit vectors").isTrue();
		SplittableRandom random = new SplittableRandom(dtype.ordinal());
		try (Arena arena = Arena.ofConfined()) {
			for (int blocks : new int[] { 1, 2, 3, 17 }) {
				int in = blocks * dtype.blockSize();
				int out = 5;
				Tensor w = randomQuantized(arena, dtype, out, in, random);
				int rows = 3;
				float[] x = randomActivations(random, rows * in);
				long rowBytes = dtype.byteSize(in);
				for (int o = 0; o < out; o++) {
					for (int r = 0; r < rows; r++) {
						float scalar = ScalarQuantizedDot.dot(dtype, w.data(), o * rowBytes, x, r * in, in);
						float vector = QuantizedDot.dot(dtype, w.data(), o * rowBytes, x, r * in, in);
						assertThat(scalar).isNotZero();
						assertThat(vector).as("%s blocks %d row %d/%d", dtype, blocks, o, r)
							.isCloseTo(scalar, within(2e-5f * Math.max(1, Math.abs(scalar)) * blocks));
					}
				}
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = DType.class, names = { "Q8_0", "Q4_0", "Q4_K", "Q6_K" })
	void quantizedMatmulMatchesFloatReferenceForOddShapesAndRowCounts(DType dtype) {
		SplittableRandom random = new SplittableRandom(100 + dtype.ordinal());
		int in = dtype.blockSize() == 32 ? 32 * 5 : 256 * 2;
		try (Arena arena = Arena.ofShared();
				VectorKernels two = new VectorKernels(2);
				VectorKernels one = new VectorKernels(1)) {
			// 1 row, an odd count, more rows than one task (32) and not a multiple of the
			// thread count; 7 activation rows take the four-row kernels once, then three
			// single rows; from 16 rows the dequantized tiles (23 rows: Q8_0 and Q4_0
			// three groups of six and five single rows, the K-quants seven groups of
			// three and two single rows; 37 and 67 weight rows leave one and three past
			// the groups of four, and partial groups of 32; 311 rows are ten groups, in
			// pairs or, for Q4_K, one task of four groups and single ones)
			for (int out : new int[] { 1, 37, 67, 311 }) {
				Tensor w = randomQuantized(arena, dtype, out, in, random);
				for (int rows : new int[] { 1, 3, 7, 16, 23 }) {
					float[] x = randomActivations(random, rows * in);
					float[] expected = new float[rows * out];
					new ScalarKernels().matmul(x, rows, w, expected);
					float tolerance = 1e-4f * Math.max(1, maxAbs(expected));
					// below 16 rows Q4_0, Q4_K and Q6_K multiply activations quantized to
					// 8 bits
					boolean quantizedActivations = dtype != DType.Q8_0 && rows < QuantizedMatmul.TILE_MIN_ROWS;
					for (VectorKernels kernels : List.of(one, two)) {
						float[] actual = new float[rows * out];
						kernels.matmul(x, rows, w, actual);
						for (int i = 0; i < expected.length; i++) {
							float bound = quantizedActivations
									? activationQuantizationBound(w, i % out, x, i / out * in, in) + tolerance
									: tolerance;
							assertThat(actual[i]).as("%s out %d rows %d index %d", dtype, out, rows, i)
								.isCloseTo(expected[i], within(bound));
						}
					}
				}
			}
		}
	}

	@ParameterizedTest
	@EnumSource(value = DType.class, names = { "Q8_0", "Q4_0" })
	void weightsQuantizedOnLoadInRowGroupsMultiplyAsTheirGgmlTwins(DType dtype) {
		SplittableRandom random = new SplittableRandom(200 + dtype.ordinal());
		int in = 32 * 5;
		try (Arena arena = Arena.ofShared(); VectorKernels two = new VectorKernels(2)) {
			for (int out : new int[] { 1, 37, 67 }) {
				MemorySegment f32 = arena.allocate(4L * out * in, 64);
				for (long i = 0; i < (long) out * in; i++) {
					f32.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, (float) (random.nextGaussian() * 0.05));
				}
				Tensor w = dev.springcohere.engine.model.WeightQuantizer
					.quantize(new Tensor("w", DType.F32, List.of((long) out, (long) in), f32), dtype, arena);
				assertThat(w.layout()).isEqualTo(Tensor.Layout.ROW_GROUPS);
				for (int rows : new int[] { 1, 7, 23 }) {
					float[] x = randomActivations(random, rows * in);
					float[] expected = new float[rows * out];
					new ScalarKernels().matmul(x, rows, w, expected);
					float[] actual = new float[rows * out];
					two.matmul(x, rows, w, actual);
					float tolerance = 1e-4f * Math.max(1, maxAbs(expected));
					for (int i = 0; i < expected.length; i++) {
						float bound = (dtype == DType.Q4_0 && rows < QuantizedMatmul.TILE_MIN_ROWS)
								? activationQuantizationBound(w, i % out, x, i / out * in, in) + tolerance : tolerance;
						assertThat(actual[i]).as("%s out %d rows %d index %d", dtype, out, rows, i)
							.isCloseTo(expected[i], within(bound));
					}
				}
			}
		}
	}

	/**
	 * How far a dot product may move when its activations are quantized per block of 32
	 * to 8 bits: each activation moves by at most half a step ({@code max|x| / 254} of
	 * its block), so the sum by at most the weights' absolute values times that.
	 */
	private static float activationQuantizationBound(Tensor w, int row, float[] x, int x0, int in) {
		float[] weights = new float[in];
		w.dequantizeRows(row, 1, weights, 0);
		double bound = 0;
		for (int b = 0; b < in / 32; b++) {
			float amax = 0;
			for (int j = 0; j < 32; j++) {
				amax = Math.max(amax, Math.abs(x[x0 + 32 * b + j]));
			}
			for (int j = 0; j < 32; j++) {
				bound += Math.abs(weights[32 * b + j]) * amax / 254.0;
			}
		}
		return (float) (bound * 1.01);
	}

	@Test
	void repackedQ4_0KernelEqualsScalarTwinOnOddShapes() {
		SplittableRandom random = new SplittableRandom(11);
		try (Arena arena = Arena.ofShared(); WorkerTeam team = new WorkerTeam(2, "repack-test")) {
			// one group, a group and one row, partial groups; one block to many
			for (int out : new int[] { 1, 31, 33, 67 }) {
				for (int blocks : new int[] { 1, 3, 17 }) {
					int in = 32 * blocks;
					Tensor w = randomQuantized(arena, DType.Q4_0, out, in, random);
					assertQ4_0KernelsEqualScalarTwin(w, randomActivations(random, 2 * in), team);
				}
			}
		}
	}

	@Test
	void repackedQ4_0KernelIsExactAtTheExtremesOfItsSixteenBitSums() {
		// nibbles 0 (-8) and 15 (+7) against activations of +-127: a block's sum reaches
		// -32512 and +28448, while the products it adds (of whole 16-bit lanes of four
		// nibbles, 0xFFFF, and their shifts) wrap past 16 bits many times before the
		// block's offset brings the sum back
		try (Arena arena = Arena.ofShared(); WorkerTeam team = new WorkerTeam(2, "repack-test")) {
			int out = 65;
			int in = 64;
			MemorySegment seg = arena.allocate(DType.Q4_0.byteSize((long) out * in), 64);
			for (int o = 0; o < out; o++) {
				for (int b = 0; b < 2; b++) {
					long block = (2L * o + b) * DType.Q4_0.blockBytes();
					seg.set(SHORT_LE, block, Float.floatToFloat16(1f));
					byte nibbles = (byte) (((o + b) % 2 == 0) ? 0x00 : 0xFF);
					for (int j = 0; j < 16; j++) {
						seg.set(ValueLayout.JAVA_BYTE, block + 2 + j, nibbles);
					}
				}
			}
			Tensor w = new Tensor("w", DType.Q4_0, List.of((long) out, (long) in), seg);
			float[] x = new float[2 * in];
			for (int i = 0; i < x.length; i++) {
				x[i] = (i < 32 || (i >= 64 && i < 96)) ? 1f : -1f;
			}
			float[] sums = assertQ4_0KernelsEqualScalarTwin(w, x, team);
			// row 0: block 0 is all -8 against +127, block 1 all +7 against -127
			assertThat(sums[0]).isEqualTo(-32512f / 127 - 28448f / 127, within(1e-3f));
		}
	}

	/**
	 * Runs both repacked copies of {@code w} (repacked on the caller and on a team) one
	 * group at a time and in pairs as {@link QuantizedMatmul} pairs them, on two
	 * activation rows, into outputs whose gaps must stay untouched; checks every sum
	 * against {@link ScalarQuantizedDot#q4_0Q8}.
	 * @return the first row's sums
	 */
	private static float[] assertQ4_0KernelsEqualScalarTwin(Tensor w, float[] x, WorkerTeam team) {
		int out = (int) w.dim(0);
		int in = (int) w.dim(1);
		int groups = (out + 31) / 32;
		int stride = out + 40;
		QuantizedActivations a = QuantizedActivations.of(x, 2, in);
		float[] single = null;
		for (PackedQ4_0 packed : List.of(PackedQ4_0.of(w, null), PackedQ4_0.of(w, team))) {
			assertThat(packed.byteSize()).isEqualTo(groups * 576L * (in / 32));
			single = new float[2 * stride];
			float[] pairs = new float[2 * stride];
			Arrays.fill(single, Float.NaN);
			Arrays.fill(pairs, Float.NaN);
			int tasks = QuantizedMatmul.pairedTasks(groups);
			for (int r = 0; r < 2; r++) {
				for (int g = 0; g < groups; g++) {
					packed.gemv(g, a, r * in, single, r * stride + 32 * g);
				}
				for (int t = 0; t < tasks; t++) {
					int other = t + tasks;
					if (other < groups) {
						packed.gemvPair(t, other, a, r * in, pairs, r * stride + 32 * t, r * stride + 32 * other);
					}
					else {
						packed.gemv(t, a, r * in, pairs, r * stride + 32 * t);
					}
				}
			}
			for (int r = 0; r < 2; r++) {
				for (int o = 0; o < out; o++) {
					float scalar = ScalarQuantizedDot.q4_0Q8(w.data(), o * DType.Q4_0.byteSize(in), a.values(), r * in,
							a.scales(), r * in / 32, in);
					assertThat(scalar).isNotZero();
					float tolerance = 1e-5f * Math.max(1, Math.abs(scalar)) * (in / 32);
					assertThat(single[r * stride + o]).as("out %d in %d row %d x %d", out, in, o, r)
						.isCloseTo(scalar, within(tolerance));
					assertThat(pairs[r * stride + o]).as("pair out %d in %d row %d x %d", out, in, o, r)
						.isCloseTo(scalar, within(tolerance));
				}
				// rows past the weight's last are not written
				for (int o = out; o < stride; o++) {
					assertThat(single[r * stride + o]).isNaN();
					assertThat(pairs[r * stride + o]).isNaN();
				}
			}
		}
		return single;
	}

	@Test
	void repackedQ8_0KernelsEqualScalarTwinOnOddShapes() {
		SplittableRandom random = new SplittableRandom(15);
		try (Arena arena = Arena.ofShared(); WorkerTeam team = new WorkerTeam(2, "repack-test")) {
			// one group, a group less one row, a group and one row, partial groups; one
			// block to many; random bytes include -128
			for (int out : new int[] { 1, 31, 33, 67 }) {
				for (int blocks : new int[] { 1, 3, 17 }) {
					int in = 32 * blocks;
					Tensor w = randomQuantized(arena, DType.Q8_0, out, in, random);
					int groups = (out + 31) / 32;
					float[] x = randomActivations(random, 5 * in);
					for (PackedQ8_0 packed : List.of(PackedQ8_0.of(w, null), PackedQ8_0.of(w, team))) {
						assertThat(packed.byteSize()).isEqualTo(groups * 1088L * blocks);
						// one activation row at a time, and rows 1..4 in one four-row
						// pass,
						// into outputs of stride out + 40 whose gaps must stay untouched
						int stride = out + 40;
						float[] actual = new float[5 * stride];
						Arrays.fill(actual, Float.NaN);
						for (int g = 0; g < groups; g++) {
							packed.gemv(g, x, 0, actual, 32 * g);
							packed.gemv4(g, x, in, in, actual, stride + 32 * g, stride);
						}
						// two groups in one pass, paired as QuantizedMatmul pairs them
						float[] pairs = new float[stride];
						Arrays.fill(pairs, Float.NaN);
						int tasks = QuantizedMatmul.pairedTasks(groups);
						for (int t = 0; t < tasks; t++) {
							int other = t + tasks;
							if (other < groups) {
								packed.gemvPair(t, other, x, 0, pairs, 32 * t, 32 * other);
							}
							else {
								packed.gemv(t, x, 0, pairs, 32 * t);
							}
						}
						for (int o = out; o < stride; o++) {
							assertThat(pairs[o]).as("past the last row").isNaN();
						}
						float[] tile = new float[32 * in];
						float[] weights = new float[in];
						for (int o = 0; o < out; o++) {
							float single = ScalarQuantizedDot.dot(DType.Q8_0, w.data(), o * DType.Q8_0.byteSize(in), x,
									0, in);
							assertThat(pairs[o]).as("pair out %d blocks %d row %d", out, blocks, o)
								.isCloseTo(single, within(2e-5f * Math.max(1, Math.abs(single)) * blocks));
							for (int r = 0; r < 5; r++) {
								float scalar = ScalarQuantizedDot.dot(DType.Q8_0, w.data(), o * DType.Q8_0.byteSize(in),
										x, r * in, in);
								assertThat(scalar).isNotZero();
								assertThat(actual[r * stride + o]).as("out %d blocks %d row %d x %d", out, blocks, o, r)
									.isCloseTo(scalar, within(2e-5f * Math.max(1, Math.abs(scalar)) * blocks));
							}
							if (o % 32 == 0) {
								packed.dequantize(o / 32, tile);
							}
							BlockFormats.dequantize(DType.Q8_0, w.data(), (long) o * in, weights, 0, in);
							for (int c = 0; c < in; c++) {
								assertThat(tile[32 * c + o % 32]).isEqualTo(weights[c]);
							}
						}
						for (int r = 0; r < 5; r++) {
							assertThat(actual[r * stride + out]).as("past the last row").isNaN();
						}
						// rows past the weight's last dequantize to zeros
						if (out % 32 != 0) {
							assertThat(tile[32 * (in - 1) + 31]).isZero();
						}
					}
				}
			}
		}
	}

	@Test
	void repackedQ4_0DequantizesToTheReferenceValues() {
		SplittableRandom random = new SplittableRandom(16);
		try (Arena arena = Arena.ofShared()) {
			for (int out : new int[] { 1, 33 }) {
				int in = 32 * 3;
				Tensor w = randomQuantized(arena, DType.Q4_0, out, in, random);
				PackedQ4_0 packed = PackedQ4_0.of(w, null);
				float[] tile = new float[32 * in];
				float[] weights = new float[in];
				for (int o = 0; o < out; o++) {
					if (o % 32 == 0) {
						packed.dequantize(o / 32, tile);
					}
					BlockFormats.dequantize(DType.Q4_0, w.data(), (long) o * in, weights, 0, in);
					for (int c = 0; c < in; c++) {
						assertThat(tile[32 * c + o % 32]).as("row %d column %d", o, c).isEqualTo(weights[c]);
					}
				}
				assertThat(tile[32 * (in - 1) + 31]).isZero();
			}
		}
	}

	@Test
	void activationsRoundHalvesAwayFromZeroAsGgmlDoes() {
		// a block whose largest magnitude is 127 has the scale 1, so these are the
		// values rounded
		float[] x = { 127f, 2.5f, -2.5f, 0.5f, -0.5f, 0.49999997f, -0.49999997f, 1.5f, -126.5f, 3.4999998f, -0f, 0f,
				7.5000005f, -7.4999995f, 64.5f, -64.5f };
		float[] block = new float[32];
		System.arraycopy(x, 0, block, 0, x.length);
		System.arraycopy(x, 0, block, 16, x.length);
		short[] q = new short[32];
		float[] d = new float[1];
		PackedQ4_0.quantizeActivations(block, 0, 32, q, 0, d, 0);
		assertThat(d[0]).isEqualTo(1f);
		for (int j = 0; j < 32; j++) {
			assertThat(q[j]).as("%s", block[j]).isEqualTo((short) BlockFormats.roundHalfAway(block[j]));
		}
		assertThat(q[1]).isEqualTo((short) 3);
		assertThat(q[2]).isEqualTo((short) -3);
		assertThat(q[5]).isZero();
		assertThat(q[8]).isEqualTo((short) -127);
	}

	/**
	 * The vector quantization behind {@link QuantizedActivations#of} gives the
	 * reference's values and scales bit for bit, and each block's offset is -8 times the
	 * sum of its values: on random rows, the exact halves and near-halves of the rounding
	 * test (a scale of 1), an all-zero block, one with a lone non-zero and one of large
	 * values.
	 */
	@Test
	void vectorActivationQuantizationEqualsTheReferenceBitForBit() {
		SplittableRandom random = new SplittableRandom(21);
		int in = 192;
		float[] x = randomActivations(random, 2 * in);
		float[] halves = { 127f, 2.5f, -2.5f, 0.5f, -0.5f, 0.49999997f, -0.49999997f, 1.5f, -126.5f, 3.4999998f, -0f,
				0f, 7.5000005f, -7.4999995f, 64.5f, -64.5f };
		System.arraycopy(halves, 0, x, 32, 16);
		System.arraycopy(halves, 0, x, 48, 16);
		Arrays.fill(x, 64, 96, 0f);
		Arrays.fill(x, 96, 128, 0f);
		x[101] = -1e-3f;
		for (int j = 0; j < 32; j++) {
			x[in + j] = (float) ((random.nextDouble() * 2 - 1) * 3e4);
		}
		QuantizedActivations a = QuantizedActivations.of(x, 2, in);
		short[] q = new short[2 * in];
		float[] d = new float[2 * in / 32];
		for (int r = 0; r < 2; r++) {
			PackedQ4_0.quantizeActivations(x, r * in, in, q, r * in, d, r * in / 32);
		}
		assertThat(a.values()).containsExactly(q);
		assertThat(a.scales()).containsExactly(d);
		for (int b = 0; b < d.length; b++) {
			int sum = 0;
			for (int j = 0; j < 32; j++) {
				sum += q[32 * b + j];
			}
			assertThat(a.offsets()[b]).as("block %d", b).isEqualTo((short) (-8 * sum));
		}
		assertThat(a.values()[32 + 1]).isEqualTo((short) 3);
		assertThat(a.values()[32 + 5]).isZero();
		assertThat(a.values()[101]).isEqualTo((short) -127);
		assertThat(a.scales()[2]).isZero();
	}

	/**
	 * The vector activation quantization once C2 has compiled it (50,000 calls first):
	 * still bit for bit the reference, halves included.
	 */
	@Test
	void vectorActivationQuantizationStaysExactOnceCompiled() {
		SplittableRandom random = new SplittableRandom(23);
		float[] x = randomActivations(random, 192);
		float[] halves = { 127f, 2.5f, -2.5f, 0.5f, -0.5f, 0.49999997f, -0.49999997f, 1.5f, -126.5f, 3.4999998f, -0f,
				0f, 7.5000005f, -7.4999995f, 64.5f, -64.5f };
		System.arraycopy(halves, 0, x, 64, 16);
		System.arraycopy(halves, 0, x, 80, 16);
		long sink = 0;
		for (int call = 0; call < 50_000; call++) {
			sink += QuantizedActivations.of(x, 1, 192).offsets()[call % 6];
		}
		QuantizedActivations a = QuantizedActivations.of(x, 1, 192);
		short[] q = new short[192];
		float[] d = new float[6];
		PackedQ4_0.quantizeActivations(x, 0, 192, q, 0, d, 0);
		assertThat(a.values()).containsExactly(q);
		assertThat(a.scales()).containsExactly(d);
		assertThat(a.values()[64 + 1]).isEqualTo((short) 3);
		assertThat(sink).isNotZero();
	}

	@Test
	void nibbleMultipliersTurnALaneOfFourNibblesIntoTheirDotProductModulo2To16() {
		// the Q4_0 GEMV multiplies a lane w = n0 + 16 n1 + 256 n2 + 4096 n3 and its
		// logical shifts by 4, 8 and 12 bits by the four multipliers of a run
		SplittableRandom random = new SplittableRandom(15);
		float[] x = new float[256];
		for (int i = 0; i < x.length; i++) {
			x[i] = (i < 32) ? ((i % 2 == 0) ? 1f : -1f) : (float) random.nextGaussian();
		}
		QuantizedActivations a = QuantizedActivations.of(x, 2, 128);
		short[] q = a.values();
		short[] m = a.nibbleMultipliers();
		assertThat(m).hasSameSizeAs(q);
		for (int run = 0; run < q.length / 4; run++) {
			int c = 4 * run;
			for (int i = 0; i < 200; i++) {
				int w = (i < 2) ? 0xFFFF * i : random.nextInt(0x10000);
				int expected = 0;
				for (int k = 0; k < 4; k++) {
					expected += ((w >>> (4 * k)) & 0x0F) * q[c + k];
				}
				int sum = w * m[c] + (w >>> 4) * m[c + 1] + (w >>> 8) * m[c + 2] + (w >>> 12) * m[c + 3];
				assertThat((short) sum).as("run %d, lane %04x", run, w).isEqualTo((short) expected);
			}
		}
	}

	@Test
	void crumbMultipliersTurnALaneOfEightTwoBitValuesIntoSixteenTimesTheirDotProduct() {
		// the Q6_K GEMV multiplies a 16-bit lane of eight 2-bit high parts and its
		// logical shifts by 2, 4, ..., 14 bits by the eight multipliers of a run
		SplittableRandom random = new SplittableRandom(6);
		float[] x = new float[256];
		for (int i = 0; i < x.length; i++) {
			x[i] = (i < 32) ? ((i % 3 == 0) ? 1f : -1f) : (float) random.nextGaussian();
		}
		QuantizedActivations a = QuantizedActivations.of(x, 2, 128);
		short[] q = a.values();
		short[] g = a.crumbMultipliers();
		assertThat(g).hasSameSizeAs(q);
		for (int run = 0; run < q.length / 8; run++) {
			int c = 8 * run;
			for (int i = 0; i < 200; i++) {
				int h = (i < 2) ? 0xFFFF * i : random.nextInt(0x10000);
				int expected = 0;
				int sum = 0;
				for (int k = 0; k < 8; k++) {
					expected += 16 * ((h >>> (2 * k)) & 3) * q[c + k];
					sum += (h >>> (2 * k)) * g[c + k];
				}
				assertThat((short) sum).as("run %d, lane %04x", run, h).isEqualTo((short) expected);
			}
		}
	}

	@Test
	void activationsQuantizeToEightBitsWithinHalfAStep() {
		SplittableRandom random = new SplittableRandom(12);
		float[] x = randomActivations(random, 96);
		x[40] = 0; // a block with a zero
		Arrays.fill(x, 64, 96, 0f); // an all-zero block
		short[] q = new short[96 + 7];
		float[] d = new float[3 + 2];
		PackedQ4_0.quantizeActivations(x, 0, 96, q, 7, d, 2);
		for (int b = 0; b < 3; b++) {
			int largest = 0;
			for (int j = 0; j < 32; j++) {
				int v = q[7 + 32 * b + j];
				largest = Math.max(largest, Math.abs(v));
				assertThat(v * d[2 + b]).isCloseTo(x[32 * b + j], within(d[2 + b] / 2 + 1e-7f));
			}
			assertThat(largest).isEqualTo(b < 2 ? 127 : 0);
		}
		assertThat(d[4]).isZero();
		assertThat(q[7 + 40]).isZero();
	}

	@Test
	void aQ4_0WeightIsRepackedOnceAndSharedByLaterCalls() {
		SplittableRandom random = new SplittableRandom(13);
		try (Arena arena = Arena.ofShared()) {
			Tensor w = randomQuantized(arena, DType.Q4_0, 40, 64, random);
			PackedQ4_0 first = QuantizedMatmul.packedQ4_0(w, null);
			assertThat(QuantizedMatmul.packedQ4_0(w, null)).isSameAs(first);
			Tensor other = randomQuantized(arena, DType.Q4_0, 40, 64, random);
			assertThat(QuantizedMatmul.packedQ4_0(other, null)).isNotSameAs(first);
		}
	}

	@Test
	void aQ8_0WeightIsRepackedOnceAndSharedByLaterCalls() {
		SplittableRandom random = new SplittableRandom(17);
		try (Arena arena = Arena.ofShared()) {
			Tensor w = randomQuantized(arena, DType.Q8_0, 40, 64, random);
			PackedQ8_0 first = QuantizedMatmul.packedQ8_0(w, null);
			assertThat(QuantizedMatmul.packedQ8_0(w, null)).isSameAs(first);
			Tensor other = randomQuantized(arena, DType.Q8_0, 40, 64, random);
			assertThat(QuantizedMatmul.packedQ8_0(other, null)).isNotSameAs(first);
		}
	}

	@Test
	void equalButDistinctWeightsGetTheirOwnRepackedCopies() {
		// a weight loaded after another was closed can get the freed address: the two
		// records are then equal, but the copy of the first must not serve the second
		SplittableRandom random = new SplittableRandom(19);
		try (Arena arena = Arena.ofShared()) {
			Tensor first = randomQuantized(arena, DType.Q8_0, 40, 64, random);
			Tensor second = new Tensor(first.name(), first.dtype(), first.shape(), first.data());
			assertThat(second).isEqualTo(first);
			RepackedCopies<Object> copies = new RepackedCopies<>();
			Object a = copies.get(first, (w) -> new Object());
			Object b = copies.get(second, (w) -> new Object());
			assertThat(b).isNotSameAs(a);
			assertThat(copies.get(first, (w) -> new Object())).isSameAs(a);
			assertThat(copies.size()).isEqualTo(2);
		}
	}

	@Test
	void onlyATwoDimensionalQ8_0WeightIsRepackedAsQ8_0() {
		SplittableRandom random = new SplittableRandom(18);
		try (Arena arena = Arena.ofConfined()) {
			Tensor q4 = randomQuantized(arena, DType.Q4_0, 2, 32, random);
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> PackedQ8_0.of(q4, null))
				.withMessageContaining("Only a 2-d Q8_0 weight can be repacked, not 'w' (Q4_0");
		}
	}

	@Test
	void onlyATwoDimensionalQ4_0WeightIsRepacked() {
		SplittableRandom random = new SplittableRandom(14);
		try (Arena arena = Arena.ofConfined()) {
			Tensor q8 = randomQuantized(arena, DType.Q8_0, 2, 32, random);
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> PackedQ4_0.of(q8, null))
				.withMessageContaining("Only a 2-d Q4_0 weight can be repacked, not 'w' (Q8_0");
		}
	}

	@Test
	void fusedQuantizedMatmulOfSeveralWeightsEqualsOneByOne() {
		SplittableRandom random = new SplittableRandom(5);
		int in = 256;
		try (Arena arena = Arena.ofShared(); VectorKernels kernels = new VectorKernels(2)) {
			Tensor q = randomQuantized(arena, DType.Q4_0, 70, in, random);
			Tensor k = randomQuantized(arena, DType.Q8_0, 33, in, random);
			Tensor v = randomQuantized(arena, DType.Q6_K, 33, in, random);
			int rows = 5;
			float[] x = randomActivations(random, rows * in);
			List<Tensor> ws = List.of(q, k, v);
			List<float[]> fused = List.of(new float[rows * 70], new float[rows * 33], new float[rows * 33]);
			kernels.matmul(x, rows, ws, fused);
			for (int i = 0; i < ws.size(); i++) {
				float[] alone = new float[fused.get(i).length];
				kernels.matmul(x, rows, ws.get(i), alone);
				// the same dot products; the order of the additions may differ with how
				// rows are split
				assertThat(fused.get(i)).containsExactly(alone, org.assertj.core.api.Assertions.within(1e-3f));
				assertThat(maxAbs(alone)).isPositive();
			}
		}
	}

	@Test
	void f16WideningInRegistersEqualsJavaForEveryFiniteHalf() {
		int lanes = IntVector.SPECIES_PREFERRED.length();
		int[] bits = new int[lanes];
		float[] widened = new float[lanes];
		for (int h = 0; h < 65536; h += lanes) {
			for (int j = 0; j < lanes; j++) {
				bits[j] = (short) (h + j);
			}
			VectorKernels.f16ToFloat(IntVector.fromArray(IntVector.SPECIES_PREFERRED, bits, 0)).intoArray(widened, 0);
			for (int j = 0; j < lanes; j++) {
				short half = (short) (h + j);
				if (((half >> 10) & 0x1F) == 0x1F) {
					continue; // infinities and NaNs are documented as not preserved
				}
				assertThat(Float.floatToRawIntBits(widened[j])).as("half 0x%04x", half & 0xFFFF)
					.isEqualTo(Float.floatToRawIntBits(Float.float16ToFloat(half)));
			}
		}
	}

}
