package dev.springcohere.engine.constrain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.springcohere.engine.constrain.Spec.AnyOfSpec;
import dev.springcohere.engine.constrain.Spec.ArraySpec;
import dev.springcohere.engine.constrain.Spec.LiteralSpec;
import dev.springcohere.engine.constrain.Spec.MapSpec;
import dev.springcohere.engine.constrain.Spec.NumberSpec;
import dev.springcohere.engine.constrain.Spec.ObjectSpec;
import dev.springcohere.engine.constrain.Spec.Property;
import dev.springcohere.engine.constrain.Spec.StringSpec;

/**
 * The byte-level pushdown recognizer of compiled specs. A {@link Stack} of immutable
 * frames says where the bytes so far are: one frame per open container, and the value
 * being written on top. Every step refuses a byte after which the value could no longer
 * be completed, so a generation following it never gets stuck.
 * <p>
 * Whitespace policy: no whitespace before the value or after it; inside containers a run
 * of at most {@link #MAX_WHITESPACE} spaces or newlines after {@code {}, {@code [},
 * {@code :} and {@code ,} and before {@code ,}, {@code }} and {@code ]}, and none before
 * {@code :}.
 */
final class JsonMatcher {

	/** The longest run of whitespace allowed at one place. */
	static final int MAX_WHITESPACE = 8;

	private static final Stack[] NONE = new Stack[0];

	private JsonMatcher() {
	}

	/** The stack before the first byte of a value of {@code spec}. */
	static Stack start(Spec spec) {
		return new Stack(new Root(spec), null);
	}

	/** A parse stack: a frame on top of the rest (identity-free, compared by value). */
	static final class Stack {

		static final Stack DONE = new Stack(new Done(), null);

		final Frame top;

		final @Nullable Stack parent;

		private final int hash;

		Stack(Frame top, @Nullable Stack parent) {
			this.top = top;
			this.parent = parent;
			this.hash = top.hashCode() * 31 + ((parent != null) ? parent.hash : 0);
		}

		Stack replaceTop(Frame frame) {
			return new Stack(frame, this.parent);
		}

		Stack push(Frame frame) {
			return new Stack(frame, this);
		}

		@Override
		public boolean equals(Object other) {
			if (this == other) {
				return true;
			}
			return other instanceof Stack that && that.hash == this.hash && this.top.equals(that.top)
					&& Objects.equals(this.parent, that.parent);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

		@Override
		public String toString() {
			return (this.parent != null) ? this.parent + " > " + this.top : String.valueOf(this.top);
		}

	}

	sealed interface Frame permits Root, Done, Obj, Map, Arr, Str, Num, Lit {

	}

	/** Before the top-level value ({@code stage} 0) or inside it (1). */
	record Root(Spec spec) implements Frame {
	}

	/** The value is complete. */
	record Done() implements Frame {
	}

	/**
	 * An object of known properties. {@code next} is the first property that may still
	 * come; in the key, {@code cand} is the first property whose key matches the bytes so
	 * far and {@code pos} how many key bytes were read; in the value, {@code cand} is the
	 * property being written.
	 */
	record Obj(ObjectSpec spec, int stage, int next, int cand, int pos, int ws) implements Frame {

		static final int OPEN = 0;

		static final int KEY = 1;

		static final int COLON = 2;

		static final int BEFORE_VALUE = 3;

		static final int IN_VALUE = 4;

		static final int AFTER = 5;

		static final int COMMA = 6;

		@Override
		public boolean equals(Object o) {
			return o instanceof Obj that && that.spec == this.spec && that.stage == this.stage && that.next == this.next
					&& that.cand == this.cand && that.pos == this.pos && that.ws == this.ws;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.spec) * 31
					+ ((((this.stage * 31 + this.next) * 31 + this.cand) * 31 + this.pos) * 31 + this.ws);
		}

	}

	/**
	 * An object of free keys ({@link MapSpec}); stages as in {@link Obj}, the key being a
	 * pushed string.
	 */
	record Map(MapSpec spec, int stage, int ws) implements Frame {

