package dev.springcohere.engine.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import dev.springcohere.engine.model.BlockFormats;
import dev.springcohere.engine.model.DType;

/**
 * Scalar twins of {@link QuantizedDot}: the same integer arithmetic (a block of quantized
 * weights against a block of {@link Q8Activations}, summed in integers, then scaled), one
 * element at a time. The reference the vector kernels are tested against, and the path
 * used where the CPU has no 512-bit vectors.
 */
final class ScalarQuantizedDot {

	private ScalarQuantizedDot() {
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

	private static int u8(MemorySegment w, long off) {
		return w.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
	}

	private static float q8_0(MemorySegment w, long off, Q8Activations a, int r) {
		float s = 0;
		short[] q = a.values();
		for (int b = 0; b < a.blocks(); b++) {
			long blk = off + 34L * b;
			int base = r * a.inDim() + 32 * b;
			int isum = 0;
			for (int j = 0; j < 32; j++) {
				isum += w.get(ValueLayout.JAVA_BYTE, blk + 2 + j) * q[base + j];
			}
			s += BlockFormats.f16(w, blk) * a.scales()[r * a.blocks() + b] * isum;
		}
		return s;
	}

	private static float q4_0(MemorySegment w, long off, Q8Activations a, int r) {
		float s = 0;
		short[] q = a.values();
		for (int b = 0; b < a.blocks(); b++) {
			long blk = off + 18L * b;
			int base = r * a.inDim() + 32 * b;
			int isum = 0;
			for (int j = 0; j < 16; j++) {
				int v = u8(w, blk + 2 + j);
				isum += (v & 0x0F) * q[base + j] + (v >>> 4) * q[base + 16 + j];
			}
			int ab = r * a.blocks() + b;
			s += BlockFormats.f16(w, blk) * a.scales()[ab] * (isum - 8 * a.sums()[ab]);
		}
		return s;
	}

	private static float q4K(MemorySegment w, long off, Q8Activations a, int r) {
		float s = 0;
		short[] q = a.values();
		int[] sm = new int[2];
		for (int sb = 0; sb < a.blocks() / 8; sb++) {
			long blk = off + 144L * sb;
			float d = BlockFormats.f16(w, blk);
			float dmin = BlockFormats.f16(w, blk + 2);
			for (int j = 0; j < 8; j++) {
				BlockFormats.scaleMinK4(w, blk + 4, j, sm);
				int ab = r * a.blocks() + 8 * sb + j;
				int base = r * a.inDim() + 256 * sb + 32 * j;
				int isum = 0;
				for (int l = 0; l < 32; l++) {
					int v = u8(w, blk + 16 + 32 * (j / 2) + l);
					isum += ((j % 2 == 0) ? (v & 0x0F) : (v >>> 4)) * q[base + l];
				}
				s += a.scales()[ab] * (d * sm[0] * isum - dmin * sm[1] * a.sums()[ab]);
			}
		}
		return s;
	}

	private static float q6K(MemorySegment w, long off, Q8Activations a, int r) {
		float s = 0;
		short[] q = a.values();
		for (int sb = 0; sb < a.blocks() / 8; sb++) {
			long blk = off + 210L * sb;
			float d = BlockFormats.f16(w, blk + 208);
			for (int n = 0; n < 2; n++) {
				long ql = blk + 64 * n;
				long qh = blk + 128 + 32 * n;
				long sc = blk + 192 + 8 * n;
				for (int k = 0; k < 4; k++) {
					int ab = r * a.blocks() + 8 * sb + 4 * n + k;
					int base = r * a.inDim() + 256 * sb + 128 * n + 32 * k;
					for (int half = 0; half < 2; half++) {
						int isum = 0;
						for (int l = 16 * half; l < 16 * half + 16; l++) {
							int low = u8(w, ql + l + 32 * (k % 2));
							int nibble = k < 2 ? low & 0x0F : low >>> 4;
							int high = (u8(w, qh + l) >>> (2 * k)) & 3;
							isum += ((nibble | (high << 4)) - 32) * q[base + l];
						}
						int scale = w.get(ValueLayout.JAVA_BYTE, sc + 2 * k + half);
						s += d * scale * a.scales()[ab] * isum;
					}
				}
			}
		}
		return s;
	}

}
