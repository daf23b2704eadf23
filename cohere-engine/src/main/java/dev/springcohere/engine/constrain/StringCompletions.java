package dev.springcohere.engine.constrain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.springcohere.engine.constrain.Frame.Lex;
import dev.springcohere.engine.constrain.Frame.Str;
import dev.springcohere.engine.constrain.Spec.LiteralSpec;

/**
 * The shortest scalar values for {@link Completions}: the rest of a string (a
 * shortest-path search over the automaton, the length and, where values are excluded, the
 * text), a whole string or literal outside a set of excluded values.
 */
final class StringCompletions {

	private static final byte[] NONE = new byte[0];

	/** The characters a free string is filled with, in order of preference. */
	private static final String FILLER = "abcdefghijklmnopqrstuvwxyz0123456789";

	private StringCompletions() {
	}

	/** The shortest value of a literal spec outside a set, or {@code null}. */
	static byte @Nullable [] literal(LiteralSpec l, ValueSet excluded) {
		byte[] best = null;
		for (int i = 0; i < l.options.length; i++) {
			if (!excluded.contains(l.canonical[i]) && (best == null || l.options[i].length < best.length)) {
				best = l.options[i];
			}
		}
		return best;
	}

	/** The shortest string of a spec outside a set, quotes included, or {@code null}. */
	static byte @Nullable [] string(StringSpec spec, ValueSet excluded) {
		byte[] rest = rest(new Str(spec, 0, Lex.NORMAL, 0, 0, 0, 0, excluded.isEmpty() ? null : "", excluded));
		if (rest == null) {
			return null;
		}
		byte[] out = new byte[rest.length + 1];
		out[0] = '"';
		System.arraycopy(rest, 0, out, 1, rest.length);
		return out;
	}

	/**
	 * The shortest bytes (closing quote included) that end a string from a frame between
	 * characters: a shortest-path search over (automaton state, length, text where values
	 * are excluded), trying the smallest writable code points of each transition.
	 */
	static byte @Nullable [] rest(Str start) {
		StringSpec spec = start.spec();
		if (spec.free() && start.excluded().isEmpty()) {
			int need = Math.max(0, spec.minLength - start.count());
			byte[] out = new byte[need + 1];
			Arrays.fill(out, 0, need, (byte) 'a');
			out[need] = '"';
			return out;
		}
		record Node(int dfa, int count, @Nullable String text, byte[] bytes) {
		}
		java.util.PriorityQueue<Node> queue = new java.util.PriorityQueue<>(
				java.util.Comparator.comparingInt((Node n) -> n.bytes().length));
		java.util.Set<List<Object>> seen = new java.util.HashSet<>();
		queue.add(new Node(start.dfa(), start.count(), start.text(), NONE));
		int expansions = 0;
		while (!queue.isEmpty() && expansions++ < 20_000) {
			Node node = queue.poll();
			if (!seen.add(Arrays.asList(node.dfa(), node.count(), node.text()))) {
				continue;
			}
			String value = (node.text() != null) ? ValueSet.ofString(node.text()) : null;
			if (spec.mayEnd(node.dfa(), node.count()) && (value == null || !start.excluded().contains(value))) {
				byte[] out = Arrays.copyOf(node.bytes(), node.bytes().length + 1);
				out[out.length - 1] = '"';
				return out;
			}
			for (int cp : nextCodePoints(spec, node.dfa(), start.excluded().isEmpty() ? 1 : 3)) {
				int next = spec.step(node.dfa(), node.count(), cp);
				if (next < 0) {
					continue;
				}
				String text = (node.text() != null) ? node.text() + Character.toString(cp) : null;
				byte[] encoded = encode(cp);
				byte[] bytes = Arrays.copyOf(node.bytes(), node.bytes().length + encoded.length);
				System.arraycopy(encoded, 0, bytes, node.bytes().length, encoded.length);
				queue.add(new Node(next, spec.nextCount(node.count()), text, bytes));
			}
		}
		return null;
	}

	/**
	 * The code points worth trying from an automaton state: the smallest writable ones of
	 * each transition.
	 */
	private static int[] nextCodePoints(StringSpec spec, int d, int perRange) {
		List<Integer> out = new ArrayList<>();
		if (spec.dfa == null) {
			for (int i = 0; i < Math.min(perRange * 4, FILLER.length()); i++) {
				out.add((int) FILLER.charAt(i));
			}
		}
		else {
			int[] lo = spec.dfa.lows(d);
			int[] hi = spec.dfa.highs(d);
			for (int i = 0; i < lo.length; i++) {
				int taken = 0;
				// prefer code points written as themselves: printable, not a quote or a
				// backslash
				for (int cp = Math.max(lo[i], 0x20); cp <= hi[i] && taken < perRange; cp++) {
					if (cp != '"' && cp != '\\' && (cp < 0xD800 || cp > 0xDFFF)) {
						out.add(cp);
						taken++;
					}
				}
				for (int cp = lo[i]; cp <= Math.min(hi[i], 0x5C) && taken < perRange; cp++) {
					if (cp < 0x20 || cp == '"' || cp == '\\') {
						out.add(cp);
						taken++;
					}
				}
			}
		}
		return out.stream().mapToInt(Integer::intValue).toArray();
	}

	/** A code point as it is written inside a JSON string. */
	static byte[] encode(int cp) {
		int escape = switch (cp) {
			case '"' -> '"';
			case '\\' -> '\\';
			case '\b' -> 'b';
			case '\f' -> 'f';
			case '\n' -> 'n';
			case '\r' -> 'r';
			case '\t' -> 't';
			default -> -1;
		};
		if (escape >= 0) {
			return new byte[] { '\\', (byte) escape };
		}
		if (cp < 0x20) {
			return String.format("\\u%04x", cp).getBytes(StandardCharsets.US_ASCII);
		}
		return Character.toString(cp).getBytes(StandardCharsets.UTF_8);
	}

}
