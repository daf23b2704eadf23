package dev.springcohere.engine.cpu;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.RowGroups;
import dev.springcohere.engine.model.Tensor;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.jspecify.annotations.Nullable;

/**
 * A Q8_0 weight repacked for the decode GEMV and the prefill tile: rows in groups of
 * {@value #ROWS}, so that 16 bytes hold the same column of 16 rows and a dot product
 * becomes, per column, one widening of 16 weights to float and one FMA with the broadcast
 * activation into a per-row accumulator: no horizontal sums, no per-block reduction,
 * float32 activations (no quantization error added).
 * <p>
 * Layout: {@link RowGroups} (per group of 32 rows and block of 32 columns, 32 runs of 32
 * bytes, run {@code c} byte {@code r} the int8 of column {@code c} of row {@code r}, then
 * the 32 rows' scales as f16): 1088 bytes per 1024 weights, ggml's size. Weights
 * quantized on load are stored in this layout and used as they are; a weight in ggml's
 * layout (a GGUF file) gets a repacked copy next to its own bytes, in an automatic arena
 * freed once the copy is unreachable.
 * <p>
 * Why float rather than 8-bit integer products: an int8 x int8 product reaches 16129, so
 * a 16-bit accumulator holds only two of them and every pair of columns must be widened
 * to 32 bits; measured on one thread of the benchmark machine (2048 x 2048, cache
 * resident) the float form ran 35-39 G weights/s, the integer form with a 16-to-32-bit
 * widening per pair 30, and ggml's row layout through {@link QuantizedDot} 19-23 (see
 * docs/benchmarks.md, "Repacked Q8_0"). {@link ScalarQuantizedDot#dot} on the ggml bytes
 * is the scalar twin (the same float products in another order).
 */
final class PackedQ8_0 {

	/** Rows per group. */
	static final int ROWS = 32;

	private static final int BLOCK_BYTES = RowGroups.groupBlockBytes(DType.Q8_0);

	private static final int SCALES = RowGroups.scalesOffset(DType.Q8_0);

	private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

	private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

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

	private PackedQ8_0(MemorySegment data, int rows, int blocks) {
		this.data = data;
		this.rows = rows;
		this.blocks = blocks;
	}

	/**
	 * The {@link RowGroups} view of a Q8_0 weight {@code [rows, columns]} (see
	 * {@link RowGroupBytes#of}).
	 * @param w the weight
	 * @param team the threads that repack, or null to repack on the caller
	 * @return the view
	 */
	static PackedQ8_0 of(Tensor w, @Nullable WorkerTeam team) {
		MemorySegment data = RowGroupBytes.of(w, DType.Q8_0, team);
		return new PackedQ8_0(data, Math.toIntExact(w.dim(0)), Math.toIntExact(w.dim(1) / 32));
	}

	/**
	 * The bytes of the repacked copy.
	 * @return its size in bytes
	 */
	long byteSize() {
		return this.data.byteSize();
	}

	/*
	 * The kernels below spell out every load and widening instead of calling helpers: a
	 * helper C2 leaves as a call (it does so once the helper's own compiled code is
	 * large, InlineSmallCode) takes and returns boxed vectors, measured 1.5-2x slower.
	 * The f16 scales are widened in four operations per 16 (sign-extend to 32 bits, shift
	 * left 13, mask out the sign's copies, multiply by 2^112; exact for finite f16, and
	 * RowGroups refuses others); widening a group's scales into an array first read the
	 * scales as a burst apart from the values' stream, about 25 % slower streamed. The
	 * row sums are added into the thread's {@link RowSums} at each block.
	 */

