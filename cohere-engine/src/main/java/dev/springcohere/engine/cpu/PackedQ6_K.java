package dev.springcohere.engine.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

import dev.springcohere.engine.model.BlockFormats;
import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.Tensor;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A Q6_K weight (ggml's {@code block_q6_K}, as a GGUF file holds it) repacked for the
 * decode GEMV and the prefill tile: rows in groups of {@value #ROWS}, so that one vector
 * holds the same column of 16 rows and a dot product becomes, per column, two widenings
 * to float and two FMAs with the broadcast activation into per-row accumulators.
 * <p>
 * Layout, per group of 32 rows and super-block of 256 columns (6784 bytes, 0.828 bytes
 * per weight; ggml's: 0.8203):
 * <ul>
 * <li>16 sub-blocks of 16 columns, each 8 pairs of columns, 48 bytes a pair: for each of
 * the two columns a run of 16 bytes, byte {@code r} holding the column's 6-bit value of
 * row {@code r} in bits 0-5 and the high 2 bits of row {@code r + 16} in bits 6-7; then
 * 16 bytes, byte {@code r} holding the low 4 bits of row {@code r + 16} of the first
 * column in its low nibble and of the second in its high one (ggml's unsigned 6-bit
 * values; 6144 bytes);</li>
 * <li>the int8 scales of the 16 sub-blocks, 32 bytes each, one per row (512 bytes);</li>
 * <li>the 32 rows' super-block {@code d} as float32 (128 bytes).</li>
 * </ul>
 * A weight is {@code d * scale * (q - 32)}; the kernel multiplies the unsigned {@code q}
 * and subtracts {@code 32 * sum(x)} per sub-block, the sums of the activations over each
 * sub-block of 16 being computed once per call ({@link #subBlockSums}) and shared by all
 * rows. Rows past the last are zeros.
 * <p>
 * Rows 0-15 of a column take one mask, rows 16-31 a 32-bit shift, two masks and an OR. A
 * first layout (a run of low nibbles per column, the high bits of four columns in two
 * more runs) needed about 9 such operations per column and ran about 1.3x slower cache
 * resident; a byte per value (1.078 bytes per weight) ran faster cache resident but no
 * faster streamed from memory (docs/benchmarks.md, "Repacked Q4_K and Q6_K").
 * <p>
 * {@link ScalarQuantizedDot#dot} on the ggml bytes is the scalar twin (the same float
 * products in another order).
 */
final class PackedQ6_K {

	/** Rows per group. */
	static final int ROWS = 32;

	/** Bytes of one group's super-block. */
	static final int SUPER_BLOCK_BYTES = 6144 + 512 + 128;

	private static final int SCALES = 6144;

	private static final int D = SCALES + 512;

	private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

	private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);

	private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

	private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;

	private final MemorySegment data;

	private final int rows;

	private final int superBlocks;

	private PackedQ6_K(MemorySegment data, int rows, int superBlocks) {
		this.data = data;
		this.rows = rows;
		this.superBlocks = superBlocks;
	}

	/**
	 * A repacked copy of a Q6_K weight {@code [rows, columns]} in ggml's layout, in a new
	 * segment of an automatic arena (freed once the copy is unreachable), groups of rows
	 * repacked in parallel on the team.
	 * @param w the weight
	 * @param team the threads that repack, or null to repack on the caller
	 * @return the copy
	 * @throws IllegalArgumentException when the weight is not a 2-d Q6_K weight in ggml's
	 * layout
	 */
	static PackedQ6_K of(Tensor w, @Nullable WorkerTeam team) {
		if (w.dtype() != DType.Q6_K || w.shape().size() != 2 || w.layout() != Tensor.Layout.ROWS) {
			throw new IllegalArgumentException("Only a 2-d Q6_K weight in ggml's layout can be repacked, not '"
					+ w.name() + "' (" + w.dtype() + ", " + w.shape() + ", " + w.layout() + ")");
		}
		int rows = Math.toIntExact(w.dim(0));
		int superBlocks = Math.toIntExact(w.dim(1) / 256);
		int groups = (rows + ROWS - 1) / ROWS;
		MemorySegment src = w.data();
		long rowBytes = DType.Q6_K.byteSize(w.dim(1));
		MemorySegment data = RowGroupBytes.repacked(groups, (long) superBlocks * SUPER_BLOCK_BYTES, team, (g, copy,
				offset) -> repack(src, rowBytes, g * ROWS, Math.min(ROWS, rows - g * ROWS), superBlocks, copy, offset));
		return new PackedQ6_K(data, rows, superBlocks);
	}

	/**
	 * Repacks rows {@code firstRow..firstRow + n - 1} into one group: each super-block is
	 * assembled in a heap array from heap copies of the rows' blocks, then copied out in
	 * one piece.
	 */
	private static void repack(MemorySegment src, long rowBytes, int firstRow, int n, int superBlocks,
			MemorySegment dst, long dstOffset) {
		byte[] blockBytes = new byte[210];
		MemorySegment block = MemorySegment.ofArray(blockBytes);
		byte[] outBytes = new byte[SUPER_BLOCK_BYTES];
		MemorySegment out = MemorySegment.ofArray(outBytes);
		for (int sb = 0; sb < superBlocks; sb++) {
			Arrays.fill(outBytes, (byte) 0);
			for (int r = 0; r < n; r++) {
				MemorySegment.copy(src, (firstRow + r) * rowBytes + 210L * sb, block, 0, 210);
				out.set(FLOAT_LE, D + 4L * r, BlockFormats.f16(block, 208));
				for (int j = 0; j < 16; j++) {
					outBytes[SCALES + 32 * j + r] = blockBytes[192 + j];
				}
				for (int e = 0; e < 256; e++) {
					// ggml: element 128 n + 32 k + l takes its low 4 bits from
					// ql[64 n + 32 (k % 2) + l], nibble k / 2, its high 2 from
					// qh[32 n + l] at bit 2 k
					int half = e / 128;
					int k = e % 128 / 32;
					int l = e % 32;
					int lo = (blockBytes[64 * half + 32 * (k % 2) + l] >>> (4 * (k / 2))) & 0x0F;
					int hi = (blockBytes[128 + 32 * half + l] >>> (2 * k)) & 3;
					int q = lo | (hi << 4);
					int pair = 384 * (e / 16) + 48 * (e % 16 / 2);
					int which = e % 2;
					if (r < 16) {
						outBytes[pair + 16 * which + r] |= (byte) q;
					}
					else {
						outBytes[pair + 16 * which + r - 16] |= (byte) ((q >>> 4) << 6);
						outBytes[pair + 32 + r - 16] |= (byte) ((q & 0x0F) << (4 * which));
					}
				}
			}
			MemorySegment.copy(out, 0, dst, dstOffset + (long) SUPER_BLOCK_BYTES * sb, SUPER_BLOCK_BYTES);
		}
	}

	/**
	 * The bytes of the repacked copy.
	 * @return its size in bytes
	 */
	long byteSize() {
		return this.data.byteSize();
	}

	/**
	 * The sums of activations over each sub-block of 16, times 32 (the factor of the
	 * offset of ggml's unsigned 6-bit values).
	 * @param x the activations
	 * @param offset the first
	 * @param n how many, a multiple of 16
	 * @param sums receives the {@code n / 16} sums at {@code sums[sumsOffset..]}
	 * @param sumsOffset where the first goes
	 */
	static void subBlockSums(float[] x, int offset, int n, float[] sums, int sumsOffset) {
		for (int j = 0; j < n / 16; j++) {
			sums[sumsOffset + j] = 32 * FloatVector.fromArray(F, x, offset + 16 * j).reduceLanes(VectorOperators.ADD);
		}
	}

	/*
	 * As in PackedQ8_0, the kernels spell out every load, shift and widening instead of
	 * calling helpers (a helper C2 leaves as a call takes and returns boxed vectors), and
	 * walk the row with one loop over sub-blocks. Even and odd columns go to separate
	 * accumulators (four FMA chains).
	 */

	/**
	 * The dot products of the rows of group {@code group} with one activation row.
	 * @param group the group of {@value #ROWS} rows
	 * @param x the activations, {@code x[xOffset..]}, one per column
	 * @param xOffset the first
	 * @param sums the activations' sub-block sums times 32 ({@link #subBlockSums}) at
	 * {@code sums[sumsOffset..]}
	 * @param sumsOffset the first
	 * @param out receives the group's sums at {@code out[outOffset..]} (only for rows
	 * that exist)
	 * @param outOffset where the group's first row goes
	 */
	void gemv(int group, float[] x, int xOffset, float[] sums, int sumsOffset, float[] out, int outOffset) {
		float[] rowSums = RowSums.zeroed(ROWS);
		long base = (long) group * this.superBlocks * SUPER_BLOCK_BYTES;
		int subBlocks = 16 * this.superBlocks;
		for (int j = 0; j < subBlocks; j++) {
			long o = base + (long) SUPER_BLOCK_BYTES * (j >>> 4);
			long sub = o + 384L * (j & 15);
			int xb = xOffset + 16 * j;
			FloatVector a0 = FloatVector.zero(F);
			FloatVector a1 = a0;
			FloatVector c0 = a0;
			FloatVector c1 = a0;
			for (int p = 0; p < 8; p++) {
				long pair = sub + 48L * p;
				ByteVector va = ByteVector.fromMemorySegment(B128, this.data, pair, LE);
				ByteVector vb = ByteVector.fromMemorySegment(B128, this.data, pair + 16, LE);
				ByteVector vn = ByteVector.fromMemorySegment(B128, this.data, pair + 32, LE);
				FloatVector xv = FloatVector.broadcast(F, x[xb + 2 * p]);
				a0 = ((FloatVector) va.and((byte) 0x3F).convertShape(VectorOperators.B2F, F, 0)).fma(xv, a0);
				a1 = ((FloatVector) va.reinterpretAsInts()
					.lanewise(VectorOperators.LSHR, 2)
					.reinterpretAsBytes()
					.and((byte) 0x30)
					.or(vn.and((byte) 0x0F))
					.convertShape(VectorOperators.B2F, F, 0)).fma(xv, a1);
				xv = FloatVector.broadcast(F, x[xb + 2 * p + 1]);
				c0 = ((FloatVector) vb.and((byte) 0x3F).convertShape(VectorOperators.B2F, F, 0)).fma(xv, c0);
				c1 = ((FloatVector) vb.reinterpretAsInts()
					.lanewise(VectorOperators.LSHR, 2)
					.reinterpretAsBytes()
					.and((byte) 0x30)
					.or(vn.reinterpretAsInts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and((byte) 0x0F))
					.convertShape(VectorOperators.B2F, F, 0)).fma(xv, c1);
			}
			long s = o + SCALES + 32L * (j & 15);
			FloatVector sc0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, s, LE)
				.convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.fromMemorySegment(F, this.data, o + D, LE));
			FloatVector sc1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, s + 16, LE)
				.convertShape(VectorOperators.B2F, F, 0))
				.mul(FloatVector.fromMemorySegment(F, this.data, o + D + 64, LE));
			FloatVector xs = FloatVector.broadcast(F, sums[sumsOffset + j]);
			a0.add(c0).sub(xs).fma(sc0, FloatVector.fromArray(F, rowSums, 0)).intoArray(rowSums, 0);
			a1.add(c1).sub(xs).fma(sc1, FloatVector.fromArray(F, rowSums, 16)).intoArray(rowSums, 16);
		}
		System.arraycopy(rowSums, 0, out, outOffset, Math.min(ROWS, this.rows - group * ROWS));
	}

	/**
	 * Dequantizes group {@code group} into a column-interleaved float tile for
	 * {@link TileGemm#multiplyInterleaved}: {@code tile[32 * c + r]} is the weight of row
	 * {@code r} (of the group) and column {@code c}, as {@link BlockFormats#dequantize}
	 * computes it; rows past the last are zeros.
	 * @param group the group of {@value #ROWS} rows
	 * @param tile receives {@code 32 * columns} floats from index 0
	 */
	void dequantize(int group, float[] tile) {
		long base = (long) group * this.superBlocks * SUPER_BLOCK_BYTES;
		for (int j = 0; j < 16 * this.superBlocks; j++) {
			long o = base + (long) SUPER_BLOCK_BYTES * (j >>> 4);
			long sub = o + 384L * (j & 15);
			long s = o + SCALES + 32L * (j & 15);
			FloatVector sc0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, s, LE)
				.convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.fromMemorySegment(F, this.data, o + D, LE));
			FloatVector sc1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, s + 16, LE)
				.convertShape(VectorOperators.B2F, F, 0))
				.mul(FloatVector.fromMemorySegment(F, this.data, o + D + 64, LE));
			for (int col = 0; col < 16; col++) {
				long pair = sub + 48L * (col >>> 1);
				ByteVector va = ByteVector.fromMemorySegment(B128, this.data, pair + 16L * (col & 1), LE);
				ByteVector vn = ByteVector.fromMemorySegment(B128, this.data, pair + 32, LE);
				ByteVector q0 = va.and((byte) 0x3F);
				ByteVector q1 = va.reinterpretAsInts()
					.lanewise(VectorOperators.LSHR, 2)
					.reinterpretAsBytes()
					.and((byte) 0x30)
					.or(vn.reinterpretAsInts()
						.lanewise(VectorOperators.LSHR, 4 * (col & 1))
						.reinterpretAsBytes()
						.and((byte) 0x0F));
				int t = 32 * (16 * j + col);
				((FloatVector) q0.sub((byte) 32).convertShape(VectorOperators.B2F, F, 0)).mul(sc0).intoArray(tile, t);
				((FloatVector) q1.sub((byte) 32).convertShape(VectorOperators.B2F, F, 0)).mul(sc1)
					.intoArray(tile, t + 16);
			}
		}
	}

}
