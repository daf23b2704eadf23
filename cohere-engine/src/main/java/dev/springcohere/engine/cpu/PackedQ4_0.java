package dev.springcohere.engine.cpu;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import dev.springcohere.engine.model.BlockFormats;
import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.RowGroups;
import dev.springcohere.engine.model.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.jspecify.annotations.Nullable;

/**
 * A Q4_0 weight repacked for the decode GEMV: rows in groups of {@value #ROWS}, so that
 * one 512-bit register holds the same column of 32 rows and the dot products become
 * 16-bit integer multiply-adds against activations quantized per block of 32 to 8 bits
 * (as llama.cpp does), 32 rows per instruction.
 * <p>
 * Layout: {@link RowGroups} (per group of 32 rows and block of 32 columns, 8 runs of 64
 * bytes, run {@code u} holding in its 16-bit lane {@code r} the nibbles of columns
 * {@code 4u} to {@code 4u + 3} of row {@code r}, from bit 0; then the 32 rows' scales as
 * f16): 576 bytes per 1024 weights, ggml's size. Weights quantized on load are stored in
 * this layout and used as they are; a weight in ggml's layout (a GGUF file) gets a
 * repacked copy next to its own bytes, in an automatic arena freed once the copy is
 * unreachable.
 * <p>
 * Per four columns the kernel loads one 64-byte run as 32 16-bit lanes {@code w} and
 * multiplies {@code w} and its logical shifts right by 4, 8 and 12 bits by the broadcast
 * {@link QuantizedActivations#nibbleMultipliers} ({@code vpmullw}) into a 16-bit
 * accumulator: with {@code w = n0 + 16 n1 + 256 n2 + 4096 n3}, the products sum to
 * {@code n0 q0 + n1 q1 + n2 q2 + n3 q3} modulo 2^16, so no nibble is masked out or
 * widened: a cache line of weights costs one load, three shifts, four multiplies and four
 * adds, where a byte per pair of columns cost two loads, two widenings, two masks and two
 * shifts for the same multiplies and adds (about 1.17x faster from the caches, no faster
 * measurably from memory; docs/benchmarks.md). The accumulator starts at
 * {@code -8 * sum(q)} ({@link QuantizedActivations#offsets}), so that the nibbles need
 * not be re-centred: the block's sum {@code sum((n - 8) * q)} stays within 32 x 8 x 127 =
 * 32512, so the accumulator ends exact although it wraps on the way. Once per block the
 * 32 sums are widened to float as even rows (the low halves of 32-bit lanes, by a shift
 * up and an arithmetic shift down) and odd rows (an arithmetic shift), with the f16
 * scales read the same way as 16 ints, so no lane crosses the register; they are scaled
 * by the weight and activation scales and added to the row sums, kept as even rows then
 * odd ones in the thread's {@link RowSums}. The activations' quantization adds an error
 * of about 1/254 of each block's largest activation per product, as in llama.cpp.
 * {@link ScalarQuantizedDot#q4_0Q8} is the scalar twin.
 */
final class PackedQ4_0 {

	/** Rows per group (lanes of a 512-bit vector of shorts). */
	static final int ROWS = 32;

	private static final int BLOCK_BYTES = RowGroups.groupBlockBytes(DType.Q4_0);

	private static final int SCALES = RowGroups.scalesOffset(DType.Q4_0);

	private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

	private static final VectorSpecies<Short> S = ShortVector.SPECIES_512;

	private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;

	/** 16 f16 scales, widened to 16 int lanes. */
	private static final VectorSpecies<Short> S256 = ShortVector.SPECIES_256;

	private static final VectorSpecies<Integer> I = IntVector.SPECIES_512;

	/**
	 * An f16 sign-extended to 32 bits and shifted left by 13: the sign at bit 31, the
	 * exponent and mantissa in float32's places; this mask clears the sign's copies.
	 */
	private static final int F16_BITS = 0x8FFFE000;

	/** The difference of the exponent biases, 2^(127 - 15). */
	private static final float F16_BIAS = 0x1p112f;

	private final MemorySegment data;

	private final int rows;

	private final int blocks;

	private PackedQ4_0(MemorySegment data, int rows, int blocks) {
		this.data = data;
		this.rows = rows;
		this.blocks = blocks;
	}

