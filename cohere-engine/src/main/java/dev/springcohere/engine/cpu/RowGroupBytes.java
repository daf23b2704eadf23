package dev.springcohere.engine.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.RowGroups;
import dev.springcohere.engine.model.Tensor;
import dev.springcohere.engine.model.WeightMemory;

/**
 * The {@link RowGroups} bytes of a Q8_0 or Q4_0 weight, which the repacked kernels
 * ({@link PackedQ8_0}, {@link PackedQ4_0}) read.
 */
final class RowGroupBytes {

	private RowGroupBytes() {
	}

	/**
	 * The row-group bytes of a 2-d weight: its own when it is already in that layout
	 * (weights quantized on load), else a repacked copy of ggml's layout (e.g. a GGUF
	 * file) in a new segment of an automatic arena, freed once the copy is unreachable,
	 * groups of rows repacked in parallel on the team.
	 * @param w the weight
	 * @param dtype the type the kernel reads, {@link DType#Q8_0} or {@link DType#Q4_0}
	 * @param team the threads that repack, or null to repack on the caller
	 * @return the bytes
	 * @throws IllegalArgumentException when the weight is not a 2-d weight of that type,
	 * or a block's scale is not finite
	 */
	static MemorySegment of(Tensor w, DType dtype, @Nullable WorkerTeam team) {
		if (w.dtype() != dtype || w.shape().size() != 2) {
			throw new IllegalArgumentException("Only a 2-d " + dtype + " weight can be repacked, not '" + w.name()
					+ "' (" + w.dtype() + ", " + w.shape() + ")");
		}
		if (w.layout() == Tensor.Layout.ROW_GROUPS) {
			return w.data();
		}
		int rows = Math.toIntExact(w.dim(0));
		int blocks = Math.toIntExact(w.dim(1) / 32);
		int groups = (rows + RowGroups.ROWS - 1) / RowGroups.ROWS;
		MemorySegment src = w.data();
		long srcGroupBytes = (long) RowGroups.ROWS * dtype.byteSize(w.dim(1));
		return repacked(groups, blocks * RowGroups.groupBlockBytes(dtype), team, (g, data, offset) -> {
			try {
				RowGroups.repack(dtype, src, g * srcGroupBytes, Math.min(RowGroups.ROWS, rows - g * RowGroups.ROWS),
						blocks, data, offset);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Cannot repack rows " + g * RowGroups.ROWS + " to "
						+ Math.min(rows, (g + 1) * RowGroups.ROWS) + " of '" + w.name() + "': " + ex.getMessage(), ex);
			}
		});
	}

	/**
	 * A repacked copy made group by group: a new segment of an automatic arena (freed
	 * once the copy is unreachable) of {@code groups} groups of {@code groupBytes} bytes,
	 * each written by {@code writer}, in parallel on the team.
	 * @param groups the number of groups
	 * @param groupBytes the bytes of one group in the copy
	 * @param team the threads that repack, or null to repack on the caller
	 * @param writer writes one group
	 * @return the copy
	 */
	static MemorySegment repacked(int groups, long groupBytes, @Nullable WorkerTeam team, GroupWriter writer) {
		MemorySegment data = WeightMemory.allocate(Arena.ofAuto(), groups * groupBytes);
		IntConsumer repack = (g) -> writer.write(g, data, g * groupBytes);
		if (team == null) {
			for (int g = 0; g < groups; g++) {
				repack.accept(g);
			}
		}
		else {
			team.forEach(groups, repack);
		}
		return data;
	}

	/** Writes one group of rows of a repacked copy. */
	@FunctionalInterface
	interface GroupWriter {

		/**
		 * Writes group {@code group}.
		 * @param group the group
		 * @param data the copy
		 * @param offset where the group's bytes start in it
		 */
		void write(int group, MemorySegment data, long offset);

	}

}
