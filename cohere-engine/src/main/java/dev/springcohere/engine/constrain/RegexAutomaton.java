package dev.springcohere.engine.constrain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds the {@link CharDfa} of a {@link RegexNode} tree: a Thompson automaton with
 * epsilon moves (a bounded repetition gets its own copy of the repeated subtree per
 * repetition), then the subset construction, then the removal of states that cannot reach
 * an accepting one. Surrogate code points are left out: a JSON string we write never
 * holds one.
 */
final class RegexAutomaton {

	private static final int MAX_NFA_STATES = 20_000;

	private static final int MAX_DFA_STATES = 5_000;

	private final Function<String, UnsupportedSchemaException> error;

	private final List<int[]> edges = new ArrayList<>();

	private final List<int[]> epsilons = new ArrayList<>();

	private int states;

	private RegexAutomaton(Function<String, UnsupportedSchemaException> error) {
		this.error = error;
	}

	/**
	 * Builds the automaton of a tree.
	 * @param tree the parsed pattern
	 * @param error makes the exception for a problem (the pattern is too large or matches
	 * nothing)
	 * @return the automaton matching exactly the strings of the tree
	 */
	static CharDfa build(RegexNode tree, Function<String, UnsupportedSchemaException> error) {
		RegexAutomaton automaton = new RegexAutomaton(error);
		int[] fragment = automaton.fragment(tree);
		return automaton.determinize(fragment[0], fragment[1]);
	}

	private int newState() {
		if (this.states >= MAX_NFA_STATES) {
			throw this.error.apply("the pattern is too large (bounded repetitions expand to over " + MAX_NFA_STATES
					+ " states); simplify it");
		}
		return this.states++;
	}

	/** The {start, accept} states of a fragment matching the node. */
	private int[] fragment(RegexNode node) {
		return switch (node) {
			case RegexNode.Chars chars -> {
				int s = newState();
				int a = newState();
				int[] r = chars.ranges();
				for (int i = 0; i < r.length; i += 2) {
					this.edges.add(new int[] { s, r[i], r[i + 1], a });
				}
				yield new int[] { s, a };
			}
			case RegexNode.Sequence sequence -> {
				int s = newState();
				int current = s;
				for (RegexNode item : sequence.items()) {
					int[] f = fragment(item);
					epsilon(current, f[0]);
					current = f[1];
				}
				yield new int[] { s, current };
			}
			case RegexNode.Choice choice -> {
				int s = newState();
				int a = newState();
				for (RegexNode alternative : choice.alternatives()) {
					int[] f = fragment(alternative);
					epsilon(s, f[0]);
					epsilon(f[1], a);
				}
				yield new int[] { s, a };
			}
			case RegexNode.Repeat repeat -> repeat(repeat);
		};
	}

	private int[] repeat(RegexNode.Repeat repeat) {
		int min = repeat.min();
		int max = repeat.max();
		int s = newState();
		int a = newState();
		int current = s;
		int copies = Math.max(min, (max < 0) ? 1 : max);
		for (int i = 0; i < copies; i++) {
			int[] copy = fragment(repeat.node());
			if (i >= min) {
				epsilon(current, a);
			}
			epsilon(current, copy[0]);
			current = copy[1];
			if (max < 0 && i == copies - 1) {
				// the last copy loops
				epsilon(copy[1], copy[0]);
			}
		}
		epsilon(current, a);
		return new int[] { s, a };
	}

	private void epsilon(int from, int to) {
		this.epsilons.add(new int[] { from, to });
	}

