package dev.springcohere.engine.constrain;

import java.util.List;

/**
 * The syntax tree of a {@code pattern}: what {@link RegexParser} reads and
 * {@link RegexAutomaton} turns into a {@link CharDfa}. Anchors are gone by then (a
 * pattern always matches the whole string).
 */
sealed interface RegexNode {

	/** The empty string. */
	RegexNode EMPTY = new Sequence(List.of());

	/**
	 * One code point out of a set.
	 *
	 * @param ranges sorted, disjoint, non-adjacent inclusive ranges
	 * {@code lo0, hi0, lo1, hi1, ...}
	 */
	record Chars(int[] ranges) implements RegexNode {
	}

	/**
	 * The items one after another.
	 *
	 * @param items the items
	 */
	record Sequence(List<RegexNode> items) implements RegexNode {
	}

	/**
	 * One of the alternatives.
	 *
	 * @param alternatives at least two
	 */
	record Choice(List<RegexNode> alternatives) implements RegexNode {
	}

	/**
	 * {@code min} to {@code max} repetitions of a node.
	 *
	 * @param node the repeated node
	 * @param min the fewest repetitions
	 * @param max the most, or -1 for no limit
	 */
	record Repeat(RegexNode node, int min, int max) implements RegexNode {
	}

}
