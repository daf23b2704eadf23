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
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A Q6_K weight (ggml's {@code block_q6_K}, as a GGUF file holds it) repacked for the
 * decode GEMV and the prefill tile: rows in groups of {@value #ROWS}, so that one 512-bit
 * register holds the same column of 32 rows and the dot products become, as in
 * {@link PackedQ4_0}, 16-bit integer multiply-adds against activations quantized per
 * block of 32 to 8 bits (as llama.cpp does), 32 rows per instruction.
 * <p>
 * Layout, per group of 32 rows and super-block of 256 columns (6784 bytes, 0.828 bytes
 * per weight; ggml's: 0.8203):
 * <ul>
 * <li>the int8 scales of the 16 sub-blocks of 16 columns, 32 bytes each, one per row (512
 * bytes);</li>
 * <li>the 32 rows' super-block {@code d} as float32 (128 bytes);</li>
 * <li>16 sub-blocks of 16 columns, 384 bytes each, per 8 columns 3 runs of 64 bytes: two
 * whose 16-bit lane {@code r} holds the low 4 bits of 4 columns of row {@code r}, a
 * nibble each from bit 0, then one whose lane {@code r} holds the high 2 bits of the 8
 * columns, two bits each from bit 0 (ggml's unsigned 6-bit values; 6144 bytes).</li>
 * </ul>
 * The scales and {@code d} are stored even rows first, then odd rows, the order in which
 * the kernel's 16-bit sums come out of the 32-bit lanes, and before the values, so that a
 * super-block is read in ascending order (as {@link PackedQ4_K}'s).
 * <p>
 * A weight is {@code d * scale * (v - 32)}. Per 8 columns the kernel sums {@code v * q}
 * in 16-bit lanes without taking a value apart: the nibble lanes and their shifts by 4, 8
 * and 12 bits times {@link QuantizedActivations#nibbleMultipliers} (as {@link PackedQ4_0}
 * does), the high-bit lane and its shifts by 2, 4, ..., 14 bits times
 * {@link QuantizedActivations#crumbMultipliers} (which give 16 times the high parts'
 * products), all modulo 2^16, from {@code -32 * sum(q)}
 * ({@link QuantizedActivations#offsets(int, int)}): {@code |sum((v - 32) * q)|} stays
 * within 8 x 32 x 127 = 32512, so the sum ends exact even where the lanes wrapped on the
 * way (16 columns could reach 65024); the two halves of a sub-block are added as 32-bit
 * integers and scaled in float. Rows past the last are zeros.
 * {@link ScalarQuantizedDot#q6_KQ8} on the ggml bytes is the scalar twin.
 */
final class PackedQ6_K {

	/** Rows per group. */
	static final int ROWS = 32;

	/** Bytes of one group's super-block. */
	static final int SUPER_BLOCK_BYTES = 6144 + 512 + 128;

	private static final int SUB_BLOCK_BYTES = 384;

	/**
	 * Where a run of eight columns' high bits starts, after their two runs of nibbles.
	 */
	private static final int HIGH = 128;

	private static final int SCALES = 0;

	private static final int D = SCALES + 512;

	/** Where the values start, after the scales and d. */
	private static final int VALUES = D + 128;

	private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

	private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);

	private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

	private static final VectorSpecies<Short> S = ShortVector.SPECIES_512;

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
				int lane = PackedQ4_K.lane(r);
				out.set(FLOAT_LE, D + 4L * lane, BlockFormats.f16(block, 208));
				for (int j = 0; j < 16; j++) {
					outBytes[SCALES + 32 * j + lane] = blockBytes[192 + j];
				}
				for (int e = 0; e < 256; e++) {
					int v = BlockFormats.q6KValue(block, 0, e);
					int k = VALUES + SUB_BLOCK_BYTES * (e / 16);
					int c = e % 16;
					int run = k + 192 * (c / 8);
					int cc = c % 8;
					outBytes[run + 64 * (cc / 4) + 2 * r + (cc % 4) / 2] |= (byte) ((v & 0x0F) << (4 * (cc % 2)));
					outBytes[run + HIGH + 2 * r + cc / 4] |= (byte) ((v >>> 4) << (2 * (cc % 4)));
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

	/*
	 * As in PackedQ4_0, the kernels spell out every load, shift and widening instead of
	 * calling helpers (a helper C2 leaves as a call takes and returns boxed vectors), and
	 * walk the row with one loop over sub-blocks.
	 */

	/**
	 * The dot products of the rows of group {@code group} with one activation row
	 * quantized by {@link QuantizedActivations#of}.
	 * @param group the group of {@value #ROWS} rows
	 * @param a the quantized activations
	 * @param offsets the activations' {@code -32 * sum(q)} per 8 values
	 * ({@link QuantizedActivations#offsets(int, int)})
	 * @param aOffset the first of the row, a multiple of 256
	 * @param out receives the group's sums at {@code out[outOffset..]} (only for rows
	 * that exist)
	 * @param outOffset where the group's first row goes
	 */
	void gemv(int group, QuantizedActivations a, short[] offsets, short[] crumbs, int aOffset, float[] out,
			int outOffset) {
		short[] nibbles = a.nibbleMultipliers();
		float[] d = a.scales();
		int first = aOffset / 32;
		int firstOffset = aOffset / 8;
		float[] sums = RowSums.zeroed(ROWS);
		long base = (long) group * this.superBlocks * SUPER_BLOCK_BYTES;
		for (int sb = 0; sb < this.superBlocks; sb++) {
			long o = base + (long) SUPER_BLOCK_BYTES * sb;
			for (int j = 0; j < 16; j++) {
				long low = o + VALUES + (long) SUB_BLOCK_BYTES * j;
				int qb = aOffset + 256 * sb + 16 * j;
				int run8 = firstOffset + 32 * sb + 2 * j;
				// columns 0-7 of the sub-block, then 8-15: per eight, two runs of low
				// nibbles and one of high bits
				ShortVector acc = ShortVector.broadcast(S, offsets[run8]);
				ShortVector bcc = ShortVector.broadcast(S, offsets[run8 + 1]);
				for (int half = 0; half < 2; half++) {
					long run = low + 192L * half;
					int c = qb + 8 * half;
					ShortVector l0 = ShortVector.fromMemorySegment(S, this.data, run, LE);
					ShortVector l1 = ShortVector.fromMemorySegment(S, this.data, run + 64, LE);
					ShortVector h = ShortVector.fromMemorySegment(S, this.data, run + HIGH, LE);
					ShortVector sum = l0.mul(nibbles[c]).add(l1.mul(nibbles[c + 4])).add(h.mul(crumbs[c]));
					for (int k = 1; k < 4; k++) {
						sum = l0.lanewise(VectorOperators.LSHR, 4 * k)
							.mul(nibbles[c + k])
							.add(l1.lanewise(VectorOperators.LSHR, 4 * k).mul(nibbles[c + 4 + k]))
							.add(sum);
					}
					for (int k = 1; k < 8; k++) {
						sum = h.lanewise(VectorOperators.LSHR, 2 * k).mul(crumbs[c + k]).add(sum);
					}
					if (half == 0) {
						acc = acc.add(sum);
					}
					else {
						bcc = bcc.add(sum);
					}
				}
				// the two halves' exact sums, even rows then odd rows, added in 32 bits
				IntVector p = acc.reinterpretAsInts();
				IntVector r = bcc.reinterpretAsInts();
				IntVector even = p.lanewise(VectorOperators.LSHL, 16)
					.lanewise(VectorOperators.ASHR, 16)
					.add(r.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
				IntVector odd = p.lanewise(VectorOperators.ASHR, 16).add(r.lanewise(VectorOperators.ASHR, 16));
				FloatVector scale = FloatVector.broadcast(F, d[first + 8 * sb + (j >>> 1)]);
				long s = o + SCALES + 32L * j;
				FloatVector sc0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, s, LE)
					.convertShape(VectorOperators.B2F, F, 0))
					.mul(FloatVector.fromMemorySegment(F, this.data, o + D, LE));
				FloatVector sc1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, s + 16, LE)
					.convertShape(VectorOperators.B2F, F, 0))
					.mul(FloatVector.fromMemorySegment(F, this.data, o + D + 64, LE));
				((FloatVector) even.convert(VectorOperators.I2F, 0)).mul(sc0)
					.fma(scale, FloatVector.fromArray(F, sums, 0))
					.intoArray(sums, 0);
				((FloatVector) odd.convert(VectorOperators.I2F, 0)).mul(sc1)
					.fma(scale, FloatVector.fromArray(F, sums, 16))
					.intoArray(sums, 16);
			}
		}
		int n = Math.min(ROWS, this.rows - group * ROWS);
		for (int row = 0; row < n; row++) {
			out[outOffset + row] = sums[PackedQ4_K.lane(row)];
		}
	}

	/**
	 * The dot products of the rows of groups {@code group} and {@code other} with one
	 * activation row, both read in one pass: each activation is broadcast once for the
	 * two, and each thread keeps two streams of weights in flight (see
	 * {@link QuantizedMatmul#pairedTasks} for which groups are paired).
	 * @param group a group of {@value #ROWS} rows
	 * @param other another group
	 * @param a the quantized activations
	 * @param offsets the activations' {@code -32 * sum(q)} per 8 values
	 * ({@link QuantizedActivations#offsets(int, int)})
	 * @param aOffset the first of the row, a multiple of 256
	 * @param out receives the sums (only for rows that exist)
	 * @param outOffset where the first row of {@code group} goes
	 * @param otherOffset where the first row of {@code other} goes
	 */
	void gemvPair(int group, int other, QuantizedActivations a, short[] offsets, short[] crumbs, int aOffset,
			float[] out, int outOffset, int otherOffset) {
		short[] nibbles = a.nibbleMultipliers();
		float[] d = a.scales();
		int first = aOffset / 32;
		int firstOffset = aOffset / 8;
		float[] sums = RowSums.zeroed(2 * ROWS);
		long base = (long) group * this.superBlocks * SUPER_BLOCK_BYTES;
		long otherBase = (long) other * this.superBlocks * SUPER_BLOCK_BYTES;
		for (int sb = 0; sb < this.superBlocks; sb++) {
			long o = base + (long) SUPER_BLOCK_BYTES * sb;
			long p = otherBase + (long) SUPER_BLOCK_BYTES * sb;
			for (int j = 0; j < 16; j++) {
				long low = o + VALUES + (long) SUB_BLOCK_BYTES * j;
				long otherLow = p + VALUES + (long) SUB_BLOCK_BYTES * j;
				int qb = aOffset + 256 * sb + 16 * j;
				int run8 = firstOffset + 32 * sb + 2 * j;
				// per group, columns 0-7 of the sub-block then 8-15: per eight, two
				// runs of low nibbles and one of high bits (the two halves written out:
				// as a loop over them this kernel ran 5-13 % slower)
				ShortVector acc = ShortVector.broadcast(S, offsets[run8]);
				ShortVector bcc = acc;
				ShortVector ecc = ShortVector.broadcast(S, offsets[run8 + 1]);
				ShortVector fcc = ecc;
				{
					int c = qb;
					ShortVector l0 = ShortVector.fromMemorySegment(S, this.data, low, LE);
					ShortVector l1 = ShortVector.fromMemorySegment(S, this.data, low + 64, LE);
					ShortVector h = ShortVector.fromMemorySegment(S, this.data, low + HIGH, LE);
					ShortVector k0 = ShortVector.fromMemorySegment(S, this.data, otherLow, LE);
					ShortVector k1 = ShortVector.fromMemorySegment(S, this.data, otherLow + 64, LE);
					ShortVector g = ShortVector.fromMemorySegment(S, this.data, otherLow + HIGH, LE);
					short m0 = nibbles[c];
					short m4 = nibbles[c + 4];
					short g0 = crumbs[c];
					acc = l0.mul(m0).add(l1.mul(m4)).add(h.mul(g0)).add(acc);
					bcc = k0.mul(m0).add(k1.mul(m4)).add(g.mul(g0)).add(bcc);
					for (int k = 1; k < 4; k++) {
						short m = nibbles[c + k];
						short n = nibbles[c + 4 + k];
						acc = l0.lanewise(VectorOperators.LSHR, 4 * k)
							.mul(m)
							.add(l1.lanewise(VectorOperators.LSHR, 4 * k).mul(n))
							.add(acc);
						bcc = k0.lanewise(VectorOperators.LSHR, 4 * k)
							.mul(m)
							.add(k1.lanewise(VectorOperators.LSHR, 4 * k).mul(n))
							.add(bcc);
					}
					for (int k = 1; k < 8; k++) {
						short m = crumbs[c + k];
						acc = h.lanewise(VectorOperators.LSHR, 2 * k).mul(m).add(acc);
						bcc = g.lanewise(VectorOperators.LSHR, 2 * k).mul(m).add(bcc);
					}
				}
				{
					int c = qb + 8;
					ShortVector l0 = ShortVector.fromMemorySegment(S, this.data, low + 192, LE);
					ShortVector l1 = ShortVector.fromMemorySegment(S, this.data, low + 192 + 64, LE);
					ShortVector h = ShortVector.fromMemorySegment(S, this.data, low + 192 + HIGH, LE);
					ShortVector k0 = ShortVector.fromMemorySegment(S, this.data, otherLow + 192, LE);
					ShortVector k1 = ShortVector.fromMemorySegment(S, this.data, otherLow + 192 + 64, LE);
					ShortVector g = ShortVector.fromMemorySegment(S, this.data, otherLow + 192 + HIGH, LE);
					short m0 = nibbles[c];
					short m4 = nibbles[c + 4];
					short g0 = crumbs[c];
					ecc = l0.mul(m0).add(l1.mul(m4)).add(h.mul(g0)).add(ecc);
					fcc = k0.mul(m0).add(k1.mul(m4)).add(g.mul(g0)).add(fcc);
					for (int k = 1; k < 4; k++) {
						short m = nibbles[c + k];
						short n = nibbles[c + 4 + k];
						ecc = l0.lanewise(VectorOperators.LSHR, 4 * k)
							.mul(m)
							.add(l1.lanewise(VectorOperators.LSHR, 4 * k).mul(n))
							.add(ecc);
						fcc = k0.lanewise(VectorOperators.LSHR, 4 * k)
							.mul(m)
							.add(k1.lanewise(VectorOperators.LSHR, 4 * k).mul(n))
							.add(fcc);
					}
					for (int k = 1; k < 8; k++) {
						short m = crumbs[c + k];
						ecc = h.lanewise(VectorOperators.LSHR, 2 * k).mul(m).add(ecc);
						fcc = g.lanewise(VectorOperators.LSHR, 2 * k).mul(m).add(fcc);
					}
				}
				FloatVector scale = FloatVector.broadcast(F, d[first + 8 * sb + (j >>> 1)]);
				IntVector a0 = acc.reinterpretAsInts();
				IntVector a1 = ecc.reinterpretAsInts();
				((FloatVector) a0.lanewise(VectorOperators.LSHL, 16)
					.lanewise(VectorOperators.ASHR, 16)
					.add(a1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
					.convert(VectorOperators.I2F, 0))
					.mul(((FloatVector) ByteVector.fromMemorySegment(B128, this.data, o + SCALES + 32L * j, LE)
						.convertShape(VectorOperators.B2F, F, 0))
						.mul(FloatVector.fromMemorySegment(F, this.data, o + D, LE)))
					.fma(scale, FloatVector.fromArray(F, sums, 0))
					.intoArray(sums, 0);
				((FloatVector) a0.lanewise(VectorOperators.ASHR, 16)
					.add(a1.lanewise(VectorOperators.ASHR, 16))
					.convert(VectorOperators.I2F, 0))
					.mul(((FloatVector) ByteVector.fromMemorySegment(B128, this.data, o + SCALES + 32L * j + 16, LE)
						.convertShape(VectorOperators.B2F, F, 0))
						.mul(FloatVector.fromMemorySegment(F, this.data, o + D + 64, LE)))
					.fma(scale, FloatVector.fromArray(F, sums, 0 + 16))
					.intoArray(sums, 0 + 16);
				IntVector b0 = bcc.reinterpretAsInts();
				IntVector b1 = fcc.reinterpretAsInts();
				((FloatVector) b0.lanewise(VectorOperators.LSHL, 16)
					.lanewise(VectorOperators.ASHR, 16)
					.add(b1.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16))
					.convert(VectorOperators.I2F, 0))
					.mul(((FloatVector) ByteVector.fromMemorySegment(B128, this.data, p + SCALES + 32L * j, LE)
						.convertShape(VectorOperators.B2F, F, 0))
						.mul(FloatVector.fromMemorySegment(F, this.data, p + D, LE)))
					.fma(scale, FloatVector.fromArray(F, sums, 32))
					.intoArray(sums, 32);
				((FloatVector) b0.lanewise(VectorOperators.ASHR, 16)
					.add(b1.lanewise(VectorOperators.ASHR, 16))
					.convert(VectorOperators.I2F, 0))
					.mul(((FloatVector) ByteVector.fromMemorySegment(B128, this.data, p + SCALES + 32L * j + 16, LE)
						.convertShape(VectorOperators.B2F, F, 0))
						.mul(FloatVector.fromMemorySegment(F, this.data, p + D + 64, LE)))
					.fma(scale, FloatVector.fromArray(F, sums, 32 + 16))
					.intoArray(sums, 32 + 16);
			}
		}
		int n = Math.min(ROWS, this.rows - group * ROWS);
		for (int row = 0; row < n; row++) {
			out[outOffset + row] = sums[PackedQ4_K.lane(row)];
		}
		int m = Math.min(ROWS, this.rows - other * ROWS);
		for (int row = 0; row < m; row++) {
			out[otherOffset + row] = sums[ROWS + PackedQ4_K.lane(row)];
		}
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
		float[] scales = new float[ROWS];
		long base = (long) group * this.superBlocks * SUPER_BLOCK_BYTES;
		for (int j = 0; j < 16 * this.superBlocks; j++) {
			long o = base + (long) SUPER_BLOCK_BYTES * (j >>> 4);
			long sub = o + VALUES + (long) SUB_BLOCK_BYTES * (j & 15);
			for (int r = 0; r < ROWS; r++) {
				int lane = PackedQ4_K.lane(r);
				scales[r] = this.data.get(FLOAT_LE, o + D + 4L * lane)
						* this.data.get(ValueLayout.JAVA_BYTE, o + SCALES + 32L * (j & 15) + lane);
			}
			FloatVector sc0 = FloatVector.fromArray(F, scales, 0);
			FloatVector sc1 = FloatVector.fromArray(F, scales, 16);
			for (int half = 0; half < 2; half++) {
				// columns 8 half to 8 half + 7 of the 32 rows: two runs of low nibbles,
				// one of high bits
				long run = sub + 192L * half;
				ShortVector l0 = ShortVector.fromMemorySegment(S, this.data, run, LE);
				ShortVector l1 = ShortVector.fromMemorySegment(S, this.data, run + 64, LE);
				ShortVector h = ShortVector.fromMemorySegment(S, this.data, run + HIGH, LE);
				for (int c = 0; c < 8; c++) {
					ShortVector value = ((c < 4) ? l0 : l1).lanewise(VectorOperators.LSHR, 4 * (c % 4))
						.and((short) 0x0F)
						.or(h.lanewise(VectorOperators.LSHR, 2 * c).and((short) 0x03).lanewise(VectorOperators.LSHL, 4))
						.sub((short) 32);
					int t = 32 * (16 * j + 8 * half + c);
					((FloatVector) value.convertShape(VectorOperators.S2F, F, 0)).mul(sc0).intoArray(tile, t);
					((FloatVector) value.convertShape(VectorOperators.S2F, F, 1)).mul(sc1).intoArray(tile, t + 16);
				}
			}
		}
	}

}