	/**
	 * The dot products of the rows of group {@code group} with one activation row.
	 * @param group the group of {@value #ROWS} rows
	 * @param x the activations, {@code x[xOffset..]}, one per column
	 * @param xOffset the first
	 * @param out receives the group's sums at {@code out[outOffset..]} (only for rows
	 * that exist)
	 * @param outOffset where the group's first row goes
	 */
	void gemv(int group, float[] x, int xOffset, float[] out, int outOffset) {
		float[] sums = RowSums.zeroed(ROWS);
		long base = (long) group * this.blocks * BLOCK_BYTES;
		for (int b = 0; b < this.blocks; b++) {
			long o = base + (long) BLOCK_BYTES * b;
			int xb = xOffset + 32 * b;
			// even and odd columns in separate accumulators: two FMA chains per half
			FloatVector a0 = FloatVector.zero(F);
			FloatVector a1 = a0;
			FloatVector c0 = a0;
			FloatVector c1 = a0;
			for (int c = 0; c < 32; c += 2) {
				long run = o + 32L * c;
				FloatVector xv = FloatVector.broadcast(F, x[xb + c]);
				a0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, run, LE)
					.convertShape(VectorOperators.B2F, F, 0)).fma(xv, a0);
				a1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, run + 16, LE)
					.convertShape(VectorOperators.B2F, F, 0)).fma(xv, a1);
				xv = FloatVector.broadcast(F, x[xb + c + 1]);
				c0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, run + 32, LE)
					.convertShape(VectorOperators.B2F, F, 0)).fma(xv, c0);
				c1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, run + 48, LE)
					.convertShape(VectorOperators.B2F, F, 0)).fma(xv, c1);
			}
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
			a0.add(c0).fma(d0, FloatVector.fromArray(F, sums, 0)).intoArray(sums, 0);
			a1.add(c1).fma(d1, FloatVector.fromArray(F, sums, 16)).intoArray(sums, 16);
		}
		store(sums, 0, group, out, outOffset);
	}

	/**
	 * The dot products of the rows of groups {@code group} and {@code other} with one
	 * activation row, both read in one pass: two streams of weights in flight per thread
	 * (see {@link QuantizedMatmul#pairedTasks} for which groups are paired).
	 * @param group a group of {@value #ROWS} rows
	 * @param other another group
	 * @param x the activations, {@code x[xOffset..]}, one per column
	 * @param xOffset the first
	 * @param out receives the sums (only for rows that exist)
	 * @param outOffset where the first row of {@code group} goes
	 * @param otherOffset where the first row of {@code other} goes
	 */
	void gemvPair(int group, int other, float[] x, int xOffset, float[] out, int outOffset, int otherOffset) {
		float[] sums = RowSums.zeroed(2 * ROWS);
		long base = (long) group * this.blocks * BLOCK_BYTES;
		long otherBase = (long) other * this.blocks * BLOCK_BYTES;
		for (int b = 0; b < this.blocks; b++) {
			long o = base + (long) BLOCK_BYTES * b;
			long p = otherBase + (long) BLOCK_BYTES * b;
			int xb = xOffset + 32 * b;
			FloatVector a0 = FloatVector.zero(F);
			FloatVector a1 = a0;
			FloatVector e0 = a0;
			FloatVector e1 = a0;
			for (int c = 0; c < 32; c++) {
				FloatVector xv = FloatVector.broadcast(F, x[xb + c]);
				a0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, o + 32L * c, LE)
					.convertShape(VectorOperators.B2F, F, 0)).fma(xv, a0);
				a1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, o + 32L * c + 16, LE)
					.convertShape(VectorOperators.B2F, F, 0)).fma(xv, a1);
				e0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, p + 32L * c, LE)
					.convertShape(VectorOperators.B2F, F, 0)).fma(xv, e0);
				e1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, p + 32L * c + 16, LE)
					.convertShape(VectorOperators.B2F, F, 0)).fma(xv, e1);
			}
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
			FloatVector f0 = ((IntVector) ShortVector.fromMemorySegment(S256, this.data, p + SCALES, LE)
				.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13)
				.and(F16_BITS)
				.reinterpretAsFloats()
				.mul(F16_BIAS);
			FloatVector f1 = ((IntVector) ShortVector.fromMemorySegment(S256, this.data, p + SCALES + 32, LE)
				.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 13)
				.and(F16_BITS)
				.reinterpretAsFloats()
				.mul(F16_BIAS);
			a0.fma(d0, FloatVector.fromArray(F, sums, 0)).intoArray(sums, 0);
			a1.fma(d1, FloatVector.fromArray(F, sums, 16)).intoArray(sums, 16);
			e0.fma(f0, FloatVector.fromArray(F, sums, 32)).intoArray(sums, 32);
			e1.fma(f1, FloatVector.fromArray(F, sums, 48)).intoArray(sums, 48);
		}
		store(sums, 0, group, out, outOffset);
		store(sums, ROWS, other, out, otherOffset);
	}

	/**
	 * The dot products of the rows of group {@code group} with four activation rows: each
	 * weight is widened once for the four.
	 * @param group the group of {@value #ROWS} rows
	 * @param x the activations, row {@code k} at {@code x[xOffset + k * xStride..]}
	 * @param xOffset the first of row 0
	 * @param xStride the distance between rows
	 * @param out receives row {@code k}'s sums at
	 * {@code out[outOffset + k * outStride..]}
	 * @param outOffset where row 0's first sum goes
	 * @param outStride the distance between output rows
	 */
	void gemv4(int group, float[] x, int xOffset, int xStride, float[] out, int outOffset, int outStride) {
		if (this.rows - group * ROWS < ROWS) {
			// the last group, short of rows: one row at a time, so that this body stores
			// without masks (with masked stores and the f16 widening C2 stopped inlining,
			// NodeCountInliningCutoff, and left three stores as calls on boxed vectors)
			for (int k = 0; k < 4; k++) {
				gemv(group, x, xOffset + k * xStride, out, outOffset + k * outStride);
			}
			return;
		}
		float[] sums = RowSums.zeroed(4 * ROWS);
		long base = (long) group * this.blocks * BLOCK_BYTES;
		for (int b = 0; b < this.blocks; b++) {
			long o = base + (long) BLOCK_BYTES * b;
			int x0 = xOffset + 32 * b;
			int x1 = x0 + xStride;
			int x2 = x1 + xStride;
			int x3 = x2 + xStride;
			FloatVector a00 = FloatVector.zero(F);
			FloatVector a01 = a00;
			FloatVector a10 = a00;
			FloatVector a11 = a00;
			FloatVector a20 = a00;
			FloatVector a21 = a00;
			FloatVector a30 = a00;
			FloatVector a31 = a00;
			for (int c = 0; c < 32; c++) {
				long run = o + 32L * c;
				FloatVector w0 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, run, LE)
					.convertShape(VectorOperators.B2F, F, 0));
				FloatVector w1 = ((FloatVector) ByteVector.fromMemorySegment(B128, this.data, run + 16, LE)
					.convertShape(VectorOperators.B2F, F, 0));
				FloatVector xv = FloatVector.broadcast(F, x[x0 + c]);
				a00 = w0.fma(xv, a00);
				a01 = w1.fma(xv, a01);
				xv = FloatVector.broadcast(F, x[x1 + c]);
				a10 = w0.fma(xv, a10);
				a11 = w1.fma(xv, a11);
				xv = FloatVector.broadcast(F, x[x2 + c]);
				a20 = w0.fma(xv, a20);
				a21 = w1.fma(xv, a21);
				xv = FloatVector.broadcast(F, x[x3 + c]);
				a30 = w0.fma(xv, a30);
				a31 = w1.fma(xv, a31);
			}
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
			a00.fma(d0, FloatVector.fromArray(F, sums, 0)).intoArray(sums, 0);
			a01.fma(d1, FloatVector.fromArray(F, sums, 16)).intoArray(sums, 16);
			a10.fma(d0, FloatVector.fromArray(F, sums, 32)).intoArray(sums, 32);
			a11.fma(d1, FloatVector.fromArray(F, sums, 48)).intoArray(sums, 48);
			a20.fma(d0, FloatVector.fromArray(F, sums, 64)).intoArray(sums, 64);
			a21.fma(d1, FloatVector.fromArray(F, sums, 80)).intoArray(sums, 80);
			a30.fma(d0, FloatVector.fromArray(F, sums, 96)).intoArray(sums, 96);
			a31.fma(d1, FloatVector.fromArray(F, sums, 112)).intoArray(sums, 112);
		}
		for (int k = 0; k < 4; k++) {
			System.arraycopy(sums, k * ROWS, out, outOffset + k * outStride, ROWS);
		}
	}

	/** Copies a group's sums from {@code sums[from..]} into {@code out[offset..]}. */
	private void store(float[] sums, int from, int group, float[] out, int offset) {
		System.arraycopy(sums, from, out, offset, Math.min(ROWS, this.rows - group * ROWS));
	}

	/**
	 * Dequantizes group {@code group} into a column-interleaved float tile for
	 * {@link TileGemm#multiplyInterleaved}: {@code tile[32 * c + r]} is the weight of row
	 * {@code r} (of the group) and column {@code c}, scale applied; rows past the last
	 * are zeros.
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
			for (int c = 0; c < 32; c++) {
				long run = o + 32L * c;
				((FloatVector) ByteVector.fromMemorySegment(B128, this.data, run, LE)
					.convertShape(VectorOperators.B2F, F, 0)).mul(d0).intoArray(tile, t + 32 * c);
				((FloatVector) ByteVector.fromMemorySegment(B128, this.data, run + 16, LE)
					.convertShape(VectorOperators.B2F, F, 0)).mul(d1).intoArray(tile, t + 32 * c + 16);
			}
		}
	}

}
