package dev.springcohere.engine.constrain;

import java.util.Arrays;

/**
 * The allowed tokens of one grammar state sorted by what completing the document costs
 * after them: for a token budget, the tokens after which the shortest completion still
 * fits. Costs are kept on a few levels; a token whose cost falls between two levels is
 * put on the higher one, so a mask never allows a token that does not fit. Immutable.
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

	/** Collects the cost after each allowed token, a bitset per distinct cost. */
	static final class Builder {

		private final int words;

		private final java.util.TreeMap<Integer, long[]> byCost = new java.util.TreeMap<>();

		private int lastCost = -1;

		private long @org.jspecify.annotations.Nullable [] last;

		Builder(int words) {
			this.words = words;
		}

		/** Records the cost after a token. */
		void add(int id, int cost) {
			long[] bits = this.last;
			if (cost != this.lastCost || bits == null) {
				bits = this.byCost.computeIfAbsent(cost, (c) -> new long[this.words]);
				this.last = bits;
				this.lastCost = cost;
			}
			bits[id >>> 6] |= 1L << id;
		}

		/**
		 * The profile: at most {@link #MAX_LEVELS} levels; costs beyond the last but one
		 * are put on the highest.
		 * @return the profile
		 */
		BudgetProfile build() {
			int n = Math.min(this.byCost.size(), MAX_LEVELS);
			int[] levels = new int[n];
			long[][] upTo = new long[n][];
			int i = 0;
			long[] running = new long[this.words];
			for (java.util.Map.Entry<Integer, long[]> entry : this.byCost.entrySet()) {
				long[] bits = entry.getValue();
				for (int w = 0; w < this.words; w++) {
					running[w] |= bits[w];
				}
				if (i < n - 1 || entry.getKey().equals(this.byCost.lastKey())) {
					levels[Math.min(i, n - 1)] = entry.getKey();
					upTo[Math.min(i, n - 1)] = running.clone();
					i++;
				}
			}
			return new BudgetProfile(levels, upTo);
		}

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
