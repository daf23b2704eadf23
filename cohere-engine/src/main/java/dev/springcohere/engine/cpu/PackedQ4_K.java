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
 * A Q4_K weight (ggml's {@code block_q4_K}, as a GGUF file holds it) repacked for the
 * decode GEMV and the prefill tile: rows in groups of {@value #ROWS}, so that 16 bytes
 * hold the same column of 32 rows and a dot product becomes, per column, two widenings of
 * 16 nibbles to float and two FMAs with the broadcast activation into per-row
 * accumulators: no horizontal sums, no scalar decoding of the 6-bit scales in the kernel.
 * <p>
 * Layout, per group of 32 rows and super-block of 256 columns (4864 bytes, 0.59375 bytes
 * per weight; ggml's: 0.5625):
 * <ul>
 * <li>8 sub-blocks of 32 columns, each 32 runs of 16 bytes: run {@code c} byte {@code r}
 * holds column {@code c} of row {@code r} in its low nibble and of row {@code r + 16} in
 * its high one (ggml's unsigned 4-bit values, 4096 bytes);</li>
 * <li>the 6-bit scales of the 8 sub-blocks, 32 bytes each (one per row), then their 6-bit
 * mins likewise (ggml's {@code get_scale_min_k4}, decoded once here: 512 bytes);</li>
 * <li>the 32 rows' super-block {@code d}, then {@code dmin}, as float32 (256 bytes).</li>
 * </ul>
 * A weight is {@code d * scale * q - dmin * min}, so a sub-block's dot product with
 * activations {@code x} is {@code d * scale * dot(q, x) - dmin * min * sum(x)}: the sums
 * of the activations over each sub-block are computed once per call
 * ({@link #subBlockSums}), shared by all rows, and the inner loop is one FMA per weight.
 * The scales and mins stay bytes (widened like the weights, once per sub-block): as
 * float32 per sub-block they would add 0.25 bytes per weight. Rows past the last are
 * zeros.
 * <p>
 * {@link ScalarQuantizedDot#dot} on the ggml bytes is the scalar twin (the same float
 * products in another order).
 */
final class PackedQ4_K {

	/** Rows per group. */
	static final int ROWS = 32;

	/** Bytes of one group's super-block. */
	static final int SUPER_BLOCK_BYTES = 4096 + 256 + 256 + 128 + 128;

	private static final int SCALES = 4096;

	private static final int MINS = SCALES + 256;

	private static final int D = MINS + 256;

	private static final int DMIN = D + 128;

	private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

	private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);

	private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

	private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;

	private final MemorySegment data;

	private final int rows;

	private final int superBlocks;

	private PackedQ4_K(MemorySegment data, int rows, int superBlocks) {
		this.data = data;
		this.rows = rows;
		this.superBlocks = superBlocks;
	}

	/**
	 * A repacked copy of a Q4_K weight {@code [rows, columns]} in ggml's layout, in a new
	 * segment of an automatic arena (freed once the copy is unreachable), groups of rows
	 * repacked in parallel on the team.
	 * @param w the weight
	 * @param team the threads that repack, or null to repack on the caller
	 * @return the copy
	 * @throws IllegalArgumentException when the weight is not a 2-d Q4_K weight in ggml's
	 * layout
	 */
	static PackedQ4_K of(Tensor w, @Nullable WorkerTeam team) {
		if (w.dtype() != DType.Q4_K || w.shape().size() != 2 || w.layout() != Tensor.Layout.ROWS) {
			throw new IllegalArgumentException("Only a 2-d Q4_K weight in ggml's layout can be repacked, not '"
					+ w.name() + "' (" + w.dtype() + ", " + w.shape() + ", " + w.layout() + ")");
		}
		int rows = Math.toIntExact(w.dim(0));
		int superBlocks = Math.toIntExact(w.dim(1) / 256);
		int groups = (rows + ROWS - 1) / ROWS;
		MemorySegment src = w.data();
		long rowBytes = DType.Q4_K.byteSize(w.dim(1));
		MemorySegment data = RowGroupBytes.repacked(groups, (long) superBlocks * SUPER_BLOCK_BYTES, team, (g, copy,
				offset) -> repack(src, rowBytes, g * ROWS, Math.min(ROWS, rows - g * ROWS), superBlocks, copy, offset));
		return new PackedQ4_K(data, rows, superBlocks);
	}

	/**
	 * Repacks rows {@code firstRow..firstRow + n - 1} into one group: each super-block is
	 * assembled in a heap array from heap copies of the rows' blocks, then copied out in
	 * one piece.
	 */
	private static void repack(MemorySegment src, long rowBytes, int firstRow, int n, int superBlocks,
			MemorySegment dst, long dstOffset) {
		int[] sm = new int[2];
		byte[] blockBytes = new byte[144];
		MemorySegment block = MemorySegment.ofArray(blockBytes);
		byte[] outBytes = new byte[SUPER_BLOCK_BYTES];
		MemorySegment out = MemorySegment.ofArray(outBytes);
		for (int sb = 0; sb < superBlocks; sb++) {
			Arrays.fill(outBytes, (byte) 0);
			for (int r = 0; r < n; r++) {
				MemorySegment.copy(src, (firstRow + r) * rowBytes + 144L * sb, block, 0, 144);
				out.set(FLOAT_LE, D + 4L * r, BlockFormats.f16(block, 0));
				out.set(FLOAT_LE, DMIN + 4L * r, BlockFormats.f16(block, 2));
				int shift = (r < 16) ? 0 : 4;
				for (int j = 0; j < 8; j++) {
					BlockFormats.scaleMinK4(block, 4, j, sm);
					outBytes[SCALES + 32 * j + r] = (byte) sm[0];
					outBytes[MINS + 32 * j + r] = (byte) sm[1];
					int from = 16 + 32 * (j / 2);
					int nibble = 4 * (j % 2);
					for (int c = 0; c < 32; c++) {
						int q = (blockBytes[from + c] >>> nibble) & 0x0F;
						outBytes[512 * j + 16 * c + (r % 16)] |= (byte) (q << shift);
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
	 * The sums of activations over each sub-block of 32 (the factor of a sub-block's
	 * mins).
	 * @param x the activations
	 * @param offset the first
	 * @param n how many, a multiple of 32
	 * @param sums receives the {@code n / 32} sums at {@code sums[sumsOffset..]}
	 * @param sumsOffset where the first goes
	 */
	static void subBlockSums(float[] x, int offset, int n, float[] sums, int sumsOffset) {
		for (int j = 0; j < n / 32; j++) {
			sums[sumsOffset + j] = FloatVector.fromArray(F, x, offset + 32 * j)
				.add(FloatVector.fromArray(F, x, offset + 32 * j + 16))
				.reduceLanes(VectorOperators.ADD);
		}
	}

	/*
	 * As in PackedQ8_0, the kernels spell out every load and widening instead of calling
	 * helpers (a helper C2 leaves as a call takes and returns boxed vectors), and walk
	 * the row with one loop over sub-blocks: the super-block's d and dmin are read again
	 * (from L1) per sub-block rather than kept across a nested loop.
	 */

	/**
	 * The dot products of the rows of group {@code group} with one activation row.
	 * @param group the group of {@value #ROWS} rows
	 * @param x the activations, {@code x[xOffset..]}, one per column
	 * @param xOffset the first
	 * @param sums the activations' sub-block sums ({@link #subBlockSums}) at
	 * {@code sums[sumsOffset..]}
	 * @param sumsOffset the first
	 * @param out receives the group's sums at {@code out[outOffset..]} (only for rows
	 * that exist)
	 * @param outOffset where the group's first row goes
	 */
	void gemv(int group, float[] x, int xOffset, float[] sums, int sumsOffset, float[] out, int outOffset) {
		float[] rowSums = RowSums.zeroed(ROWS);
		long base = (long) group * this.superBlocks * SUPER_BLOCK_BYTES;
		int subBlocks = 8 * this.superBlocks;
		for (int j = 0; j < subBlocks; j++) {
			long o = base + (long) SUPER_BLOCK_BYTES * (j >>> 3);
			long q = o + 512L * (j & 7);
			int xb = xOffset + 32 * j;
			FloatVector a0 = FloatVector.zero(F);
			FloatVector a1 = a0;
			FloatVector c0 = a0;
			FloatVector c1 = a0;
			for (int c = 0; c < 32; c += 2) {
				long run = q + 16L * c;
				FloatVector xv = FloatVector.broadcast(F, x[xb + c]);
				ByteVector v = ByteVector.fromMemorySegment(B128, this.data, run, LE);
				a0 = ((FloatVector) v.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0)).fma(xv, a0);
				a1 = ((FloatVector) v.reinterpretAsInts()
					.lanewise(VectorOperators.LSHR, 4)
					.reinterpretAsBytes()
					.and((byte) 0x0F)
					.convertShape(VectorOperators.B2F, F, 0)).fma(xv, a1);
				xv = FloatVector.broadcast(F, x[xb + c + 1]);
				v = ByteVector.fromMemorySegment(B128, this.data, run + 16, LE);
				c0 = ((FloatVector) v.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0)).fma(xv, c0);
				c1 = ((FloatVector) v.reinterpretAsInts()
					.lanewise(VectorOperators.LSHR, 4)
					.reinterpretAsBytes()
					.and((byte) 0x0F)
					.convertShape(VectorOperators.B2F, F, 0)).fma(xv, c1);
			}
			long s = o + SCALES + 32L * (j & 7);
			long m = o + MINS + 32L * (j & 7);
			FloatVector sc0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, s, LE)
				.convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.fromMemorySegment(F, this.data, o + D, LE));
			FloatVector sc1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, s + 16, LE)
				.convertShape(VectorOperators.B2F, F, 0))
				.mul(FloatVector.fromMemorySegment(F, this.data, o + D + 64, LE));
			FloatVector mn0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, m, LE)
				.convertShape(VectorOperators.B2F, F, 0))
				.mul(FloatVector.fromMemorySegment(F, this.data, o + DMIN, LE));
			FloatVector mn1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, m + 16, LE)
				.convertShape(VectorOperators.B2F, F, 0))
				.mul(FloatVector.fromMemorySegment(F, this.data, o + DMIN + 64, LE));
			FloatVector xs = FloatVector.broadcast(F, -sums[sumsOffset + j]);
			a0.add(c0).fma(sc0, mn0.fma(xs, FloatVector.fromArray(F, rowSums, 0))).intoArray(rowSums, 0);
			a1.add(c1).fma(sc1, mn1.fma(xs, FloatVector.fromArray(F, rowSums, 16))).intoArray(rowSums, 16);
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
		for (int j = 0; j < 8 * this.superBlocks; j++) {
			long o = base + (long) SUPER_BLOCK_BYTES * (j >>> 3);
			long q = o + 512L * (j & 7);
			long s = o + SCALES + 32L * (j & 7);
			long m = o + MINS + 32L * (j & 7);
			FloatVector sc0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, s, LE)
				.convertShape(VectorOperators.B2F, F, 0)).mul(FloatVector.fromMemorySegment(F, this.data, o + D, LE));
			FloatVector sc1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, s + 16, LE)
				.convertShape(VectorOperators.B2F, F, 0))
				.mul(FloatVector.fromMemorySegment(F, this.data, o + D + 64, LE));
			FloatVector mn0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, m, LE)
				.convertShape(VectorOperators.B2F, F, 0))
				.mul(FloatVector.fromMemorySegment(F, this.data, o + DMIN, LE));
			FloatVector mn1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, m + 16, LE)
				.convertShape(VectorOperators.B2F, F, 0))
				.mul(FloatVector.fromMemorySegment(F, this.data, o + DMIN + 64, LE));
			int t = 1024 * j;
			for (int c = 0; c < 32; c++) {
				ByteVector v = ByteVector.fromMemorySegment(B128, this.data, q + 16L * c, LE);
				((FloatVector) v.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0)).mul(sc0)
					.sub(mn0)
					.intoArray(tile, t + 32 * c);
				((FloatVector) v.reinterpretAsInts()
					.lanewise(VectorOperators.LSHR, 4)
					.reinterpretAsBytes()
					.and((byte) 0x0F)
					.convertShape(VectorOperators.B2F, F, 0)).mul(sc1).sub(mn1).intoArray(tile, t + 32 * c + 16);
			}
		}
	}

}
