package dev.springcohere.engine.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The row-group layout of a Q8_0 or Q4_0 matrix ({@link Tensor.Layout#ROW_GROUPS}): the
 * layout the CPU decode GEMVs read, so that one vector load holds the same column of
 * {@value #ROWS} rows. Rows are taken {@value #ROWS} at a time (the last group padded
 * with zero rows); for each group and each block of 32 columns come the quantized values
 * column by column, then the 32 rows' block scales as ggml stores them (f16):
 * <ul>
 * <li>Q8_0: 32 runs of 32 bytes, run {@code c} byte {@code r} the int8 of column
 * {@code c} of row {@code r}; then the 32 scales as f16 (1088 bytes);</li>
 * <li>Q4_0: 8 runs of 64 bytes, run {@code u} holding row {@code r} in its 16-bit
 * little-endian lane {@code r}: columns {@code 4u} to {@code 4u + 3}, one nibble each
 * from bit 0 (ggml's unsigned values offset by 8); then the 32 scales as f16 (576
 * bytes).</li>
 * </ul>
 * A group takes exactly the bytes of its 32 rows in ggml's layout: 1.0625 bytes per Q8_0
 * weight, 0.5625 per Q4_0 weight. The kernels widen a block's 16 scales per register in
 * the same pass as its values (a sign-extending widening, a shift, a mask and a multiply
 * by 2^112, exact for every finite f16), so the weights stream as one run of bytes; a
 * repacked or quantized block whose scale is not finite is refused ({@link #repackRow}).
 * The values are ggml's, only moved: {@link #repack} and the accessors here are exact.
 */
public final class RowGroups {

	/** Rows per group. */
	public static final int ROWS = 32;

	private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	private RowGroups() {
	}

	/**
	 * Bytes of one group's block: 32 rows of one block of 32 columns.
	 * @param dtype Q8_0 or Q4_0
	 * @return 1088 or 576 (ggml's bytes of 32 blocks)
	 */
	public static int groupBlockBytes(DType dtype) {
		// the quantized values of ggml's 32 blocks, then their 32 f16 scales
		return ROWS * check(dtype).blockBytes();
	}

	/**
	 * Offset of the scales within a group's block.
	 * @param dtype Q8_0 or Q4_0
	 * @return 1024 or 512
	 */
	public static int scalesOffset(DType dtype) {
		return groupBlockBytes(dtype) - 2 * ROWS;
	}

	/**
	 * Bytes of a matrix in this layout.
	 * @param dtype Q8_0 or Q4_0
	 * @param rows the rows
	 * @param columns the columns, a whole number of blocks
	 * @return the size in bytes (rows rounded up to a whole group)
	 */
	public static long byteSize(DType dtype, long rows, long columns) {
		return (rows + ROWS - 1) / ROWS * (columns / 32) * groupBlockBytes(dtype);
	}

	private static DType check(DType dtype) {
		Objects.requireNonNull(dtype, "'dtype' must not be null");
		if (dtype != DType.Q8_0 && dtype != DType.Q4_0) {
			throw new IllegalArgumentException("Only Q8_0 and Q4_0 have a row-group layout, not " + dtype);
		}
		return dtype;
	}

	/**
	 * Repacks up to 32 consecutive rows from ggml's layout into one group.
	 * @param dtype Q8_0 or Q4_0
	 * @param src the rows in ggml's layout
	 * @param srcOffset the byte offset of the group's first row
	 * @param rows how many rows exist (1 to 32; the others are written as zeros)
	 * @param blocks blocks per row
	 * @param dst the destination
	 * @param dstOffset the byte offset of the group
	 */
	public static void repack(DType dtype, MemorySegment src, long srcOffset, int rows, int blocks, MemorySegment dst,
			long dstOffset) {
		int blockBytes = check(dtype).blockBytes();
		int groupBlock = groupBlockBytes(dtype);
		for (int b = 0; b < blocks; b++) {
			long out = dstOffset + (long) b * groupBlock;
			dst.asSlice(out, groupBlock).fill((byte) 0);
			for (int r = 0; r < rows; r++) {
				long blk = srcOffset + ((long) r * blocks + b) * blockBytes;
				repackRow(dtype, src.asSlice(blk, blockBytes), dst, out, r);
			}
		}
	}

	/**
	 * Writes one ggml block (one row's block of 32 columns) into its place in a group's
	 * block; the other rows' bytes are left as they are.
	 * @param dtype Q8_0 or Q4_0
	 * @param block the 34 or 18 bytes of the block in ggml's layout, from offset 0
	 * @param dst the destination
	 * @param out the byte offset of the group's block
	 * @param r the row within the group (0-31)
	 * @throws IllegalArgumentException when the block's scale is not finite (the kernels'
	 * widening is exact for finite scales only)
	 */
	public static void repackRow(DType dtype, MemorySegment block, MemorySegment dst, long out, int r) {
		short scale = block.get(SHORT_LE, 0);
		if ((scale & 0x7C00) == 0x7C00) {
			throw new IllegalArgumentException("A " + dtype + " block has a scale that is not finite ("
					+ Float.float16ToFloat(scale) + "): the weight is damaged or too large for " + dtype
					+ "'s f16 scales; keep it unquantized or use another type");
		}
		dst.set(SHORT_LE, out + scalesOffset(dtype) + 2L * r, scale);
		if (dtype == DType.Q8_0) {
			for (int c = 0; c < 32; c++) {
				dst.set(ValueLayout.JAVA_BYTE, out + 32L * c + r, block.get(ValueLayout.JAVA_BYTE, 2 + c));
			}
		}
		else {
			for (int u = 0; u < 8; u++) {
				int lane = 0;
				for (int k = 0; k < 4; k++) {
					lane |= nibble(block, 0, 4 * u + k) << (4 * k);
				}
				dst.set(SHORT_LE, out + 64L * u + 2L * r, (short) lane);
			}
		}
	}

	/** Element {@code j} (0-31) of a ggml Q4_0 block, the unsigned nibble. */
	private static int nibble(MemorySegment src, long blk, int j) {
		int v = src.get(ValueLayout.JAVA_BYTE, blk + 2 + (j & 15)) & 0xFF;
		return (j < 16) ? (v & 0x0F) : (v >>> 4);
	}

	/**
	 * Dequantizes one element.
	 * @param dtype Q8_0 or Q4_0
	 * @param seg the matrix in this layout
	 * @param columns its columns
	 * @param row the row
	 * @param column the column
	 * @return the value
	 */
	public static float element(DType dtype, MemorySegment seg, long columns, long row, long column) {
		long blocks = columns / 32;
		long out = ((row / ROWS) * blocks + column / 32) * groupBlockBytes(dtype);
		int r = (int) (row % ROWS);
		int c = (int) (column % 32);
		float d = Float.float16ToFloat(seg.get(SHORT_LE, out + scalesOffset(dtype) + 2L * r));
		if (dtype == DType.Q8_0) {
			return d * seg.get(ValueLayout.JAVA_BYTE, out + 32L * c + r);
		}
		int lane = seg.get(SHORT_LE, out + 64L * (c / 4) + 2L * r) & 0xFFFF;
		return d * (((lane >>> (4 * (c % 4))) & 0x0F) - 8);
	}

	/**
	 * Dequantizes whole rows.
	 * @param dtype Q8_0 or Q4_0
	 * @param seg the matrix in this layout
	 * @param columns its columns
	 * @param firstRow the first row
	 * @param rows how many
	 * @param out receives {@code rows * columns} values, row by row
	 * @param offset where the first goes
	 */
	public static void dequantizeRows(DType dtype, MemorySegment seg, int columns, long firstRow, int rows, float[] out,
			int offset) {
		for (int i = 0; i < rows; i++) {
			long row = firstRow + i;
			for (int c = 0; c < columns; c++) {
				out[offset + i * columns + c] = element(dtype, seg, columns, row, c);
			}
		}
	}

}
