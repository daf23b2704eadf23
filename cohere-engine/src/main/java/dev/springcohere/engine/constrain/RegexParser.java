package dev.springcohere.engine.constrain;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the regular-expression subset of JSON-Schema {@code pattern} into a
 * {@link RegexNode} tree: literals, {@code .}, classes ({@code [a-z]}, {@code [^...]},
 * {@code \d \w \s} and their negations), groups, alternation, and the quantifiers
 * {@code * + ? {n} {n,} {n,m}} (lazy ones match the same strings). A leading {@code ^}
 * and a trailing {@code $} are accepted (the whole string is matched anyway);
 * look-arounds, back-references and word boundaries are rejected.
 */
final class RegexParser {

	/** The largest code point. */
	static final int MAX_CODE_POINT = 0x10FFFF;

	/** The largest repetition count. */
	static final int MAX_REPEAT = 1000;

	private static final int[] DIGIT = { '0', '9' };

	private static final int[] WORD = { '0', '9', 'A', 'Z', '_', '_', 'a', 'z' };

	private static final int[] SPACE = { '\t', '\r', ' ', ' ', 0xA0, 0xA0, 0x1680, 0x1680, 0x2000, 0x200A, 0x2028,
			0x2029, 0x202F, 0x202F, 0x205F, 0x205F, 0x3000, 0x3000, 0xFEFF, 0xFEFF };

	private final String pattern;

	private final String keyword;

	private final String location;

	private final int end;

	private int pos;

	private RegexParser(String pattern, String keyword, String location) {
		this.pattern = pattern;
		this.keyword = keyword;
		this.location = location;
		int last = pattern.length();
		int first = pattern.startsWith("^") ? 1 : 0;
		if (last > first && pattern.endsWith("$") && !pattern.endsWith("\\$")) {
			last--;
		}
		this.pos = first;
		this.end = last;
	}

	/**
	 * Parses a pattern.
	 * @param pattern the regular expression
	 * @param keyword the schema keyword, for messages
	 * @param location the schema location, for messages
	 * @return the tree
	 * @throws UnsupportedSchemaException if the pattern uses unsupported syntax
	 */
	static RegexNode parse(String pattern, String keyword, String location) {
		RegexParser parser = new RegexParser(pattern, keyword, location);
		RegexNode node = parser.alternation();
		if (parser.pos != parser.end) {
			throw parser.error("unbalanced ')'");
		}
		return node;
	}

	private UnsupportedSchemaException error(String message) {
		return new UnsupportedSchemaException(this.keyword, this.location,
				message + " in pattern \"" + this.pattern + "\" at position " + this.pos);
	}

	private boolean more() {
		return this.pos < this.end;
	}

	private char peek() {
		return this.pattern.charAt(this.pos);
	}

	private RegexNode alternation() {
		List<RegexNode> branches = new ArrayList<>();
		branches.add(sequence());
		while (more() && peek() == '|') {
			this.pos++;
			branches.add(sequence());
		}
		return (branches.size() == 1) ? branches.get(0) : new RegexNode.Choice(List.copyOf(branches));
	}

	private RegexNode sequence() {
		List<RegexNode> items = new ArrayList<>();
		while (more() && peek() != '|' && peek() != ')') {
			items.add(quantified(atom()));
		}
		return (items.size() == 1) ? items.get(0) : new RegexNode.Sequence(List.copyOf(items));
	}

	private RegexNode quantified(RegexNode atom) {
		RegexNode node = atom;
		while (more()) {
			char c = peek();
			int min;
			int max;
			if (c == '*' || c == '+' || c == '?') {
				this.pos++;
				min = (c == '+') ? 1 : 0;
				max = (c == '?') ? 1 : -1;
			}
			else if (c == '{' && isRepeat()) {
				this.pos++;
				min = readInt();
				max = min;
				if (peek() == ',') {
					this.pos++;
					max = (peek() == '}') ? -1 : readInt();
				}
				this.pos++;
				if (max >= 0 && max < min) {
					throw error("repetition {" + min + "," + max + "} has max below min");
				}
				if (Math.max(min, max) > MAX_REPEAT) {
					throw error("repetition count above " + MAX_REPEAT);
				}
			}
			else {
				return node;
			}
			if (more() && peek() == '?') {
				this.pos++;
			}
			node = new RegexNode.Repeat(node, min, max);
		}
		return node;
	}

