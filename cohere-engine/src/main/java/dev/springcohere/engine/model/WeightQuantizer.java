package dev.springcohere.engine.model;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quantize-on-load: turns a bf16/f16/f32 checkpoint into Q8_0 or Q4_0 weights held
 * off-heap in one {@link Arena}, a row at a time (no second full-precision copy is ever
 * held on the heap).
 * <p>
 * Which tensors are quantized follows llama.cpp's {@code llama-quantize} for these types:
 * <ul>
 * <li>every 2-D projection matrix ({@code q/k/v/o_proj}, {@code gate/up/down_proj}) gets
 * the requested type;</li>
 * <li>the token embedding (which Cohere ties to the LM head) and an untied
 * {@code lm_head} get the plan's output type ({@link QuantizationPlan#output()}), Q8_0 by
 * default in both modes: llama.cpp keeps the output matrix at higher precision than Q4_0
 * too (it uses Q6_K there; this engine quantizes only to Q8_0 and Q4_0, so it takes the
 * next larger type);</li>
 * <li>norm weights (1-D, and the 2-D per-head {@code q_norm}/{@code k_norm}) stay as they
 * are;</li>
 * <li>a matrix whose rows are not a whole number of 32-element blocks stays as it is
 * (logged at WARN with its name and row length), as llama.cpp falls back for such
 * shapes.</li>
 * </ul>
 * Every tensor is copied into the arena, quantized or not, so the checkpoint's files are
 * closed when loading ends. Quantized matrices are stored in the
 * {@link Tensor.Layout#ROW_GROUPS} layout ({@link RowGroups}: groups of 32 rows, column
 * by column), the one the CPU kernels read, so no second copy in another layout is made
 * at run time.
 */
public final class WeightQuantizer {

	private static final Logger logger = LoggerFactory.getLogger(WeightQuantizer.class);

	private static final int ROWS_PER_TASK = 2 * RowGroups.ROWS;

	private WeightQuantizer() {
	}

	/**
	 * The dtype a tensor gets.
	 * @param name the tensor name
	 * @param tensor the tensor
	 * @param mode the requested quantization
	 * @return its dtype after quantization (its own dtype when it stays as it is)
	 */
	public static DType targetType(String name, Tensor tensor, WeightQuantization mode) {
		return targetType(name, tensor.dtype(), tensor.shape(), QuantizationPlan.of(mode));
	}

	/**
	 * The dtype a tensor of this name, type and shape gets.
	 * @param name the tensor name
	 * @param dtype its dtype
	 * @param shape its shape
	 * @param plan the requested quantization
	 * @return its dtype after quantization ({@code dtype} when it stays as it is)
	 */
	public static DType targetType(String name, DType dtype, List<Long> shape, QuantizationPlan plan) {
		Objects.requireNonNull(plan, "'plan' must not be null");
		if (!dtype.isFloatingPoint() || shape.size() != 2 || name.endsWith("norm.weight")) {
			return dtype;
		}
		WeightQuantization mode;
		if (name.equals("model.embed_tokens.weight") || name.equals("lm_head.weight")) {
			mode = plan.output();
		}
		else if (name.endsWith("_proj.weight")) {
			mode = plan.projections();
		}
		else {
			return dtype;
		}
		if (mode == WeightQuantization.NONE) {
			return dtype;
		}
		DType target = mode.dtype();
		return shape.get(1) % target.blockSize() == 0 ? target : dtype;
	}

	/**
	 * Quantizes a checkpoint and closes it: the result owns all the memory it uses.
	 * @param source the loaded checkpoint (closed by this method, also on failure)
	 * @param mode the quantization; {@link WeightQuantization#NONE} returns the source as
	 * it is
	 * @return the quantized weights
	 */
	public static ModelWeights quantize(ModelWeights source, WeightQuantization mode) {
		Objects.requireNonNull(mode, "'mode' must not be null");
		return quantize(source, QuantizationPlan.of(mode));
	}

