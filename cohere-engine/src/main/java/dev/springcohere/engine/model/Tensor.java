package dev.springcohere.engine.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * A named, typed, shaped view of tensor data that lives off-heap (usually a slice of a
 * memory-mapped file).
 *
 * @param name the tensor name
 * @param dtype the element type
 * @param shape the dimensions, outermost first
 * @param data the raw little-endian bytes, exactly {@code dtype.byteSize(numel)} long
 * (for block-quantized types the innermost dimension is a whole number of blocks)
 */
public record Tensor(String name, DType dtype, List<Long> shape, MemorySegment data) {

	private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

	private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	/**
	 * Validates the components.
	 */
	public Tensor {
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(dtype, "'dtype' must not be null");
		Objects.requireNonNull(data, "'data' must not be null");
		shape = List.copyOf(shape);
		if (dtype.isQuantized() && (shape.isEmpty() || shape.get(shape.size() - 1) % dtype.blockSize() != 0)) {
			throw new ModelFormatException("Tensor '" + name + "' of " + dtype + " has shape " + shape
					+ ": its rows must be a whole number of blocks of " + dtype.blockSize());
		}
		long expected = dtype.byteSize(elementCount(shape));
		if (data.byteSize() != expected) {
			throw new ModelFormatException("Tensor '" + name + "' has " + data.byteSize() + " bytes but shape " + shape
					+ " of " + dtype + " needs " + expected);
		}
	}

	/**
	 * Number of elements.
	 * @return the product of the shape
	 */
	public long numel() {
		return elementCount(this.shape);
	}

	/**
	 * Size of dimension {@code dim}.
	 * @param dim the dimension index
	 * @return its size
	 */
	public long dim(int dim) {
		return this.shape.get(dim);
	}

	/**
	 * Reads one element as float32 (bf16 and f16 are widened exactly; block-quantized
	 * elements are dequantized with their block's scales, a slow path meant for tests and
	 * small lookups).
	 * @param index flat element index
	 * @return the value
	 */
	public float getFloat(long index) {
		return switch (this.dtype) {
			case BF16 -> Float.intBitsToFloat(this.data.getAtIndex(SHORT_LE, index) << 16);
			case F16 -> Float.float16ToFloat(this.data.getAtIndex(SHORT_LE, index));
			case F32 -> this.data.getAtIndex(FLOAT_LE, index);
			case I32 -> this.data.getAtIndex(INT_LE, index);
			case I64 -> this.data.getAtIndex(LONG_LE, index);
			case Q8_0, Q4_0, Q4_K, Q6_K -> BlockFormats.element(this.dtype, this.data, index);
		};
	}

	/**
	 * Reads one element of an integer tensor (I32 or I64).
	 * @param index flat element index
	 * @return the value
	 * @throws IllegalStateException for floating-point tensors
	 */
	public long getLong(long index) {
		return switch (this.dtype) {
			case I32 -> this.data.getAtIndex(INT_LE, index);
			case I64 -> this.data.getAtIndex(LONG_LE, index);
			default -> throw new IllegalStateException(
					"Tensor '" + this.name + "' is " + this.dtype + ", not an integer tensor");
		};
	}

	/**
	 * Copies the whole tensor to a new float32 array (for small tensors such as norms and
	 * references).
	 * @return the values
	 */
	public float[] toFloatArray() {
		long n = numel();
		if (n > Integer.MAX_VALUE - 8) {
			throw new IllegalStateException("Tensor '" + this.name + "' is too large for a float array: " + n);
		}
		float[] out = new float[(int) n];
		if (this.dtype.isQuantized()) {
			BlockFormats.dequantize(this.dtype, this.data, 0, out, 0, out.length);
			return out;
		}
		for (int i = 0; i < out.length; i++) {
			out[i] = getFloat(i);
		}
		return out;
	}

	/**
	 * Whether the shape equals the given dimensions.
	 * @param dims the expected dimensions
	 * @return true when they match
	 */
	public boolean hasShape(long... dims) {
		if (dims.length != this.shape.size()) {
			return false;
		}
		for (int i = 0; i < dims.length; i++) {
			if (this.shape.get(i) != dims[i]) {
				return false;
			}
		}
		return true;
	}

	static long elementCount(List<Long> shape) {
		long n = 1;
		for (long d : shape) {
			if (d < 0) {
				throw new ModelFormatException("Negative dimension in shape " + shape);
			}
			n = Math.multiplyExact(n, d);
		}
		return n;
	}

}
