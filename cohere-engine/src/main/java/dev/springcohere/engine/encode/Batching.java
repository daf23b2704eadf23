package dev.springcohere.engine.encode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups sequences into encoder batches of similar length, so little compute goes to
 * padding.
 */
final class Batching {

	/** Sequences per encoder pass. */
	static final int MAX_BATCH = 16;

	private Batching() {
	}

	/**
	 * Splits sequence indices into groups of at most {@link #MAX_BATCH}, shortest
	 * sequences first.
	 * @param sequences the sequences
	 * @return index groups; every index appears exactly once
	 */
	static List<int[]> byLength(List<int[]> sequences) {
		int[] order = IntStream.range(0, sequences.size())
			.boxed()
			.sorted(Comparator.comparingInt(i -> sequences.get(i).length))
			.mapToInt(Integer::intValue)
			.toArray();
		List<int[]> groups = new ArrayList<>();
		for (int from = 0; from < order.length; from += MAX_BATCH) {
			groups.add(java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + MAX_BATCH)));
		}
		return groups;
	}

	static List<int[]> pick(List<int[]> rows, int[] indices) {
		List<int[]> picked = new ArrayList<>(indices.length);
		for (int i : indices) {
			picked.add(rows.get(i));
		}
		return picked;
	}

}
