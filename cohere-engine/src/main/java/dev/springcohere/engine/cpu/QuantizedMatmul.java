package dev.springcohere.engine.cpu;

import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * Matmul with block-quantized weights (Q8_0, Q4_0, Q4_K, Q6_K) and float32 activations.
 * Weight rows are handed out in tasks of {@value #ROWS_PER_TASK} to the team (a one-row
 * Q8_0 task and a Q4_0 or Q6_K GEMV task take two such groups, read in one pass, see
 * {@link #pairedTasks}; a Q4_K GEMV task four, see {@link #quadTasks}). Several weights
 * sharing an input (q/k/v, gate/up) run as one job.
 * <p>
 * With 512-bit vectors, every block-quantized weight goes through a repacked copy made on
 * its first use ({@link PackedQ8_0}, {@link PackedQ4_0}, {@link PackedQ4_K},
 * {@link PackedQ6_K}: groups of 32 rows stored column by column), which every path reads:
 * below {@value #TILE_MIN_ROWS} activation rows (decode, the LM head, small batches) the
 * repacked GEMVs (Q8_0: float, four activation rows per pass; Q4_0, Q4_K and Q6_K: 8-bit
 * activations, quantized once per call, and 16-bit multiply-adds, one row per pass); from
 * {@value #TILE_MIN_ROWS} rows on (prefill chunks, large batches) a task's group is
 * dequantized once into a column-interleaved float tile multiplied by
 * {@link TileGemm#multiplyInterleaved}. Without 512-bit vectors every format takes a
 * {@link ScalarQuantizedDot} per output below {@value #TILE_MIN_ROWS} rows and a
 * row-major dequantized tile through {@link TileGemm#multiply} from there.
 */
final class QuantizedMatmul {

	private static final int ROWS_PER_TASK = 32;

	/** The fewest activation rows for which the dequantized tile pays for itself. */
	static final int TILE_MIN_ROWS = 16;

	private static final RepackedCopies<PackedQ4_0> PACKED_Q4_0 = new RepackedCopies<>();

	private static final RepackedCopies<PackedQ8_0> PACKED_Q8_0 = new RepackedCopies<>();

	private static final RepackedCopies<PackedQ4_K> PACKED_Q4_K = new RepackedCopies<>();

	private static final RepackedCopies<PackedQ6_K> PACKED_Q6_K = new RepackedCopies<>();

	static {
		if (ROWS_PER_TASK != PackedQ4_0.ROWS || ROWS_PER_TASK != PackedQ8_0.ROWS || ROWS_PER_TASK != PackedQ4_K.ROWS
				|| ROWS_PER_TASK != PackedQ6_K.ROWS) {
			throw new AssertionError("a task must be one group of the repacked layouts");
		}
	}

	private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[0]);

	private QuantizedMatmul() {
	}

	/**
	 * Runs {@code outs[k] = x * ws[k]^T}.
	 * @param team the threads that run the tasks
	 * @param x the input, {@code rows * inDim}
	 * @param rows the number of input rows
	 * @param ws block-quantized weights {@code [outDim_k, inDim]} with the same
	 * {@code inDim}
	 * @param outs the outputs, {@code rows * outDim_k}
	 */
	static void run(WorkerTeam team, float[] x, int rows, List<Tensor> ws, List<float[]> outs) {
		run(team, Collections.nCopies(ws.size(), x), rows, ws, outs);
	}

	/**
	 * Runs {@code outs[k] = xs[k] * ws[k]^T} as one job (an input shared by several
	 * weights is quantized once).
	 * @param team the threads that run the tasks
	 * @param xs the inputs, {@code rows * inDim_k} each
	 * @param rows the number of input rows, the same for every input
	 * @param ws block-quantized weights {@code [outDim_k, inDim_k]}
	 * @param outs the outputs, {@code rows * outDim_k}
	 */
	static void run(WorkerTeam team, List<float[]> xs, int rows, List<Tensor> ws, List<float[]> outs) {
		int n = ws.size();
		if (xs.size() != n || outs.size() != n) {
			throw new IllegalArgumentException(
					n + " weights but " + xs.size() + " inputs and " + outs.size() + " outputs");
		}
		int[] inDims = new int[n];
		for (int k = 0; k < n; k++) {
			Tensor w = ws.get(k);
			inDims[k] = (int) w.dim(1);
			if (!w.dtype().isQuantized() || (long) rows * inDims[k] > xs.get(k).length) {
				throw new IllegalArgumentException("Weight '" + w.name() + "' (" + w.dtype() + ", " + w.shape()
						+ ") cannot join a quantized matmul over " + rows + " row(s) of an input of " + xs.get(k).length
						+ " floats");
			}
		}
		PackedQ4_0[] q4 = new PackedQ4_0[n];
		PackedQ8_0[] q8 = new PackedQ8_0[n];
		PackedQ4_K[] q4k = new PackedQ4_K[n];
		PackedQ6_K[] q6k = new PackedQ6_K[n];
		if (QuantizedDot.SUPPORTED) {
			for (int k = 0; k < n; k++) {
				Tensor w = ws.get(k);
				switch (w.dtype()) {
					case Q4_0 -> q4[k] = packedQ4_0(w, team);
					case Q8_0 -> q8[k] = packedQ8_0(w, team);
					case Q4_K -> q4k[k] = packedQ4_K(w, team);
					case Q6_K -> q6k[k] = packedQ6_K(w, team);
					default -> {
					}
				}
			}
		}
		int[] firstTask = new int[n + 1];
		for (int k = 0; k < n; k++) {
			int groups = (int) ((ws.get(k).dim(0) + ROWS_PER_TASK - 1) / ROWS_PER_TASK);
			boolean paired = (rows < 4 && q8[k] != null) || (rows < TILE_MIN_ROWS && (q4[k] != null || q6k[k] != null));
			boolean quad = rows < TILE_MIN_ROWS && q4k[k] != null;
			firstTask[k + 1] = firstTask[k] + (quad ? quadTasks(groups) : paired ? pairedTasks(groups) : groups);
		}
		// per weight, the quantized form of its input (Q4_0, Q4_K and Q6_K GEMVs), made
		// once per distinct input, and the Q6_K GEMV's offsets of runs of 8 and the
		// multipliers of its high bits
		QuantizedActivations[] activations = new QuantizedActivations[n];
		short[][] q6KOffsets = new short[n][];
		short[][] q6KCrumbs = new short[n][];
		if (rows < TILE_MIN_ROWS) {
			for (int k = 0; k < n; k++) {
				if (q4[k] != null || q4k[k] != null || q6k[k] != null) {
					QuantizedActivations made = madeForSameInput(activations, xs, inDims, k);
					activations[k] = (made != null) ? made : QuantizedActivations.of(xs.get(k), rows, inDims[k]);
				}
				if (q6k[k] != null) {
					q6KOffsets[k] = activations[k].offsets(8, 32);
					q6KCrumbs[k] = activations[k].crumbMultipliers();
				}
			}
		}
		// one body per path (tile, four-row GEMV, one-row GEMV), so that each is compiled
		// apart: one lambda for all saw its GEMV calls slowed about 8x after its first
		// tile call (an uncommon trap, then a recompilation that kept the GEMV path
		// slow), and one-row calls about 1.4x after four-row ones
		IntConsumer body;
		if (rows >= TILE_MIN_ROWS) {
			body = (t) -> {
				int k = weight(firstTask, t);
				int task = t - firstTask[k];
				int outDim = (int) ws.get(k).dim(0);
				float[] x = xs.get(k);
				if (q8[k] != null) {
					q8Tile(x, rows, inDims[k], q8[k], task, outs.get(k), outDim);
				}
				else if (q4[k] != null) {
					q4Tile(x, rows, inDims[k], q4[k], task, outs.get(k), outDim);
				}
				else if (q4k[k] != null) {
					q4KTile(x, rows, inDims[k], q4k[k], task, outs.get(k), outDim);
				}
				else if (q6k[k] != null) {
					q6KTile(x, rows, inDims[k], q6k[k], task, outs.get(k), outDim);
				}
				else {
					tiledTask(x, rows, inDims[k], ws.get(k), task, outs.get(k));
				}
			};
		}
		else if (rows >= 4) {
			body = (t) -> {
				int k = weight(firstTask, t);
				int task = t - firstTask[k];
				int outDim = (int) ws.get(k).dim(0);
				float[] x = xs.get(k);
				if (q8[k] != null) {
					q8Gemv4(x, rows, inDims[k], q8[k], task, outs.get(k), outDim);
				}
				else if (q4[k] != null) {
					q4Gemv(activations[k], rows, inDims[k], q4[k], task, outs.get(k), outDim);
				}
				else if (q4k[k] != null) {
					q4KGemv(activations[k], rows, inDims[k], q4k[k], task, outs.get(k), outDim);
				}
				else if (q6k[k] != null) {
					q6KGemv(activations[k], q6KOffsets[k], q6KCrumbs[k], rows, inDims[k], q6k[k], task, outs.get(k),
							outDim);
				}
				else {
					task(x, rows, inDims[k], ws.get(k), task, outs.get(k));
				}
			};
		}
		else {
			body = (t) -> {
				int k = weight(firstTask, t);
				int task = t - firstTask[k];
				int outDim = (int) ws.get(k).dim(0);
				float[] x = xs.get(k);
				if (q8[k] != null) {
					q8Gemv(x, rows, inDims[k], q8[k], task, outs.get(k), outDim);
				}
				else if (q4[k] != null) {
					q4Gemv(activations[k], rows, inDims[k], q4[k], task, outs.get(k), outDim);
				}
				else if (q4k[k] != null) {
					q4KGemv(activations[k], rows, inDims[k], q4k[k], task, outs.get(k), outDim);
				}
				else if (q6k[k] != null) {
					q6KGemv(activations[k], q6KOffsets[k], q6KCrumbs[k], rows, inDims[k], q6k[k], task, outs.get(k),
							outDim);
				}
				else {
					task(x, rows, inDims[k], ws.get(k), task, outs.get(k));
				}
			};
		}
		team.forEach(firstTask[n], body);
	}

	/**
	 * What was made for an earlier weight that reads the same input as weight {@code k}
	 * (the same array, the same width), so that an input several weights share is
	 * prepared once per call.
	 * @param made what was made per weight so far, null where nothing was
	 * @param xs the inputs, one per weight
	 * @param inDims the inputs' widths, one per weight
	 * @param k the weight
	 * @param <T> what is made for an input
	 * @return {@code made[j]} for the first {@code j < k} with the same input that has
	 * one, or null
	 */
	static <T> @Nullable T madeForSameInput(@Nullable T[] made, List<float[]> xs, int[] inDims, int k) {
		for (int j = 0; j < k; j++) {
			if (made[j] != null && xs.get(j) == xs.get(k) && inDims[j] == inDims[k]) {
				return made[j];
			}
		}
		return null;
	}

	/**
	 * The repacked copy of a Q4_0 weight, made on first use (in parallel on the team) and
	 * kept as long as the weight is reachable.
	 */
	static PackedQ4_0 packedQ4_0(Tensor w, WorkerTeam team) {
		return PACKED_Q4_0.get(w, (key) -> PackedQ4_0.of(key, team));
	}

	/**
	 * The repacked copy of a Q8_0 weight, made on first use (in parallel on the team) and
	 * kept as long as the weight is reachable.
	 */
	static PackedQ8_0 packedQ8_0(Tensor w, WorkerTeam team) {
		return PACKED_Q8_0.get(w, (key) -> PackedQ8_0.of(key, team));
	}

	/**
	 * The repacked copy of a Q4_K weight, made on first use (in parallel on the team) and
	 * kept as long as the weight is reachable.
	 */
	static PackedQ4_K packedQ4_K(Tensor w, WorkerTeam team) {
		return PACKED_Q4_K.get(w, (key) -> PackedQ4_K.of(key, team));
	}

	/**
	 * The repacked copy of a Q6_K weight, made on first use (in parallel on the team) and
	 * kept as long as the weight is reachable.
	 */
	static PackedQ6_K packedQ6_K(Tensor w, WorkerTeam team) {
		return PACKED_Q6_K.get(w, (key) -> PackedQ6_K.of(key, team));
	}

	private static int weight(int[] firstTask, int t) {
		int k = 0;
		while (t >= firstTask[k + 1]) {
			k++;
		}
		return k;
	}

	private static void q8Tile(float[] x, int rows, int inDim, PackedQ8_0 w, int task, float[] out, int outDim) {
		int start = task * ROWS_PER_TASK;
		float[] tile = tile(ROWS_PER_TASK * inDim);
		w.dequantize(task, tile);
		TileGemm.multiplyInterleaved(x, rows, inDim, tile, Math.min(ROWS_PER_TASK, outDim - start), out, outDim, start);
	}

	private static void q4Tile(float[] x, int rows, int inDim, PackedQ4_0 w, int task, float[] out, int outDim) {
		int start = task * ROWS_PER_TASK;
		float[] tile = tile(ROWS_PER_TASK * inDim);
		w.dequantize(task, tile);
		TileGemm.multiplyInterleaved(x, rows, inDim, tile, Math.min(ROWS_PER_TASK, outDim - start), out, outDim, start);
	}

	private static void q4KTile(float[] x, int rows, int inDim, PackedQ4_K w, int task, float[] out, int outDim) {
		int start = task * ROWS_PER_TASK;
		float[] tile = tile(ROWS_PER_TASK * inDim);
		w.dequantize(task, tile);
		TileGemm.multiplyInterleaved(x, rows, inDim, tile, Math.min(ROWS_PER_TASK, outDim - start), out, outDim, start);
	}

	private static void q6KTile(float[] x, int rows, int inDim, PackedQ6_K w, int task, float[] out, int outDim) {
		int start = task * ROWS_PER_TASK;
		float[] tile = tile(ROWS_PER_TASK * inDim);
		w.dequantize(task, tile);
		TileGemm.multiplyInterleaved(x, rows, inDim, tile, Math.min(ROWS_PER_TASK, outDim - start), out, outDim, start);
	}

	private static void q4KGemv(QuantizedActivations a, int rows, int inDim, PackedQ4_K w, int task, float[] out,
			int outDim) {
		int groups = (outDim + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
		int stride = quadTasks(groups);
		for (int r = 0; r < rows; r++) {
			int row = r * outDim;
			if (task + 3 * stride < groups) {
				w.gemvQuad(task, stride, a, r * inDim, out, row + task * ROWS_PER_TASK);
			}
			else {
				for (int g = task; g < groups; g += stride) {
					w.gemv(g, a, r * inDim, out, row + g * ROWS_PER_TASK);
				}
			}
		}
	}

	private static void q6KGemv(QuantizedActivations a, short[] offsets, short[] crumbs, int rows, int inDim,
			PackedQ6_K w, int task, float[] out, int outDim) {
		int groups = (outDim + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
		int other = task + pairedTasks(groups);
		for (int r = 0; r < rows; r++) {
			int row = r * outDim;
			if (other < groups) {
				w.gemvPair(task, other, a, offsets, crumbs, r * inDim, out, row + task * ROWS_PER_TASK,
						row + other * ROWS_PER_TASK);
			}
			else {
				w.gemv(task, a, offsets, crumbs, r * inDim, out, row + task * ROWS_PER_TASK);
			}
		}
	}

	private static void q8Gemv4(float[] x, int rows, int inDim, PackedQ8_0 w, int task, float[] out, int outDim) {
		int start = task * ROWS_PER_TASK;
		int r = 0;
		for (; r + 4 <= rows; r += 4) {
			w.gemv4(task, x, r * inDim, inDim, out, r * outDim + start, outDim);
		}
		for (; r < rows; r++) {
			w.gemv(task, x, r * inDim, out, r * outDim + start);
		}
	}

	/**
	 * The tasks of a GEMV whose tasks read two groups each: task {@code t} reads groups
	 * {@code t} and {@code t + pairedTasks(groups)} (when it exists) in one pass. The
	 * team hands each thread a contiguous run of tasks, so each thread reads two
	 * contiguous parts of the weight, two streams of memory in flight: measured on the
	 * benchmark machine, one stream per thread read memory at about two thirds of the
	 * rate, and pairs of neighbouring groups (whose streams jump at every group) no
	 * faster.
	 * @param groups the groups of {@value #ROWS_PER_TASK} rows
	 * @return the tasks
	 */
	static int pairedTasks(int groups) {
		return (groups + 1) / 2;
	}

	/**
	 * The tasks of a GEMV whose tasks read four groups each: task {@code t} reads groups
	 * {@code t + k * quadTasks(groups)} (those that exist) in one pass, each thread four
	 * contiguous parts of the weight ({@link PackedQ4_K#gemvQuad}).
	 * @param groups the groups of {@value #ROWS_PER_TASK} rows
	 * @return the tasks
	 */
	static int quadTasks(int groups) {
		return (groups + 3) / 4;
	}

	private static void q8Gemv(float[] x, int rows, int inDim, PackedQ8_0 w, int task, float[] out, int outDim) {
		int groups = (outDim + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
		int other = task + pairedTasks(groups);
		for (int r = 0; r < rows; r++) {
			int row = r * outDim;
			if (other < groups) {
				w.gemvPair(task, other, x, r * inDim, out, row + task * ROWS_PER_TASK, row + other * ROWS_PER_TASK);
			}
			else {
				w.gemv(task, x, r * inDim, out, row + task * ROWS_PER_TASK);
			}
		}
	}

	private static void q4Gemv(QuantizedActivations a, int rows, int inDim, PackedQ4_0 w, int task, float[] out,
			int outDim) {
		int groups = (outDim + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
		int other = task + pairedTasks(groups);
		for (int r = 0; r < rows; r++) {
			int row = r * outDim;
			if (other < groups) {
				w.gemvPair(task, other, a, r * inDim, out, row + task * ROWS_PER_TASK, row + other * ROWS_PER_TASK);
			}
			else {
				w.gemv(task, a, r * inDim, out, row + task * ROWS_PER_TASK);
			}
		}
	}

	private static float[] tile(int floats) {
		float[] tile = TILE.get();
		if (tile.length < floats) {
			tile = new float[floats];
			TILE.set(tile);
		}
		return tile;
	}

	private static void task(float[] x, int rows, int inDim, Tensor w, int task, float[] out) {
		// without 512-bit vectors a weight in row groups goes through the row-major tile
		if (rows >= TILE_MIN_ROWS || w.layout() == Tensor.Layout.ROW_GROUPS) {
			tiledTask(x, rows, inDim, w, task, out);
			return;
		}
		DType dtype = w.dtype();
		MemorySegment seg = w.data();
		int outDim = (int) w.dim(0);
		long rowBytes = dtype.byteSize(inDim);
		int end = Math.min(outDim, (task + 1) * ROWS_PER_TASK);
		for (int o = task * ROWS_PER_TASK; o < end; o++) {
			long off = o * rowBytes;
			for (int r = 0; r < rows; r++) {
				out[r * outDim + o] = QuantizedDot.SUPPORTED ? QuantizedDot.dot(dtype, seg, off, x, r * inDim, inDim)
						: ScalarQuantizedDot.dot(dtype, seg, off, x, r * inDim, inDim);
			}
		}
	}

	private static void tiledTask(float[] x, int rows, int inDim, Tensor w, int task, float[] out) {
		int outDim = (int) w.dim(0);
		int start = task * ROWS_PER_TASK;
		int n = Math.min(outDim, start + ROWS_PER_TASK) - start;
		float[] tile = tile(ROWS_PER_TASK * inDim);
		w.dequantizeRows(start, n, tile, 0);
		TileGemm.multiply(x, rows, inDim, tile, n, out, outDim, start);
	}

}
