package dev.springcohere.engine.constrain;

import java.util.Arrays;

/**
 * The allowed tokens of one grammar state sorted by what completing the document costs after them: for a token
 * budget, the tokens after which the shortest completion still fits. Costs are kept on a few levels; a token whose
 * cost falls between two levels is put on the higher one, so a mask never allows a token that does not fit.
 * Immutable.
 */
final class BudgetProfile {

	/** The most levels kept. */
	static final int MAX_LEVELS = 8;

	private final int[] levels;

	private final long[][] upTo;

	private BudgetProfile(int[] levels, long[][] upTo) {
		this.levels = levels;
		this.upTo = upTo;
	}

	/**
	 * Builds a profile.
	 * @param costs per token id the cost after it, or -1 when the token is not allowed
	 * @param words the mask length in longs
	 * @return the profile
	 */
	static BudgetProfile of(int[] costs, int words) {
		int[] distinct = Arrays.stream(costs).filter((c) -> c >= 0).distinct().sorted().toArray();
		int[] levels = (distinct.length <= MAX_LEVELS) ? distinct : Arrays.copyOf(distinct, MAX_LEVELS);
		if (distinct.length > MAX_LEVELS) {
			levels[MAX_LEVELS - 1] = distinct[distinct.length - 1];
		}
		long[][] buckets = new long[levels.length][words];
		for (int id = 0; id < costs.length; id++) {
			int c = costs[id];
			if (c < 0) {
				continue;
			}
			int level = Arrays.binarySearch(levels, c);
			if (level < 0) {
				level = -level - 1;
			}
			buckets[level][id >>> 6] |= 1L << id;
		}
		for (int i = 1; i < levels.length; i++) {
			for (int w = 0; w < words; w++) {
				buckets[i][w] |= buckets[i - 1][w];
			}
		}
		return new BudgetProfile(levels, buckets);
	}

	/** The highest cost after an allowed token, or -1 when none is allowed. */
	int maxCost() {
		return (this.levels.length == 0) ? -1 : this.levels[this.levels.length - 1];
	}

	/**
	 * The tokens after which the completion costs at most {@code limit}.
	 * @param limit the budget left after the token
	 * @param words the mask length in longs
	 * @return the mask (shared, do not modify)
	 */
	long[] mask(int limit, int words) {
		int level = Arrays.binarySearch(this.levels, limit);
		if (level < 0) {
			level = -level - 2;
		}
		return (level < 0) ? new long[words] : this.upTo[level];
	}

}
