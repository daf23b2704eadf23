package dev.springcohere.engine.constrain;

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

	/** Whether some code point in {@code [from, to]} is allowed in a state. */
	boolean allowsAny(int state, int from, int to) {
		int[] los = this.lo[state];
		int[] his = this.hi[state];
		for (int i = 0; i < los.length; i++) {
			if (los[i] <= to && his[i] >= from) {
				return true;
			}
		}
		return false;
	}

}
