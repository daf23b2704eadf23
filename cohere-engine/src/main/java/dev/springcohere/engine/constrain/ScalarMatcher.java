package dev.springcohere.engine.constrain;

import java.util.Arrays;
import java.util.List;

import dev.springcohere.engine.constrain.Frame.Lex;
import dev.springcohere.engine.constrain.Frame.Lit;
import dev.springcohere.engine.constrain.Frame.Num;
import dev.springcohere.engine.constrain.Frame.Str;
import dev.springcohere.engine.constrain.Spec.LiteralSpec;

/**
 * Steps the scalar frames of a {@link ParseStack}: strings (UTF-8 and escapes, the
 * automaton, the length bounds and the values a string may not end as), numbers and
 * literals.
 * <p>
 * Strings are raw UTF-8 (a character split over bytes is tracked; invalid UTF-8 is never
 * allowed) or the escapes {@code \" \\ \/ \b \f \n \r \t \}{@code uXXXX} (no surrogate
 * escapes: characters above U+FFFF are written raw); control characters only as escapes.
 */
final class ScalarMatcher {

	private static final int[] UTF8_MIN = { 0, 0, 0x80, 0x800, 0x10000 };

	private ScalarMatcher() {
	}

	/**
	 * Whether a frame on top is a value that may end without another byte (numbers and
	 * literals).
	 */
	static boolean completable(Frame frame) {
		return switch (frame) {
			case Num n -> n.spec().complete(n.text())
					&& (n.excluded().isEmpty() || !n.excluded().contains(ValueSet.ofNumber(n.text())));
			case Lit l -> completeOption(l) >= 0;
			default -> false;
		};
	}

	// strings

	static int escaped(int b) {
		return switch (b) {
			case '"' -> '"';
			case '\\' -> '\\';
			case '/' -> '/';
			case 'b' -> '\b';
			case 'f' -> '\f';
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			default -> -1;
		};
	}

	private static int hex(int b) {
		if (b >= '0' && b <= '9') {
			return b - '0';
		}
		if (b >= 'a' && b <= 'f') {
			return b - 'a' + 10;
		}
		if (b >= 'A' && b <= 'F') {
			return b - 'A' + 10;
		}
		return -1;
	}

	private static boolean allowsRange(Str s, int lo, int hi) {
		return s.spec().allowsRange(s.dfa(), s.count(), lo, hi);
	}

	/** Feeds a complete code point to the string. */
	private static void codePoint(ParseStack stack, Str s, int cp, List<ParseStack> out) {
		StringSpec spec = s.spec();
		int next = spec.step(s.dfa(), s.count(), cp);
		if (next < 0) {
			return;
		}
		int count = spec.nextCount(s.count());
		String text = (s.text() != null) ? s.text() + Character.toString(cp) : null;
		if (text != null && !s.excluded().isEmpty()) {
			int matching = s.excluded().countWithPrefix(ValueSet.ofString(text));
			if (matching > 0 && spec.completions(next, count, matching + 1L) <= matching) {
				return;
			}
		}
		out.add(stack.replaceTop(new Str(spec, next, Lex.NORMAL, 0, 0, 0, count, text, s.excluded())));
	}

	private static Str with(Str s, Lex lex, int acc, int need, int len) {
		return new Str(s.spec(), s.dfa(), lex, acc, need, len, s.count(), s.text(), s.excluded());
	}

