package dev.springcohere.engine.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Scalar reference codecs of ggml's block-quantized formats, byte for byte as ggml lays
 * them out ({@code block_q8_0}, {@code block_q4_0}, {@code block_q4_K},
 * {@code block_q6_K}): dequantization of all four, and quantization to Q8_0 and Q4_0 with
 * ggml's reference rounding ({@code quantize_row_q8_0_ref},
 * {@code quantize_row_q4_0_ref}). The fast paths live in the kernels; these are the
 * definition they are tested against.
 */
public final class BlockFormats {

	private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	private BlockFormats() {
	}

	/**
	 * Reads an IEEE half-precision value.
	 * @param seg the bytes
	 * @param byteOffset where the two little-endian bytes start
	 * @return the value as float
	 */
	public static float f16(MemorySegment seg, long byteOffset) {
		return Float.float16ToFloat(seg.get(SHORT_LE, byteOffset));
	}

	/**
	 * Dequantizes one element of a block-quantized tensor.
	 * @param dtype a block-quantized type
	 * @param seg the tensor's bytes
	 * @param index the flat element index
	 * @return the value
	 */
	public static float element(DType dtype, MemorySegment seg, long index) {
		float[] block = new float[dtype.blockSize()];
		long blockIndex = index / dtype.blockSize();
		dequantizeBlock(dtype, seg, blockIndex * dtype.blockBytes(), block, 0);
		return block[(int) (index % dtype.blockSize())];
	}

	/**
	 * Dequantizes whole blocks.
	 * @param dtype a block-quantized type
	 * @param seg the tensor's bytes
	 * @param firstElement the first element, a multiple of the block size
	 * @param out the destination
	 * @param outOffset where to write the first value
	 * @param count the number of elements, a multiple of the block size
	 */
	public static void dequantize(DType dtype, MemorySegment seg, long firstElement, float[] out, int outOffset,
			int count) {
		Objects.requireNonNull(dtype, "'dtype' must not be null");
		int bs = dtype.blockSize();
		if (!dtype.isQuantized() || firstElement % bs != 0 || count % bs != 0) {
			throw new IllegalArgumentException("Cannot dequantize " + count + " elements from element " + firstElement
					+ " of " + dtype + ": only whole blocks of " + bs + " of a block-quantized type");
		}
		long byteOffset = firstElement / bs * dtype.blockBytes();
		for (int b = 0; b < count / bs; b++) {
			dequantizeBlock(dtype, seg, byteOffset + (long) b * dtype.blockBytes(), out, outOffset + b * bs);
		}
	}

	private static void dequantizeBlock(DType dtype, MemorySegment seg, long off, float[] out, int o) {
		switch (dtype) {
			case Q8_0 -> {
				float d = f16(seg, off);
				for (int j = 0; j < 32; j++) {
					out[o + j] = d * seg.get(ValueLayout.JAVA_BYTE, off + 2 + j);
				}
			}
			case Q4_0 -> {
				float d = f16(seg, off);
				for (int j = 0; j < 16; j++) {
					int b = seg.get(ValueLayout.JAVA_BYTE, off + 2 + j) & 0xFF;
					out[o + j] = d * ((b & 0x0F) - 8);
					out[o + j + 16] = d * ((b >>> 4) - 8);
				}
			}
			case Q4_K -> dequantizeQ4K(seg, off, out, o);
			case Q6_K -> dequantizeQ6K(seg, off, out, o);
			default -> throw new IllegalArgumentException(dtype + " is not block-quantized");
		}
	}