		@Override
		public boolean equals(Object o) {
			return o instanceof Map that && that.spec == this.spec && that.stage == this.stage && that.ws == this.ws;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.spec) * 31 + this.stage * 31 + this.ws;
		}

	}

	/**
	 * An array; {@code count} items so far (capped at {@code minItems} when there is no
	 * maximum).
	 */
	record Arr(ArraySpec spec, int stage, int count, int ws) implements Frame {

		@Override
		public boolean equals(Object o) {
			return o instanceof Arr that && that.spec == this.spec && that.stage == this.stage
					&& that.count == this.count && that.ws == this.ws;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.spec) * 31 + (this.stage * 31 + this.count) * 31 + this.ws;
		}

	}

	/**
	 * Inside a string: the automaton state, and the lexer: {@code lex} {@link #NORMAL},
	 * after a backslash ({@link #ESCAPE}), in {@code \}{@code uXXXX} with {@code need}
	 * hex digits to go, or in a multi-byte UTF-8 character of {@code len} bytes with
	 * {@code need} continuation bytes to go; {@code acc} holds the bits so far.
	 */
	record Str(StringSpec spec, int dfa, int lex, int acc, int need, int len, int count) implements Frame {

		static final int NORMAL = 0;

		static final int ESCAPE = 1;

		static final int UNICODE = 2;

		static final int UTF8 = 3;

		@Override
		public boolean equals(Object o) {
			return o instanceof Str that && that.spec == this.spec && that.dfa == this.dfa && that.lex == this.lex
					&& that.acc == this.acc && that.need == this.need && that.len == this.len
					&& that.count == this.count;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.spec) * 31
					+ ((((this.dfa * 31 + this.lex) * 31 + this.acc) * 31 + this.need) * 31 + this.len) * 31
					+ this.count;
		}

	}

	/** A number being written. */
	record Num(NumberSpec spec, String text) implements Frame {

		@Override
		public boolean equals(Object o) {
			return o instanceof Num that && that.spec == this.spec && that.text.equals(this.text);
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.spec) * 31 + this.text.hashCode();
		}

	}

	/**
	 * A literal being written: {@code cand} is the first option matching the {@code pos}
	 * bytes so far.
	 */
	record Lit(LiteralSpec spec, int cand, int pos) implements Frame {

		@Override
		public boolean equals(Object o) {
			return o instanceof Lit that && that.spec == this.spec && that.cand == this.cand && that.pos == this.pos;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.spec) * 31 + this.cand * 31 + this.pos;
		}

	}

	/** {@link #freeStringRoom} of a state that is not inside a free string. */
	static final int NOT_FREE_STRING = -1;

	/**
	 * How many more code points a state inside a free string (no pattern or format,
	 * between characters) takes before its {@code maxLength} ({@link Integer#MAX_VALUE}
	 * without one), or {@link #NOT_FREE_STRING}.
	 */
	static int freeStringRoom(GrammarState state) {
		if (state.stacks.length != 1 || !(state.stacks[0].top instanceof Str s) || s.spec().dfa != null
				|| s.lex() != Str.NORMAL) {
			return NOT_FREE_STRING;
		}
		return (s.spec().maxLength < 0) ? Integer.MAX_VALUE : s.spec().maxLength - s.count();
	}

	// ---------------------------------------------------------------- stepping

	/** The stacks after one more byte; empty when the byte is not allowed. */
	static Stack[] step(Stack stack, int b) {
		List<Stack> out = new ArrayList<>(2);
		step(stack, b, out);
		return out.isEmpty() ? NONE : out.toArray(NONE);
	}

	/** Whether the value may end here. */
	static boolean accepting(Stack stack) {
		if (stack == Stack.DONE) {
			return true;
		}
		return completable(stack.top) && stack.parent != null && afterValue(stack.parent) == Stack.DONE;
	}

	private static boolean isWhitespace(int b) {
		return b == ' ' || b == '\n';
	}

	private static void step(Stack stack, int b, List<Stack> out) {
		switch (stack.top) {
			case Done d -> {
			}
			case Root r -> startValue(r.spec(), b, stack, out);
			case Obj o -> stepObject(stack, o, b, out);
			case Map m -> stepMap(stack, m, b, out);
			case Arr a -> stepArray(stack, a, b, out);
			case Str s -> stepString(stack, s, b, out);
			case Num n -> stepNumber(stack, n, b, out);
			case Lit l -> stepLiteral(stack, l, b, out);
		}
	}

	/**
	 * Whether a frame on top is a value that may end without another byte (numbers and
	 * literals).
	 */
	private static boolean completable(Frame frame) {
		return switch (frame) {
			case Num n -> Character.isDigit(n.text().charAt(n.text().length() - 1)) && n.spec().inBounds(n.text());
			case Lit l -> literalComplete(l);
			default -> false;
		};
	}

	/** The stack once the value on top of {@code parent} is complete. */
	private static Stack afterValue(Stack parent) {
		return switch (parent.top) {
			case Root r -> Stack.DONE;
			case Obj o -> parent.replaceTop(new Obj(o.spec(), Obj.AFTER, o.cand() + 1, 0, 0, 0));
			case Map m -> parent.replaceTop(new Map(m.spec(), (m.stage() == Obj.KEY) ? Obj.COLON : Obj.AFTER, 0));
			case Arr a -> {
				int count = a.count() + 1;
				if (a.spec().maxItems < 0) {
					count = Math.min(count, a.spec().minItems);
				}
				yield parent.replaceTop(new Arr(a.spec(), Obj.AFTER, count, 0));
			}
			default -> throw new IllegalStateException("Not a container: " + parent.top);
		};
	}

	/**
	 * Starts a value of {@code spec} with byte {@code b}; {@code parent} is already
	 * waiting for the value.
	 */
	private static void startValue(Spec declared, int b, Stack parent, List<Stack> out) {
		Spec spec = declared.resolve();
		if (!spec.satisfiable) {
			return;
		}
		switch (spec) {
			case AnyOfSpec any -> {
				for (Spec alternative : any.alternatives) {
					startValue(alternative, b, parent, out);
				}
			}
			case ObjectSpec o -> {
				if (b == '{') {
					out.add(parent.push(new Obj(o, Obj.OPEN, 0, 0, 0, 0)));
				}
			}
			case MapSpec m -> {
				if (b == '{') {
					out.add(parent.push(new Map(m, Obj.OPEN, 0)));
				}
			}
			case ArraySpec a -> {
				if (b == '[') {
					out.add(parent.push(new Arr(a, Obj.OPEN, 0, 0)));
				}
			}
			case StringSpec s -> {
				if (b == '"') {
					out.add(parent.push(new Str(s, 0, Str.NORMAL, 0, 0, 0, 0)));
				}
			}
			case NumberSpec n -> {
				if ((b == '-' || (b >= '0' && b <= '9')) && n.feasible(String.valueOf((char) b))) {
					out.add(parent.push(new Num(n, String.valueOf((char) b))));
				}
			}
			case LiteralSpec l -> {
				for (int i = 0; i < l.options.length; i++) {
					if ((l.options[i][0] & 0xFF) == b) {
						out.add(parent.push(new Lit(l, i, 1)));
						return;
					}
				}
			}
			default -> throw new IllegalStateException("Unexpected spec " + spec);
		}
	}

	// objects

	/**
	 * Whether property {@code j} may be written next when {@code next} is the first that
	 * may still come.
	 */
	private static boolean candidate(ObjectSpec spec, int next, int j) {
		return j >= next && j <= spec.firstRequired(next) && j < spec.properties.size()
				&& spec.properties.get(j).spec().resolve().satisfiable;
	}

	private static boolean anyCandidate(ObjectSpec spec, int next) {
		for (int j = next; j < spec.properties.size(); j++) {
			if (candidate(spec, next, j)) {
				return true;
			}
			if (spec.properties.get(j).required()) {
				return false;
			}
		}
		return false;
	}

	private static void stepObject(Stack stack, Obj o, int b, List<Stack> out) {
		ObjectSpec spec = o.spec();
		switch (o.stage()) {
			case Obj.OPEN, Obj.COMMA -> {
				if (isWhitespace(b) && o.ws() < MAX_WHITESPACE) {
					out.add(stack.replaceTop(new Obj(spec, o.stage(), o.next(), 0, 0, o.ws() + 1)));
				}
				else if (b == '"' && anyCandidate(spec, o.next())) {
					for (int j = o.next(); j < spec.properties.size(); j++) {
						if (candidate(spec, o.next(), j)) {
							out.add(stack.replaceTop(new Obj(spec, Obj.KEY, o.next(), j, 1, 0)));
							return;
						}
					}
				}
				else if (b == '}' && o.stage() == Obj.OPEN && spec.firstRequired(o.next()) == spec.properties.size()) {
					out.add(afterValue(stack.parent));
				}
			}
			case Obj.KEY -> {
				byte[] prefix = spec.properties.get(o.cand()).key();
				for (int j = o.cand(); j < spec.properties.size(); j++) {
					if (!candidate(spec, o.next(), j)) {
						continue;
					}
					byte[] key = spec.properties.get(j).key();
					if (key.length > o.pos() && (key[o.pos()] & 0xFF) == b
							&& Arrays.equals(key, 0, o.pos(), prefix, 0, o.pos())) {
						boolean complete = key.length == o.pos() + 1;
						out.add(stack
							.replaceTop(new Obj(spec, complete ? Obj.COLON : Obj.KEY, o.next(), j, o.pos() + 1, 0)));
						return;
					}
				}
			}
			case Obj.COLON -> {
				if (b == ':') {
					out.add(stack.replaceTop(new Obj(spec, Obj.BEFORE_VALUE, o.next(), o.cand(), 0, 0)));
				}
			}
			case Obj.BEFORE_VALUE -> {
				if (isWhitespace(b)) {
					if (o.ws() < MAX_WHITESPACE) {
						out.add(stack.replaceTop(new Obj(spec, Obj.BEFORE_VALUE, o.next(), o.cand(), 0, o.ws() + 1)));
					}
					return;
				}
				Stack waiting = stack.replaceTop(new Obj(spec, Obj.IN_VALUE, o.next(), o.cand(), 0, 0));
				startValue(spec.properties.get(o.cand()).spec(), b, waiting, out);
			}
			case Obj.AFTER -> {
				if (isWhitespace(b) && o.ws() < MAX_WHITESPACE) {
					out.add(stack.replaceTop(new Obj(spec, Obj.AFTER, o.next(), 0, 0, o.ws() + 1)));
				}
				else if (b == ',' && anyCandidate(spec, o.next())) {
					out.add(stack.replaceTop(new Obj(spec, Obj.COMMA, o.next(), 0, 0, 0)));
				}
				else if (b == '}' && spec.firstRequired(o.next()) == spec.properties.size()) {
					out.add(afterValue(stack.parent));
				}
			}
			default -> throw new IllegalStateException("Byte in an object's value: " + o);
		}
	}

	private static void stepMap(Stack stack, Map m, int b, List<Stack> out) {
		MapSpec spec = m.spec();
		switch (m.stage()) {
			case Obj.OPEN, Obj.COMMA -> {
				if (isWhitespace(b) && m.ws() < MAX_WHITESPACE) {
					out.add(stack.replaceTop(new Map(spec, m.stage(), m.ws() + 1)));
				}
				else if (b == '"') {
					Stack waiting = stack.replaceTop(new Map(spec, Obj.KEY, 0));
					out.add(waiting.push(new Str(FREE_KEY, 0, Str.NORMAL, 0, 0, 0, 0)));
				}
				else if (b == '}' && m.stage() == Obj.OPEN) {
					out.add(afterValue(stack.parent));
				}
			}
			case Obj.COLON -> {
				if (b == ':') {
					out.add(stack.replaceTop(new Map(spec, Obj.BEFORE_VALUE, 0)));
				}
			}
			case Obj.BEFORE_VALUE -> {
				if (isWhitespace(b)) {
					if (m.ws() < MAX_WHITESPACE) {
						out.add(stack.replaceTop(new Map(spec, Obj.BEFORE_VALUE, m.ws() + 1)));
					}
					return;
				}
				startValue(spec.values, b, stack.replaceTop(new Map(spec, Obj.IN_VALUE, 0)), out);
			}
			case Obj.AFTER -> {
				if (isWhitespace(b) && m.ws() < MAX_WHITESPACE) {
					out.add(stack.replaceTop(new Map(spec, Obj.AFTER, m.ws() + 1)));
				}
				else if (b == ',') {
					out.add(stack.replaceTop(new Map(spec, Obj.COMMA, 0)));
				}
				else if (b == '}') {
					out.add(afterValue(stack.parent));
				}
			}
			default -> throw new IllegalStateException("Byte in a map's key or value: " + m);
		}
	}

	private static final StringSpec FREE_KEY = new StringSpec(null, 0, SchemaCompiler.ANY_STRING_LENGTH);

	static {
		FREE_KEY.satisfiable = true;
	}

	// arrays

	private static void stepArray(Stack stack, Arr a, int b, List<Stack> out) {
		ArraySpec spec = a.spec();
		boolean roomForItem = (spec.maxItems < 0 || a.count() < spec.maxItems) && spec.items.resolve().satisfiable;
		switch (a.stage()) {
			case Obj.OPEN, Obj.COMMA -> {
				if (isWhitespace(b)) {
					if (a.ws() < MAX_WHITESPACE) {
						out.add(stack.replaceTop(new Arr(spec, a.stage(), a.count(), a.ws() + 1)));
					}
					return;
				}
				if (b == ']' && a.stage() == Obj.OPEN) {
					if (spec.minItems == 0) {
						out.add(afterValue(stack.parent));
					}
					return;
				}
				if (roomForItem) {
					startValue(spec.items, b, stack.replaceTop(new Arr(spec, Obj.IN_VALUE, a.count(), 0)), out);
				}
			}
			case Obj.AFTER -> {
				if (isWhitespace(b) && a.ws() < MAX_WHITESPACE) {
					out.add(stack.replaceTop(new Arr(spec, Obj.AFTER, a.count(), a.ws() + 1)));
				}
				else if (b == ',' && roomForItem) {
					out.add(stack.replaceTop(new Arr(spec, Obj.COMMA, a.count(), 0)));
				}
				else if (b == ']' && a.count() >= spec.minItems) {
					out.add(afterValue(stack.parent));
				}
			}
			default -> throw new IllegalStateException("Byte in an array's item: " + a);
		}
	}

	// strings

	private static int escaped(int b) {
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

	/**
	 * Whether the string's automaton allows some code point in {@code [lo, hi]},
	 * surrogates excluded.
	 */
	private static boolean allowsRange(Str s, int lo, int hi) {
		if (lo > hi || (s.spec().maxLength >= 0 && s.count() >= s.spec().maxLength)) {
			return false;
		}
		CharDfa dfa = s.spec().dfa;
		boolean below = lo < 0xD800;
		boolean above = hi > 0xDFFF;
		if (dfa == null) {
			return below || above;
		}
		return (below && dfa.allowsAny(s.dfa(), lo, Math.min(hi, 0xD7FF)))
				|| (above && dfa.allowsAny(s.dfa(), Math.max(lo, 0xE000), hi));
	}

	/** Feeds a complete code point to the string's automaton. */
	private static void codePoint(Stack stack, Str s, int cp, List<Stack> out) {
		CharDfa dfa = s.spec().dfa;
		int next = 0;
		int count = s.count() + 1;
		if (s.spec().maxLength >= 0 && count > s.spec().maxLength) {
			return;
		}
		if (s.spec().maxLength < 0 && count > s.spec().minLength) {
			count = s.spec().minLength;
		}
		if (dfa != null) {
			next = dfa.step(s.dfa(), cp);
			if (next < 0) {
				return;
			}
		}
		out.add(stack.replaceTop(new Str(s.spec(), next, Str.NORMAL, 0, 0, 0, count)));
	}

	private static final int[] UTF8_MIN = { 0, 0, 0x80, 0x800, 0x10000 };

	private static void stepString(Stack stack, Str s, int b, List<Stack> out) {
		CharDfa dfa = s.spec().dfa;
		switch (s.lex()) {
			case Str.NORMAL -> {
				if (b == '"') {
					if ((dfa == null || dfa.accepting(s.dfa())) && s.count() >= s.spec().minLength) {
						out.add(afterValue(stack.parent));
					}
				}
				else if (b == '\\') {
					if (allowsRange(s, 0, 0xFFFF)) {
						out.add(stack.replaceTop(new Str(s.spec(), s.dfa(), Str.ESCAPE, 0, 0, 0, s.count())));
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
			case Str.ESCAPE -> {
				int cp = escaped(b);
				if (cp >= 0) {
					codePoint(stack, s, cp, out);
				}
				else if (b == 'u' && allowsRange(s, 0, 0xFFFF)) {
					out.add(stack.replaceTop(new Str(s.spec(), s.dfa(), Str.UNICODE, 0, 4, 0, s.count())));
				}
			}
			case Str.UNICODE -> {
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
					out.add(stack.replaceTop(new Str(s.spec(), s.dfa(), Str.UNICODE, acc, need, 0, s.count())));
				}
			}
			case Str.UTF8 -> {
				if (b < 0x80 || b > 0xBF) {
					return;
				}
				utf8(stack, s, (s.acc() << 6) | (b & 0x3F), s.need() - 1, s.len(), out);
			}
			default -> throw new IllegalStateException("Unknown lexer state " + s);
		}
	}

	private static void utf8(Stack stack, Str s, int acc, int need, int len, List<Stack> out) {
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
			out.add(stack.replaceTop(new Str(s.spec(), s.dfa(), Str.UTF8, acc, need, len, s.count())));
		}
	}

	// numbers and literals

	private static void stepNumber(Stack stack, Num n, int b, List<Stack> out) {
		String text = n.text();
		NumberSpec spec = n.spec();
		String extended = extendNumber(spec, text, b);
		if (extended != null && spec.feasible(extended)) {
			out.add(stack.replaceTop(new Num(spec, extended)));
		}
		if (completable(n)) {
			step(afterValue(stack.parent), b, out);
		}
	}

	/**
	 * The number text with one more byte, or {@code null} when that is not a number
	 * (prefix) of the policy.
	 */
	private static @Nullable String extendNumber(NumberSpec spec, String text, int b) {
		boolean negative = text.startsWith("-");
		String body = negative ? text.substring(1) : text;
		int dot = body.indexOf('.');
		if (b == '.') {
			return (!spec.integer && dot < 0 && !body.isEmpty()) ? text + '.' : null;
		}
		if (b < '0' || b > '9') {
			return null;
		}
		if (dot >= 0) {
			return (body.length() - dot - 1 < NumberSpec.NUMBER_FRACTION_DIGITS) ? text + (char) b : null;
		}
		if (body.equals("0") || body.length() >= spec.maxIntDigits()) {
			return null;
		}
		return text + (char) b;
	}

	private static void stepLiteral(Stack stack, Lit l, int b, List<Stack> out) {
		byte[][] options = l.spec().options;
		byte[] prefix = options[l.cand()];
		int pos = l.pos();
		for (int i = l.cand(); i < options.length; i++) {
			byte[] option = options[i];
			if (option.length > pos && (option[pos] & 0xFF) == b && Arrays.equals(option, 0, pos, prefix, 0, pos)) {
				out.add(stack.replaceTop(new Lit(l.spec(), i, pos + 1)));
				break;
			}
		}
		if (literalComplete(l)) {
			step(afterValue(stack.parent), b, out);
		}
	}

	/**
	 * Whether some option is exactly the bytes so far (all options with that prefix come
	 * at or after cand).
	 */
	private static boolean literalComplete(Lit l) {
		byte[][] options = l.spec().options;
		byte[] prefix = options[l.cand()];
		for (int i = l.cand(); i < options.length; i++) {
			byte[] option = options[i];
			if (option.length == l.pos() && Arrays.equals(option, 0, l.pos(), prefix, 0, l.pos())) {
				return true;
			}
		}
		return false;
	}

}
