package dev.springcohere.engine.cuda;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The decoder kernels of {@code decoder_kernels.cu} loaded into the current context, with
 * one method per kernel that checks the shapes and launches it with the grid and block
 * the kernel was written for. Device memory is passed as device pointers; every method
 * enqueues on the given stream and returns at once.
 */
public final class DecoderKernels implements AutoCloseable {

	private static final int THREADS = 256;

	private static final int WARPS_PER_BLOCK = THREADS / 32;

	private final CudaDriver driver;

	private final long module;

	private final Map<String, Long> functions = new HashMap<>();

	/**
	 * Loads the decoder PTX and looks up every kernel.
	 * @param driver the driver, with a context current on this thread
	 */
	public DecoderKernels(CudaDriver driver) {
		this.driver = Objects.requireNonNull(driver, "'driver' must not be null");
		String ptx = PtxModules.read(PtxModules.DECODER);
		this.module = driver.loadModule(ptx);
		for (String name : PtxModules.entries(ptx)) {
			this.functions.put(name, driver.function(this.module, name));
		}
	}

	/**
	 * The kernels this module holds.
	 * @return their names
	 */
	public List<String> names() {
		return this.functions.keySet().stream().sorted().toList();
	}

	/**
	 * Cohere's LayerNorm (mean subtracted, weight only) of each row.
	 * @param stream the stream
	 * @param out rows x dim floats
	 * @param x rows x dim floats (may be {@code out})
	 * @param weight dim floats
	 * @param rows the number of rows
	 * @param dim the row length
	 * @param eps the epsilon
	 */
	public void layerNorm(long stream, long out, long x, long weight, int rows, int dim, float eps) {
		positive("rows", rows);
		positive("dim", dim);
		launch("layer_norm_f32", Dim3.of(rows), Dim3.of(THREADS), stream,
				KernelArgs.create().pointer(out).pointer(x).pointer(weight).i32(dim).f32(eps));
	}

	/**
	 * Interleaved rotary embedding in place.
	 * @param stream the stream
	 * @param x tokens x heads x headDim floats
	 * @param positions tokens ints
	 * @param tokens the number of tokens
	 * @param heads heads per token
	 * @param headDim the head size (even, at most 2048)
	 * @param theta the rope base
	 */
	public void rope(long stream, long x, long positions, int tokens, int heads, int headDim, float theta) {
		positive("tokens", tokens);
		positive("heads", heads);
		if (headDim % 2 != 0 || headDim > 2048 || headDim < 2) {
			throw new IllegalArgumentException("headDim must be even and at most 2048, got " + headDim);
		}
		launch("rope_interleaved_f32", Dim3.of(tokens, heads), Dim3.of(headDim / 2), stream,
				KernelArgs.create().pointer(x).pointer(positions).i32(heads).i32(headDim).f32(theta));
	}

	/**
	 * {@code out = silu(gate) * up}.
	 * @param stream the stream
	 * @param out n floats
	 * @param gate n floats
	 * @param up n floats
	 * @param n the count
	 */
	public void swiglu(long stream, long out, long gate, long up, int n) {
		positive("n", n);
		launch("swiglu_f32", Dim3.of(blocks(n, THREADS)), Dim3.of(THREADS), stream,
				KernelArgs.create().pointer(out).pointer(gate).pointer(up).i32(n));
	}

	/**
	 * {@code x *= scale}.
	 * @param stream the stream
	 * @param x n floats
	 * @param scale the factor
	 * @param n the count
	 */
	public void scale(long stream, long x, float scale, int n) {
		positive("n", n);
		launch("scale_f32", Dim3.of(blocks(n, THREADS)), Dim3.of(THREADS), stream,
				KernelArgs.create().pointer(x).f32(scale).i32(n));
	}

	/**
	 * {@code y = W x} with bf16 weights, one warp per row.
	 * @param stream the stream
	 * @param y rows floats
	 * @param w rows x cols bf16, row-major
	 * @param x cols floats
	 * @param rows the output size
	 * @param cols the input size, a multiple of 8
	 */
	public void gemvBf16(long stream, long y, long w, long x, int rows, int cols) {
		gemv("gemv_bf16", 8, stream, y, w, x, rows, cols);
	}

	/**
	 * {@code y = W x} with Q8_0 weights, one warp per row.
	 * @param stream the stream
	 * @param y rows floats
	 * @param w rows x cols/32 blocks of 34 bytes
	 * @param x cols floats
	 * @param rows the output size
	 * @param cols the input size, a multiple of 32
	 */
	public void gemvQ8_0(long stream, long y, long w, long x, int rows, int cols) {
		gemv("gemv_q8_0", 32, stream, y, w, x, rows, cols);
	}

	/**
	 * The index of the largest logit, written to {@code out} (one int).
	 * @param stream the stream
	 * @param out one int
	 * @param logits n floats
	 * @param n the vocabulary size
	 */
	public void argmax(long stream, long out, long logits, int n) {
		positive("n", n);
		launch("argmax_f32", Dim3.of(1), Dim3.of(1024), stream,
				KernelArgs.create().pointer(out).pointer(logits).i32(n));
	}

	private void gemv(String kernel, int multiple, long stream, long y, long w, long x, int rows, int cols) {
		positive("rows", rows);
		positive("cols", cols);
		if (cols % multiple != 0) {
			throw new IllegalArgumentException(
					kernel + " needs cols to be a multiple of " + multiple + ", got " + cols);
		}
		launch(kernel, Dim3.of(blocks(rows, WARPS_PER_BLOCK)), Dim3.of(THREADS), stream,
				KernelArgs.create().pointer(y).pointer(w).pointer(x).i32(rows).i32(cols));
	}

	private void launch(String kernel, Dim3 grid, Dim3 block, long stream, KernelArgs args) {
		Long function = this.functions.get(kernel);
		if (function == null) {
			throw new IllegalStateException("The decoder PTX has no kernel " + kernel + "; rebuild it");
		}
		this.driver.launch(function, grid, block, 0, stream, args);
	}

	private static int blocks(int n, int perBlock) {
		return (n + perBlock - 1) / perBlock;
	}

	private static void positive(String name, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1, got " + value);
		}
	}

	@Override
	public void close() {
		this.driver.unloadModule(this.module);
	}

}
