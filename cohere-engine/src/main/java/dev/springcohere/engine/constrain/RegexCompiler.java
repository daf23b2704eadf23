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

/**
 * Compiles the regular-expression subset of JSON-Schema {@code pattern} into a
 * {@link CharDfa} that matches the whole string: literals, {@code .}, classes
 * ({@code [a-z]}, {@code [^...]}, {@code \d \w \s} and their negations), groups,
 * alternation, and the quantifiers {@code * + ? {n} {n,} {n,m}}. A leading {@code ^} and
 * a trailing {@code $} are accepted (the whole string is matched anyway); look-arounds,
 * back-references and word boundaries are rejected.
 */
final class RegexCompiler {

	static final int MAX_CODE_POINT = 0x10FFFF;

	private static final int MAX_NFA_STATES = 20_000;

	private static final int MAX_DFA_STATES = 5_000;

	private final String pattern;

	private final String keyword;

	private final String location;

	private int pos;

	private final List<int[]> edges = new ArrayList<>();

	private final List<int[]> epsilons = new ArrayList<>();

	private int states;

	private RegexCompiler(String pattern, String keyword, String location) {
		this.pattern = pattern;
		this.keyword = keyword;
		this.location = location;
	}

	/**
	 * Compiles a pattern.
	 * @param pattern the regular expression
	 * @param keyword the schema keyword, for messages
	 * @param location the schema location, for messages
	 * @return the automaton
	 * @throws UnsupportedSchemaException if the pattern uses unsupported syntax or
	 * matches nothing
	 */
	static CharDfa compile(String pattern, String keyword, String location) {
		RegexCompiler compiler = new RegexCompiler(pattern, keyword, location);
		return compiler.build();
	}

	private UnsupportedSchemaException error(String message) {
		return new UnsupportedSchemaException(this.keyword, this.location,
				message + " in pattern \"" + this.pattern + "\" at position " + this.pos);
	}

	private CharDfa build() {
		String p = this.pattern;
		int end = p.length();
		if (p.startsWith("^")) {
			this.pos = 1;
		}
		if (end > this.pos && p.endsWith("$") && !p.endsWith("\\$")) {
			end--;
		}
		int[] frag = parseAlternation(end);
		if (this.pos != end) {
			throw error("unbalanced ')'");
		}
		return determinize(frag[0], frag[1]);
	}

	// ---- NFA construction (fragments are {start, accept}) ----

	private int newState() {
		if (this.states >= MAX_NFA_STATES) {
			throw error("the pattern is too large (bounded repetitions expand to over " + MAX_NFA_STATES
					+ " states); simplify it");
		}
		this.states++;
		return this.states - 1;
	}

	private void edge(int from, int lo, int hi, int to) {
		this.edges.add(new int[] { from, lo, hi, to });
	}

	private void epsilon(int from, int to) {
		this.epsilons.add(new int[] { from, to });
	}

	private int[] parseAlternation(int end) {
		List<int[]> branches = new ArrayList<>();
		branches.add(parseSequence(end));
		while (this.pos < end && this.pattern.charAt(this.pos) == '|') {
			this.pos++;
			branches.add(parseSequence(end));
		}
		if (branches.size() == 1) {
			return branches.get(0);
		}
		int s = newState();
		int a = newState();
		for (int[] b : branches) {
			epsilon(s, b[0]);
			epsilon(b[1], a);
		}
		return new int[] { s, a };
	}

	private int[] parseSequence(int end) {
		int s = newState();
		int current = s;
		while (this.pos < end) {
			char c = this.pattern.charAt(this.pos);
			if (c == '|' || c == ')') {
				break;
			}
			int atomStart = this.pos;
			int[] atom = parseAtom(end);
			atom = parseQuantifier(atom, atomStart, end);
			epsilon(current, atom[0]);
			current = atom[1];
		}
		return new int[] { s, current };
	}

	private int[] parseQuantifier(int[] atom, int atomStart, int end) {
		while (this.pos < end) {
			char c = this.pattern.charAt(this.pos);
			int min;
			int max;
			if (c == '*') {
				min = 0;
				max = -1;
				this.pos++;
			}
			else if (c == '+') {
				min = 1;
				max = -1;
				this.pos++;
			}
			else if (c == '?') {
				min = 0;
				max = 1;
				this.pos++;
			}
			else if (c == '{' && isRepeat(end)) {
				this.pos++;
				min = readInt(end);
				max = min;
				if (this.pattern.charAt(this.pos) == ',') {
					this.pos++;
					max = (this.pattern.charAt(this.pos) == '}') ? -1 : readInt(end);
				}
				this.pos++;
				if (max >= 0 && max < min) {
					throw error("repetition {" + min + "," + max + "} has max below min");
				}
			}
			else {
				return atom;
			}
			if (this.pos < end && this.pattern.charAt(this.pos) == '?') {
				this.pos++; // lazy quantifiers match the same strings
			}
			int afterQuantifier = this.pos;
			atom = repeat(atom, atomStart, afterQuantifier, min, max, end);
			this.pos = afterQuantifier;
		}
		return atom;
	}

