package dev.springcohere.engine.constrain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * A deterministic automaton over Unicode code points, from a {@code pattern} or a
 * {@code format}: state 0 is the start, every state can still reach an accepting one
 * (dead states are removed when it is built), and each state's transitions are disjoint,
 * sorted code point ranges.
 */
final class CharDfa {

	private final boolean[] accepting;

	private final int[][] lo;

	private final int[][] hi;

	private final int[][] target;

	CharDfa(boolean[] accepting, int[][] lo, int[][] hi, int[][] target) {
		this.accepting = accepting;
		this.lo = lo;
		this.hi = hi;
		this.target = target;
	}

	int stateCount() {
		return this.accepting.length;
	}

	boolean accepting(int state) {
		return this.accepting[state];
	}

	int[] lows(int state) {
		return this.lo[state];
	}

	int[] highs(int state) {
		return this.hi[state];
	}

	int[] targets(int state) {
		return this.target[state];
	}

	/** The next state on a code point, or -1 when the code point is not allowed. */
	int step(int state, int codePoint) {
		int[] los = this.lo[state];
		int[] his = this.hi[state];
		int a = 0;
		int b = los.length - 1;
		while (a <= b) {
			int m = (a + b) >>> 1;
			if (codePoint < los[m]) {
				b = m - 1;
			}
			else if (codePoint > his[m]) {
				a = m + 1;
			}
			else {
				return this.target[state][m];
			}
		}
		return -1;
	}

	/**
	 * Whether some code point in {@code [from, to]} leads from a state to a target the
	 * test accepts.
	 */
	boolean anyTarget(int state, int from, int to, IntPredicate test) {
		int[] los = this.lo[state];
		int[] his = this.hi[state];
		for (int i = 0; i < los.length; i++) {
			if (los[i] <= to && his[i] >= from && test.test(this.target[state][i])) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The automaton of the strings both automata match (product construction).
	 * @param other the other automaton
	 * @param error makes the exception when no string matches both
	 * @return the intersection
	 */
	CharDfa intersect(CharDfa other, Function<String, UnsupportedSchemaException> error) {
		Map<Long, Integer> index = new HashMap<>();
		List<long[]> pairs = new ArrayList<>();
		List<List<int[]>> transitions = new ArrayList<>();
		index.put(0L, 0);
		pairs.add(new long[] { 0, 0 });
		Deque<Integer> work = new ArrayDeque<>();
		work.add(0);
		while (!work.isEmpty()) {
			int id = work.poll();
			int a = (int) pairs.get(id)[0];
			int b = (int) pairs.get(id)[1];
			TreeSet<Integer> bounds = new TreeSet<>();
			for (int i = 0; i < this.lo[a].length; i++) {
				bounds.add(this.lo[a][i]);
				bounds.add(this.hi[a][i] + 1);
			}
			for (int i = 0; i < other.lo[b].length; i++) {
				bounds.add(other.lo[b][i]);
				bounds.add(other.hi[b][i] + 1);
			}
			List<int[]> trans = new ArrayList<>();
			Integer[] cuts = bounds.toArray(new Integer[0]);
			for (int i = 0; i + 1 < cuts.length; i++) {
				int from = cuts[i];
				int to = cuts[i + 1] - 1;
				int ta = step(a, from);
				int tb = other.step(b, from);
				if (ta < 0 || tb < 0) {
					continue;
				}
				long key = ((long) ta << 32) | tb;
				Integer next = index.get(key);
				if (next == null) {
					if (pairs.size() >= 20_000) {
						throw error.apply("the intersection of the patterns needs over 20000 automaton states; "
								+ "simplify them");
					}
					next = pairs.size();
					index.put(key, next);
					pairs.add(new long[] { ta, tb });
					work.add(next);
				}
				RegexAutomaton.addMerged(trans, from, to, next);
			}
			while (transitions.size() <= id) {
				transitions.add(null);
			}
			transitions.set(id, trans);
		}
		boolean[] acc = new boolean[pairs.size()];
		for (int i = 0; i < acc.length; i++) {
			acc[i] = this.accepting[(int) pairs.get(i)[0]] && other.accepting[(int) pairs.get(i)[1]];
		}
		return RegexAutomaton.prune(acc, transitions, error);
	}

}
