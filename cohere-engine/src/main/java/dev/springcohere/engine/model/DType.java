package dev.springcohere.engine.model;

/**
 * Element types of tensors the engine can read from safetensors files.
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
	I64(8);

	private final int byteSize;

	DType(int byteSize) {
		this.byteSize = byteSize;
	}

	/**
	 * Returns the size of one element in bytes.
	 * @return bytes per element
	 */
	public int byteSize() {
		return this.byteSize;
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