	/**
	 * Whether a {@code {} at the cursor starts a well-formed {@code {n}}, {@code {n,}} or
	 * {@code {n,m}}.
	 */
	private boolean isRepeat() {
		int i = this.pos + 1;
		int digits = 0;
		while (i < this.end && Character.isDigit(this.pattern.charAt(i))) {
			i++;
			digits++;
		}
		if (digits == 0 || i >= this.end) {
			return false;
		}
		if (this.pattern.charAt(i) == '}') {
			return true;
		}
		if (this.pattern.charAt(i) != ',') {
			return false;
		}
		i++;
		while (i < this.end && Character.isDigit(this.pattern.charAt(i))) {
			i++;
		}
		return i < this.end && this.pattern.charAt(i) == '}';
	}

	private int readInt() {
		int start = this.pos;
		while (more() && Character.isDigit(peek())) {
			this.pos++;
		}
		try {
			return Integer.parseInt(this.pattern.substring(start, this.pos));
		}
		catch (NumberFormatException ex) {
			throw error("repetition count too large");
		}
	}

	private RegexNode atom() {
		char c = peek();
		if (c == '(') {
			this.pos++;
			if (this.pattern.startsWith("?:", this.pos)) {
				this.pos += 2;
			}
			else if (this.pattern.startsWith("?", this.pos)) {
				throw error("look-arounds and named groups are not supported");
			}
			RegexNode inner = alternation();
			if (!more() || peek() != ')') {
				throw error("unbalanced '('");
			}
			this.pos++;
			return inner;
		}
		if (c == '*' || c == '+' || c == '?' || c == '{' && isRepeat()) {
			throw error("quantifier without anything to repeat");
		}
		if (c == '^' || c == '$') {
			throw error("anchors are only supported at the very start and end");
		}
		if (c == '[') {
			return new RegexNode.Chars(charClass());
		}
		if (c == '.') {
			this.pos++;
			return new RegexNode.Chars(complement(new int[] { '\n', '\n', '\r', '\r', 0x2028, 0x2029 }));
		}
		if (c == '\\') {
			return new RegexNode.Chars(escape(false));
		}
		int cp = this.pattern.codePointAt(this.pos);
		this.pos += Character.charCount(cp);
		return new RegexNode.Chars(new int[] { cp, cp });
	}

	private int[] charClass() {
		this.pos++;
		boolean negated = false;
		if (more() && peek() == '^') {
			negated = true;
			this.pos++;
		}
		List<int[]> parts = new ArrayList<>();
		boolean first = true;
		while (true) {
			if (!more()) {
				throw error("unclosed '['");
			}
			if (peek() == ']' && !first) {
				this.pos++;
				break;
			}
			first = false;
			int[] low = classAtom();
			if (low.length == 2 && low[0] == low[1] && this.pos + 1 < this.end && peek() == '-'
					&& this.pattern.charAt(this.pos + 1) != ']') {
				this.pos++;
				int[] high = classAtom();
				if (high.length != 2 || high[0] != high[1] || high[0] < low[0]) {
					throw error("invalid class range");
				}
				parts.add(new int[] { low[0], high[0] });
			}
			else {
				parts.add(low);
			}
		}
		int[] merged = normalize(parts);
		return negated ? complement(merged) : merged;
	}

	private int[] classAtom() {
		if (peek() == '\\') {
			return escape(true);
		}
		int cp = this.pattern.codePointAt(this.pos);
		this.pos += Character.charCount(cp);
		return new int[] { cp, cp };
	}

	private int[] escape(boolean inClass) {
		this.pos++;
		if (!more()) {
			throw error("trailing backslash");
		}
		char c = this.pattern.charAt(this.pos++);
		return switch (c) {
			case 'd' -> DIGIT.clone();
			case 'D' -> complement(DIGIT);
			case 'w' -> WORD.clone();
			case 'W' -> complement(WORD);
			case 's' -> SPACE.clone();
			case 'S' -> complement(SPACE);
			case 't' -> new int[] { '\t', '\t' };
			case 'n' -> new int[] { '\n', '\n' };
			case 'r' -> new int[] { '\r', '\r' };
			case 'f' -> new int[] { '\f', '\f' };
			case 'v' -> new int[] { 0x0B, 0x0B };
			case 'u' -> {
				if (this.pos + 4 > this.end) {
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

	/** Sorts and merges ranges given as flat {@code lo, hi} pairs. */
	static int[] normalize(List<int[]> parts) {
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

	/** The code points not in the ranges. */
	static int[] complement(int[] ranges) {
		int[] norm = normalize(List.of(ranges));
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

}
