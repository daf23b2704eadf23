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
 * (for block-quantized types the innermost dimension is a whole number of blocks), or in
 * the {@link Layout#ROW_GROUPS} layout {@link RowGroups#byteSize} long
 * @param layout how the bytes are ordered
 */
public record Tensor(String name, DType dtype, List<Long> shape, MemorySegment data, Layout layout) {

	private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

	private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	/**
	 * How a tensor's bytes are ordered.
	 */
	public enum Layout {

		/** Row-major, each row in its type's own encoding (ggml's layout for blocks). */
		ROWS,

		/**
		 * A Q8_0 or Q4_0 matrix whose rows are interleaved in groups of 32, column by
		 * column ({@link RowGroups}): the layout of the CPU decode kernels, produced when
		 * weights are quantized on load.
		 */
		ROW_GROUPS

	}

	/**
	 * Validates the components.
	 */
	public Tensor {
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(dtype, "'dtype' must not be null");
		Objects.requireNonNull(data, "'data' must not be null");
		Objects.requireNonNull(layout, "'layout' must not be null");
		shape = List.copyOf(shape);
		if (dtype.isQuantized() && (shape.isEmpty() || shape.get(shape.size() - 1) % dtype.blockSize() != 0)) {
			throw new ModelFormatException("Tensor '" + name + "' of " + dtype + " has shape " + shape
					+ ": its rows must be a whole number of blocks of " + dtype.blockSize());
		}
		if (layout == Layout.ROW_GROUPS && ((dtype != DType.Q8_0 && dtype != DType.Q4_0) || shape.size() != 2)) {
			throw new ModelFormatException("Tensor '" + name + "' of " + dtype + " and shape " + shape
					+ " cannot be in row groups: only Q8_0 and Q4_0 matrices can");
		}
		long expected = (layout == Layout.ROW_GROUPS) ? RowGroups.byteSize(dtype, shape.get(0), shape.get(1))
				: dtype.byteSize(elementCount(shape));
		if (data.byteSize() != expected) {
			throw new ModelFormatException("Tensor '" + name + "' has " + data.byteSize() + " bytes but shape " + shape
					+ " of " + dtype + " needs " + expected);
		}
	}

	/**
	 * A tensor in the row-major {@link Layout#ROWS} layout.
	 * @param name the tensor name
	 * @param dtype the element type
	 * @param shape the dimensions, outermost first
	 * @param data the raw little-endian bytes, exactly {@code dtype.byteSize(numel)} long
	 */
	public Tensor(String name, DType dtype, List<Long> shape, MemorySegment data) {
		this(name, dtype, shape, data, Layout.ROWS);
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
		if (this.layout == Layout.ROW_GROUPS) {
			long columns = this.shape.get(1);
			return RowGroups.element(this.dtype, this.data, columns, index / columns, index % columns);
		}
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
		if (this.layout == Layout.ROW_GROUPS) {
			dequantizeRows(0, (int) dim(0), out, 0);
			return out;
		}
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
	 * Dequantizes whole rows of a block-quantized matrix, in either layout.
	 * @param firstRow the first row
	 * @param rows how many
	 * @param out receives {@code rows * dim(1)} values, row by row
	 * @param offset where the first goes
	 * @throws IllegalStateException when the tensor is not a block-quantized matrix
	 */
	public void dequantizeRows(long firstRow, int rows, float[] out, int offset) {
		if (!this.dtype.isQuantized() || this.shape.size() != 2) {
			throw new IllegalStateException("Tensor '" + this.name + "' (" + this.dtype + ", " + this.shape
					+ ") is not a block-quantized matrix");
		}
		int columns = Math.toIntExact(dim(1));
		if (this.layout == Layout.ROW_GROUPS) {
			RowGroups.dequantizeRows(this.dtype, this.data, columns, firstRow, rows, out, offset);
		}
		else {
			BlockFormats.dequantize(this.dtype, this.data, firstRow * columns, out, offset, rows * columns);
		}
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
