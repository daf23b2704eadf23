package dev.springcohere.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BlockFormatsTests {

	private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	private static float[] randomFloats(SplittableRandom random, int n, double scale) {
		float[] x = new float[n];
		for (int i = 0; i < n; i++) {
			x[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
		}
		return x;
	}

	@Test
	void roundHalfAwayRoundsHalvesAwayFromZeroLikeCRoundf() {
		assertThat(BlockFormats.roundHalfAway(2.5f)).isEqualTo(3);
		assertThat(BlockFormats.roundHalfAway(-2.5f)).isEqualTo(-3);
		assertThat(BlockFormats.roundHalfAway(0.5f)).isEqualTo(1);
		assertThat(BlockFormats.roundHalfAway(0.49999997f)).isZero();
		assertThat(BlockFormats.roundHalfAway(-126.6f)).isEqualTo(-127);
	}

	@Test
	void q8_0BlockHoldsScaleOfMaxOver127AndRoundedValues() {
		float[] x = new float[32];
		for (int j = 0; j < 32; j++) {
			x[j] = j - 16;
		}
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment seg = arena.allocate(34);
			BlockFormats.quantizeQ8_0(x, 0, seg, 0);
			assertThat(Float.float16ToFloat(seg.get(SHORT_LE, 0)))
				.isEqualTo(Float.float16ToFloat(Float.floatToFloat16(16f / 127f)));
			// -16 is the largest magnitude: -127; 8 * 127 / 16 = 63.5 rounds away from
			// zero
			assertThat(seg.get(ValueLayout.JAVA_BYTE, 2)).isEqualTo((byte) -127);
			assertThat(seg.get(ValueLayout.JAVA_BYTE, 2 + 24)).isEqualTo((byte) 64);
			assertThat(seg.get(ValueLayout.JAVA_BYTE, 2 + 8)).isEqualTo((byte) -64);
			assertThat(seg.get(ValueLayout.JAVA_BYTE, 2 + 16)).isEqualTo((byte) 0);
		}
	}

	@Test
	void q4_0PutsElementJInLowNibbleAndJPlus16InHighNibbleOffsetBy8() {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment seg = arena.allocate(18);
			seg.set(SHORT_LE, 0, Float.floatToFloat16(0.5f));
			for (int j = 0; j < 16; j++) {
				seg.set(ValueLayout.JAVA_BYTE, 2 + j, (byte) (j | ((15 - j) << 4)));
			}
			float[] out = new float[32];
			BlockFormats.dequantize(DType.Q4_0, seg, 0, out, 0, 32);
			for (int j = 0; j < 16; j++) {
				assertThat(out[j]).isEqualTo(0.5f * (j - 8));
				assertThat(out[j + 16]).isEqualTo(0.5f * (7 - j));
			}
		}
	}

	@Test
	void q4_0ScaleComesFromTheSignedValueOfLargestMagnitude() {
		float[] x = new float[32];
		x[3] = -4f;
		x[7] = 3f;
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment seg = arena.allocate(18);
			BlockFormats.quantizeQ4_0(x, 0, seg, 0);
			// d = max / -8 = 0.5; -4 / 0.5 + 8.5 = 0.5 -> 0; 3 / 0.5 + 8.5 = 14.5 -> 14
			assertThat(Float.float16ToFloat(seg.get(SHORT_LE, 0))).isEqualTo(0.5f);
			assertThat(seg.get(ValueLayout.JAVA_BYTE, 2 + 3) & 0x0F).isZero();
			assertThat(seg.get(ValueLayout.JAVA_BYTE, 2 + 7) & 0x0F).isEqualTo(14);
			assertThat(seg.get(ValueLayout.JAVA_BYTE, 2) & 0x0F).isEqualTo(8);
		}
	}

	@Test
	void q8_0AndQ4_0RoundTripWithinHalfAStepOfTheirStoredScale() {
		SplittableRandom random = new SplittableRandom(7);
		try (Arena arena = Arena.ofConfined()) {
			for (DType type : List.of(DType.Q8_0, DType.Q4_0)) {
				float[] x = randomFloats(random, 32 * 40, 3);
				MemorySegment seg = arena.allocate(type.byteSize(x.length));
				for (int b = 0; b < 40; b++) {
					if (type == DType.Q8_0) {
						BlockFormats.quantizeQ8_0(x, 32 * b, seg, 34L * b);
					}
					else {
						BlockFormats.quantizeQ4_0(x, 32 * b, seg, 18L * b);
					}
				}
				float[] back = new float[x.length];
				BlockFormats.dequantize(type, seg, 0, back, 0, x.length);
				for (int b = 0; b < 40; b++) {
					float d = Math.abs(BlockFormats.f16(seg, (long) b * type.blockBytes()));
					assertThat(d).isPositive();
					for (int j = 0; j < 32; j++) {
						int i = 32 * b + j;
						// half a step, plus the f16 rounding of the scale (2^-11
						// relative) times
						// the largest level (127 or 8); Q4_0 clamps the top level to 15,
						// which
						// costs up to one step there
						float bound = type == DType.Q4_0 ? d * (1f + 8f / 2048) : d * (0.5f + 127f / 2048);
						assertThat(Math.abs(back[i] - x[i])).as("%s element %d", type, i).isLessThanOrEqualTo(bound);
					}
				}
			}
		}
	}

	/** Packs 6-bit scales and mins as ggml's Q4_K quantizer does. */
	private static void packScalesK4(MemorySegment seg, long off, int[] scales, int[] mins) {
		for (int j = 0; j < 8; j++) {
			if (j < 4) {
				seg.set(ValueLayout.JAVA_BYTE, off + j, (byte) scales[j]);
				seg.set(ValueLayout.JAVA_BYTE, off + j + 4, (byte) mins[j]);
			}
			else {
				seg.set(ValueLayout.JAVA_BYTE, off + j + 4, (byte) ((scales[j] & 0xF) | ((mins[j] & 0xF) << 4)));
				seg.set(ValueLayout.JAVA_BYTE, off + j - 4,
						(byte) (seg.get(ValueLayout.JAVA_BYTE, off + j - 4) | ((scales[j] >> 4) << 6)));
				seg.set(ValueLayout.JAVA_BYTE, off + j,
						(byte) (seg.get(ValueLayout.JAVA_BYTE, off + j) | ((mins[j] >> 4) << 6)));
			}
		}
	}

	@Test
	void q4KDequantizesWithSixBitScalesAndMinsPerSubBlock() {
		SplittableRandom random = new SplittableRandom(11);
		int[] scales = new int[8];
		int[] mins = new int[8];
		int[] q = new int[256];
		for (int j = 0; j < 8; j++) {
			scales[j] = random.nextInt(64);
			mins[j] = random.nextInt(64);
		}
		for (int i = 0; i < 256; i++) {
			q[i] = random.nextInt(16);
		}
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment seg = arena.allocate(144);
			seg.set(SHORT_LE, 0, Float.floatToFloat16(0.25f));
			seg.set(SHORT_LE, 2, Float.floatToFloat16(0.125f));
			packScalesK4(seg, 4, scales, mins);
			for (int j = 0; j < 4; j++) {
				for (int l = 0; l < 32; l++) {
					seg.set(ValueLayout.JAVA_BYTE, 16 + 32 * j + l, (byte) (q[64 * j + l] | (q[64 * j + 32 + l] << 4)));
				}
			}
			float[] out = new float[256];
			BlockFormats.dequantize(DType.Q4_K, seg, 0, out, 0, 256);
			for (int i = 0; i < 256; i++) {
				int sub = i / 32;
				assertThat(out[i]).as("element %d", i)
					.isCloseTo(0.25f * scales[sub] * q[i] - 0.125f * mins[sub], within(1e-5f));
			}
		}
	}

	@Test
	void q6KDequantizesSixBitValuesWithSignedScalesPerSixteen() {
		SplittableRandom random = new SplittableRandom(13);
		int[] q = new int[256];
		int[] scales = new int[16];
		for (int i = 0; i < 256; i++) {
			q[i] = random.nextInt(64) - 32;
		}
		for (int i = 0; i < 16; i++) {
			scales[i] = random.nextInt(256) - 128;
		}
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment seg = arena.allocate(210);
			// packing as ggml's quantize_row_q6_K_ref writes it
			for (int half = 0; half < 2; half++) {
				for (int l = 0; l < 32; l++) {
					int[] v = new int[4];
					for (int k = 0; k < 4; k++) {
						v[k] = q[128 * half + l + 32 * k] + 32;
					}
					seg.set(ValueLayout.JAVA_BYTE, 64 * half + l, (byte) ((v[0] & 0xF) | ((v[2] & 0xF) << 4)));
					seg.set(ValueLayout.JAVA_BYTE, 64 * half + l + 32, (byte) ((v[1] & 0xF) | ((v[3] & 0xF) << 4)));
					seg.set(ValueLayout.JAVA_BYTE, 128 + 32 * half + l,
							(byte) ((v[0] >> 4) | ((v[1] >> 4) << 2) | ((v[2] >> 4) << 4) | ((v[3] >> 4) << 6)));
				}
			}
			for (int i = 0; i < 16; i++) {
				seg.set(ValueLayout.JAVA_BYTE, 192 + i, (byte) scales[i]);
			}
			seg.set(SHORT_LE, 208, Float.floatToFloat16(0.5f));
			float[] out = new float[256];
			BlockFormats.dequantize(DType.Q6_K, seg, 0, out, 0, 256);
			for (int i = 0; i < 256; i++) {
				assertThat(out[i]).as("element %d", i).isEqualTo(0.5f * scales[i / 16] * q[i]);
			}
		}
	}

	@Test
	void tensorReadsQuantizedElementsLikeItsFloatArray() {
		SplittableRandom random = new SplittableRandom(3);
		float[] x = randomFloats(random, 4 * 64, 1);
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment seg = arena.allocate(DType.Q8_0.byteSize(x.length));
			for (int b = 0; b < x.length / 32; b++) {
				BlockFormats.quantizeQ8_0(x, 32 * b, seg, 34L * b);
			}
			Tensor t = new Tensor("w", DType.Q8_0, List.of(4L, 64L), seg);
			float[] all = t.toFloatArray();
			for (int i = 0; i < all.length; i += 7) {
				assertThat(t.getFloat(i)).isEqualTo(all[i]);
				assertThat(all[i]).isCloseTo(x[i], within(0.01f));
			}
		}
	}

	@Test
	void dequantizeRefusesPartialBlocksAndPlainTypes() {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment seg = arena.allocate(68);
			assertThatThrownBy(() -> BlockFormats.dequantize(DType.Q8_0, seg, 16, new float[32], 0, 32))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("whole blocks of 32");
			assertThatThrownBy(() -> BlockFormats.dequantize(DType.BF16, seg, 0, new float[32], 0, 32))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("BF16");
		}
	}

}
