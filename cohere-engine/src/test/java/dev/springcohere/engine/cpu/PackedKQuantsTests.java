package dev.springcohere.engine.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
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
 * their scalar twins on ggml's bytes.
 */
class PackedKQuantsTests {

	/** The GEMV and the dequantized tile of one repacked K-quant weight. */
	private interface Packed {

		long byteSize();

		void gemv(int group, float[] x, int xOffset, float[] out, int outOffset);

		void dequantize(int group, float[] tile);

	}

	private static Packed pack(Tensor w, WorkerTeam pool) {
		int in = (int) w.dim(1);
		if (w.dtype() == DType.Q4_K) {
			PackedQ4_K p = PackedQ4_K.of(w, pool);
			return new Packed() {

				@Override
				public long byteSize() {
					return p.byteSize();
				}

				@Override
				public void gemv(int group, float[] x, int xOffset, float[] out, int outOffset) {
					float[] sums = new float[in / 32];
					PackedQ4_K.subBlockSums(x, xOffset, in, sums, 0);
					p.gemv(group, x, xOffset, sums, 0, out, outOffset);
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
			public void gemv(int group, float[] x, int xOffset, float[] out, int outOffset) {
				float[] sums = new float[in / 16];
				PackedQ6_K.subBlockSums(x, xOffset, in, sums, 0);
				p.gemv(group, x, xOffset, sums, 0, out, outOffset);
			}

			@Override
			public void dequantize(int group, float[] tile) {
				p.dequantize(group, tile);
			}

		};
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
			// one row, a group less one row, a group and one row, partial groups; one
			// super-block to several
			for (int out : new int[] { 1, 31, 33, 67 }) {
				for (int superBlocks : new int[] { 1, 3 }) {
					int in = 256 * superBlocks;
					Tensor w = QuantizedKernelsTests.randomQuantized(arena, dtype, out, in, random);
					int groups = (out + 31) / 32;
					float[] x = randomActivations(random, 2 * in);
					for (Packed packed : List.of(pack(w, null), pack(w, pool))) {
						assertThat(packed.byteSize()).isEqualTo(groups * groupSuperBlockBytes * superBlocks);
						// outputs of stride out + 40 whose gaps must stay untouched
						int stride = out + 40;
						float[] actual = new float[2 * stride];
						Arrays.fill(actual, Float.NaN);
						for (int g = 0; g < groups; g++) {
							packed.gemv(g, x, 0, actual, 32 * g);
							packed.gemv(g, x, in, actual, stride + 32 * g);
						}
						float[] tile = new float[32 * in];
						float[] weights = new float[in];
						for (int o = 0; o < out; o++) {
							for (int r = 0; r < 2; r++) {
								float scalar = ScalarQuantizedDot.dot(dtype, w.data(), o * dtype.byteSize(in), x,
										r * in, in);
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