	private boolean isRepeat(int end) {
		int i = this.pos + 1;
		int digits = 0;
		while (i < end && Character.isDigit(this.pattern.charAt(i))) {
			i++;
			digits++;
		}
		if (digits == 0 || i >= end) {
			return false;
		}
		if (this.pattern.charAt(i) == '}') {
			return true;
		}
		if (this.pattern.charAt(i) != ',') {
			return false;
		}
		i++;
		while (i < end && Character.isDigit(this.pattern.charAt(i))) {
			i++;
		}
		return i < end && this.pattern.charAt(i) == '}';
	}

	private int readInt(int end) {
		int start = this.pos;
		while (this.pos < end && Character.isDigit(this.pattern.charAt(this.pos))) {
			this.pos++;
		}
		try {
			return Integer.parseInt(this.pattern.substring(start, this.pos));
		}
		catch (NumberFormatException ex) {
			throw error("repetition count too large");
		}
	}

	/**
	 * Builds {min,max} copies of the atom by re-parsing its source, so each copy has its
	 * own states.
	 */
	private int[] repeat(int[] first, int atomStart, int atomEnd, int min, int max, int end) {
		int s = newState();
		int current = s;
		int copies = Math.max(min, (max < 0) ? 1 : max);
		if (copies > 1000) {
			throw error("repetition count above 1000");
		}
		List<Integer> optionalEnds = new ArrayList<>();
		for (int i = 0; i < copies; i++) {
			int[] copy = (i == 0) ? first : reparse(atomStart, end);
			if (i >= min) {
				optionalEnds.add(current);
			}
			epsilon(current, copy[0]);
			current = copy[1];
			if (max < 0 && i == copies - 1) {
				// the last copy loops
				epsilon(copy[1], copy[0]);
				if (min == 0) {
					optionalEnds.add(copy[0]);
				}
			}
		}
		int a = newState();
		epsilon(current, a);
		for (int e : optionalEnds) {
			epsilon(e, a);
		}
		this.pos = atomEnd;
		return new int[] { s, a };
	}

	private int[] reparse(int atomStart, int end) {
		int saved = this.pos;
		this.pos = atomStart;
		int[] copy = parseAtom(end);
		this.pos = saved;
		return copy;
	}

	private int[] parseAtom(int end) {
		char c = this.pattern.charAt(this.pos);
		if (c == '(') {
			this.pos++;
			if (this.pattern.startsWith("?:", this.pos)) {
				this.pos += 2;
			}
			else if (this.pattern.startsWith("?", this.pos)) {
				throw error("look-arounds and named groups are not supported");
			}
			int close = findClose(end);
			int[] inner = parseAlternation(close);
			if (this.pos != close) {
				throw error("unbalanced '('");
			}
			this.pos++;
			return inner;
		}
		if (c == '*' || c == '+' || c == '?' || c == '{' && isRepeat(end)) {
			throw error("quantifier without anything to repeat");
		}
		if (c == '^' || c == '$') {
			throw error("anchors are only supported at the very start and end");
		}
		int[] ranges;
		if (c == '[') {
			ranges = parseClass(end);
		}
		else if (c == '.') {
			this.pos++;
			ranges = complement(new int[] { '\n', '\n', '\r', '\r', 0x2028, 0x2029 });
		}
		else if (c == '\\') {
			ranges = parseEscape(end, false);
		}
		else {
			int cp = this.pattern.codePointAt(this.pos);
			this.pos += Character.charCount(cp);
			ranges = new int[] { cp, cp };
		}
		int s = newState();
		int a = newState();
		for (int i = 0; i < ranges.length; i += 2) {
			edge(s, ranges[i], ranges[i + 1], a);
		}
		return new int[] { s, a };
	}

	private int findClose(int end) {
		int depth = 0;
		boolean inClass = false;
		for (int i = this.pos; i < end; i++) {
			char c = this.pattern.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (inClass) {
				if (c == ']') {
					inClass = false;
				}
			}
			else if (c == '[') {
				inClass = true;
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				if (depth == 0) {
					return i;
				}
				depth--;
			}
		}
		throw error("unbalanced '('");
	}

	private int[] parseClass(int end) {
		this.pos++;
		boolean negated = false;
		if (this.pos < end && this.pattern.charAt(this.pos) == '^') {
			negated = true;
			this.pos++;
		}
		List<int[]> parts = new ArrayList<>();
		boolean first = true;
		while (true) {
			if (this.pos >= end) {
				throw error("unclosed '['");
			}
			char c = this.pattern.charAt(this.pos);
			if (c == ']' && !first) {
				this.pos++;
				break;
			}
			first = false;
			int[] lowSet = classAtom(end);
			if (lowSet.length == 2 && lowSet[0] == lowSet[1] && this.pos + 1 < end
					&& this.pattern.charAt(this.pos) == '-' && this.pattern.charAt(this.pos + 1) != ']') {
				this.pos++;
				int[] highSet = classAtom(end);
				if (highSet.length != 2 || highSet[0] != highSet[1] || highSet[0] < lowSet[0]) {
					throw error("invalid class range");
				}
				parts.add(new int[] { lowSet[0], highSet[0] });
			}
			else {
				parts.add(lowSet);
			}
		}
		int[] merged = normalize(parts);
		return negated ? complement(merged) : merged;
	}