	/**
	 * The {@link RowGroups} view of a Q4_0 weight {@code [rows, columns]} (see
	 * {@link RowGroupBytes#of}).
	 * @param w the weight
	 * @param team the threads that repack, or null to repack on the caller
	 * @return the view
	 */
	static PackedQ4_0 of(Tensor w, @Nullable WorkerTeam team) {
		MemorySegment data = RowGroupBytes.of(w, DType.Q4_0, team);
		return new PackedQ4_0(data, Math.toIntExact(w.dim(0)), Math.toIntExact(w.dim(1) / 32));
	}

	/**
	 * The bytes of the repacked copy.
	 * @return its size in bytes
	 */
	long byteSize() {
		return this.data.byteSize();
	}

	/**
	 * Quantizes activations per block of 32 to 8-bit values (kept widened to 16 bits) and
	 * a scale, as ggml's {@code quantize_row_q8_0_ref}: {@code d = max|x| / 127},
	 * {@code q = round(x / d)}, halves away from zero.
	 * @param x the activations
	 * @param offset the first one
	 * @param n how many, a multiple of 32
	 * @param q receives the values at {@code q[qOffset..]}
	 * @param qOffset where the first value goes
	 * @param d receives the {@code n / 32} scales at {@code d[dOffset..]}
	 * @param dOffset where the first scale goes
	 */
	static void quantizeActivations(float[] x, int offset, int n, short[] q, int qOffset, float[] d, int dOffset) {
		for (int b = 0; b < n / 32; b++) {
			int xb = offset + 32 * b;
			float amax = 0;
			for (int j = 0; j < 32; j++) {
				amax = Math.max(amax, Math.abs(x[xb + j]));
			}
			float scale = amax / 127f;
			float inverse = (scale != 0) ? 1 / scale : 0;
			d[dOffset + b] = scale;
			for (int j = 0; j < 32; j++) {
				q[qOffset + 32 * b + j] = (short) BlockFormats.roundHalfAway(x[xb + j] * inverse);
			}
		}
	}

	/*
	 * The kernels below spell out every load, shift and widening instead of calling
	 * helpers: a helper C2 leaves as a call (it does so once the helper's own compiled
	 * code is large, InlineSmallCode) takes and returns boxed vectors, measured 1.5-2x
	 * slower. The f16 scales are widened as in PackedQ8_0, in four operations per 16
	 * (here from the halves of 32-bit lanes).
	 */

	/**
	 * Dequantizes group {@code group} into a column-interleaved float tile for
	 * {@link TileGemm#multiplyInterleaved}: {@code tile[32 * c + r]} is the weight of row
	 * {@code r} (of the group) and column {@code c}, scale applied.
	 * @param group the group of {@value #ROWS} rows
	 * @param tile receives {@code 32 * columns} floats from index 0
	 */
	void dequantize(int group, float[] tile) {
		long base = (long) group * this.blocks * BLOCK_BYTES;
		for (int b = 0; b < this.blocks; b++) {
			long o = base + (long) BLOCK_BYTES * b;
			FloatVector d0 = ((IntVector) ShortVector.fromMemorySegment(S256, this.data, o + SCALES, LE)
				.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13)
				.and(F16_BITS)
				.reinterpretAsFloats()
				.mul(F16_BIAS);
			FloatVector d1 = ((IntVector) ShortVector.fromMemorySegment(S256, this.data, o + SCALES + 32, LE)
				.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13)
				.and(F16_BITS)
				.reinterpretAsFloats()
				.mul(F16_BIAS);
			int t = 1024 * b;
			for (int u = 0; u < 8; u++) {
				// run u: columns 4u to 4u + 3 of the 32 rows, a nibble each per lane
				ShortVector w = ShortVector.fromMemorySegment(S, this.data, o + 64L * u, LE);
				for (int k = 0; k < 4; k++) {
					ShortVector n = w.lanewise(VectorOperators.LSHR, 4 * k).and((short) 0x0F).sub((short) 8);
					int c = t + 32 * (4 * u + k);
					((FloatVector) n.convertShape(VectorOperators.S2F, F, 0)).mul(d0).intoArray(tile, c);
					((FloatVector) n.convertShape(VectorOperators.S2F, F, 1)).mul(d1).intoArray(tile, c + 16);
				}
			}
		}
	}

