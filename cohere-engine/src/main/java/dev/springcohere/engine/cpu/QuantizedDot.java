package dev.springcohere.engine.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import dev.springcohere.engine.model.BlockFormats;
import dev.springcohere.engine.model.DType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API dot products of rows of block-quantized weights (ggml's Q8_0, Q4_0, Q4_K and
 * Q6_K layouts, read straight from their segment) with float32 activation rows. Each
 * 16-element slice of a block is widened from bytes to 16 float lanes in registers
 * ({@code vpmovsxbd} + {@code vcvtdq2ps}), multiplied with the activations, and scaled
 * once per block (or sub-block) with one FMA.
 * <p>
 * Why float activations rather than activations quantized to 8 bits as llama.cpp does:
 * the Java Vector API exposes no byte dot-product instruction ({@code vpdpbusd},
 * {@code vpmaddubsw}), so an integer path must widen both operands to 16 bits and the
 * products to 32; measured on the benchmark machine (one thread, 2048 x 2048), the
 * integer path ran 20 G weights/s for Q8_0 and 11 for Q4_0, this float path 25 and 18,
 * and it is exact up to float rounding where the integer path adds the activations'
 * quantization error.
 * <p>
 * With 512-bit vectors the engine multiplies all four formats through their repacked
 * copies ({@link PackedQ8_0}, {@link PackedQ4_0}, {@link PackedQ4_K},
 * {@link PackedQ6_K}); these row kernels on ggml's layout are no longer on the matmul's
 * paths and stay as the baseline the repacked kernels were measured against
 * (docs/benchmarks.md). Written for 512-bit vectors (16 float lanes); {@link #SUPPORTED}
 * says whether the CPU has them. {@link ScalarQuantizedDot} is the scalar twin.
 */
final class QuantizedDot {

	/** Whether the preferred vector size is at least 512 bits (AVX-512). */
	static final boolean SUPPORTED = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

	private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

	private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;

	private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

	private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LE);

	private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);

	private QuantizedDot() {
	}

	/**
	 * The dot product of one weight row and one activation row.
	 * @param dtype the weight type (Q8_0, Q4_0, Q4_K or Q6_K)
	 * @param w the weight bytes
	 * @param rowOffset the byte offset of the row
	 * @param x the activations
	 * @param xOffset the first activation of the row
	 * @param inDim the row length, a whole number of blocks
	 * @return the sum of products
	 */
	static float dot(DType dtype, MemorySegment w, long rowOffset, float[] x, int xOffset, int inDim) {
		return switch (dtype) {
			case Q8_0 -> q8_0(w, rowOffset, x, xOffset, inDim / 32);
			case Q4_0 -> q4_0(w, rowOffset, x, xOffset, inDim / 32);
			case Q4_K -> q4K(w, rowOffset, x, xOffset, inDim / 256);
			case Q6_K -> q6K(w, rowOffset, x, xOffset, inDim / 256);
			default -> throw new IllegalArgumentException(dtype + " is not block-quantized");
		};
	}

	/**
	 * The 16 bytes of {@code v} as floats. Only whole 128-bit vectors are widened: C2
	 * compiles part 0 of a conversion to one instruction pair, but part 1 of a 256-bit
	 * vector took a path about 20x slower when measured, so 32-byte runs are loaded as
	 * two halves.
	 */
	private static FloatVector low(ByteVector v) {
		return (FloatVector) v.convertShape(VectorOperators.B2F, F, 0);
	}

	private static ByteVector bytes(MemorySegment w, long offset) {
		return ByteVector.fromMemorySegment(B128, w, offset, LE);
	}

	private static FloatVector load(float[] x, int offset) {
		return FloatVector.fromArray(F, x, offset);
	}

	private static float q8_0(MemorySegment w, long off, float[] x, int x0, int blocks) {
		FloatVector acc = FloatVector.zero(F);
		for (int b = 0; b < blocks; b++) {
			long blk = off + 34L * b;
			int xb = x0 + 32 * b;
			FloatVector s = low(ByteVector.fromMemorySegment(B128, w, blk + 2, LE)).mul(load(x, xb));
			s = low(ByteVector.fromMemorySegment(B128, w, blk + 18, LE)).fma(load(x, xb + 16), s);
			acc = s.fma(FloatVector.broadcast(F, BlockFormats.f16(w, blk)), acc);
		}
		return acc.reduceLanes(VectorOperators.ADD);
	}

	private static float q4_0(MemorySegment w, long off, float[] x, int x0, int blocks) {
		FloatVector acc = FloatVector.zero(F);
		for (int b = 0; b < blocks; b++) {
			long blk = off + 18L * b;
			int xb = x0 + 32 * b;
			ByteVector v = ByteVector.fromMemorySegment(B128, w, blk + 2, LE);
			FloatVector s = low(v.and((byte) 0x0F).sub((byte) 8)).mul(load(x, xb));
			s = low(v.lanewise(VectorOperators.LSHR, 4).sub((byte) 8)).fma(load(x, xb + 16), s);
			acc = s.fma(FloatVector.broadcast(F, BlockFormats.f16(w, blk)), acc);
		}
		return acc.reduceLanes(VectorOperators.ADD);
	}

	/**
	 * The 16 bytes of {@code v} shifted right by {@code bits} within each byte (bits
	 * shifted in from the next byte are to be masked off by the caller). x86 has no byte
	 * shift, so this shifts 32-bit lanes, one instruction instead of C2's widen, shift
	 * and pack emulation of a byte shift.
	 */
	private static ByteVector shiftRight(ByteVector v, int bits) {
		return v.reinterpretAsInts().lanewise(VectorOperators.LSHR, bits).reinterpretAsBytes();
	}

	/**
	 * The 16 bytes of {@code v} shifted left by {@code bits} within 32-bit lanes, as
	 * {@link #shiftRight}.
	 */
	private static ByteVector shiftLeft(ByteVector v, int bits) {
		return v.reinterpretAsInts().lanewise(VectorOperators.LSHL, bits).reinterpretAsBytes();
	}

	/*
	 * The K-quant kernels keep their per-super-block scales in registers (two longs read
	 * once per super-block, bytes picked by shifts) and walk the super-block with one
	 * loop body: both the hand-unrolled bodies they replace (C2 hit its inlining node
	 * limit, NodeCountInliningCutoff, and boxed the vectors passed to the helpers it left
	 * as calls) and scales staged in a small float array (measured about 3x slower than
	 * scales in registers) kept them far below the Q8_0 kernel.
	 */

	private static float q4K(MemorySegment w, long off, float[] x, int x0, int superBlocks) {
		FloatVector acc = FloatVector.zero(F);
		FloatVector mins = acc;
		for (int sb = 0; sb < superBlocks; sb++) {
			long blk = off + 144L * sb;
			float d = BlockFormats.f16(w, blk);
			float dmin = BlockFormats.f16(w, blk + 2);
			// the 12 bytes of packed 6-bit scales and mins (ggml's get_scale_min_k4)
			long s0 = w.get(LONG_LE, blk + 4);
			long s8 = w.get(INT_LE, blk + 12);
			int xs = x0 + 256 * sb;
			// 32 bytes p hold weights 64 p + i of sub-block 2p in their low nibbles and
			// 64 p + 32 + i of sub-block 2p + 1 in their high nibbles; a weight is
			// q * d * scale - dmin * min
			for (int p = 0; p < 4; p++) {
				int j = 2 * p;
				int scLo;
				int mLo;
				int scHi;
				int mHi;
				if (j < 4) {
					scLo = (int) (s0 >>> (8 * j)) & 63;
					scHi = (int) (s0 >>> (8 * j + 8)) & 63;
					mLo = (int) (s0 >>> (8 * j + 32)) & 63;
					mHi = (int) (s0 >>> (8 * j + 40)) & 63;
				}
				else {
					int b0 = (int) (s8 >>> (8 * (j - 4))) & 0xFF;
					int b1 = (int) (s8 >>> (8 * (j - 3))) & 0xFF;
					scLo = (b0 & 0x0F) | (((int) (s0 >>> (8 * (j - 4))) & 0xC0) >>> 2);
					scHi = (b1 & 0x0F) | (((int) (s0 >>> (8 * (j - 3))) & 0xC0) >>> 2);
					mLo = (b0 >>> 4) | (((int) (s0 >>> (8 * j)) & 0xC0) >>> 2);
					mHi = (b1 >>> 4) | (((int) (s0 >>> (8 * j + 8)) & 0xC0) >>> 2);
				}
				ByteVector v0 = bytes(w, blk + 16 + 32 * p);
				ByteVector v1 = bytes(w, blk + 32 + 32 * p);
				int xl = xs + 64 * p;
				FloatVector xa = load(x, xl);
				FloatVector xb = load(x, xl + 16);
				FloatVector xc = load(x, xl + 32);
				FloatVector xd = load(x, xl + 48);
				FloatVector sl = low(v1.and((byte) 0x0F)).fma(xb, low(v0.and((byte) 0x0F)).mul(xa));
				FloatVector sh = low(shiftRight(v1, 4).and((byte) 0x0F)).fma(xd,
						low(shiftRight(v0, 4).and((byte) 0x0F)).mul(xc));
				acc = sl.fma(FloatVector.broadcast(F, d * scLo), acc);
				acc = sh.fma(FloatVector.broadcast(F, d * scHi), acc);
				mins = xa.add(xb).fma(FloatVector.broadcast(F, dmin * mLo), mins);
				mins = xc.add(xd).fma(FloatVector.broadcast(F, dmin * mHi), mins);
			}
		}
		return acc.sub(mins).reduceLanes(VectorOperators.ADD);
	}

	private static float q6K(MemorySegment w, long off, float[] x, int x0, int superBlocks) {
		FloatVector acc = FloatVector.zero(F);
		for (int sb = 0; sb < superBlocks; sb++) {
			long blk = off + 210L * sb;
			float d = BlockFormats.f16(w, blk + 208);
			// weights 128 n + 32 k + 16 h + l (k = 0..3) take their low 4 bits from
			// ql[64 n + 32 (k % 2) + 16 h + l], nibble k / 2, their high 2 bits from
			// qh[32 n + 16 h + l] at bit 2k, and the signed scale sc[8 n + 2 k + h]; pass
			// i
			// does k = 2 kk and 2 kk + 1 (n = i / 4, h = i / 2 % 2, kk = i % 2)
			for (int i = 0; i < 8; i++) {
				int n = i >>> 2;
				int h = (i >>> 1) & 1;
				int kk = i & 1;
				long scales = w.get(LONG_LE, blk + 192 + 8 * n) >>> (8 * (4 * kk + h));
				ByteVector ql0 = shiftRight(bytes(w, blk + 64 * n + 16 * h), 4 * kk).and((byte) 0x0F);
				ByteVector ql1 = shiftRight(bytes(w, blk + 64 * n + 32 + 16 * h), 4 * kk).and((byte) 0x0F);
				ByteVector qh = shiftRight(bytes(w, blk + 128 + 32 * n + 16 * h), 4 * kk);
				ByteVector qa = ql0.or(shiftLeft(qh, 4).and((byte) 0x30)).sub((byte) 32);
				ByteVector qb = ql1.or(shiftLeft(qh, 2).and((byte) 0x30)).sub((byte) 32);
				int xk = x0 + 256 * sb + 128 * n + 64 * kk + 16 * h;
				acc = low(qa).mul(load(x, xk)).fma(FloatVector.broadcast(F, d * (byte) scales), acc);
				acc = low(qb).mul(load(x, xk + 32)).fma(FloatVector.broadcast(F, d * (byte) (scales >>> 16)), acc);
			}
		}
		return acc.reduceLanes(VectorOperators.ADD);
	}

}
