package dev.springcohere.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;

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
				case Q8_0, Q4_0 -> seg.set(SHORT_LE, off, Float.floatToFloat16(scale(random, 0.02f)));
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
			// thread count; 7 activation rows take the four-row kernel once, then three
			// single rows; from 16 rows the dequantized tile and its 4 x 3 kernel (23
			// rows:
			// seven groups of three and two single rows; 37 and 67 weight rows leave one
			// and three past the groups of four)
			for (int out : new int[] { 1, 37, 67 }) {
				Tensor w = randomQuantized(arena, dtype, out, in, random);
				for (int rows : new int[] { 1, 3, 7, 16, 23 }) {
					float[] x = randomActivations(random, rows * in);
					float[] expected = new float[rows * out];
					new ScalarKernels().matmul(x, rows, w, expected);
					float tolerance = 1e-4f * Math.max(1, maxAbs(expected));
					for (VectorKernels kernels : List.of(one, two)) {
						float[] actual = new float[rows * out];
						kernels.matmul(x, rows, w, actual);
						for (int i = 0; i < expected.length; i++) {
							assertThat(actual[i]).as("%s out %d rows %d index %d", dtype, out, rows, i)
								.isCloseTo(expected[i], within(tolerance));
						}
					}
				}
			}
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
