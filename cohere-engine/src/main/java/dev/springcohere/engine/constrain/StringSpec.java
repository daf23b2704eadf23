package dev.springcohere.engine.constrain;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A string: free, or following an automaton ({@code pattern}, {@code format}, both
 * intersected), with length bounds in code points. The length bounds and the automaton
 * are enforced together: a state is only entered when some accepting state is reachable
 * with a length within the bounds.
 */
final class StringSpec extends Spec {

	final @Nullable CharDfa dfa;

	final int minLength;

	/** The most code points, or -1 for no limit. */
	final int maxLength;

	/**
	 * Whether the automaton is exactly the schema's set of strings ({@code pattern}s);
	 * {@code false} when a {@code format} narrowed it to the values every validator
	 * accepts.
	 */
	final boolean exact;

	/**
	 * With an automaton and bounds: per state, the lengths in which an accepting state is
	 * reachable.
	 */
	private volatile BitSet @Nullable [] lengths;

	StringSpec(@Nullable CharDfa dfa) {
		this(dfa, 0, -1);
	}

	StringSpec(@Nullable CharDfa dfa, int minLength, int maxLength) {
		this(dfa, minLength, maxLength, true);
	}

	StringSpec(@Nullable CharDfa dfa, int minLength, int maxLength, boolean exact) {
		this.exact = exact;
		this.dfa = dfa;
		this.minLength = minLength;
		this.maxLength = maxLength;
	}

	/** Whether a string of this spec is free content (no automaton). */
	boolean free() {
		return this.dfa == null;
	}

	/**
	 * The count a frame keeps after one more code point: exact up to where it stops
	 * mattering.
	 */
	int nextCount(int count) {
		int next = count + 1;
		return (this.maxLength < 0) ? Math.min(next, this.minLength) : next;
	}

	/**
	 * Whether the string may end in automaton state {@code d} after {@code count} code
	 * points.
	 */
	boolean mayEnd(int d, int count) {
		return (this.dfa == null || this.dfa.accepting(d)) && count >= this.minLength;
	}

	/**
	 * Whether from automaton state {@code d} after {@code count} code points an end is
	 * reachable within the length bounds.
	 */
	boolean feasible(int d, int count) {
		if (this.maxLength >= 0 && count > this.maxLength) {
			return false;
		}
		if (this.dfa == null || (this.minLength == 0 && this.maxLength < 0)) {
			return true;
		}
		BitSet reach = lengths()[d];
		int from = Math.max(0, this.minLength - count);
		int found = reach.nextSetBit(from);
		return found >= 0 && (this.maxLength < 0 || count + found <= this.maxLength);
	}

	/**
	 * The automaton state after a code point, or -1 when it is not allowed (no
	 * transition, or no end within the bounds afterwards).
	 */
	int step(int d, int count, int codePoint) {
		if (this.maxLength >= 0 && count >= this.maxLength) {
			return -1;
		}
		if (this.dfa == null) {
			return 0;
		}
		int next = this.dfa.step(d, codePoint);
		return (next >= 0 && feasible(next, count + 1)) ? next : -1;
	}

	/**
	 * Whether some code point in {@code [lo, hi]} (surrogates excluded) may come next.
	 */
	boolean allowsRange(int d, int count, int lo, int hi) {
		if (lo > hi || (this.maxLength >= 0 && count >= this.maxLength)) {
			return false;
		}
		boolean below = lo < 0xD800;
		boolean above = hi > 0xDFFF;
		if (this.dfa == null) {
			return below || above;
		}
		return (below && this.dfa.anyTarget(d, lo, Math.min(hi, 0xD7FF), (t) -> feasible(t, count + 1)))
				|| (above && this.dfa.anyTarget(d, Math.max(lo, 0xE000), hi, (t) -> feasible(t, count + 1)));
	}

	/**
	 * How many distinct strings complete a prefix in state {@code d} after {@code count}
	 * code points, capped at {@code cap}.
	 */
	long completions(int d, int count, long cap) {
		if (this.dfa == null) {
			if (this.maxLength < 0 || count < this.maxLength) {
				return cap;
			}
			return (count >= this.minLength) ? 1 : 0;
		}
		return completions(d, count, cap, new HashMap<>());
	}

	private long completions(int d, int count, long cap, Map<Long, Long> memo) {
		Long key = ((long) d << 32) | count;
		Long known = memo.get(key);
		if (known != null) {
			return known;
		}
		CharDfa automaton = this.dfa;
		long total = mayEnd(d, count) ? 1 : 0;
		int limit = (this.maxLength >= 0) ? this.maxLength : this.minLength + automaton.stateCount();
		if (count < limit) {
			int[] lo = automaton.lows(d);
			int[] hi = automaton.highs(d);
			int[] to = automaton.targets(d);
			for (int i = 0; i < lo.length && total < cap; i++) {
				if (!feasible(to[i], count + 1)) {
					continue;
				}
				long sub = completions(to[i], count + 1, cap, memo);
				long width = hi[i] - lo[i] + 1L;
				total = (sub > 0 && width >= cap) ? cap : Math.min(cap, total + Math.min(cap, width * sub));
			}
		}
		long result = Math.min(total, cap);
		memo.put(key, result);
		return result;
	}

	private BitSet[] lengths() {
		BitSet[] table = this.lengths;
		if (table == null) {
			table = computeLengths();
			this.lengths = table;
		}
		return table;
	}

	/**
	 * reach[d] has bit L when an accepting state is reachable from d in exactly L code
	 * points (L up to a bound).
	 */
	private BitSet[] computeLengths() {
		CharDfa automaton = this.dfa;
		int n = automaton.stateCount();
		int bound = (this.maxLength >= 0) ? this.maxLength : this.minLength + n;
		BitSet[] reach = new BitSet[n];
		boolean[] current = new boolean[n];
		for (int d = 0; d < n; d++) {
			reach[d] = new BitSet();
			current[d] = automaton.accepting(d);
			if (current[d]) {
				reach[d].set(0);
			}
		}
		for (int length = 1; length <= bound; length++) {
			boolean[] next = new boolean[n];
			boolean any = false;
			for (int d = 0; d < n; d++) {
				for (int t : automaton.targets(d)) {
					if (current[t]) {
						next[d] = true;
						reach[d].set(length);
						any = true;
						break;
					}
				}
			}
			if (!any) {
				break;
			}
			current = next;
		}
		return reach;
	}

}
