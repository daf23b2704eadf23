package dev.springcohere.engine.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import dev.springcohere.engine.model.BlockFormats;
import dev.springcohere.engine.model.DType;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API dot products of one row of block-quantized weights (ggml's Q8_0, Q4_0, Q4_K
 * and Q6_K layouts, read straight from their segment) with one row of
 * {@link Q8Activations}, in the manner of llama.cpp's {@code vec_dot_qX_q8}: each
 * 32-element block of weights is widened to 16-bit lanes, multiplied by the 16-bit
 * activation values, summed into 32-bit integers, converted to float once per block and
 * accumulated with one FMA against the product of the two block scales. Offsets and
 * minimums (Q4_0's 8, Q4_K's mins) are applied through the activation block sums rather
 * than per element.
 * <p>
 * Written for 512-bit vectors (32 16-bit lanes = one block); {@link #SUPPORTED} says
 * whether the CPU has them. {@link ScalarQuantizedDot} is the same arithmetic, scalar.
 */
final class QuantizedDot {

	/** Whether the preferred vector size is at least 512 bits (AVX-512). */
	static final boolean SUPPORTED = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

	private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

	private static final VectorSpecies<Byte> B256 = ByteVector.SPECIES_256;

	private static final VectorSpecies<Short> S256 = ShortVector.SPECIES_256;

	private static final VectorSpecies<Short> S512 = ShortVector.SPECIES_512;

	private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;

	private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;

	private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

	private QuantizedDot() {
	}

	/**
	 * The dot product of one weight row and one activation row.
	 * @param dtype the weight type (Q8_0, Q4_0, Q4_K or Q6_K)
	 * @param w the weight bytes
	 * @param rowOffset the byte offset of the row
	 * @param a the activations
	 * @param r the activation row
	 * @return the sum of products
	 */
	static float dot(DType dtype, MemorySegment w, long rowOffset, Q8Activations a, int r) {
		return switch (dtype) {
			case Q8_0 -> q8_0(w, rowOffset, a, r);
			case Q4_0 -> q4_0(w, rowOffset, a, r);
			case Q4_K -> q4K(w, rowOffset, a, r);
			case Q6_K -> q6K(w, rowOffset, a, r);
			default -> throw new IllegalArgumentException(dtype + " is not block-quantized");
		};
	}

	/** Sum of the 32 lanes of {@code p} as 16 int lanes, as floats. */
	private static FloatVector widenSum(ShortVector p) {
		IntVector lo = (IntVector) p.convertShape(VectorOperators.S2I, I512, 0);
		IntVector hi = (IntVector) p.convertShape(VectorOperators.S2I, I512, 1);
		return (FloatVector) lo.add(hi).convert(VectorOperators.I2F, 0);
	}

	private static FloatVector toFloat(ShortVector p, int part) {
		return (FloatVector) p.convertShape(VectorOperators.S2I, I512, part).convert(VectorOperators.I2F, 0);
	}

	private static ShortVector widen(ByteVector v) {
		return (ShortVector) v.convertShape(VectorOperators.B2S, S512, 0);
	}

	private static float q8_0(MemorySegment w, long off, Q8Activations a, int r) {
		short[] q = a.values();
		float[] ds = a.scales();
		int qBase = r * a.inDim();
		int sBase = r * a.blocks();
		FloatVector acc = FloatVector.zero(F512);
		for (int b = 0; b < a.blocks(); b++) {
			long blk = off + 34L * b;
			ShortVector wv = widen(ByteVector.fromMemorySegment(B256, w, blk + 2, LE));
			ShortVector p = wv.mul(ShortVector.fromArray(S512, q, qBase + 32 * b));
			float scale = BlockFormats.f16(w, blk) * ds[sBase + b];
			acc = widenSum(p).fma(FloatVector.broadcast(F512, scale), acc);
		}
		return acc.reduceLanes(VectorOperators.ADD);
	}

	private static float q4_0(MemorySegment w, long off, Q8Activations a, int r) {
		short[] q = a.values();
		float[] ds = a.scales();
		int[] sums = a.sums();
		int qBase = r * a.inDim();
		int sBase = r * a.blocks();
		FloatVector acc = FloatVector.zero(F512);
		float offset = 0;
		for (int b = 0; b < a.blocks(); b++) {
			long blk = off + 18L * b;
			ByteVector v = ByteVector.fromMemorySegment(B128, w, blk + 2, LE);
			ShortVector lo = (ShortVector) v.and((byte) 0x0F).convertShape(VectorOperators.B2S, S256, 0);
			ShortVector hi = (ShortVector) v.lanewise(VectorOperators.LSHR, 4)
				.convertShape(VectorOperators.B2S, S256, 0);
			int x = qBase + 32 * b;
			ShortVector p = lo.mul(ShortVector.fromArray(S256, q, x))
				.add(hi.mul(ShortVector.fromArray(S256, q, x + 16)));
			float scale = BlockFormats.f16(w, blk) * ds[sBase + b];
			FloatVector f = (FloatVector) p.convertShape(VectorOperators.S2I, I512, 0).convert(VectorOperators.I2F, 0);
			acc = f.fma(FloatVector.broadcast(F512, scale), acc);
			offset += scale * sums[sBase + b];
		}
		return acc.reduceLanes(VectorOperators.ADD) - 8 * offset;
	}

	private static float q4K(MemorySegment w, long off, Q8Activations a, int r) {
		short[] q = a.values();
		float[] ds = a.scales();
		int[] sums = a.sums();
		int[] sm = new int[2];
		FloatVector acc = FloatVector.zero(F512);
		float mins = 0;
		for (int sb = 0; sb < a.blocks() / 8; sb++) {
			long blk = off + 144L * sb;
			float d = BlockFormats.f16(w, blk);
			float dmin = BlockFormats.f16(w, blk + 2);
			int ab = r * a.blocks() + 8 * sb;
			int x = r * a.inDim() + 256 * sb;
			for (int j = 0; j < 4; j++) {
				ByteVector v = ByteVector.fromMemorySegment(B256, w, blk + 16 + 32 * j, LE);
				ShortVector lo = widen(v.and((byte) 0x0F)).mul(ShortVector.fromArray(S512, q, x + 64 * j));
				ShortVector hi = widen(v.lanewise(VectorOperators.LSHR, 4))
					.mul(ShortVector.fromArray(S512, q, x + 64 * j + 32));
				BlockFormats.scaleMinK4(w, blk + 4, 2 * j, sm);
				float dx = ds[ab + 2 * j];
				acc = widenSum(lo).fma(FloatVector.broadcast(F512, d * sm[0] * dx), acc);
				mins += dmin * sm[1] * dx * sums[ab + 2 * j];
				BlockFormats.scaleMinK4(w, blk + 4, 2 * j + 1, sm);
				dx = ds[ab + 2 * j + 1];
				acc = widenSum(hi).fma(FloatVector.broadcast(F512, d * sm[0] * dx), acc);
				mins += dmin * sm[1] * dx * sums[ab + 2 * j + 1];
			}
		}
		return acc.reduceLanes(VectorOperators.ADD) - mins;
	}

	private static float q6K(MemorySegment w, long off, Q8Activations a, int r) {
		short[] q = a.values();
		float[] ds = a.scales();
		FloatVector acc = FloatVector.zero(F512);
		for (int sb = 0; sb < a.blocks() / 8; sb++) {
			long blk = off + 210L * sb;
			float d = BlockFormats.f16(w, blk + 208);
			for (int n = 0; n < 2; n++) {
				long sc = blk + 192 + 8 * n;
				ByteVector ql0 = ByteVector.fromMemorySegment(B256, w, blk + 64 * n, LE);
				ByteVector ql1 = ByteVector.fromMemorySegment(B256, w, blk + 64 * n + 32, LE);
				ByteVector qh = ByteVector.fromMemorySegment(B256, w, blk + 128 + 32 * n, LE);
				int ab = r * a.blocks() + 8 * sb + 4 * n;
				int x = r * a.inDim() + 256 * sb + 128 * n;
				for (int k = 0; k < 4; k++) {
					ByteVector low = (k % 2 == 0) ? ql0 : ql1;
					ByteVector nibble = k < 2 ? low.and((byte) 0x0F) : low.lanewise(VectorOperators.LSHR, 4);
					ByteVector high = qh.lanewise(VectorOperators.LSHR, 2 * k)
						.and((byte) 3)
						.lanewise(VectorOperators.LSHL, 4);
					ByteVector v = nibble.or(high).sub((byte) 32);
					ShortVector p = widen(v).mul(ShortVector.fromArray(S512, q, x + 32 * k));
					float dx = d * ds[ab + k];
					float s0 = dx * w.get(ValueLayout.JAVA_BYTE, sc + 2 * k);
					float s1 = dx * w.get(ValueLayout.JAVA_BYTE, sc + 2 * k + 1);
					acc = toFloat(p, 0).fma(FloatVector.broadcast(F512, s0), acc);
					acc = toFloat(p, 1).fma(FloatVector.broadcast(F512, s1), acc);
				}
			}
		}
		return acc.reduceLanes(VectorOperators.ADD);
	}

}
