package dev.springcohere.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class RowGroupsTests {

	private static Tensor randomF32(Arena arena, int rows, int cols, SplittableRandom random) {
		MemorySegment seg = arena.allocate(4L * rows * cols, 64);
		for (long i = 0; i < (long) rows * cols; i++) {
			seg.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, (float) random.nextGaussian());
		}
		return new Tensor("w", DType.F32, List.of((long) rows, (long) cols), seg);
	}

	/** ggml's layout of the same matrix, block by block with the reference codec. */
	private static Tensor ggml(Arena arena, Tensor f32, DType dtype) {
		int rows = (int) f32.dim(0);
		int cols = (int) f32.dim(1);
		float[] values = f32.toFloatArray();
		MemorySegment seg = arena.allocate(dtype.byteSize((long) rows * cols), 64);
		for (int b = 0; b < rows * cols / 32; b++) {
			if (dtype == DType.Q8_0) {
				BlockFormats.quantizeQ8_0(values, 32 * b, seg, (long) b * dtype.blockBytes());
			}
			else {
				BlockFormats.quantizeQ4_0(values, 32 * b, seg, (long) b * dtype.blockBytes());
			}
		}
		return new Tensor("w", dtype, f32.shape(), seg);
	}

	@ParameterizedTest
	@EnumSource(value = DType.class, names = { "Q8_0", "Q4_0" })
	void quantizedOnLoadInRowGroupsHoldsExactlyGgmlsValues(DType dtype) {
		SplittableRandom random = new SplittableRandom(dtype.ordinal());
		try (Arena arena = Arena.ofShared()) {
			// one row, a group, a group and one row (a partial last group), several
			// groups; one block and several
			for (int rows : new int[] { 1, 32, 33, 70 }) {
				for (int cols : new int[] { 32, 96 }) {
					Tensor f32 = randomF32(arena, rows, cols, random);
					Tensor grouped = WeightQuantizer.quantize(f32, dtype, arena);
					Tensor reference = ggml(arena, f32, dtype);
					assertThat(grouped.layout()).isEqualTo(Tensor.Layout.ROW_GROUPS);
					// ggml's bytes of 32 rows (f16 scales)
					assertThat(grouped.data().byteSize()).isEqualTo((rows + 31) / 32 * 32 * dtype.byteSize(cols));
					float[] expected = reference.toFloatArray();
					assertThat(grouped.toFloatArray()).containsExactly(expected);
					for (int i = 0; i < expected.length; i += 7) {
						assertThat(grouped.getFloat(i)).isEqualTo(expected[i]);
					}
					float[] rowsOut = new float[2 * cols];
					grouped.dequantizeRows(rows - 1, 1, rowsOut, cols);
					for (int c = 0; c < cols; c++) {
						assertThat(rowsOut[cols + c]).isEqualTo(expected[(rows - 1) * cols + c]);
					}
					// repacking ggml's bytes gives the same bytes as quantizing on load
					MemorySegment repacked = arena.allocate(grouped.data().byteSize(), 64);
					long ggmlGroup = 32 * dtype.byteSize(cols);
					long group = (long) (cols / 32) * RowGroups.groupBlockBytes(dtype);
					for (int g = 0; g < (rows + 31) / 32; g++) {
						RowGroups.repack(dtype, reference.data(), g * ggmlGroup, Math.min(32, rows - 32 * g), cols / 32,
								repacked, g * group);
					}
					assertThat(repacked.mismatch(grouped.data())).isEqualTo(-1L);
				}
			}
		}
	}

	@Test
	void onlyQ8_0AndQ4_0MatricesCanBeInRowGroups() {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment seg = arena.allocate(144);
			assertThatThrownBy(
					() -> new Tensor("blk.0.w", DType.Q4_K, List.of(1L, 256L), seg, Tensor.Layout.ROW_GROUPS))
				.isInstanceOf(ModelFormatException.class)
				.hasMessageContaining("Tensor 'blk.0.w' of Q4_K and shape [1, 256] cannot be in row groups");
			assertThatIllegalArgumentException().isThrownBy(() -> RowGroups.byteSize(DType.Q6_K, 1, 256))
				.withMessageContaining("Only Q8_0 and Q4_0 have a row-group layout, not Q6_K");
			// a row group always holds 32 rows: one row takes a whole group's bytes
			assertThatThrownBy(
					() -> new Tensor("w", DType.Q8_0, List.of(1L, 32L), arena.allocate(34), Tensor.Layout.ROW_GROUPS))
				.isInstanceOf(ModelFormatException.class)
				.hasMessageContaining("has 34 bytes but shape [1, 32] of Q8_0 needs 1088");
		}
	}

	@ParameterizedTest
	@EnumSource(value = DType.class, names = { "Q8_0", "Q4_0" })
	void blockWhoseScaleIsNotFiniteIsRefusedNamingTheWeightAndRow(DType dtype) {
		try (Arena arena = Arena.ofShared()) {
			// row 33 of 40 holds a value whose block scale overflows f16 (max 65504)
			Tensor f32 = randomF32(arena, 40, 64, new SplittableRandom(3));
			f32.data().setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, 33 * 64 + 40, 1e9f);
			Tensor huge = new Tensor("blk.2.ffn_up.weight", DType.F32, f32.shape(), f32.data());
			assertThatIllegalArgumentException().isThrownBy(() -> WeightQuantizer.quantize(huge, dtype, arena))
				.withMessageContaining("Cannot quantize row 33 of 'blk.2.ffn_up.weight'")
				.withMessageContaining("has a scale that is not finite (")
				.withMessageContaining("Infinity)")
				.withMessageContaining("keep it unquantized or use another type");
			// a ggml block with an infinite or NaN scale (e.g. a damaged GGUF file)
			for (short bits : new short[] { (short) 0x7C00, (short) 0xFC00, (short) 0x7E00 }) {
				MemorySegment block = arena.allocate(dtype.blockBytes());
				block.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, bits);
				MemorySegment dst = arena.allocate(RowGroups.groupBlockBytes(dtype));
				assertThatIllegalArgumentException().isThrownBy(() -> RowGroups.repackRow(dtype, block, dst, 0, 5))
					.withMessageContaining("A " + dtype + " block has a scale that is not finite ("
							+ Float.float16ToFloat(bits) + ")");
			}
		}
	}

}