	static void stepString(ParseStack stack, Str s, int b, List<ParseStack> out) {
		switch (s.lex()) {
			case NORMAL -> {
				if (b == '"') {
					String value = (s.text() != null) ? ValueSet.ofString(s.text()) : null;
					if (s.spec().mayEnd(s.dfa(), s.count()) && (value == null || !s.excluded().contains(value))) {
						out.add(JsonMatcher.afterValue(stack.parent, value));
					}
				}
				else if (b == '\\') {
					if (allowsRange(s, 0, 0xFFFF)) {
						out.add(stack.replaceTop(with(s, Lex.ESCAPE, 0, 0, 0)));
					}
				}
				else if (b < 0x20) {
					// control characters must be escaped
				}
				else if (b < 0x80) {
					codePoint(stack, s, b, out);
				}
				else if (b >= 0xC2 && b <= 0xF4) {
					int len = (b < 0xE0) ? 2 : (b < 0xF0) ? 3 : 4;
					int acc = b & ((len == 2) ? 0x1F : (len == 3) ? 0x0F : 0x07);
					utf8(stack, s, acc, len - 1, len, out);
				}
			}
			case ESCAPE -> {
				int cp = escaped(b);
				if (cp >= 0) {
					codePoint(stack, s, cp, out);
				}
				else if (b == 'u' && allowsRange(s, 0, 0xFFFF)) {
					out.add(stack.replaceTop(with(s, Lex.UNICODE, 0, 4, 0)));
				}
			}
			case UNICODE -> {
				int h = hex(b);
				if (h < 0) {
					return;
				}
				int acc = s.acc() * 16 + h;
				int need = s.need() - 1;
				if (need == 0) {
					if (acc < 0xD800 || acc > 0xDFFF) {
						codePoint(stack, s, acc, out);
					}
					return;
				}
				int shift = 4 * need;
				if (allowsRange(s, acc << shift, (acc << shift) | ((1 << shift) - 1))) {
					out.add(stack.replaceTop(with(s, Lex.UNICODE, acc, need, 0)));
				}
			}
			case UTF8 -> {
				if (b < 0x80 || b > 0xBF) {
					return;
				}
				utf8(stack, s, (s.acc() << 6) | (b & 0x3F), s.need() - 1, s.len(), out);
			}
		}
	}

	private static void utf8(ParseStack stack, Str s, int acc, int need, int len, List<ParseStack> out) {
		int shift = 6 * need;
		int lo = Math.max(acc << shift, UTF8_MIN[len]);
		int hi = Math.min((acc << shift) | ((1 << shift) - 1), RegexCompiler.MAX_CODE_POINT);
		if (!allowsRange(s, lo, hi)) {
			return;
		}
		if (need == 0) {
			codePoint(stack, s, acc, out);
		}
		else {
			out.add(stack.replaceTop(with(s, Lex.UTF8, acc, need, len)));
		}
	}

	// numbers

	static void startNumber(NumberSpec spec, int b, ParseStack parent, ValueSet excluded, List<ParseStack> out) {
		String text = spec.extend("", b);
		if (text != null && spec.count(text, 1, excluded) > 0) {
			out.add(parent.push(new Num(spec, text, excluded)));
		}
	}

	static void stepNumber(ParseStack stack, Num n, int b, List<ParseStack> out) {
		NumberSpec spec = n.spec();
		String extended = spec.extend(n.text(), b);
		if (extended != null && spec.count(extended, 1, n.excluded()) > 0) {
			out.add(stack.replaceTop(new Num(spec, extended, n.excluded())));
		}
		if (completable(n)) {
			String value = JsonMatcher.wantsValue(stack.parent) ? ValueSet.ofNumber(n.text()) : null;
			JsonMatcher.step(JsonMatcher.afterValue(stack.parent, value), b, out);
		}
	}

	// literals

	static void startLiteral(LiteralSpec spec, int b, ParseStack parent, ValueSet excluded, List<ParseStack> out) {
		for (int i = 0; i < spec.options.length; i++) {
			if ((spec.options[i][0] & 0xFF) == b && !excluded.contains(spec.canonical[i])) {
				out.add(parent.push(new Lit(spec, i, 1, excluded)));
				return;
			}
		}
	}

	static void stepLiteral(ParseStack stack, Lit l, int b, List<ParseStack> out) {
		byte[][] options = l.spec().options;
		byte[] prefix = options[l.cand()];
		int pos = l.pos();
		for (int i = l.cand(); i < options.length; i++) {
			byte[] option = options[i];
			if (option.length > pos && (option[pos] & 0xFF) == b && Arrays.equals(option, 0, pos, prefix, 0, pos)
					&& !l.excluded().contains(l.spec().canonical[i])) {
				out.add(stack.replaceTop(new Lit(l.spec(), i, pos + 1, l.excluded())));
				break;
			}
		}
		int complete = completeOption(l);
		if (complete >= 0) {
			String value = JsonMatcher.wantsValue(stack.parent) ? l.spec().canonical[complete] : null;
			JsonMatcher.step(JsonMatcher.afterValue(stack.parent, value), b, out);
		}
	}

	/** The option that is exactly the bytes so far (and not excluded), or -1. */
	static int completeOption(Lit l) {
		byte[][] options = l.spec().options;
		byte[] prefix = options[l.cand()];
		for (int i = l.cand(); i < options.length; i++) {
			byte[] option = options[i];
			if (option.length == l.pos() && Arrays.equals(option, 0, l.pos(), prefix, 0, l.pos())
					&& !l.excluded().contains(l.spec().canonical[i])) {
				return i;
			}
		}
		return -1;
	}

}
