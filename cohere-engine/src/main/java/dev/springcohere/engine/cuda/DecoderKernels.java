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

	/**
	 * Per-head LayerNorm in place (QK-norm): row {@code r} of {@code rows} uses the
	 * weights of head {@code r % heads}.
	 * @param stream the stream
	 * @param x rows x headDim floats
	 * @param weight heads x headDim floats
	 * @param rows tokens x heads
	 * @param heads heads per token
	 * @param headDim the head size, at most 1024
	 * @param eps the epsilon
	 */
	public void layerNormHeads(long stream, long x, long weight, int rows, int heads, int headDim, float eps) {
		positive("rows", rows);
		positive("heads", heads);
		if (headDim < 1 || headDim > 1024) {
			throw new IllegalArgumentException("headDim must be 1 to 1024, got " + headDim);
		}
		launch("layer_norm_heads_f32", Dim3.of(rows), Dim3.of((headDim + 31) / 32 * 32), stream,
				KernelArgs.create().pointer(x).pointer(weight).i32(heads).i32(headDim).f32(eps));
	}

	/**
	 * Looks up the embedding rows of token ids.
	 * @param stream the stream
	 * @param out tokens x dim floats
	 * @param table vocabulary x dim bf16
	 * @param ids tokens ints
	 * @param tokens the number of tokens
	 * @param dim the hidden size
	 */
	public void embedBf16(long stream, long out, long table, long ids, int tokens, int dim) {
		positive("tokens", tokens);
		positive("dim", dim);
		launch("embed_bf16", Dim3.of(tokens), Dim3.of(THREADS), stream,
				KernelArgs.create().pointer(out).pointer(table).pointer(ids).i32(dim));
	}

	/**
	 * {@code x += a + b}: the parallel block's residual sum.
	 * @param stream the stream
	 * @param x n floats
	 * @param a n floats
	 * @param b n floats
	 * @param n the count
	 */
	public void add2(long stream, long x, long a, long b, int n) {
		positive("n", n);
		launch("add2_f32", Dim3.of(blocks(n, THREADS)), Dim3.of(THREADS), stream,
				KernelArgs.create().pointer(x).pointer(a).pointer(b).i32(n));
	}

	/**
	 * {@code y = W x} with Q4_0 weights, one warp per row.
	 * @param stream the stream
	 * @param y rows floats
	 * @param w rows x cols/32 blocks of 18 bytes
	 * @param x cols floats
	 * @param rows the output size
	 * @param cols the input size, a multiple of 32
	 */
	public void gemvQ4_0(long stream, long y, long w, long x, int rows, int cols) {
		gemv("gemv_q4_0", 32, stream, y, w, x, rows, cols);
	}

	/**
	 * Sets every logit not allowed by the constraint mask to minus infinity.
	 * @param stream the stream
	 * @param logits n floats
	 * @param allowed ceil(n / 64) 64-bit words, bit {@code t % 64} of word {@code t / 64}
	 * set where token {@code t} is allowed
	 * @param n the vocabulary size
	 */
	public void maskLogits(long stream, long logits, long allowed, int n) {
		positive("n", n);
		launch("mask_logits_f32", Dim3.of(blocks(n, THREADS)), Dim3.of(THREADS), stream,
				KernelArgs.create().pointer(logits).pointer(allowed).i32(n));
	}

	/**
	 * Decode attention of one new query token per sequence over a paged KV cache.
	 * @param stream the stream
	 * @param out sequences x heads x headDim floats
	 * @param q sequences x heads x headDim floats (RoPE applied)
	 * @param cache the paged keys and values
	 * @param blockTables sequences x {@code cache.maxBlocks()} ints
	 * @param seqLens sequences ints (positions written so far, the new one included)
	 * @param sequences the number of sequences
	 * @param window the sliding window in positions, 0 for full attention
	 * @param scale the score scale (1 / sqrt(headDim))
	 */
	public void pagedAttentionDecode(long stream, long out, long q, PagedCache cache, long blockTables, long seqLens,
			int sequences, int window, float scale) {
		positive("sequences", sequences);
		if (window < 0) {
			throw new IllegalArgumentException("window must be 0 (full) or positive, got " + window);
		}
		launch("paged_attention_decode", Dim3.of(sequences, cache.heads()), Dim3.of(128), stream,
				KernelArgs.create()
					.pointer(out)
					.pointer(q)
					.pointer(cache.keys())
					.pointer(cache.values())
					.pointer(blockTables)
					.pointer(seqLens)
					.i32(cache.maxBlocks())
					.i32(cache.heads())
					.i32(cache.kvHeads())
					.i32(cache.headDim())
					.i32(cache.blockSize())
					.i32(window)
					.f32(scale));
	}

	/**
	 * The device memory of one layer's paged KV cache and its shape.
	 *
	 * @param keys bf16 keys, [block][position in block][kv head][head dim]
	 * @param values bf16 values, laid out as the keys
	 * @param maxBlocks the block-table width (blocks per sequence)
	 * @param heads query heads
	 * @param kvHeads key/value heads (a divisor of {@code heads})
	 * @param headDim the head size (a multiple of 32, at most 256)
	 * @param blockSize positions per block
	 */
	public record PagedCache(long keys, long values, int maxBlocks, int heads, int kvHeads, int headDim,
			int blockSize) {

		/**
		 * Checks the shape.
		 * @param keys the keys
		 * @param values the values
		 * @param maxBlocks the block-table width
		 * @param heads query heads
		 * @param kvHeads key/value heads
		 * @param headDim the head size
		 * @param blockSize positions per block
		 */
		public PagedCache {
			positive("maxBlocks", maxBlocks);
			positive("blockSize", blockSize);
			positive("kvHeads", kvHeads);
			if (heads % kvHeads != 0) {
				throw new IllegalArgumentException(
						"heads (" + heads + ") must be a multiple of kvHeads (" + kvHeads + ")");
			}
			if (headDim % 32 != 0 || headDim > 256 || headDim < 32) {
				throw new IllegalArgumentException("headDim must be a multiple of 32 up to 256, got " + headDim);
			}
		}

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