	/**
	 * Q4_K: {@code d}, {@code dmin} (f16), 12 bytes of 6-bit scales and mins for 8
	 * sub-blocks of 32, then 128 bytes; sub-blocks 2j and 2j+1 are the low and high
	 * nibbles of bytes {@code 32j..32j+31}.
	 */
	private static void dequantizeQ4K(MemorySegment seg, long off, float[] out, int o) {
		float d = f16(seg, off);
		float dmin = f16(seg, off + 2);
		int[] sm = new int[2];
		for (int j = 0; j < 4; j++) {
			scaleMinK4(seg, off + 4, 2 * j, sm);
			float d1 = d * sm[0];
			float m1 = dmin * sm[1];
			scaleMinK4(seg, off + 4, 2 * j + 1, sm);
			float d2 = d * sm[0];
			float m2 = dmin * sm[1];
			for (int l = 0; l < 32; l++) {
				int q = seg.get(ValueLayout.JAVA_BYTE, off + 16 + 32 * j + l) & 0xFF;
				out[o + 64 * j + l] = d1 * (q & 0x0F) - m1;
				out[o + 64 * j + 32 + l] = d2 * (q >>> 4) - m2;
			}
		}
	}

	/**
	 * ggml's {@code get_scale_min_k4}: the 6-bit scale and min of sub-block {@code j} of
	 * a Q4_K super-block.
	 * @param seg the bytes
	 * @param scales offset of the 12 packed bytes
	 * @param j the sub-block, 0 to 7
	 * @param out receives the scale then the min
	 */
	public static void scaleMinK4(MemorySegment seg, long scales, int j, int[] out) {
		if (j < 4) {
			out[0] = u8(seg, scales + j) & 63;
			out[1] = u8(seg, scales + j + 4) & 63;
		}
		else {
			out[0] = (u8(seg, scales + j + 4) & 0x0F) | ((u8(seg, scales + j - 4) >>> 6) << 4);
			out[1] = (u8(seg, scales + j + 4) >>> 4) | ((u8(seg, scales + j) >>> 6) << 4);
		}
	}

	/**
	 * Q6_K: 128 bytes of low nibbles, 64 bytes of high 2-bit pairs, 16 signed sub-block
	 * scales (one per 16 elements), then {@code d} (f16); each half of 128 elements takes
	 * 64 low-nibble bytes and 32 high bytes.
	 */
	private static void dequantizeQ6K(MemorySegment seg, long off, float[] out, int o) {
		float d = f16(seg, off + 208);
		for (int n = 0; n < 2; n++) {
			long ql = off + 64 * n;
			long qh = off + 128 + 32 * n;
			long sc = off + 192 + 8 * n;
			int y = o + 128 * n;
			for (int l = 0; l < 32; l++) {
				int is = l / 16;
				int h = u8(seg, qh + l);
				int q1 = ((u8(seg, ql + l) & 0x0F) | ((h & 3) << 4)) - 32;
				int q2 = ((u8(seg, ql + l + 32) & 0x0F) | (((h >>> 2) & 3) << 4)) - 32;
				int q3 = ((u8(seg, ql + l) >>> 4) | (((h >>> 4) & 3) << 4)) - 32;
				int q4 = ((u8(seg, ql + l + 32) >>> 4) | (((h >>> 6) & 3) << 4)) - 32;
				out[y + l] = d * s8(seg, sc + is) * q1;
				out[y + l + 32] = d * s8(seg, sc + is + 2) * q2;
				out[y + l + 64] = d * s8(seg, sc + is + 4) * q3;
				out[y + l + 96] = d * s8(seg, sc + is + 6) * q4;
			}
		}
	}

	/**
	 * The unsigned 4-bit value (0-15, the weight being
	 * {@code d * scale * v - dmin * min}) of element {@code e} of a Q4_K super-block, as
	 * {@link #dequantize} reads it: sub-block {@code e / 32} is nibble
	 * {@code (e / 32) % 2} of bytes {@code 16 + 32 * (e / 64)} onwards.
	 * @param seg the bytes
	 * @param off the offset of the super-block
	 * @param e the element, 0 to 255
	 * @return its value
	 */
	public static int q4KValue(MemorySegment seg, long off, int e) {
		int j = e / 32;
		return (u8(seg, off + 16 + 32 * (j / 2) + e % 32) >>> (4 * (j % 2))) & 0x0F;
	}

