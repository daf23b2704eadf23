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
 * column by column, then the 32 rows' block scales widened from f16 to float32:
 * <ul>
 * <li>Q8_0: 32 runs of 32 bytes, run {@code c} byte {@code r} the int8 of column
 * {@code c} of row {@code r}; then the 32 scales as float32 (1152 bytes);</li>
 * <li>Q4_0: 16 runs of 32 bytes, run {@code t} byte {@code r} holding column {@code 2t}
 * of row {@code r} in its low nibble and column {@code 2t + 1} in its high one (ggml's
 * unsigned values offset by 8); then the 32 scales as float32 (640 bytes).</li>
 * </ul>
 * A group takes the bytes of its 32 rows in ggml's layout plus 2 per row and block (the
 * scales' extra width): 1.125 bytes per Q8_0 weight (ggml's 1.0625), 0.625 per Q4_0
 * weight (0.5625). The kernels read the scales as float32 in the same run as the values:
 * kept as f16, they had to be widened in the kernels (which made C2 box vectors there) or
 * once into a separate array (a second stream the GEMV read about 20 % slower on a 262144
 * x 2048 matrix). The values are ggml's, only moved, and the f16 scales widen to float
 * exactly: {@link #repack} and the accessors here are exact.
 */
public final class RowGroups {

	/** Rows per group. */
	public static final int ROWS = 32;

	private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	private RowGroups() {
	}

	/**
	 * Bytes of one group's block: 32 rows of one block of 32 columns.
	 * @param dtype Q8_0 or Q4_0
	 * @return 1152 or 640
	 */
	public static int groupBlockBytes(DType dtype) {
		// the quantized values of ggml's 32 blocks, then 32 float32 scales
		return ROWS * (check(dtype).blockBytes() - 2) + 4 * ROWS;
	}

	/**
	 * Offset of the scales within a group's block.
	 * @param dtype Q8_0 or Q4_0
	 * @return 1024 or 512
	 */
	public static int scalesOffset(DType dtype) {
		return groupBlockBytes(dtype) - 4 * ROWS;
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
	 */
	public static void repackRow(DType dtype, MemorySegment block, MemorySegment dst, long out, int r) {
		dst.set(FLOAT_LE, out + scalesOffset(dtype) + 4L * r, Float.float16ToFloat(block.get(SHORT_LE, 0)));
		if (dtype == DType.Q8_0) {
			for (int c = 0; c < 32; c++) {
				dst.set(ValueLayout.JAVA_BYTE, out + 32L * c + r, block.get(ValueLayout.JAVA_BYTE, 2 + c));
			}
		}
		else {
			for (int t = 0; t < 16; t++) {
				dst.set(ValueLayout.JAVA_BYTE, out + 32L * t + r,
						(byte) (nibble(block, 0, 2 * t) | (nibble(block, 0, 2 * t + 1) << 4)));
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
		float d = seg.get(FLOAT_LE, out + scalesOffset(dtype) + 4L * r);
		if (dtype == DType.Q8_0) {
			return d * seg.get(ValueLayout.JAVA_BYTE, out + 32L * c + r);
		}
		int v = seg.get(ValueLayout.JAVA_BYTE, out + 32L * (c / 2) + r) & 0xFF;
		return d * ((((c & 1) == 0) ? (v & 0x0F) : (v >>> 4)) - 8);
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