	/**
	 * The dot products of the rows of group {@code group} with one activation row
	 * quantized by {@link #quantizeActivations}.
	 * @param group the group of {@value #ROWS} rows
	 * @param a the quantized activations
	 * @param aOffset the first of the row, a multiple of 32
	 * @param out receives the group's sums at {@code out[outOffset..]} (only for rows
	 * that exist)
	 * @param outOffset where the group's first row goes
	 */
	void gemv(int group, QuantizedActivations a, int aOffset, float[] out, int outOffset) {
		short[] multipliers = a.nibbleMultipliers();
		float[] d = a.scales();
		short[] offsets = a.offsets();
		int first = aOffset / 32;
		float[] sums = RowSums.zeroed(ROWS);
		long base = (long) group * this.blocks * BLOCK_BYTES;
		for (int b = 0; b < this.blocks; b++) {
			long o = base + (long) BLOCK_BYTES * b;
			int qb = aOffset + 32 * b;
			ShortVector acc = ShortVector.broadcast(S, offsets[first + b]);
			for (int u = 0; u < 8; u++) {
				ShortVector w = ShortVector.fromMemorySegment(S, this.data, o + 64 * u, LE);
				int c = qb + 4 * u;
				acc = w.mul(multipliers[c]).add(acc);
				acc = w.lanewise(VectorOperators.LSHR, 4).mul(multipliers[c + 1]).add(acc);
				acc = w.lanewise(VectorOperators.LSHR, 8).mul(multipliers[c + 2]).add(acc);
				acc = w.lanewise(VectorOperators.LSHR, 12).mul(multipliers[c + 3]).add(acc);
			}
			FloatVector scale = FloatVector.broadcast(F, d[first + b]);
			IntVector pairs = acc.reinterpretAsInts();
			IntVector scales = IntVector.fromMemorySegment(I, this.data, o + SCALES, LE);
			FloatVector dEven = scales.lanewise(VectorOperators.LSHL, 16)
				.lanewise(VectorOperators.ASHR, 3)
				.and(F16_BITS)
				.reinterpretAsFloats()
				.mul(F16_BIAS);
			FloatVector dOdd = scales.lanewise(VectorOperators.ASHR, 3)
				.and(F16_BITS)
				.reinterpretAsFloats()
				.mul(F16_BIAS);
			((FloatVector) pairs.lanewise(VectorOperators.LSHL, 16)
				.lanewise(VectorOperators.ASHR, 16)
				.convert(VectorOperators.I2F, 0)).mul(dEven)
				.fma(scale, FloatVector.fromArray(F, sums, 0))
				.intoArray(sums, 0);
			((FloatVector) pairs.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).mul(dOdd)
				.fma(scale, FloatVector.fromArray(F, sums, 16))
				.intoArray(sums, 16);
		}
		store(sums, 0, group, out, outOffset);
	}