	private int[] classAtom(int end) {
		char c = this.pattern.charAt(this.pos);
		if (c == '\\') {
			return parseEscape(end, true);
		}
		int cp = this.pattern.codePointAt(this.pos);
		this.pos += Character.charCount(cp);
		return new int[] { cp, cp };
	}

	private int[] parseEscape(int end, boolean inClass) {
		this.pos++;
		if (this.pos >= end) {
			throw error("trailing backslash");
		}
		char c = this.pattern.charAt(this.pos++);
		int[] digit = { '0', '9' };
		int[] word = { '0', '9', 'A', 'Z', '_', '_', 'a', 'z' };
		int[] space = { '\t', '\r', ' ', ' ', 0xA0, 0xA0, 0x1680, 0x1680, 0x2000, 0x200A, 0x2028, 0x2029, 0x202F,
				0x202F, 0x205F, 0x205F, 0x3000, 0x3000, 0xFEFF, 0xFEFF };
		return switch (c) {
			case 'd' -> digit;
			case 'D' -> complement(digit);
			case 'w' -> word;
			case 'W' -> complement(word);
			case 's' -> space;
			case 'S' -> complement(space);
			case 't' -> new int[] { '\t', '\t' };
			case 'n' -> new int[] { '\n', '\n' };
			case 'r' -> new int[] { '\r', '\r' };
			case 'f' -> new int[] { '\f', '\f' };
			case 'v' -> new int[] { 0x0B, 0x0B };
			case 'u' -> {
				if (this.pos + 4 > end) {
					throw error("incomplete \\u escape");
				}
				int cp;
				try {
					cp = Integer.parseInt(this.pattern.substring(this.pos, this.pos + 4), 16);
				}
				catch (NumberFormatException ex) {
					throw error("invalid \\u escape");
				}
				this.pos += 4;
				yield new int[] { cp, cp };
			}
			case 'b' -> {
				if (inClass) {
					yield new int[] { 8, 8 };
				}
				throw error("word boundaries (\\b) are not supported");
			}
			default -> {
				if (Character.isLetterOrDigit(c)) {
					throw error("unsupported escape '\\" + c + "' (back-references and \\" + c + " are not supported)");
				}
				yield new int[] { c, c };
			}
		};
	}

	private static int[] normalize(List<int[]> parts) {
		List<int[]> ranges = new ArrayList<>();
		for (int[] part : parts) {
			for (int i = 0; i < part.length; i += 2) {
				ranges.add(new int[] { part[i], part[i + 1] });
			}
		}
		ranges.sort((x, y) -> Integer.compare(x[0], y[0]));
		List<Integer> out = new ArrayList<>();
		for (int[] r : ranges) {
			int n = out.size();
			if (n > 0 && r[0] <= out.get(n - 1) + 1) {
				out.set(n - 1, Math.max(out.get(n - 1), r[1]));
			}
			else {
				out.add(r[0]);
				out.add(r[1]);
			}
		}
		return out.stream().mapToInt(Integer::intValue).toArray();
	}

	private static int[] complement(int[] sorted) {
		int[] norm = normalize(List.of(sorted));
		List<Integer> out = new ArrayList<>();
		int next = 0;
		for (int i = 0; i < norm.length; i += 2) {
			if (norm[i] > next) {
				out.add(next);
				out.add(norm[i] - 1);
			}
			next = norm[i + 1] + 1;
		}
		if (next <= MAX_CODE_POINT) {
			out.add(next);
			out.add(MAX_CODE_POINT);
		}
		return out.stream().mapToInt(Integer::intValue).toArray();
	}

	// ---- subset construction ----

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
			// surrogate code points can never appear in a JSON string we write
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
						throw error("the pattern needs over " + MAX_DFA_STATES + " automaton states; simplify it");
					}
					id = sets.size();
					index.put(next, id);
					sets.add(next);
					work.add(id);
				}
				int size = trans.size();
				if (size > 0 && trans.get(size - 1)[2] == id && trans.get(size - 1)[1] + 1 == lo) {
					trans.get(size - 1)[1] = hi;
				}
				else {
					trans.add(new int[] { lo, hi, id });
				}
			}
			while (transitions.size() <= d) {
				transitions.add(null);
			}
			transitions.set(d, trans);
		}
		int count = sets.size();
		boolean[] accepting = new boolean[count];
		for (int i = 0; i < count; i++) {
			accepting[i] = sets.get(i).get(accept);
		}
		return prune(accepting, transitions);
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
	 */
	private CharDfa prune(boolean[] accepting, List<List<int[]>> transitions) {
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
			throw error("the pattern matches no string");
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