	private CharDfa determinize(int start, int accept) {
		int n = this.states;
		List<List<Integer>> eps = new ArrayList<>();
		List<List<int[]>> out = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			eps.add(new ArrayList<>());
			out.add(new ArrayList<>());
		}
		for (int[] e : this.epsilons) {
			eps.get(e[0]).add(e[1]);
		}
		for (int[] e : this.edges) {
			addWithoutSurrogates(out.get(e[0]), e[1], e[2], e[3]);
		}
		Map<BitSet, Integer> index = new HashMap<>();
		List<BitSet> sets = new ArrayList<>();
		List<List<int[]>> transitions = new ArrayList<>();
		BitSet first = closure(eps, List.of(start));
		index.put(first, 0);
		sets.add(first);
		Deque<Integer> work = new ArrayDeque<>();
		work.add(0);
		while (!work.isEmpty()) {
			int d = work.poll();
			BitSet set = sets.get(d);
			TreeSet<Integer> bounds = new TreeSet<>();
			for (int s = set.nextSetBit(0); s >= 0; s = set.nextSetBit(s + 1)) {
				for (int[] e : out.get(s)) {
					bounds.add(e[0]);
					bounds.add(e[1] + 1);
				}
			}
			List<int[]> trans = new ArrayList<>();
			Integer[] b = bounds.toArray(new Integer[0]);
			for (int i = 0; i + 1 < b.length; i++) {
				int lo = b[i];
				int hi = b[i + 1] - 1;
				List<Integer> targets = new ArrayList<>();
				for (int s = set.nextSetBit(0); s >= 0; s = set.nextSetBit(s + 1)) {
					for (int[] e : out.get(s)) {
						if (e[0] <= lo && e[1] >= hi) {
							targets.add(e[2]);
						}
					}
				}
				if (targets.isEmpty()) {
					continue;
				}
				BitSet next = closure(eps, targets);
				Integer id = index.get(next);
				if (id == null) {
					if (sets.size() >= MAX_DFA_STATES) {
						throw this.error
							.apply("the pattern needs over " + MAX_DFA_STATES + " automaton states; simplify it");
					}
					id = sets.size();
					index.put(next, id);
					sets.add(next);
					work.add(id);
				}
				addMerged(trans, lo, hi, id);
			}
			while (transitions.size() <= d) {
				transitions.add(null);
			}
			transitions.set(d, trans);
		}
		boolean[] accepting = new boolean[sets.size()];
		for (int i = 0; i < accepting.length; i++) {
			accepting[i] = sets.get(i).get(accept);
		}
		return prune(accepting, transitions, this.error);
	}

	/**
	 * Appends a transition, merging it into the last one when adjacent with the same
	 * target.
	 */
	static void addMerged(List<int[]> trans, int lo, int hi, int target) {
		int size = trans.size();
		if (size > 0 && trans.get(size - 1)[2] == target && trans.get(size - 1)[1] + 1 == lo) {
			trans.get(size - 1)[1] = hi;
		}
		else {
			trans.add(new int[] { lo, hi, target });
		}
	}

	private static void addWithoutSurrogates(List<int[]> list, int lo, int hi, int to) {
		if (hi < 0xD800 || lo > 0xDFFF) {
			list.add(new int[] { lo, hi, to });
			return;
		}
		if (lo < 0xD800) {
			list.add(new int[] { lo, 0xD7FF, to });
		}
		if (hi > 0xDFFF) {
			list.add(new int[] { 0xE000, hi, to });
		}
	}

	private static BitSet closure(List<List<Integer>> eps, List<Integer> from) {
		BitSet set = new BitSet();
		Deque<Integer> stack = new ArrayDeque<>(from);
		while (!stack.isEmpty()) {
			int s = stack.pop();
			if (!set.get(s)) {
				set.set(s);
				stack.addAll(eps.get(s));
			}
		}
		return set;
	}

	/**
	 * Keeps only the states that can reach an accepting state, renumbering them with the
	 * start first.
	 * @param accepting which states accept
	 * @param transitions per state, sorted disjoint {@code {lo, hi, target}} ranges
	 * @param error makes the exception when the start state is dead (nothing matches)
	 * @return the automaton
	 */
	static CharDfa prune(boolean[] accepting, List<List<int[]>> transitions,
			Function<String, UnsupportedSchemaException> error) {
		int n = accepting.length;
		boolean[] live = accepting.clone();
		boolean changed = true;
		while (changed) {
			changed = false;
			for (int s = 0; s < n; s++) {
				if (!live[s]) {
					for (int[] t : transitions.get(s)) {
						if (live[t[2]]) {
							live[s] = true;
							changed = true;
							break;
						}
					}
				}
			}
		}
		if (!live[0]) {
			throw error.apply("the pattern matches no string");
		}
		int[] renumber = new int[n];
		Arrays.fill(renumber, -1);
		int next = 0;
		for (int s = 0; s < n; s++) {
			if (live[s]) {
				renumber[s] = next++;
			}
		}
		boolean[] acc = new boolean[next];
		int[][] lo = new int[next][];
		int[][] hi = new int[next][];
		int[][] target = new int[next][];
		for (int s = 0; s < n; s++) {
			if (!live[s]) {
				continue;
			}
			int r = renumber[s];
			acc[r] = accepting[s];
			List<int[]> kept = transitions.get(s).stream().filter((t) -> live[t[2]]).toList();
			lo[r] = kept.stream().mapToInt((t) -> t[0]).toArray();
			hi[r] = kept.stream().mapToInt((t) -> t[1]).toArray();
			target[r] = kept.stream().mapToInt((t) -> renumber[t[2]]).toArray();
		}
		return new CharDfa(acc, lo, hi, target);
	}

}