	/**
	 * The dot products of the rows of groups {@code group} and {@code other} with one
	 * activation row, both read in one pass: each activation is broadcast once for the
	 * two, and each thread keeps two streams of weights in flight (see
	 * {@link QuantizedMatmul} for which groups are paired).
	 * @param group a group of {@value #ROWS} rows
	 * @param other another group
	 * @param a the quantized activations
	 * @param aOffset the first of the row, a multiple of 32
	 * @param out receives the sums (only for rows that exist)
	 * @param outOffset where the first row of {@code group} goes
	 * @param otherOffset where the first row of {@code other} goes
	 */
	void gemvPair(int group, int other, QuantizedActivations a, int aOffset, float[] out, int outOffset,
			int otherOffset) {
		short[] multipliers = a.nibbleMultipliers();
		float[] d = a.scales();
		short[] offsets = a.offsets();
		int first = aOffset / 32;
		float[] sums = RowSums.zeroed(2 * ROWS);
		long base = (long) group * this.blocks * BLOCK_BYTES;
		long otherBase = (long) other * this.blocks * BLOCK_BYTES;
		for (int b = 0; b < this.blocks; b++) {
			long o = base + (long) BLOCK_BYTES * b;
			long p = otherBase + (long) BLOCK_BYTES * b;
			int qb = aOffset + 32 * b;
			ShortVector acc = ShortVector.broadcast(S, offsets[first + b]);
			ShortVector bcc = acc;
			for (int u = 0; u < 8; u++) {
				ShortVector v = ShortVector.fromMemorySegment(S, this.data, o + 64 * u, LE);
				ShortVector w = ShortVector.fromMemorySegment(S, this.data, p + 64 * u, LE);
				int c = qb + 4 * u;
				short m0 = multipliers[c];
				short m1 = multipliers[c + 1];
				short m2 = multipliers[c + 2];
				short m3 = multipliers[c + 3];
				acc = v.mul(m0).add(acc);
				bcc = w.mul(m0).add(bcc);
				acc = v.lanewise(VectorOperators.LSHR, 4).mul(m1).add(acc);
				bcc = w.lanewise(VectorOperators.LSHR, 4).mul(m1).add(bcc);
				acc = v.lanewise(VectorOperators.LSHR, 8).mul(m2).add(acc);
				bcc = w.lanewise(VectorOperators.LSHR, 8).mul(m2).add(bcc);
				acc = v.lanewise(VectorOperators.LSHR, 12).mul(m3).add(acc);
				bcc = w.lanewise(VectorOperators.LSHR, 12).mul(m3).add(bcc);
			}
			FloatVector scale = FloatVector.broadcast(F, d[first + b]);
			IntVector pairs = acc.reinterpretAsInts();
			IntVector otherPairs = bcc.reinterpretAsInts();
			IntVector scales = IntVector.fromMemorySegment(I, this.data, o + SCALES, LE);
			IntVector otherScales = IntVector.fromMemorySegment(I, this.data, p + SCALES, LE);
			FloatVector dEven = scales.lanewise(VectorOperators.LSHL, 16)
				.lanewise(VectorOperators.ASHR, 3)
				.and(F16_BITS)
				.reinterpretAsFloats()
				.mul(F16_BIAS);
			FloatVector dOdd = scales.lanewise(VectorOperators.ASHR, 3)
				.and(F16_BITS)
				.reinterpretAsFloats()
				.mul(F16_BIAS);
			FloatVector eEven = otherScales.lanewise(VectorOperators.LSHL, 16)
				.lanewise(VectorOperators.ASHR, 3)
				.and(F16_BITS)
				.reinterpretAsFloats()
				.mul(F16_BIAS);
			FloatVector eOdd = otherScales.lanewise(VectorOperators.ASHR, 3)
				.and(F16_BITS)
				.reinterpretAsFloats()
				.mul(F16_BIAS);
			((FloatVector) pairs.lanewise(VectorOperators.LSHL, 16)
				.lanewise(VectorOperators.ASHR, 16)
				.convert(VectorOperators.I2F, 0)).mul(dEven)
				.fma(scale, FloatVector.fromArray(F, sums, 0))
				.intoArray(sums, 0);
			((FloatVector) pairs.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).mul(dOdd)
				.fma(scale, FloatVector.fromArray(F, sums, 16))
				.intoArray(sums, 16);
			((FloatVector) otherPairs.lanewise(VectorOperators.LSHL, 16)
				.lanewise(VectorOperators.ASHR, 16)
				.convert(VectorOperators.I2F, 0)).mul(eEven)
				.fma(scale, FloatVector.fromArray(F, sums, 32))
				.intoArray(sums, 32);
			((FloatVector) otherPairs.lanewise(VectorOperators.ASHR, 16).convert(VectorOperators.I2F, 0)).mul(eOdd)
				.fma(scale, FloatVector.fromArray(F, sums, 48))
				.intoArray(sums, 48);
		}
		store(sums, 0, group, out, outOffset);
		store(sums, 32, other, out, otherOffset);
	}

	/**
	 * Copies a group's sums, kept as its even rows ({@code 0, 2, ..., 30}) then its odd
	 * ones from {@code sums[from..]}, into {@code out[offset..]} in row order (only rows
	 * that exist).
	 */
	private void store(float[] sums, int from, int group, float[] out, int offset) {
		int n = Math.min(ROWS, this.rows - group * ROWS);
		for (int r = 0; r < n; r++) {
			out[offset + r] = sums[from + (r >> 1) + ((r & 1) << 4)];
		}
	}

}
