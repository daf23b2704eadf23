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
 * For prefill, {@link #q8_0x4} and {@link #q4_0x4} widen a weight block once and use it
 * for four activation rows. Written for 512-bit vectors (16 float lanes);
 * {@link #SUPPORTED} says whether the CPU has them. {@link ScalarQuantizedDot} is the
 * scalar twin.
 */
final class QuantizedDot {

	/** Whether the preferred vector size is at least 512 bits (AVX-512). */
	static final boolean SUPPORTED = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

	private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

	private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;

	private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

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
	 * Four activation rows ({@code x0..x3}, each {@code blocks * 32} long) against one
	 * Q8_0 weight row: the weights are widened and scaled once per block.
	 * @param out receives the four sums at {@code out[o0 + k * stride]}
	 */
	static void q8_0x4(MemorySegment w, long off, float[] x, int x0, int rowStride, int blocks, float[] out, int o0,
			int stride) {
		FloatVector a0 = FloatVector.zero(F);
		FloatVector a1 = a0;
		FloatVector a2 = a0;
		FloatVector a3 = a0;
		for (int b = 0; b < blocks; b++) {
			long blk = off + 34L * b;
			FloatVector d = FloatVector.broadcast(F, BlockFormats.f16(w, blk));
			FloatVector lo = low(ByteVector.fromMemorySegment(B128, w, blk + 2, LE)).mul(d);
			FloatVector hi = low(ByteVector.fromMemorySegment(B128, w, blk + 18, LE)).mul(d);
			int xb = x0 + 32 * b;
			a0 = hi.fma(load(x, xb + 16), lo.fma(load(x, xb), a0));
			xb += rowStride;
			a1 = hi.fma(load(x, xb + 16), lo.fma(load(x, xb), a1));
			xb += rowStride;
			a2 = hi.fma(load(x, xb + 16), lo.fma(load(x, xb), a2));
			xb += rowStride;
			a3 = hi.fma(load(x, xb + 16), lo.fma(load(x, xb), a3));
		}
		out[o0] = a0.reduceLanes(VectorOperators.ADD);
		out[o0 + stride] = a1.reduceLanes(VectorOperators.ADD);
		out[o0 + 2 * stride] = a2.reduceLanes(VectorOperators.ADD);
		out[o0 + 3 * stride] = a3.reduceLanes(VectorOperators.ADD);
	}

	/**
	 * Four activation rows against one Q4_0 weight row, as {@link #q8_0x4}.
	 * @param out receives the four sums at {@code out[o0 + k * stride]}
	 */
	static void q4_0x4(MemorySegment w, long off, float[] x, int x0, int rowStride, int blocks, float[] out, int o0,
			int stride) {
		FloatVector a0 = FloatVector.zero(F);
		FloatVector a1 = a0;
		FloatVector a2 = a0;
		FloatVector a3 = a0;
		for (int b = 0; b < blocks; b++) {
			long blk = off + 18L * b;
			FloatVector d = FloatVector.broadcast(F, BlockFormats.f16(w, blk));
			ByteVector v = ByteVector.fromMemorySegment(B128, w, blk + 2, LE);
			FloatVector lo = low(v.and((byte) 0x0F).sub((byte) 8)).mul(d);
			FloatVector hi = low(v.lanewise(VectorOperators.LSHR, 4).sub((byte) 8)).mul(d);
			int xb = x0 + 32 * b;
			a0 = hi.fma(load(x, xb + 16), lo.fma(load(x, xb), a0));
			xb += rowStride;
			a1 = hi.fma(load(x, xb + 16), lo.fma(load(x, xb), a1));
			xb += rowStride;
			a2 = hi.fma(load(x, xb + 16), lo.fma(load(x, xb), a2));
			xb += rowStride;
			a3 = hi.fma(load(x, xb + 16), lo.fma(load(x, xb), a3));
		}
		out[o0] = a0.reduceLanes(VectorOperators.ADD);
		out[o0 + stride] = a1.reduceLanes(VectorOperators.ADD);
		out[o0 + 2 * stride] = a2.reduceLanes(VectorOperators.ADD);
		out[o0 + 3 * stride] = a3.reduceLanes(VectorOperators.ADD);
	}

	/**
	 * Dequantizes {@code blocks} consecutive Q8_0 or Q4_0 blocks into floats, 16 lanes at
	 * a time (the tile of the prefill GEMM).
	 * @param dtype Q8_0 or Q4_0
	 * @param w the weight bytes
	 * @param off the byte offset of the first block
	 * @param blocks the number of blocks
	 * @param out the destination
	 * @param o where the first value goes
	 */
	static void dequantize(DType dtype, MemorySegment w, long off, int blocks, float[] out, int o) {
		if (dtype == DType.Q8_0) {
			for (int b = 0; b < blocks; b++) {
				long blk = off + 34L * b;
				FloatVector d = FloatVector.broadcast(F, BlockFormats.f16(w, blk));
				int ob = o + 32 * b;
				low(bytes(w, blk + 2)).mul(d).intoArray(out, ob);
				low(bytes(w, blk + 18)).mul(d).intoArray(out, ob + 16);
			}
		}
		else if (dtype == DType.Q4_0) {
			for (int b = 0; b < blocks; b++) {
				long blk = off + 18L * b;
				FloatVector d = FloatVector.broadcast(F, BlockFormats.f16(w, blk));
				ByteVector v = bytes(w, blk + 2);
				int ob = o + 32 * b;
				low(v.and((byte) 0x0F).sub((byte) 8)).mul(d).intoArray(out, ob);
				low(v.lanewise(VectorOperators.LSHR, 4).sub((byte) 8)).mul(d).intoArray(out, ob + 16);
			}
		}
		else {
			throw new IllegalArgumentException("No vector dequantization for " + dtype);
		}
	}

	private static int u8(MemorySegment w, long off) {
		return w.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
	}

	private static float q4K(MemorySegment w, long off, float[] x, int x0, int superBlocks) {
		FloatVector acc = FloatVector.zero(F);
		FloatVector mins = acc;
		for (int sb = 0; sb < superBlocks; sb++) {
			long blk = off + 144L * sb;
			float d = BlockFormats.f16(w, blk);
			float dmin = BlockFormats.f16(w, blk + 2);
			long sc = blk + 4;
			int xs = x0 + 256 * sb;
			for (int j = 0; j < 4; j++) {
				ByteVector v0 = bytes(w, blk + 16 + 32 * j);
				ByteVector v1 = bytes(w, blk + 32 + 32 * j);
				int xl = xs + 64 * j;
				FloatVector sl = low(v0.and((byte) 0x0F)).mul(load(x, xl))
					.add(low(v1.and((byte) 0x0F)).mul(load(x, xl + 16)));
				FloatVector sh = low(v0.lanewise(VectorOperators.LSHR, 4)).mul(load(x, xl + 32))
					.add(low(v1.lanewise(VectorOperators.LSHR, 4)).mul(load(x, xl + 48)));
				// get_scale_min_k4 for sub-blocks 2j and 2j + 1
				int s0;
				int m0;
				int s1;
				int m1;
				if (j < 2) {
					s0 = u8(w, sc + 2 * j) & 63;
					m0 = u8(w, sc + 2 * j + 4) & 63;
					s1 = u8(w, sc + 2 * j + 1) & 63;
					m1 = u8(w, sc + 2 * j + 5) & 63;
				}
				else {
					int k = 2 * j;
					s0 = (u8(w, sc + k + 4) & 0x0F) | ((u8(w, sc + k - 4) >>> 6) << 4);
					m0 = (u8(w, sc + k + 4) >>> 4) | ((u8(w, sc + k) >>> 6) << 4);
					s1 = (u8(w, sc + k + 5) & 0x0F) | ((u8(w, sc + k - 3) >>> 6) << 4);
					m1 = (u8(w, sc + k + 5) >>> 4) | ((u8(w, sc + k + 1) >>> 6) << 4);
				}
				acc = sl.fma(FloatVector.broadcast(F, d * s0), acc);
				acc = sh.fma(FloatVector.broadcast(F, d * s1), acc);
				mins = load(x, xl).add(load(x, xl + 16)).fma(FloatVector.broadcast(F, dmin * m0), mins);
				mins = load(x, xl + 32).add(load(x, xl + 48)).fma(FloatVector.broadcast(F, dmin * m1), mins);
			}
		}
		return acc.sub(mins).reduceLanes(VectorOperators.ADD);
	}

	private static float q6K(MemorySegment w, long off, float[] x, int x0, int superBlocks) {
		FloatVector acc = FloatVector.zero(F);
		for (int sb = 0; sb < superBlocks; sb++) {
			long blk = off + 210L * sb;
			float d = BlockFormats.f16(w, blk + 208);
			for (int n = 0; n < 2; n++) {
				long sc = blk + 192 + 8 * n;
				long ql = blk + 64 * n;
				long qh = blk + 128 + 32 * n;
				int xn = x0 + 256 * sb + 128 * n;
				for (int half = 0; half < 2; half++) {
					ByteVector ql0 = bytes(w, ql + 16 * half);
					ByteVector ql1 = bytes(w, ql + 32 + 16 * half);
					ByteVector h = bytes(w, qh + 16 * half);
					for (int k = 0; k < 4; k++) {
						ByteVector lowBits = (k % 2 == 0) ? ql0 : ql1;
						ByteVector nibble = (k < 2) ? lowBits.and((byte) 0x0F)
								: lowBits.lanewise(VectorOperators.LSHR, 4);
						ByteVector highBits = h.lanewise(VectorOperators.LSHR, 2 * k)
							.and((byte) 3)
							.lanewise(VectorOperators.LSHL, 4);
						FloatVector q = low(nibble.or(highBits).sub((byte) 32));
						float scale = d * w.get(ValueLayout.JAVA_BYTE, sc + 2 * k + half);
						acc = q.mul(load(x, xn + 32 * k + 16 * half)).fma(FloatVector.broadcast(F, scale), acc);
					}
				}
			}
		}
		return acc.reduceLanes(VectorOperators.ADD);
	}

}
