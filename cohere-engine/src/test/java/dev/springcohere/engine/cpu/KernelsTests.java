package dev.springcohere.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;

import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class KernelsTests {

	private static Tensor random(Arena arena, DType dtype, int out, int in, SplittableRandom random) {
		MemorySegment seg = arena.allocate((long) out * in * dtype.byteSize(), 8);
		for (long i = 0; i < (long) out * in; i++) {
			float v = (float) (random.nextDouble() * 2 - 1);
			switch (dtype) {
				case BF16 -> seg.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i,
						(short) (Float.floatToRawIntBits(v) >>> 16));
				case F16 -> seg.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i,
						Float.floatToFloat16(v));
				default -> seg.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), i, v);
			}
		}
		return new Tensor("w", dtype, List.of((long) out, (long) in), seg);
	}

	private static Tensor weight(Arena arena, DType dtype, int out, int in, SplittableRandom random) {
		return dtype.isQuantized() ? QuantizedKernelsTests.randomQuantized(arena, dtype, out, in, random)
				: random(arena, dtype, out, in, random);
	}

	/**
	 * Every row count of a batched decode step, 1 to 17 (4 x 3 tiles, the 4 x 2 tile for
	 * 2 rows left over, the 4 x 1 GEMV for 1), on 37 weight rows (the last one outside
	 * the groups of 4) of 83 columns (two 32-column chunks and a tail that is not a
	 * multiple of the vector length).
	 */
	@ParameterizedTest
	@EnumSource(value = DType.class, names = { "BF16", "F16", "F32" })
	void vectorMatmulAgreesWithScalarForOddShapesAndRowCounts(DType dtype) {
		SplittableRandom random = new SplittableRandom(dtype.ordinal());
		try (Arena arena = Arena.ofShared(); VectorKernels vector = new VectorKernels(2)) {
			Tensor w = random(arena, dtype, 37, 83, random);
			for (int rows = 1; rows <= 17; rows++) {
				float[] x = new float[rows * 83];
				for (int i = 0; i < x.length; i++) {
					x[i] = (float) (random.nextDouble() * 2 - 1);
				}
				float[] expected = new float[rows * 37];
				float[] actual = new float[rows * 37];
				new ScalarKernels().matmul(x, rows, w, expected);
				vector.matmul(x, rows, w, actual);
				for (int i = 0; i < expected.length; i++) {
					assertThat(actual[i]).as("rows %d index %d", rows, i).isCloseTo(expected[i], within(1e-4f));
				}
				float maxAbs = 0;
				for (float v : expected) {
					maxAbs = Math.max(maxAbs, Math.abs(v));
				}
				assertThat(maxAbs).isGreaterThan(0.5f);
			}
		}
	}

	@Test
	void blockedBf16MatmulAgreesWithScalarAcrossTasksAndTokenBlocks() {
		SplittableRandom random = new SplittableRandom(99);
		try (Arena arena = Arena.ofShared(); VectorKernels vector = new VectorKernels(2)) {
			int out = 135;
			int in = 2100;
			Tensor w = random(arena, DType.BF16, out, in, random);
			// token blocks of 30 rows here: 40 leaves 10 (three 4 x 3 tiles and a GEMV),
			// 32 leaves 2 (the 4 x 2 tile)
			for (int rows : new int[] { 40, 32 }) {
				float[] x = new float[rows * in];
				for (int i = 0; i < x.length; i++) {
					x[i] = (float) (random.nextDouble() * 2 - 1);
				}
				float[] expected = new float[rows * out];
				float[] actual = new float[rows * out];
				new ScalarKernels().matmul(x, rows, w, expected);
				vector.matmul(x, rows, w, actual);
				for (int i = 0; i < expected.length; i++) {
					assertThat(actual[i]).as("rows %d index %d", rows, i).isCloseTo(expected[i], within(2e-3f));
				}
			}
		}
	}

	@Test
	void fusedMatmulOverSeveralWeightsEqualsSeparateCalls() {
		SplittableRandom random = new SplittableRandom(5);
		try (Arena arena = Arena.ofShared(); VectorKernels vector = new VectorKernels(2)) {
			int in = 96;
			List<Tensor> ws = List.of(random(arena, DType.BF16, 130, in, random),
					random(arena, DType.BF16, 7, in, random), random(arena, DType.BF16, 64, in, random));
			for (int rows : new int[] { 1, 5 }) {
				float[] x = new float[rows * in];
				for (int i = 0; i < x.length; i++) {
					x[i] = (float) (random.nextDouble() * 2 - 1);
				}
				List<float[]> fused = ws.stream().map(w -> new float[rows * (int) w.dim(0)]).toList();
				vector.matmul(x, rows, ws, fused);
				for (int k = 0; k < ws.size(); k++) {
					float[] separate = new float[rows * (int) ws.get(k).dim(0)];
					vector.matmul(x, rows, ws.get(k), separate);
					// not bitwise: the Vector API leaves the order of a lane reduction
					// open, and it differs between
					// interpreted and JIT-compiled code, so the same sum may round
					// differently from one call to the next
					float[] fusedOut = fused.get(k);
					assertThat(fusedOut).as("weight %d rows %d", k, rows).hasSameSizeAs(separate);
					for (int i = 0; i < separate.length; i++) {
						assertThat(fusedOut[i]).as("weight %d rows %d output %d", k, rows, i)
							.isCloseTo(separate[i], within(1e-5f * Math.max(1f, Math.abs(separate[i]))));
					}
					float[] scalar = new float[separate.length];
					new ScalarKernels().matmul(x, rows, ws.get(k), scalar);
					for (int i = 0; i < scalar.length; i++) {
						assertThat(separate[i]).isCloseTo(scalar[i], within(1e-4f));
					}
				}
			}
			assertThatThrownBy(() -> vector.matmul(new float[in], 1, ws, List.of(new float[1])))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("3 weights but 1 outputs");
		}
	}

	@ParameterizedTest
	@EnumSource(value = DType.class, names = { "BF16", "Q8_0", "Q4_0" })
	void oneJobOverLayersWithTheirOwnInputsEqualsSeparateCalls(DType dtype) {
		SplittableRandom random = new SplittableRandom(11);
		try (Arena arena = Arena.ofShared(); VectorKernels vector = new VectorKernels(2)) {
			// an attention output projection and an MLP down projection: different inputs
			// and widths; the second input also feeds a third weight
			List<Tensor> ws = List.of(weight(arena, dtype, 70, 64, random), weight(arena, dtype, 64, 160, random),
					weight(arena, dtype, 33, 160, random));
			for (int rows : new int[] { 1, 2, 5, 17 }) {
				float[] attn = new float[rows * 64];
				float[] gate = new float[rows * 160];
				for (float[] x : List.of(attn, gate)) {
					for (int i = 0; i < x.length; i++) {
						x[i] = (float) (random.nextDouble() * 2 - 1);
					}
				}
				List<float[]> xs = List.of(attn, gate, gate);
				List<float[]> outs = ws.stream().map(w -> new float[rows * (int) w.dim(0)]).toList();
				vector.matmulEach(xs, rows, ws, outs);
				for (int k = 0; k < ws.size(); k++) {
					float[] separate = new float[rows * (int) ws.get(k).dim(0)];
					vector.matmul(xs.get(k), rows, ws.get(k), separate);
					for (int i = 0; i < separate.length; i++) {
						assertThat(outs.get(k)[i]).as("%s weight %d rows %d output %d", dtype, k, rows, i)
							.isCloseTo(separate[i], within(1e-5f * Math.max(1f, Math.abs(separate[i]))));
					}
					if (dtype == DType.BF16) {
						float[] scalar = new float[separate.length];
						new ScalarKernels().matmulEach(List.of(xs.get(k)), rows, List.of(ws.get(k)), List.of(scalar));
						for (int i = 0; i < scalar.length; i++) {
							assertThat(outs.get(k)[i]).isCloseTo(scalar[i], within(1e-4f));
						}
					}
				}
			}
			assertThatThrownBy(() -> vector.matmulEach(List.of(new float[64]), 1, ws, List.of(new float[70])))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("3 weights but 1 inputs and 1 outputs");
		}
	}

	@Test
	void parallelForRunsEveryIndexOnce() {
		try (VectorKernels vector = new VectorKernels(2)) {
			java.util.concurrent.atomic.AtomicIntegerArray counts = new java.util.concurrent.atomic.AtomicIntegerArray(
					50);
			vector.parallelFor(50, counts::incrementAndGet);
			for (int i = 0; i < 50; i++) {
				assertThat(counts.get(i)).as("index %d", i).isEqualTo(1);
			}
		}
	}

	@Test
	void layerNormWithBiasNormalizesEachRow() {
		float[] x = { 1, 2, 3, 4, 10, 10, 10, 14 };
		float[] out = new float[8];
		new ScalarKernels().layerNorm(x, 2, 4, new float[] { 1, 1, 1, 2 }, new float[] { 0, 0, 0, 1 }, 0f, out);
		double sd = Math.sqrt(1.25);
		assertThat(out[0]).isCloseTo((float) (-1.5 / sd), within(1e-5f));
		assertThat(out[3]).isCloseTo((float) (2 * 1.5 / sd + 1), within(1e-5f));
		assertThat(out[4]).isCloseTo((float) (-1 / Math.sqrt(3)), within(1e-5f));
	}

	@Test
	void ropeRotatesInterleavedPairsAndKeepsNorm() {
		float[] x = { 1, 0, 0, 1 };
		new ScalarKernels().ropeInterleaved(x, 0, 4, 3, 10000.0);
		assertThat(x[0]).isCloseTo((float) Math.cos(3), within(1e-5f));
		assertThat(x[1]).isCloseTo((float) Math.sin(3), within(1e-5f));
		double angle = 3 / 100.0;
		assertThat(x[2]).isCloseTo((float) -Math.sin(angle), within(1e-5f));
		assertThat(x[3]).isCloseTo((float) Math.cos(angle), within(1e-5f));
	}

	/**
	 * The vector kernels keep the angles of the last position per thread: heads of one
	 * position, then other positions, head sizes and bases (and back to an earlier
	 * position) must each give exactly the reference's floats.
	 */
	@Test
	void vectorRopeEqualsScalarForEveryHeadAcrossPositionsAndHeadSizes() {
		SplittableRandom random = new SplittableRandom(17);
		try (VectorKernels vector = new VectorKernels(1)) {
			int[][] calls = { { 128, 7 }, { 128, 7 }, { 128, 7 }, { 128, 8 }, { 64, 8 }, { 128, 7 }, { 128, 0 },
					{ 128, 4095 }, { 128, 4095 } };
			for (double theta : new double[] { 10000.0, 50000.0 }) {
				for (int[] call : calls) {
					int headDim = call[0];
					int position = call[1];
					float[] x = new float[3 + 2 * headDim];
					for (int i = 0; i < x.length; i++) {
						x[i] = (float) (random.nextDouble() * 2 - 1);
					}
					float[] original = x.clone();
					float[] expected = x.clone();
					for (int head = 0; head < 2; head++) {
						new ScalarKernels().ropeInterleaved(expected, 3 + head * headDim, headDim, position, theta);
						vector.ropeInterleaved(x, 3 + head * headDim, headDim, position, theta);
					}
					assertThat(x).as("head size %d position %d theta %s", headDim, position, theta)
						.containsExactly(expected);
					assertThat(x[0]).as("outside the heads").isEqualTo(original[0]);
					if (position > 0) {
						assertThat(x[3]).as("first pair rotated").isNotEqualTo(original[3]);
					}
				}
			}
		}
	}

	/**
	 * SwiGLU with the vector exponential against the reference, over a length that leaves
	 * a scalar tail and gates from -30 to 30 (where the sigmoid saturates).
	 */
	@Test
	void vectorSwigluAgreesWithScalar() {
		SplittableRandom random = new SplittableRandom(23);
		int n = 16 * 21 + 11;
		float[] gate = new float[n];
		float[] up = new float[n];
		for (int i = 0; i < n; i++) {
			gate[i] = (float) (random.nextDouble() * 60 - 30);
			up[i] = (float) (random.nextDouble() * 4 - 2);
		}
		float[] expected = gate.clone();
		new ScalarKernels().swiglu(expected, up, n);
		try (VectorKernels vector = new VectorKernels(1)) {
			vector.swiglu(gate, up, n);
		}
		for (int i = 0; i < n; i++) {
			assertThat(gate[i]).as("index %d", i)
				.isCloseTo(expected[i], within(1e-6f * Math.max(1f, Math.abs(expected[i]))));
		}
		assertThat(gate[n - 1]).isNotEqualTo(0f);
	}

	@Test
	void softmaxAndVectorDot() {
		float[] s = { 0, (float) Math.log(3) };
		new ScalarKernels().softmax(s, 0, 2);
		assertThat(s[0]).isCloseTo(0.25f, within(1e-6f));
		float[] a = new float[19];
		float[] b = new float[19];
		for (int i = 0; i < 19; i++) {
			a[i] = i;
			b[i] = 2;
		}
		try (VectorKernels vector = new VectorKernels(1)) {
			assertThat(vector.dot(a, 0, b, 0, 19)).isEqualTo(342f);
			assertThat(vector.threads()).isEqualTo(1);
			float[] y = new float[21];
			float[] expected = new float[21];
			vector.axpy(0.5f, a, 0, y, 2, 19);
			new ScalarKernels().axpy(0.5f, a, 0, expected, 2, 19);
			assertThat(y).containsExactly(expected);
			assertThat(y[20]).isEqualTo(9f);
		}
	}

	/**
	 * The vector softmax (vector exponentials and sums) against the scalar one on lengths
	 * around the vector length, wide and narrow ranges, and masked (-inf) entries; the
	 * values outside the range stay as they were.
	 */
	@Test
	void vectorSoftmaxAgreesWithScalarAcrossLengthsAndRanges() {
		SplittableRandom random = new SplittableRandom(5);
		try (VectorKernels vector = new VectorKernels(1)) {
			for (int n : new int[] { 1, 15, 16, 17, 100, 513 }) {
				for (double range : new double[] { 0.1, 10, 80 }) {
					float[] x = new float[n + 4];
					for (int i = 0; i < x.length; i++) {
						x[i] = (float) ((random.nextDouble() * 2 - 1) * range);
					}
					if (n > 3) {
						x[2 + n / 2] = Float.NEGATIVE_INFINITY;
					}
					float[] expected = x.clone();
					new ScalarKernels().softmax(expected, 2, n);
					vector.softmax(x, 2, n);
					float sum = 0;
					for (int i = 0; i < x.length; i++) {
						if (i < 2 || i >= 2 + n) {
							assertThat(x[i]).isEqualTo(expected[i]);
							continue;
						}
						assertThat(x[i]).as("n %d, range %s, index %d", n, range, i)
							.isCloseTo(expected[i], within(1e-6f + 1e-5f * expected[i]));
						sum += x[i];
					}
					assertThat(sum).isCloseTo(1f, within(1e-5f));
				}
			}
		}
	}

	@Test
	void vectorBf16WideningEqualsTheBitsOfEveryValueKindAtOddOffsetsAndLengths() {
		float[] values = { 0f, -0f, 1f, -2.5f, 3.0e38f, -1.0e-38f, 1.0e-40f, Float.MIN_VALUE, Float.POSITIVE_INFINITY,
				Float.NEGATIVE_INFINITY, Float.NaN, 65504f, 1f / 3 };
		short[] src = new short[77];
		for (int i = 0; i < src.length; i++) {
			src[i] = (short) (Float.floatToRawIntBits(values[i % values.length] * ((i % 7) - 3)) >>> 16);
		}
		src[76] = (short) 0x7FC1;
		try (VectorKernels vector = new VectorKernels(1)) {
			for (int n : new int[] { 0, 1, 15, 16, 17, 33, 70 }) {
				float[] widened = new float[n + 5];
				vector.widenBf16(src, 6, widened, 3, n);
				for (int i = 0; i < n; i++) {
					assertThat(Float.floatToRawIntBits(widened[3 + i])).as("n %d, index %d", n, i)
						.isEqualTo(src[6 + i] << 16);
				}
				assertThat(widened[0]).isEqualTo(0f);
				assertThat(widened[n + 4]).isEqualTo(0f);
			}
			float[] all = new float[77];
			float[] expected = new float[77];
			vector.widenBf16(src, 0, all, 0, 77);
			new ScalarKernels().widenBf16(src, 0, expected, 0, 77);
			assertThat(all)
				.usingElementComparator(
						(x, y) -> Integer.compare(Float.floatToRawIntBits(x), Float.floatToRawIntBits(y)))
				.containsExactly(expected);
			assertThat(Float.floatToRawIntBits(all[76])).isEqualTo(0x7FC10000);
		}
	}

	/**
	 * The attention kernels over bfloat16 rows give what widening each row and calling
	 * dot / axpy per head gives with the same kernels (the weighted sums bit for bit, the
	 * scores up to the order of a vector's sum): group sizes around the four-head step
	 * (1, 3, 4, 5, 8), head sizes with and without a tail past the vectors, rows strided
	 * inside a larger cache, and the scores' and outputs' neighbours untouched.
	 */
	@Test
	void bf16AttentionRowsEqualWideningThenDotAndAxpyRowByRow() {
		SplittableRandom random = new SplittableRandom(11);
		try (VectorKernels vector = new VectorKernels(1)) {
			for (Kernels kernels : List.of(vector, new ScalarKernels())) {
				for (int heads : new int[] { 1, 3, 4, 5, 8 }) {
					for (int n : new int[] { 16, 19, 40, 128 }) {
						for (int count : new int[] { 0, 1, 7, 9 }) {
							checkBf16AttentionRows(kernels, heads, n, count, random);
						}
					}
				}
			}
		}
	}

	private static void checkBf16AttentionRows(Kernels kernels, int heads, int n, int count, SplittableRandom random) {
		String what = kernels.getClass().getSimpleName() + " heads " + heads + " n " + n + " count " + count;
		int stride = 3 * n + 5;
		int rowsOffset = 7;
		short[] rows = new short[rowsOffset + count * stride + n];
		for (int i = 0; i < rows.length; i++) {
			rows[i] = (short) (Float.floatToRawIntBits((float) (random.nextDouble() * 4 - 2)) >>> 16);
		}
		float[] q = new float[2 + heads * n];
		for (int i = 0; i < q.length; i++) {
			q[i] = (float) (random.nextDouble() * 2 - 1);
		}
		int scoreStride = count + 3;
		float[] scores = new float[1 + heads * scoreStride];
		java.util.Arrays.fill(scores, -7f);
		kernels.dotBf16Rows(q, 2, heads, n, rows, rowsOffset, stride, count, 0.125f, scores, 1, scoreStride);
		float[] expectedScores = new float[scores.length];
		java.util.Arrays.fill(expectedScores, -7f);
		float[] row = new float[n];
		for (int i = 0; i < count; i++) {
			kernels.widenBf16(rows, rowsOffset + i * stride, row, 0, n);
			for (int h = 0; h < heads; h++) {
				expectedScores[1 + h * scoreStride + i] = kernels.dot(q, 2 + h * n, row, 0, n) * 0.125f;
			}
		}
		for (int i = 0; i < scores.length; i++) {
			// the lanes' sum (reduceLanes) may add in another order once compiled
			assertThat(scores[i]).as("%s, score %d", what, i)
				.isCloseTo(expectedScores[i], within(1e-6f * (1 + Math.abs(expectedScores[i]))));
		}

		float[] out = new float[3 + heads * n + 2];
		for (int i = 0; i < out.length; i++) {
			out[i] = (float) random.nextDouble();
		}
		float[] expectedOut = out.clone();
		kernels.addWeightedBf16Rows(scores, 1, scoreStride, heads, n, rows, rowsOffset, stride, count, out, 3);
		for (int i = 0; i < count; i++) {
			kernels.widenBf16(rows, rowsOffset + i * stride, row, 0, n);
			for (int h = 0; h < heads; h++) {
				kernels.axpy(scores[1 + h * scoreStride + i], row, 0, expectedOut, 3 + h * n, n);
			}
		}
		assertThat(out).as(what).containsExactly(expectedOut);
	}

	/**
	 * The attention kernels and the softmax once C2 has compiled them (50,000 calls
	 * first, well past the compile thresholds): the four-by-four scores with their
	 * two-vector selections, the register-held weighted sums and the vector softmax still
	 * agree with the scalar twins, so a miscompiled incubator operation would show here.
	 */
	@Test
	void attentionKernelsAgreeWithTheirTwinsOnceCompiled() {
		SplittableRandom random = new SplittableRandom(17);
		int heads = 8;
		int n = 128;
		int count = 37;
		int stride = 3 * n;
		short[] rows = new short[count * stride + n];
		for (int i = 0; i < rows.length; i++) {
			rows[i] = (short) (Float.floatToRawIntBits((float) random.nextGaussian()) >>> 16);
		}
		float[] q = new float[heads * n];
		for (int i = 0; i < q.length; i++) {
			q[i] = (float) random.nextGaussian();
		}
		float[] scores = new float[heads * count];
		float[] out = new float[heads * n];
		try (VectorKernels vector = new VectorKernels(1)) {
			for (int call = 0; call < 50_000; call++) {
				vector.dotBf16Rows(q, 0, heads, n, rows, n, stride, count, 0.09f, scores, 0, count);
				vector.softmax(scores, 0, count);
				vector.addWeightedBf16Rows(scores, 0, count, heads, n, rows, 0, stride, count, out, 0);
			}
			ScalarKernels scalar = new ScalarKernels();
			float[] expectedScores = new float[scores.length];
			scalar.dotBf16Rows(q, 0, heads, n, rows, n, stride, count, 0.09f, expectedScores, 0, count);
			vector.dotBf16Rows(q, 0, heads, n, rows, n, stride, count, 0.09f, scores, 0, count);
			for (int i = 0; i < scores.length; i++) {
				assertThat(scores[i]).as("score %d", i)
					.isCloseTo(expectedScores[i], within(1e-5f * (1 + Math.abs(expectedScores[i]))));
			}
			float[] expectedWeights = scores.clone();
			scalar.softmax(expectedWeights, 0, count);
			vector.softmax(scores, 0, count);
			for (int i = 0; i < count; i++) {
				assertThat(scores[i]).as("weight %d", i).isCloseTo(expectedWeights[i], within(1e-6f));
			}
			float[] expectedOut = new float[out.length];
			java.util.Arrays.fill(out, 0f);
			scalar.addWeightedBf16Rows(scores, 0, count, heads, n, rows, 0, stride, count, expectedOut, 0);
			vector.addWeightedBf16Rows(scores, 0, count, heads, n, rows, 0, stride, count, out, 0);
			for (int i = 0; i < out.length; i++) {
				assertThat(out[i]).as("output %d", i)
					.isCloseTo(expectedOut[i], within(1e-5f * (1 + Math.abs(expectedOut[i]))));
			}
		}
	}

}