	/**
	 * The unsigned 6-bit value (0-63, the weight being {@code d * scale * (v - 32)}) of
	 * element {@code e} of a Q6_K super-block, as {@link #dequantize} reads it.
	 * @param seg the bytes
	 * @param off the offset of the super-block
	 * @param e the element, 0 to 255
	 * @return its value
	 */
	public static int q6KValue(MemorySegment seg, long off, int e) {
		int n = e / 128;
		int k = e % 128 / 32;
		int l = e % 32;
		int low = (u8(seg, off + 64 * n + 32 * (k % 2) + l) >>> (4 * (k / 2))) & 0x0F;
		int high = (u8(seg, off + 128 + 32 * n + l) >>> (2 * k)) & 3;
		return low | (high << 4);
	}

	private static int u8(MemorySegment seg, long off) {
		return seg.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
	}

	private static int s8(MemorySegment seg, long off) {
		return seg.get(ValueLayout.JAVA_BYTE, off);
	}

	/**
	 * Quantizes 32 values to one Q8_0 block as {@code quantize_row_q8_0_ref} does:
	 * {@code d = max|x| / 127} (stored as f16), {@code q = round(x / d)} rounding half
	 * away from zero.
	 * @param x the values
	 * @param offset the first of the 32 values
	 * @param dst the destination
	 * @param dstOffset where the 34-byte block starts
	 */
	public static void quantizeQ8_0(float[] x, int offset, MemorySegment dst, long dstOffset) {
		float amax = 0;
		for (int j = 0; j < 32; j++) {
			amax = Math.max(amax, Math.abs(x[offset + j]));
		}
		float d = amax / 127f;
		float id = d != 0 ? 1f / d : 0f;
		dst.set(SHORT_LE, dstOffset, Float.floatToFloat16(d));
		for (int j = 0; j < 32; j++) {
			dst.set(ValueLayout.JAVA_BYTE, dstOffset + 2 + j, (byte) roundHalfAway(x[offset + j] * id));
		}
	}

	/**
	 * Quantizes 32 values to one Q4_0 block as {@code quantize_row_q4_0_ref} does: the
	 * value of largest magnitude {@code max} gives {@code d = max / -8} (stored as f16),
	 * {@code q = min(15, trunc(x / d + 8.5))}, element {@code j} in the low nibble of
	 * byte {@code j} and element {@code j + 16} in its high nibble.
	 * @param x the values
	 * @param offset the first of the 32 values
	 * @param dst the destination
	 * @param dstOffset where the 18-byte block starts
	 */
	public static void quantizeQ4_0(float[] x, int offset, MemorySegment dst, long dstOffset) {
		float amax = 0;
		float max = 0;
		for (int j = 0; j < 32; j++) {
			float v = x[offset + j];
			if (amax < Math.abs(v)) {
				amax = Math.abs(v);
				max = v;
			}
		}
		float d = max / -8f;
		float id = d != 0 ? 1f / d : 0f;
		dst.set(SHORT_LE, dstOffset, Float.floatToFloat16(d));
		for (int j = 0; j < 16; j++) {
			int lo = Math.min(15, (int) (x[offset + j] * id + 8.5f));
			int hi = Math.min(15, (int) (x[offset + 16 + j] * id + 8.5f));
			dst.set(ValueLayout.JAVA_BYTE, dstOffset + 2 + j, (byte) (lo | (hi << 4)));
		}
	}

	/**
	 * C's {@code roundf}: to nearest, halves away from zero.
	 * @param v the value
	 * @return the rounded integer
	 */
	public static int roundHalfAway(float v) {
		double r = Math.floor(Math.abs((double) v) + 0.5);
		return (int) (v < 0 ? -r : r);
	}

}
