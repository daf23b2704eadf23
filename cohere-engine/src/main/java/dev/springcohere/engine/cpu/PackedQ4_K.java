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
 * A Q4_K weight (ggml's {@code block_q4_K}, as a GGUF file holds it) repacked for the
 * decode GEMV and the prefill tile: rows in groups of {@value #ROWS}, so that one 512-bit
 * register holds the same column of 32 rows and a sub-block's dot products become, as in
 * {@link PackedQ4_0}, 16-bit integer multiply-adds against activations quantized per
 * block of 32 to 8 bits (as llama.cpp does), 32 rows per instruction.
 * <p>
 * Layout, per group of 32 rows and super-block of 256 columns (4864 bytes, 0.59375 bytes
 * per weight; ggml's: 0.5625):
 * <ul>
 * <li>the 6-bit scales of the 8 sub-blocks, 32 bytes each, then their 6-bit mins likewise
 * (ggml's {@code get_scale_min_k4}, decoded once here: 512 bytes);</li>
 * <li>the 32 rows' super-block {@code d}, then {@code dmin}, as float32 (256 bytes);</li>
 * <li>8 sub-blocks of 32 columns, each 16 runs of 32 bytes: run {@code t} byte {@code r}
 * holds column {@code 2t} of row {@code r} in its low nibble and column {@code 2t + 1} in
 * its high one (ggml's unsigned 4-bit values; 4096 bytes).</li>
 * </ul>
 * The scales come first so that a super-block is read in ascending order (with them after
 * the nibbles, each sub-block jumped ahead to its scales and back, and a streamed GEMV
 * read memory at about two thirds of the rate). The scales, mins, {@code d} and
 * {@code dmin} are stored even rows first, then odd rows, the order in which the kernel's
 * 16-bit sums come out of the 32-bit lanes.
 * <p>
 * A weight is {@code d * scale * n - dmin * min}, so against activations {@code a * q}
 * (scale {@code a}, 8-bit values {@code q}) a sub-block's dot product is
 * {@code a * (d * scale * sum(n * q) - dmin * min * sum(q))}. The kernel sums
 * {@code (n - 8) * q} in 16-bit lanes from the block's {@code -8 * sum(q)}
 * ({@link QuantizedActivations#offsets}), exact even where the lanes wrap, then adds
 * {@code 8 * sum(q)} back in float. Rows past the last are zeros.
 * {@link ScalarQuantizedDot#q4_KQ8} on the ggml bytes is the scalar twin.
 */
final class PackedQ4_K {

	/** Rows per group. */
	static final int ROWS = 32;

	/** Bytes of one group's super-block. */
	static final int SUPER_BLOCK_BYTES = 4096 + 256 + 256 + 128 + 128;

	private static final int SCALES = 0;

	private static final int MINS = SCALES + 256;

	private static final int D = MINS + 256;

	private static final int DMIN = D + 128;

	/** Where the nibbles start, after the scales, mins, d and dmin. */
	private static final int VALUES = DMIN + 128;

	private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

	private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);

	private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

	private static final VectorSpecies<Byte> B256 = ByteVector.SPECIES_256;

	private static final VectorSpecies<Short> S = ShortVector.SPECIES_512;

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
		MemorySegment block = MemorySegment.ofArray(new byte[144]);
		byte[] outBytes = new byte[SUPER_BLOCK_BYTES];
		MemorySegment out = MemorySegment.ofArray(outBytes);
		for (int sb = 0; sb < superBlocks; sb++) {
			Arrays.fill(outBytes, (byte) 0);
			for (int r = 0; r < n; r++) {
				MemorySegment.copy(src, (firstRow + r) * rowBytes + 144L * sb, block, 0, 144);
				int lane = lane(r);
				out.set(FLOAT_LE, D + 4L * lane, BlockFormats.f16(block, 0));
				out.set(FLOAT_LE, DMIN + 4L * lane, BlockFormats.f16(block, 2));
				for (int j = 0; j < 8; j++) {
					BlockFormats.scaleMinK4(block, 4, j, sm);
					outBytes[SCALES + 32 * j + lane] = (byte) sm[0];
					outBytes[MINS + 32 * j + lane] = (byte) sm[1];
					for (int c = 0; c < 32; c++) {
						int q = BlockFormats.q4KValue(block, 0, 32 * j + c);
						outBytes[VALUES + 512 * j + 32 * (c / 2) + r] |= (byte) (q << (4 * (c % 2)));
					}
				}
			}
			MemorySegment.copy(out, 0, dst, dstOffset + (long) SUPER_BLOCK_BYTES * sb, SUPER_BLOCK_BYTES);
		}
	}

	/**
	 * Where row {@code r}'s scales and sums go: even rows first, then odd rows.
	 * @param r a row of the group
	 * @return its lane
	 */
	static int lane(int r) {
		return (r >> 1) + ((r & 1) << 4);
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
	 * walk each super-block's sub-blocks in an inner loop (their offsets then grow with
	 * its index, so that the segment's bounds checks leave the loop); the super-block's d
	 * and dmin are read again (from L1) per sub-block rather than kept in registers.
	 */

	/**
	 * The dot products of the rows of group {@code group} with one activation row
	 * quantized by {@link QuantizedActivations#of}.
	 * @param group the group of {@value #ROWS} rows
	 * @param a the quantized activations
	 * @param aOffset the first of the row, a multiple of 256
	 * @param out receives the group's sums at {@code out[outOffset..]} (only for rows
	 * that exist)
	 * @param outOffset where the group's first row goes
	 */
	void gemv(int group, QuantizedActivations a, int aOffset, float[] out, int outOffset) {
		short[] q = a.values();
		float[] d = a.scales();
		short[] offsets = a.offsets();
		int first = aOffset / 32;
		float[] sums = RowSums.zeroed(ROWS);
		long base = (long) group * this.superBlocks * SUPER_BLOCK_BYTES;
		for (int sb = 0; sb < this.superBlocks; sb++) {
			long o = base + (long) SUPER_BLOCK_BYTES * sb;
			for (int j = 0; j < 8; j++) {
				long sub = o + VALUES + 512L * j;
				int block = first + 8 * sb + j;
				int qb = aOffset + 256 * sb + 32 * j;
				short offset = offsets[block];
				ShortVector acc = ShortVector.broadcast(S, offset);
				for (int t = 0; t < 16; t++) {
					ShortVector v = (ShortVector) ByteVector.fromMemorySegment(B256, this.data, sub + 32 * t, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					acc = v.and((short) 0x0F).mul(q[qb + 2 * t]).add(acc);
					acc = v.lanewise(VectorOperators.LSHR, 4).mul(q[qb + 2 * t + 1]).add(acc);
				}
				// sum(n * q) = acc + 8 * sum(q) = acc - offset
				IntVector pairs = acc.reinterpretAsInts();
				FloatVector even = ((FloatVector) pairs.lanewise(VectorOperators.LSHL, 16)
					.lanewise(VectorOperators.ASHR, 16)
					.convert(VectorOperators.I2F, 0)).sub(offset);
				FloatVector odd = ((FloatVector) pairs.lanewise(VectorOperators.ASHR, 16)
					.convert(VectorOperators.I2F, 0)).sub(offset);
				float activationScale = d[block];
				FloatVector scale = FloatVector.broadcast(F, activationScale);
				// the activations' sum, negated: -scale * sum(q) = scale * offset / 8
				FloatVector sum = FloatVector.broadcast(F, activationScale * offset * 0.125f);
				long s = o + SCALES + 32L * j;
				long m = o + MINS + 32L * j;
				FloatVector sc0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, s, LE)
					.convertShape(VectorOperators.B2F, F, 0))
					.mul(FloatVector.fromMemorySegment(F, this.data, o + D, LE));
				FloatVector sc1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, s + 16, LE)
					.convertShape(VectorOperators.B2F, F, 0))
					.mul(FloatVector.fromMemorySegment(F, this.data, o + D + 64, LE));
				FloatVector mn0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, m, LE)
					.convertShape(VectorOperators.B2F, F, 0))
					.mul(FloatVector.fromMemorySegment(F, this.data, o + DMIN, LE));
				FloatVector mn1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, m + 16, LE)
					.convertShape(VectorOperators.B2F, F, 0))
					.mul(FloatVector.fromMemorySegment(F, this.data, o + DMIN + 64, LE));
				even.mul(sc0).fma(scale, mn0.fma(sum, FloatVector.fromArray(F, sums, 0))).intoArray(sums, 0);
				odd.mul(sc1).fma(scale, mn1.fma(sum, FloatVector.fromArray(F, sums, 16))).intoArray(sums, 16);
			}
		}
		store(sums, 0, group, out, outOffset);
	}

	/**
	 * The dot products of the rows of groups {@code group + k * stride} ({@code k} from 0
	 * to 3) with one activation row, the four read in one pass: each activation is
	 * broadcast once for the four, and each thread keeps four streams of weights in
	 * flight (see {@link QuantizedMatmul#quadTasks}; two streams, as Q4_0 reads, were
	 * 1.2-1.3x slower for this kernel streamed from memory, one stream 1.7x).
	 * @param group the first group of {@value #ROWS} rows
	 * @param stride the distance between the four groups
	 * @param a the quantized activations
	 * @param aOffset the first of the row, a multiple of 256
	 * @param out receives the sums (only for rows that exist)
	 * @param outOffset where the first row of {@code group} goes; group {@code k}'s at
	 * {@code outOffset + k * stride * 32}
	 */
	void gemvQuad(int group, int stride, QuantizedActivations a, int aOffset, float[] out, int outOffset) {
		short[] q = a.values();
		float[] d = a.scales();
		short[] offsets = a.offsets();
		int first = aOffset / 32;
		float[] sums = RowSums.zeroed(4 * ROWS);
		long bytes = (long) this.superBlocks * SUPER_BLOCK_BYTES;
		long base0 = group * bytes;
		long base1 = (group + stride) * bytes;
		long base2 = (group + 2L * stride) * bytes;
		long base3 = (group + 3L * stride) * bytes;
		for (int sb = 0; sb < this.superBlocks; sb++) {
			long o = base0 + (long) SUPER_BLOCK_BYTES * sb;
			long p = base1 + (long) SUPER_BLOCK_BYTES * sb;
			long u = base2 + (long) SUPER_BLOCK_BYTES * sb;
			long w = base3 + (long) SUPER_BLOCK_BYTES * sb;
			for (int j = 0; j < 8; j++) {
				int block = first + 8 * sb + j;
				int qb = aOffset + 256 * sb + 32 * j;
				short offset = offsets[block];
				ShortVector acc = ShortVector.broadcast(S, offset);
				ShortVector bcc = acc;
				ShortVector ccc = acc;
				ShortVector dcc = acc;
				for (int t = 0; t < 16; t++) {
					ShortVector v = (ShortVector) ByteVector
						.fromMemorySegment(B256, this.data, o + VALUES + 512L * j + 32 * t, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector x = (ShortVector) ByteVector
						.fromMemorySegment(B256, this.data, p + VALUES + 512L * j + 32 * t, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector y = (ShortVector) ByteVector
						.fromMemorySegment(B256, this.data, u + VALUES + 512L * j + 32 * t, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					ShortVector z = (ShortVector) ByteVector
						.fromMemorySegment(B256, this.data, w + VALUES + 512L * j + 32 * t, LE)
						.convertShape(VectorOperators.ZERO_EXTEND_B2S, S, 0);
					short low = q[qb + 2 * t];
					short high = q[qb + 2 * t + 1];
					acc = v.and((short) 0x0F).mul(low).add(acc);
					acc = v.lanewise(VectorOperators.LSHR, 4).mul(high).add(acc);
					bcc = x.and((short) 0x0F).mul(low).add(bcc);
					bcc = x.lanewise(VectorOperators.LSHR, 4).mul(high).add(bcc);
					ccc = y.and((short) 0x0F).mul(low).add(ccc);
					ccc = y.lanewise(VectorOperators.LSHR, 4).mul(high).add(ccc);
					dcc = z.and((short) 0x0F).mul(low).add(dcc);
					dcc = z.lanewise(VectorOperators.LSHR, 4).mul(high).add(dcc);
				}
				float activationScale = d[block];
				FloatVector scale = FloatVector.broadcast(F, activationScale);
				FloatVector sum = FloatVector.broadcast(F, activationScale * offset * 0.125f);
				IntVector g0Pairs = acc.reinterpretAsInts();
				((FloatVector) g0Pairs.lanewise(VectorOperators.LSHL, 16)
					.lanewise(VectorOperators.ASHR, 16)
					.convert(VectorOperators.I2F, 0))
					.sub(offset)
					.mul(((FloatVector) ByteVector.fromMemorySegment(B128, this.data, o + SCALES + 32L * j, LE)
						.convertShape(VectorOperators.B2F, F, 0))
						.mul(FloatVector.fromMemorySegment(F, this.data, o + D, LE)))
					.fma(scale,
							((FloatVector) ByteVector.fromMemorySegment(B128, this.data, o + MINS + 32L * j, LE)
								.convertShape(VectorOperators.B2F, F, 0))
								.mul(FloatVector.fromMemorySegment(F, this.data, o + DMIN, LE))
								.fma(sum, FloatVector.fromArray(F, sums, 0)))
					.intoArray(sums, 0);
				((FloatVector) g0Pairs.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).sub(offset)
					.mul(((FloatVector) ByteVector.fromMemorySegment(B128, this.data, o + SCALES + 32L * j + 16, LE)
						.convertShape(VectorOperators.B2F, F, 0))
						.mul(FloatVector.fromMemorySegment(F, this.data, o + D + 64, LE)))
					.fma(scale,
							((FloatVector) ByteVector.fromMemorySegment(B128, this.data, o + MINS + 32L * j + 16, LE)
								.convertShape(VectorOperators.B2F, F, 0))
								.mul(FloatVector.fromMemorySegment(F, this.data, o + DMIN + 64, LE))
								.fma(sum, FloatVector.fromArray(F, sums, 0 + 16)))
					.intoArray(sums, 0 + 16);
				IntVector g1Pairs = bcc.reinterpretAsInts();
				((FloatVector) g1Pairs.lanewise(VectorOperators.LSHL, 16)
					.lanewise(VectorOperators.ASHR, 16)
					.convert(VectorOperators.I2F, 0))
					.sub(offset)
					.mul(((FloatVector) ByteVector.fromMemorySegment(B128, this.data, p + SCALES + 32L * j, LE)
						.convertShape(VectorOperators.B2F, F, 0))
						.mul(FloatVector.fromMemorySegment(F, this.data, p + D, LE)))
					.fma(scale,
							((FloatVector) ByteVector.fromMemorySegment(B128, this.data, p + MINS + 32L * j, LE)
								.convertShape(VectorOperators.B2F, F, 0))
								.mul(FloatVector.fromMemorySegment(F, this.data, p + DMIN, LE))
								.fma(sum, FloatVector.fromArray(F, sums, 32)))
					.intoArray(sums, 32);
				((FloatVector) g1Pairs.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).sub(offset)
					.mul(((FloatVector) ByteVector.fromMemorySegment(B128, this.data, p + SCALES + 32L * j + 16, LE)
						.convertShape(VectorOperators.B2F, F, 0))
						.mul(FloatVector.fromMemorySegment(F, this.data, p + D + 64, LE)))
					.fma(scale,
							((FloatVector) ByteVector.fromMemorySegment(B128, this.data, p + MINS + 32L * j + 16, LE)
								.convertShape(VectorOperators.B2F, F, 0))
								.mul(FloatVector.fromMemorySegment(F, this.data, p + DMIN + 64, LE))
								.fma(sum, FloatVector.fromArray(F, sums, 32 + 16)))
					.intoArray(sums, 32 + 16);
				IntVector g2Pairs = ccc.reinterpretAsInts();
				((FloatVector) g2Pairs.lanewise(VectorOperators.LSHL, 16)
					.lanewise(VectorOperators.ASHR, 16)
					.convert(VectorOperators.I2F, 0))
					.sub(offset)
					.mul(((FloatVector) ByteVector.fromMemorySegment(B128, this.data, u + SCALES + 32L * j, LE)
						.convertShape(VectorOperators.B2F, F, 0))
						.mul(FloatVector.fromMemorySegment(F, this.data, u + D, LE)))
					.fma(scale,
							((FloatVector) ByteVector.fromMemorySegment(B128, this.data, u + MINS + 32L * j, LE)
								.convertShape(VectorOperators.B2F, F, 0))
								.mul(FloatVector.fromMemorySegment(F, this.data, u + DMIN, LE))
								.fma(sum, FloatVector.fromArray(F, sums, 64)))
					.intoArray(sums, 64);
				((FloatVector) g2Pairs.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).sub(offset)
					.mul(((FloatVector) ByteVector.fromMemorySegment(B128, this.data, u + SCALES + 32L * j + 16, LE)
						.convertShape(VectorOperators.B2F, F, 0))
						.mul(FloatVector.fromMemorySegment(F, this.data, u + D + 64, LE)))
					.fma(scale,
							((FloatVector) ByteVector.fromMemorySegment(B128, this.data, u + MINS + 32L * j + 16, LE)
								.convertShape(VectorOperators.B2F, F, 0))
								.mul(FloatVector.fromMemorySegment(F, this.data, u + DMIN + 64, LE))
								.fma(sum, FloatVector.fromArray(F, sums, 64 + 16)))
					.intoArray(sums, 64 + 16);
				IntVector g3Pairs = dcc.reinterpretAsInts();
				((FloatVector) g3Pairs.lanewise(VectorOperators.LSHL, 16)
					.lanewise(VectorOperators.ASHR, 16)
					.convert(VectorOperators.I2F, 0))
					.sub(offset)
					.mul(((FloatVector) ByteVector.fromMemorySegment(B128, this.data, w + SCALES + 32L * j, LE)
						.convertShape(VectorOperators.B2F, F, 0))
						.mul(FloatVector.fromMemorySegment(F, this.data, w + D, LE)))
					.fma(scale,
							((FloatVector) ByteVector.fromMemorySegment(B128, this.data, w + MINS + 32L * j, LE)
								.convertShape(VectorOperators.B2F, F, 0))
								.mul(FloatVector.fromMemorySegment(F, this.data, w + DMIN, LE))
								.fma(sum, FloatVector.fromArray(F, sums, 96)))
					.intoArray(sums, 96);
				((FloatVector) g3Pairs.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).sub(offset)
					.mul(((FloatVector) ByteVector.fromMemorySegment(B128, this.data, w + SCALES + 32L * j + 16, LE)
						.convertShape(VectorOperators.B2F, F, 0))
						.mul(FloatVector.fromMemorySegment(F, this.data, w + D + 64, LE)))
					.fma(scale,
							((FloatVector) ByteVector.fromMemorySegment(B128, this.data, w + MINS + 32L * j + 16, LE)
								.convertShape(VectorOperators.B2F, F, 0))
								.mul(FloatVector.fromMemorySegment(F, this.data, w + DMIN + 64, LE))
								.fma(sum, FloatVector.fromArray(F, sums, 96 + 16)))
					.intoArray(sums, 96 + 16);
			}
		}
		for (int k = 0; k < 4; k++) {
			store(sums, ROWS * k, group + k * stride, out, outOffset + k * stride * ROWS);
		}
	}

	/**
	 * Copies a group's sums, kept as its even rows then its odd ones from
	 * {@code sums[from..]}, into {@code out[offset..]} in row order (only rows that
	 * exist).
	 */
	private void store(float[] sums, int from, int group, float[] out, int offset) {
		int n = Math.min(ROWS, this.rows - group * ROWS);
		for (int r = 0; r < n; r++) {
			out[offset + r] = sums[from + lane(r)];
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
		float[] mins = new float[ROWS];
		long base = (long) group * this.superBlocks * SUPER_BLOCK_BYTES;
		for (int j = 0; j < 8 * this.superBlocks; j++) {
			long o = base + (long) SUPER_BLOCK_BYTES * (j >>> 3);
			long sub = o + VALUES + 512L * (j & 7);
			for (int r = 0; r < ROWS; r++) {
				int lane = lane(r);
				scales[r] = this.data.get(FLOAT_LE, o + D + 4L * lane)
						* this.data.get(ValueLayout.JAVA_BYTE, o + SCALES + 32L * (j & 7) + lane);
				mins[r] = this.data.get(FLOAT_LE, o + DMIN + 4L * lane)
						* this.data.get(ValueLayout.JAVA_BYTE, o + MINS + 32L * (j & 7) + lane);
			}
			FloatVector sc0 = FloatVector.fromArray(F, scales, 0);
			FloatVector sc1 = FloatVector.fromArray(F, scales, 16);
			FloatVector mn0 = FloatVector.fromArray(F, mins, 0);
			FloatVector mn1 = FloatVector.fromArray(F, mins, 16);
			int t = 1024 * j;
			for (int run = 0; run < 16; run++) {
				// columns 2 run (low nibbles) and 2 run + 1 (high nibbles), rows 0-15
				// then 16-31; the high nibbles shifted down in 32-bit lanes (x86 has
				// no byte shift) and masked
				ByteVector v0 = ByteVector.fromMemorySegment(B128, this.data, sub + 32L * run, LE);
				ByteVector v1 = ByteVector.fromMemorySegment(B128, this.data, sub + 32L * run + 16, LE);
				ByteVector u0 = v0.reinterpretAsInts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes();
				ByteVector u1 = v1.reinterpretAsInts().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes();
				int lo = t + 64 * run;
				((FloatVector) v0.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0)).mul(sc0)
					.sub(mn0)
					.intoArray(tile, lo);
				((FloatVector) v1.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0)).mul(sc1)
					.sub(mn1)
					.intoArray(tile, lo + 16);
				((FloatVector) u0.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0)).mul(sc0)
					.sub(mn0)
					.intoArray(tile, lo + 32);
				((FloatVector) u1.and((byte) 0x0F).convertShape(VectorOperators.B2F, F, 0)).mul(sc1)
					.sub(mn1)
					.intoArray(tile, lo + 48);
			}
		}
	}

}