	/**
	 * Quantizes a checkpoint and closes it: the result owns all the memory it uses.
	 * @param source the loaded checkpoint (closed by this method, also on failure)
	 * @param plan the quantization; {@link QuantizationPlan#NONE} returns the source as
	 * it is
	 * @return the quantized weights
	 */
	public static ModelWeights quantize(ModelWeights source, QuantizationPlan plan) {
		Objects.requireNonNull(source, "'source' must not be null");
		Objects.requireNonNull(plan, "'plan' must not be null");
		if (plan.isNone()) {
			return source;
		}
		Arena arena = Arena.ofShared();
		try (source) {
			Map<String, Tensor> out = new LinkedHashMap<>();
			List<String> kept = new ArrayList<>();
			for (String name : source.tensorNames()) {
				Tensor t = source.tensor(name);
				DType target = targetType(name, t.dtype(), t.shape(), plan);
				if (target == t.dtype()) {
					if (plan.projections() != WeightQuantization.NONE && t.dtype().isFloatingPoint()
							&& t.shape().size() == 2 && name.endsWith("_proj.weight")) {
						kept.add(name + " (rows of " + t.dim(1) + ")");
					}
					MemorySegment copy = WeightMemory.allocate(arena, t.data().byteSize());
					MemorySegment.copy(t.data(), 0, copy, 0, t.data().byteSize());
					out.put(name, new Tensor(name, t.dtype(), t.shape(), copy));
				}
				else {
					out.put(name, quantize(t, target, arena));
				}
			}
			if (!kept.isEmpty()) {
				logger.warn("{} matrices stay unquantized because their rows are not a whole number of 32-element "
						+ "blocks: {}", kept.size(), kept);
			}
			return ModelWeights.derived(source, out, arena);
		}
		catch (RuntimeException ex) {
			arena.close();
			throw ex;
		}
	}

	/**
	 * Quantizes one 2-D float tensor into a new segment of {@code arena}, rows in
	 * parallel, in the {@link Tensor.Layout#ROW_GROUPS} layout.
	 * @param t a bf16, f16 or f32 matrix whose rows are a whole number of blocks
	 * @param target {@link DType#Q8_0} or {@link DType#Q4_0}
	 * @param arena where the quantized bytes go
	 * @return the quantized tensor, same name and shape
	 */
	public static Tensor quantize(Tensor t, DType target, Arena arena) {
		if (target != DType.Q8_0 && target != DType.Q4_0) {
			throw new IllegalArgumentException("Quantizing to " + target + " is not supported; use Q8_0 or Q4_0");
		}
		if (!t.dtype().isFloatingPoint() || t.shape().size() != 2) {
			throw new IllegalArgumentException("Tensor '" + t.name() + "' is " + t.dtype() + " of shape " + t.shape()
					+ "; only bf16, f16 or f32 matrices can be quantized");
		}
		int rows = Math.toIntExact(t.dim(0));
		int cols = Math.toIntExact(t.dim(1));
		MemorySegment dst = WeightMemory.allocate(arena, RowGroups.byteSize(target, rows, cols));
		int tasks = (rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
		IntStream.range(0, tasks).parallel().forEach(task -> {
			float[] row = new float[cols];
			int end = Math.min(rows, (task + 1) * ROWS_PER_TASK);
			for (int r = task * ROWS_PER_TASK; r < end; r++) {
				long base = (long) r * cols;
				for (int i = 0; i < cols; i++) {
					row[i] = t.getFloat(base + i);
				}
				try {
					quantizeRow(row, target, dst, cols, r);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException(
							"Cannot quantize row " + r + " of '" + t.name() + "': " + ex.getMessage(), ex);
				}
			}
		});
		return new Tensor(t.name(), target, t.shape(), dst, Tensor.Layout.ROW_GROUPS);
	}

	/**
	 * Quantizes one row with ggml's reference rounding straight into its place in a
	 * {@link Tensor.Layout#ROW_GROUPS} matrix (by way of one block in ggml's layout).
	 * @param row the values
	 * @param target Q8_0 or Q4_0
	 * @param dst the matrix's bytes
	 * @param columns the row length, a whole number of blocks
	 * @param r the row index
	 */
	public static void quantizeRow(float[] row, DType target, MemorySegment dst, int columns, int r) {
		MemorySegment block = MemorySegment.ofArray(new byte[target.blockBytes()]);
		int blocks = columns / 32;
		long group = (long) (r / RowGroups.ROWS) * blocks * RowGroups.groupBlockBytes(target);
		for (int b = 0; b < blocks; b++) {
			if (target == DType.Q8_0) {
				BlockFormats.quantizeQ8_0(row, 32 * b, block, 0);
			}
			else {
				BlockFormats.quantizeQ4_0(row, 32 * b, block, 0);
			}
			RowGroups.repackRow(target, block, dst, group + (long) b * RowGroups.groupBlockBytes(target),
					r % RowGroups.ROWS);
		}
	}

}
