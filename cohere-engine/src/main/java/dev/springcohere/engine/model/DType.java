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
	F32(4);

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
			default -> throw new ModelFormatException("Unsupported dtype '" + name + "' of tensor '" + tensor + "' in "
					+ file + ": the engine reads BF16, F16 and F32 weights only");
		};
	}

}
