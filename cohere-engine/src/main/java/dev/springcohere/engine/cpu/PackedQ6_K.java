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
 * <li>16 sub-blocks of 16 columns, 384 bytes each: 8 runs of 32 bytes, run {@code t} byte
 * {@code r} holding the low 4 bits of column {@code 2t} of row {@code r} in its low
 * nibble and of column {@code 2t + 1} in its high one; then 4 runs of 32 bytes, run
 * {@code u} byte {@code r} holding the high 2 bits of columns {@code 4u} to
 * {@code 4u + 3} of row {@code r}, two bits each from bit 0 (ggml's unsigned 6-bit
 * values; 6144 bytes).</li>
 * </ul>
 * The scales and {@code d} are stored even rows first, then odd rows, the order in which
 * the kernel's 16-bit sums come out of the 32-bit lanes, and before the values, so that a
 * super-block is read in ascending order (as {@link PackedQ4_K}'s).
 * <p>
 * A weight is {@code d * scale * (v - 32)}. Per 8 columns the kernel sums {@code v * q}
 * in 16-bit lanes from {@code -32 * sum(q)}
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

	private static final int HIGH = 256;

	private static final int SCALES = 0;

	private static final int D = SCALES + 512;

	/** Where the values start, after the scales and d. */
	private static final int VALUES = D + 128;

	private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

	private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);

	private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

	private static final VectorSpecies<Byte> B256 = ByteVector.SPECIES_256;

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
					outBytes[k + 32 * (c / 2) + r] |= (byte) ((v & 0x0F) << (4 * (c % 2)));
					outBytes[k + HIGH + 32 * (c / 4) + r] |= (byte) ((v >>> 4) << (2 * (c % 4)));
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
	void gemv(int group, QuantizedActivations a, short[] offsets, int aOffset, float[] out, int outOffset) {
		short[] q = a.values();
		float[] d = a.scales();
		int first = aOffset / 32;
		int firstOffset = aOffset / 8;
		float[] sums = RowSums.zeroed(ROWS);
		long base = (long) group * this.superBlocks * SUPER_BLOCK_BYTES;
		for (int sb = 0; sb < this.superBlocks; sb++) {
			long o = base + (long) SUPER_BLOCK_BYTES * sb;
			for (int j = 0; j < 16; j++) {
				long low = o + VALUES + (long) SUB_BLOCK_BYTES * j;
				long high = low + HIGH;
				int qb = aOffset + 256 * sb + 16 * j;
				int run8 = firstOffset + 32 * sb + 2 * j;
				// columns 0-7 of the sub-block, then 8-15, four at a time: two runs
				// of low nibbles and one of high bits
				ShortVector acc = ShortVector.broadcast(S, offsets[run8]);
				for (int u = 0; u < 2; u++) {
					ShortVector h = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, high + 32 * u, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector l0 = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, low + 64 * u, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector l1 = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, low + 64 * u + 32, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					int c = qb + 4 * u;
					acc = l0.and((short) 0x0F)
						.or(h.lanewise(VectorOperators.LSHL, 4).and((short) 0x30))
						.mul(q[c])
						.add(acc);
					acc = l0.lanewise(VectorOperators.LSHR, 4)
						.or(h.lanewise(VectorOperators.LSHL, 2).and((short) 0x30))
						.mul(q[c + 1])
						.add(acc);
					acc = l1.and((short) 0x0F).or(h.and((short) 0x30)).mul(q[c + 2]).add(acc);
					acc = l1.lanewise(VectorOperators.LSHR, 4)
						.or(h.lanewise(VectorOperators.LSHR, 2).and((short) 0x30))
						.mul(q[c + 3])
						.add(acc);
				}
				ShortVector bcc = ShortVector.broadcast(S, offsets[run8 + 1]);
				for (int u = 2; u < 4; u++) {
					ShortVector h = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, high + 32 * u, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector l0 = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, low + 64 * u, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector l1 = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, low + 64 * u + 32, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					int c = qb + 4 * u;
					bcc = l0.and((short) 0x0F)
						.or(h.lanewise(VectorOperators.LSHL, 4).and((short) 0x30))
						.mul(q[c])
						.add(bcc);
					bcc = l0.lanewise(VectorOperators.LSHR, 4)
						.or(h.lanewise(VectorOperators.LSHL, 2).and((short) 0x30))
						.mul(q[c + 1])
						.add(bcc);
					bcc = l1.and((short) 0x0F).or(h.and((short) 0x30)).mul(q[c + 2]).add(bcc);
					bcc = l1.lanewise(VectorOperators.LSHR, 4)
						.or(h.lanewise(VectorOperators.LSHR, 2).and((short) 0x30))
						.mul(q[c + 3])
						.add(bcc);
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
	void gemvPair(int group, int other, QuantizedActivations a, short[] offsets, int aOffset, float[] out,
			int outOffset, int otherOffset) {
		short[] q = a.values();
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
				// per group, columns 0-7 then 8-15 of the sub-block, four at a time
				ShortVector acc = ShortVector.broadcast(S, offsets[run8]);
				ShortVector bcc = acc;
				ShortVector ecc = ShortVector.broadcast(S, offsets[run8 + 1]);
				ShortVector fcc = ecc;
				for (int u = 0; u < 2; u++) {
					ShortVector h = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, low + HIGH + 32 * u, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector l0 = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, low + 64 * u, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector l1 = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, low + 64 * u + 32, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector g = (ShortVector) ByteVector
						.fromMemorySegment(B256, this.data, otherLow + HIGH + 32 * u, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector k0 = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, otherLow + 64 * u, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector k1 = (ShortVector) ByteVector
						.fromMemorySegment(B256, this.data, otherLow + 64 * u + 32, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					int c = qb + 4 * u;
					ShortVector x = l0.and((short) 0x0F)
						.or(h.lanewise(VectorOperators.LSHL, 4).and((short) 0x30))
						.mul(q[c])
						.add(l0.lanewise(VectorOperators.LSHR, 4)
							.or(h.lanewise(VectorOperators.LSHL, 2).and((short) 0x30))
							.mul(q[c + 1]))
						.add(l1.and((short) 0x0F).or(h.and((short) 0x30)).mul(q[c + 2]))
						.add(l1.lanewise(VectorOperators.LSHR, 4)
							.or(h.lanewise(VectorOperators.LSHR, 2).and((short) 0x30))
							.mul(q[c + 3]));
					ShortVector y = k0.and((short) 0x0F)
						.or(g.lanewise(VectorOperators.LSHL, 4).and((short) 0x30))
						.mul(q[c])
						.add(k0.lanewise(VectorOperators.LSHR, 4)
							.or(g.lanewise(VectorOperators.LSHL, 2).and((short) 0x30))
							.mul(q[c + 1]))
						.add(k1.and((short) 0x0F).or(g.and((short) 0x30)).mul(q[c + 2]))
						.add(k1.lanewise(VectorOperators.LSHR, 4)
							.or(g.lanewise(VectorOperators.LSHR, 2).and((short) 0x30))
							.mul(q[c + 3]));
					acc = acc.add(x);
					bcc = bcc.add(y);
				}
				for (int u = 2; u < 4; u++) {
					ShortVector h = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, low + HIGH + 32 * u, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector l0 = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, low + 64 * u, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector l1 = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, low + 64 * u + 32, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector g = (ShortVector) ByteVector
						.fromMemorySegment(B256, this.data, otherLow + HIGH + 32 * u, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector k0 = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, otherLow + 64 * u, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector k1 = (ShortVector) ByteVector
						.fromMemorySegment(B256, this.data, otherLow + 64 * u + 32, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					int c = qb + 4 * u;
					ShortVector x = l0.and((short) 0x0F)
						.or(h.lanewise(VectorOperators.LSHL, 4).and((short) 0x30))
						.mul(q[c])
						.add(l0.lanewise(VectorOperators.LSHR, 4)
							.or(h.lanewise(VectorOperators.LSHL, 2).and((short) 0x30))
							.mul(q[c + 1]))
						.add(l1.and((short) 0x0F).or(h.and((short) 0x30)).mul(q[c + 2]))
						.add(l1.lanewise(VectorOperators.LSHR, 4)
							.or(h.lanewise(VectorOperators.LSHR, 2).and((short) 0x30))
							.mul(q[c + 3]));
					ShortVector y = k0.and((short) 0x0F)
						.or(g.lanewise(VectorOperators.LSHL, 4).and((short) 0x30))
						.mul(q[c])
						.add(k0.lanewise(VectorOperators.LSHR, 4)
							.or(g.lanewise(VectorOperators.LSHL, 2).and((short) 0x30))
							.mul(q[c + 1]))
						.add(k1.and((short) 0x0F).or(g.and((short) 0x30)).mul(q[c + 2]))
						.add(k1.lanewise(VectorOperators.LSHR, 4)
							.or(g.lanewise(VectorOperators.LSHR, 2).and((short) 0x30))
							.mul(q[c + 3]));
					ecc = ecc.add(x);
					fcc = fcc.add(y);
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
			for (int col = 0; col < 16; col++) {
				// the column's run of low nibbles and its run of high bits; rows 0-15
				// then 16-31, shifted in 32-bit lanes (x86 has no byte shift), masked
				int c = col;
				int t = 32 * (16 * j + col);
				for (int half = 0; half < 2; half++) {
					ByteVector v = ByteVector.fromMemorySegment(B128, this.data, sub + 32L * (c / 2) + 16 * half, LE);
					ByteVector h = ByteVector.fromMemorySegment(B128, this.data, sub + HIGH + 32L * (c / 4) + 16 * half,
							LE);
					ByteVector value = v.reinterpretAsInts()
						.lanewise(VectorOperators.LSHR, 4 * (c % 2))
						.reinterpretAsBytes()
						.and((byte) 0x0F)
						.or(h.reinterpretAsInts()
							.lanewise(VectorOperators.LSHR, 2 * (c % 4))
							.reinterpretAsBytes()
							.and((byte) 0x03)
							.reinterpretAsInts()
							.lanewise(VectorOperators.LSHL, 4)
							.reinterpretAsBytes());
					((FloatVector) value.sub((byte) 32).convertShape(VectorOperators.B2F, F, 0))
						.mul((half == 0) ? sc0 : sc1)
						.intoArray(tile, t + 16 * half);
				}
			}
		}
	}

}
