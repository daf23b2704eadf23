package dev.springcohere.engine.model;

/**
 * Element types of tensors: the plain types of safetensors files and the block-quantized
 * types of GGUF files (laid out byte for byte as ggml lays them out, so a tensor
 * quantized on load and one read from a GGUF file are the same bytes).
 * <p>
 * A block-quantized type packs {@link #blockSize()} consecutive elements of a row into
 * {@link #blockBytes()} bytes; rows must be a whole number of blocks. Plain types are
 * blocks of one element.
 */
public enum DType {

	/** bfloat16: the upper 16 bits of an IEEE float32. */
	BF16(2),
	/** IEEE half precision. */
	F16(2),
	/** IEEE single precision. */
	F32(4),
	/** 32-bit signed integer (token ids in reference files). */
	I32(4),
	/** 64-bit signed integer (token ids in reference files). */
	I64(8),
	/** ggml Q8_0: blocks of 32 elements, an f16 scale then 32 signed bytes (34 bytes). */
	Q8_0(32, 34),
	/**
	 * ggml Q4_0: blocks of 32 elements, an f16 scale then 16 bytes of 4-bit values offset
	 * by 8 (18 bytes).
	 */
	Q4_0(32, 18),
	/**
	 * ggml Q4_K: super-blocks of 256 elements: f16 scale and min, 12 bytes of packed
	 * 6-bit sub-block scales and mins, then 128 bytes of 4-bit values (144 bytes).
	 */
	Q4_K(256, 144),
	/**
	 * ggml Q6_K: super-blocks of 256 elements: 128 bytes of low 4 bits, 64 bytes of high
	 * 2 bits, 16 signed 8-bit sub-block scales, then an f16 scale (210 bytes).
	 */
	Q6_K(256, 210);

	private final int blockSize;

	private final int blockBytes;

	DType(int byteSize) {
		this(1, byteSize);
	}

	DType(int blockSize, int blockBytes) {
		this.blockSize = blockSize;
		this.blockBytes = blockBytes;
	}

	/**
	 * Returns the size of one element in bytes.
	 * @return bytes per element
	 * @throws IllegalStateException for block-quantized types, whose elements have no
	 * whole-byte size (use {@link #byteSize(long)})
	 */
	public int byteSize() {
		if (isQuantized()) {
			throw new IllegalStateException(name() + " is block-quantized: use byteSize(elementCount)");
		}
		return this.blockBytes;
	}

	/**
	 * Elements per block (1 for plain types).
	 * @return the block size
	 */
	public int blockSize() {
		return this.blockSize;
	}

	/**
	 * Bytes per block (the element size for plain types).
	 * @return the block size in bytes
	 */
	public int blockBytes() {
		return this.blockBytes;
	}

	/**
	 * Whether this is a block-quantized type (Q8_0, Q4_0, Q4_K, Q6_K).
	 * @return true when elements are stored in blocks with shared scales
	 */
	public boolean isQuantized() {
		return this.blockSize > 1;
	}

	/**
	 * The bytes that {@code elementCount} elements take.
	 * @param elementCount the number of elements, a multiple of {@link #blockSize()}
	 * @return the size in bytes
	 * @throws ModelFormatException when the count is not a whole number of blocks
	 */
	public long byteSize(long elementCount) {
		if (elementCount % this.blockSize != 0) {
			throw new ModelFormatException(
					elementCount + " elements are not a whole number of " + name() + " blocks of " + this.blockSize);
		}
		return Math.multiplyExact(elementCount / this.blockSize, (long) this.blockBytes);
	}

	/**
	 * Whether this is a floating-point type usable for weights.
	 * @return true for BF16, F16 and F32
	 */
	public boolean isFloatingPoint() {
		return this == BF16 || this == F16 || this == F32;
	}

	/**
	 * Parses a safetensors dtype name.
	 * @param name the name in the header, e.g. {@code BF16}
	 * @param file the file, for the error message
	 * @param tensor the tensor, for the error message
	 * @return the dtype
	 * @throws ModelFormatException for dtypes the engine does not support
	 */
	public static DType fromSafetensors(String name, String file, String tensor) {
		return switch (name) {
			case "BF16" -> BF16;
			case "F16" -> F16;
			case "F32" -> F32;
			case "I32" -> I32;
			case "I64" -> I64;
			default -> throw new ModelFormatException("Unsupported dtype '" + name + "' of tensor '" + tensor + "' in "
					+ file + ": the engine reads BF16, F16 and F32 (and I32/I64 ids)");
		};
	}

}
