package dev.springcohere.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import dev.springcohere.engine.model.BlockFormats;
import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The repacked Q4_K and Q6_K kernels ({@link PackedQ4_K}, {@link PackedQ6_K}) against
 * their scalar twins on ggml's bytes: the GEMVs against {@link ScalarQuantizedDot#q4_KQ8}
 * / {@link ScalarQuantizedDot#q6_KQ8} over the same 8-bit activations, the dequantized
 * tiles against {@link BlockFormats#dequantize}.
 */
class PackedKQuantsTests {

	/** The GEMV and the dequantized tile of one repacked K-quant weight. */
	private interface Packed {

		long byteSize();

		void gemv(int group, QuantizedActivations a, int aOffset, float[] out, int outOffset);

		/** How many groups {@link #gemvMany} reads in one pass. */
		int many();

		/** Groups {@code group + k * stride}, {@code k < many()}, in one pass. */
		void gemvMany(int group, int stride, QuantizedActivations a, int aOffset, float[] out, int outOffset);

		void dequantize(int group, float[] tile);

	}

	private static Packed pack(Tensor w, WorkerTeam pool) {
		if (w.dtype() == DType.Q4_K) {
			PackedQ4_K p = PackedQ4_K.of(w, pool);
			return new Packed() {

				@Override
				public long byteSize() {
					return p.byteSize();
				}

				@Override
				public void gemv(int group, QuantizedActivations a, int aOffset, float[] out, int outOffset) {
					p.gemv(group, a, aOffset, out, outOffset);
				}

				@Override
				public int many() {
					return 4;
				}

				@Override
				public void gemvMany(int group, int stride, QuantizedActivations a, int aOffset, float[] out,
						int outOffset) {
					p.gemvQuad(group, stride, a, aOffset, out, outOffset);
				}

				@Override
				public void dequantize(int group, float[] tile) {
					p.dequantize(group, tile);
				}

			};
		}
		PackedQ6_K p = PackedQ6_K.of(w, pool);
		return new Packed() {

			@Override
			public long byteSize() {
				return p.byteSize();
			}

			@Override
			public void gemv(int group, QuantizedActivations a, int aOffset, float[] out, int outOffset) {
				p.gemv(group, a, a.offsets(8, 32), a.crumbMultipliers(), aOffset, out, outOffset);
			}

			@Override
			public int many() {
				return 2;
			}

			@Override
			public void gemvMany(int group, int stride, QuantizedActivations a, int aOffset, float[] out,
					int outOffset) {
				p.gemvPair(group, group + stride, a, a.offsets(8, 32), a.crumbMultipliers(), aOffset, out, outOffset,
						outOffset + 32 * stride);
			}

			@Override
			public void dequantize(int group, float[] tile) {
				p.dequantize(group, tile);
			}

		};
	}

	/** The scalar twin of the GEMV of row {@code o} with activation row {@code r}. */
	private static float twin(Tensor w, int o, QuantizedActivations a, int r) {
		int in = (int) w.dim(1);
		long rowOffset = o * w.dtype().byteSize(in);
		return (w.dtype() == DType.Q4_K)
				? ScalarQuantizedDot.q4_KQ8(w.data(), rowOffset, a.values(), r * in, a.scales(), r * in / 32, in)
				: ScalarQuantizedDot.q6_KQ8(w.data(), rowOffset, a.values(), r * in, a.scales(), r * in / 32, in);
	}

	private static float[] randomActivations(SplittableRandom random, int n) {
		float[] x = new float[n];
		for (int i = 0; i < n; i++) {
			x[i] = (float) (random.nextGaussian() * 2);
		}
		return x;
	}

	@ParameterizedTest
	@EnumSource(value = DType.class, names = { "Q4_K", "Q6_K" })
	void repackedKernelsEqualScalarTwinOnOddShapes(DType dtype) {
		SplittableRandom random = new SplittableRandom(23 + dtype.ordinal());
		long groupSuperBlockBytes = (dtype == DType.Q4_K) ? PackedQ4_K.SUPER_BLOCK_BYTES : PackedQ6_K.SUPER_BLOCK_BYTES;
		try (Arena arena = Arena.ofShared(); WorkerTeam pool = new WorkerTeam(2, "kquant-test")) {
			// one row, a group less one row, a group and one row, partial groups (ten
			// groups: one task of four, two of three single groups); one super-block to
			// several
			for (int out : new int[] { 1, 31, 33, 67, 311 }) {
				for (int superBlocks : new int[] { 1, 3 }) {
					int in = 256 * superBlocks;
					Tensor w = QuantizedKernelsTests.randomQuantized(arena, dtype, out, in, random);
					int groups = (out + 31) / 32;
					float[] x = randomActivations(random, 2 * in);
					QuantizedActivations a = QuantizedActivations.of(x, 2, in);
					for (Packed packed : List.of(pack(w, null), pack(w, pool))) {
						assertThat(packed.byteSize()).isEqualTo(groups * groupSuperBlockBytes * superBlocks);
						// outputs of stride out + 40 whose gaps must stay untouched
						int stride = out + 40;
						float[] actual = new float[2 * stride];
						Arrays.fill(actual, Float.NaN);
						for (int g = 0; g < groups; g++) {
							packed.gemv(g, a, 0, actual, 32 * g);
							packed.gemv(g, a, in, actual, stride + 32 * g);
						}
						// several groups in one pass (Q4_K four, Q6_K two): the same
						// sums, bit
						// for bit
						float[] paired = new float[2 * stride];
						Arrays.fill(paired, Float.NaN);
						int n = packed.many();
						int tasks = (groups + n - 1) / n;
						for (int task = 0; task < tasks; task++) {
							for (int r = 0; r < 2; r++) {
								if (task + (n - 1) * tasks < groups) {
									packed.gemvMany(task, tasks, a, r * in, paired, r * stride + 32 * task);
								}
								else {
									for (int g = task; g < groups; g += tasks) {
										packed.gemv(g, a, r * in, paired, r * stride + 32 * g);
									}
								}
							}
						}
						assertThat(paired).as("%s out %d, groups %d at a time", dtype, out, n).containsExactly(actual);
						float[] tile = new float[32 * in];
						float[] weights = new float[in];
						for (int o = 0; o < out; o++) {
							for (int r = 0; r < 2; r++) {
								float scalar = twin(w, o, a, r);
								assertThat(scalar).isNotZero();
								assertThat(actual[r * stride + o])
									.as("%s out %d super-blocks %d row %d x %d", dtype, out, superBlocks, o, r)
									.isCloseTo(scalar, within(1e-4f * Math.max(1, Math.abs(scalar)) * superBlocks));
							}
							if (o % 32 == 0) {
								packed.dequantize(o / 32, tile);
							}
							BlockFormats.dequantize(dtype, w.data(), (long) o * in, weights, 0, in);
							for (int c = 0; c < in; c++) {
								assertThat(tile[32 * c + o % 32]).as("%s row %d column %d", dtype, o, c)
									.isEqualTo(weights[c]);
							}
						}
						for (int r = 0; r < 2; r++) {
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

	/**
	 * Weights and activations at their extremes, where the 16-bit sums wrap on the way:
	 * Q4_K nibbles of 15 (a sub-block's {@code sum(n * q)} reaches 60960), Q6_K values of
	 * 0 and 63 (a run of 8 reaches -32512 and 31496), against activations that all
	 * quantize to 127 or -127.
	 */
	@ParameterizedTest
	@EnumSource(value = DType.class, names = { "Q4_K", "Q6_K" })
	void sixteenBitSumsAreExactAtTheExtremes(DType dtype) {
		int in = 512;
		int out = 32;
		try (Arena arena = Arena.ofConfined()) {
			long rowBytes = dtype.byteSize(in);
			MemorySegment seg = arena.allocate(rowBytes * out, 64);
			for (int o = 0; o < out; o++) {
				for (int sb = 0; sb < in / 256; sb++) {
					long blk = o * rowBytes + dtype.blockBytes() * sb;
					byte fill = (byte) ((o % 2 == 0) ? 0xFF : 0x00);
					if (dtype == DType.Q4_K) {
						seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, blk, Float.floatToFloat16(0.01f * (o + 1)));
						seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, blk + 2, Float.floatToFloat16(0.002f));
						for (int j = 0; j < 12; j++) {
							seg.set(ValueLayout.JAVA_BYTE, blk + 4 + j, (byte) (0x3F - j));
						}
						for (int j = 0; j < 128; j++) {
							seg.set(ValueLayout.JAVA_BYTE, blk + 16 + j, (byte) 0xFF);
						}
					}
					else {
						for (int j = 0; j < 192; j++) {
							seg.set(ValueLayout.JAVA_BYTE, blk + j, fill);
						}
						for (int j = 0; j < 16; j++) {
							seg.set(ValueLayout.JAVA_BYTE, blk + 192 + j, (byte) ((j % 2 == 0) ? 127 : -128));
						}
						seg.set(ValueLayout.JAVA_SHORT_UNALIGNED, blk + 208, Float.floatToFloat16(0.001f * (o + 1)));
					}
				}
			}
			Tensor w = new Tensor("w", dtype, List.of((long) out, (long) in), seg);
			float[] x = new float[2 * in];
			for (int i = 0; i < in; i++) {
				x[i] = 1;
				x[in + i] = -2;
			}
			QuantizedActivations a = QuantizedActivations.of(x, 2, in);
			assertThat(a.values()[0]).isEqualTo((short) 127);
			assertThat(a.values()[in]).isEqualTo((short) -127);
			Packed packed = pack(w, null);
			float[] actual = new float[2 * out];
			packed.gemv(0, a, 0, actual, 0);
			packed.gemv(0, a, in, actual, out);
			for (int o = 0; o < out; o++) {
				for (int r = 0; r < 2; r++) {
					float scalar = twin(w, o, a, r);
					assertThat(scalar).isNotZero();
					assertThat(actual[r * out + o]).as("%s row %d x %d", dtype, o, r)
						.isCloseTo(scalar, within(1e-5f * Math.abs(scalar)));
				}
			}
		}
	}

	@Test
	void kQuantWeightsAreRepackedOnceAndSharedByLaterCalls() {
		SplittableRandom random = new SplittableRandom(29);
		try (Arena arena = Arena.ofShared()) {
			Tensor q4 = QuantizedKernelsTests.randomQuantized(arena, DType.Q4_K, 40, 256, random);
			PackedQ4_K first = QuantizedMatmul.packedQ4_K(q4, null);
			assertThat(QuantizedMatmul.packedQ4_K(q4, null)).isSameAs(first);
			Tensor q6 = QuantizedKernelsTests.randomQuantized(arena, DType.Q6_K, 40, 256, random);
			PackedQ6_K second = QuantizedMatmul.packedQ6_K(q6, null);
			assertThat(QuantizedMatmul.packedQ6_K(q6, null)).isSameAs(second);
			Tensor other = QuantizedKernelsTests.randomQuantized(arena, DType.Q6_K, 40, 256, random);
			assertThat(QuantizedMatmul.packedQ6_K(other, null)).isNotSameAs(second);
		}
	}

	@Test
	void onlyTwoDimensionalKQuantWeightsOfTheirOwnTypeAreRepacked() {
		SplittableRandom random = new SplittableRandom(31);
		try (Arena arena = Arena.ofConfined()) {
			Tensor q6 = QuantizedKernelsTests.randomQuantized(arena, DType.Q6_K, 2, 256, random);
			Tensor q4 = QuantizedKernelsTests.randomQuantized(arena, DType.Q4_K, 2, 256, random);
			assertThatIllegalArgumentException().isThrownBy(() -> PackedQ4_K.of(q6, null))
				.withMessageContaining("Only a 2-d Q4_K weight in ggml's layout can be repacked, not 'w' (Q6_K");
			assertThatIllegalArgumentException().isThrownBy(() -> PackedQ6_K.of(q4, null))
				.withMessageContaining("Only a 2-d Q6_K weight in ggml's layout can be repacked, not 'w' (Q4_K");
			Tensor flat = new Tensor("flat", DType.Q4_K, List.of(512L), q4.data());
			assertThatIllegalArgumentException().isThrownBy(() -> PackedQ4_K.of(flat, null))
				.withMessageContaining("not 'flat' (Q4_K, [512]");
		}
	}

}
