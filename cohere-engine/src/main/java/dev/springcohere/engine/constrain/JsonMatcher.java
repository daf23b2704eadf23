package dev.springcohere.engine.constrain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.springcohere.engine.constrain.Frame.Arr;
import dev.springcohere.engine.constrain.Frame.Done;
import dev.springcohere.engine.constrain.Frame.Lit;
import dev.springcohere.engine.constrain.Frame.Num;
import dev.springcohere.engine.constrain.Frame.Obj;
import dev.springcohere.engine.constrain.Frame.Root;
import dev.springcohere.engine.constrain.Frame.Stage;
import dev.springcohere.engine.constrain.Frame.Str;
import dev.springcohere.engine.constrain.Spec.AnyOfSpec;
import dev.springcohere.engine.constrain.Spec.ArraySpec;
import dev.springcohere.engine.constrain.Spec.LiteralSpec;
import dev.springcohere.engine.constrain.Spec.ObjectSpec;
import dev.springcohere.engine.constrain.Spec.RefSpec;

/**
 * The byte-level pushdown recognizer of compiled specs: steps a {@link ParseStack} by one
 * byte. Every step refuses a byte after which the value could no longer be completed, so
 * a generation following it never gets stuck. This class handles the containers and
 * dispatches; {@link ScalarMatcher} reads strings, numbers and literals.
 * <p>
 * Whitespace: none before or after the value; between the tokens of a container what its
 * {@link Layout} allows.
 */
final class JsonMatcher {

	static final ParseStack[] NONE = new ParseStack[0];

	/**
	 * The spec of an extra property's key: any string (the frame excludes the names
	 * already taken).
	 */
	static final StringSpec KEY = new StringSpec(null);

	static {
		KEY.satisfiable = true;
	}

	/** {@link #freeStringRoom} of a state that is not inside a free string. */
	static final int NOT_FREE_STRING = -1;

	private JsonMatcher() {
	}

	/** The stack before the first byte of a value of {@code spec}. */
	static ParseStack start(Spec spec) {
		return new ParseStack(new Root(spec), null);
	}

	/**
	 * How many more code points a state inside a free string (no automaton, between
	 * characters, where every content character is allowed) takes before its
	 * {@code maxLength} ({@link Integer#MAX_VALUE} without one), or
	 * {@link #NOT_FREE_STRING}.
	 */
	static int freeStringRoom(GrammarState state) {
		if (state.stacks.length != 1 || !(state.stacks[0].top instanceof Str s) || !s.spec().free()
				|| s.lex() != Frame.Lex.NORMAL || (!s.excluded().isEmpty() && s.spec().maxLength >= 0)) {
			return NOT_FREE_STRING;
		}
		return (s.spec().maxLength < 0) ? Integer.MAX_VALUE : s.spec().maxLength - s.count();
	}

	/**
	 * Whether a state in a free string keeps no text (so equal content lengths lead to
	 * equal states).
	 */
	static boolean untracked(GrammarState state) {
		return state.stacks.length == 1 && state.stacks[0].top instanceof Str s && s.text() == null;
	}

	/** The stacks after one more byte; empty when the byte is not allowed. */
	static ParseStack[] step(ParseStack stack, int b) {
		List<ParseStack> out = new ArrayList<>(2);
		step(stack, b, out);
		return out.isEmpty() ? NONE : out.toArray(NONE);
	}

	/** Whether the value may end here. */
	static boolean accepting(ParseStack stack) {
		if (stack == ParseStack.DONE) {
			return true;
		}
		return ScalarMatcher.completable(stack.top) && stack.parent != null && stack.parent.top instanceof Root;
	}

	static void step(ParseStack stack, int b, List<ParseStack> out) {
		switch (stack.top) {
			case Done d -> {
			}
			case Root r -> startValue(r.spec(), b, stack, out);
			case Obj o -> stepObject(stack, o, b, out);
			case Arr a -> stepArray(stack, a, b, out);
			case Str s -> ScalarMatcher.stepString(stack, s, b, out);
			case Num n -> ScalarMatcher.stepNumber(stack, n, b, out);
			case Lit l -> ScalarMatcher.stepLiteral(stack, l, b, out);
		}
	}

	/**
	 * Whether the container below a value needs the value's canonical form once it is
	 * complete.
	 */
	static boolean wantsValue(ParseStack parent) {
		return (parent.top instanceof Arr a && a.spec().unique)
				|| (parent.top instanceof Obj o && o.stage() == Stage.EXTRA_KEY);
	}

	/**
	 * The stack once the value on top of {@code parent} is complete.
	 * @param parent the stack below the value
	 * @param value the value's canonical form where {@link #wantsValue} says it is
	 * needed, else {@code null}
	 */
	static ParseStack afterValue(ParseStack parent, @Nullable String value) {
		return switch (parent.top) {
			case Root r -> ParseStack.DONE;
			case Obj o -> {
				ObjectSpec spec = o.spec();
				if (o.stage() == Stage.EXTRA_KEY) {
					yield parent.replaceTop(
							new Obj(spec, Stage.COLON, o.next(), -1, 0, 0, o.count(), o.keys().with(required(value))));
				}
				int next = (o.cand() >= 0) ? o.cand() + 1 : spec.properties.size();
				int count = spec.countsProperties() ? o.count() + 1 : 0;
				yield parent.replaceTop(new Obj(spec, Stage.AFTER, next, 0, 0, 0, count, o.keys()));
			}
			case Arr a -> {
				ArraySpec spec = a.spec();
				int count = Math.min(a.count() + 1, spec.countCap());
				ValueSet used = spec.unique ? a.used().with(required(value)) : a.used();
				yield parent.replaceTop(new Arr(spec, Stage.AFTER, count, 0, used));
			}
			default -> throw new IllegalStateException("Not a container: " + parent.top);
		};
	}

	private static String required(@Nullable String value) {
		if (value == null) {
			throw new IllegalStateException("A value's canonical form is needed but missing");
		}
		return value;
	}

	/** The values an item of a {@code uniqueItems} array may not take, else none. */
	private static ValueSet excludedFor(ParseStack parent) {
		return (parent.top instanceof Arr a && a.spec().unique) ? a.used() : ValueSet.EMPTY;
	}

	/**
	 * Starts a value of {@code declared} with byte {@code b}; {@code parent} is already
	 * waiting for the value.
	 */
	static void startValue(Spec declared, int b, ParseStack parent, List<ParseStack> out) {
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
					out.add(parent.push(new Obj(o, Stage.OPEN, 0, 0, 0, 0, 0, ValueSet.EMPTY)));
				}
			}
			case ArraySpec a -> {
				if (b == '[') {
					out.add(parent.push(new Arr(a, Stage.OPEN, 0, 0, ValueSet.EMPTY)));
				}
			}
			case StringSpec s -> {
				if (b == '"') {
					boolean tracked = wantsValue(parent);
					out.add(parent
						.push(new Str(s, 0, Frame.Lex.NORMAL, 0, 0, 0, 0, tracked ? "" : null, excludedFor(parent))));
				}
			}
			case NumberSpec n -> ScalarMatcher.startNumber(n, b, parent, excludedFor(parent), out);
			case LiteralSpec l -> ScalarMatcher.startLiteral(l, b, parent, excludedFor(parent), out);
			case RefSpec r -> throw new IllegalStateException("Unresolved " + r.ref);
		}
	}

	// objects

	private static Obj obj(Obj o, Stage stage, int next, int cand, int pos, int ws) {
		return new Obj(o.spec(), stage, next, cand, pos, ws, o.count(), o.keys());
	}

	private static void stepObject(ParseStack stack, Obj o, int b, List<ParseStack> out) {
		ObjectSpec spec = o.spec();
		Layout layout = spec.layout;
		switch (o.stage()) {
			case OPEN, COMMA -> {
				if (layout.space(o.stage(), o.ws(), b)) {
					out.add(stack.replaceTop(obj(o, o.stage(), o.next(), 0, 0, o.ws() + 1)));
				}
				else if (b == '"' && layout.ready(o.stage(), o.ws())) {
					for (int j = o.next(); j < spec.properties.size(); j++) {
						if (spec.candidate(o.next(), o.count(), j)) {
							out.add(stack.replaceTop(obj(o, Stage.KEY, o.next(), j, 1, 0)));
							break;
						}
					}
					if (spec.extraAllowed(o.next(), o.count())) {
						ParseStack waiting = stack
							.replaceTop(obj(o, Stage.EXTRA_KEY, spec.properties.size(), -1, 0, 0));
						out.add(waiting
							.push(new Str(KEY, 0, Frame.Lex.NORMAL, 0, 0, 0, 0, "", spec.names.withAll(o.keys()))));
					}
				}
				else if (b == '}' && o.stage() == Stage.OPEN && layout.closeReady(Stage.OPEN, o.ws())
						&& spec.canClose(o.next(), o.count())) {
					out.add(afterValue(stack.parent, null));
				}
			}
			case KEY -> {
				byte[] prefix = spec.properties.get(o.cand()).key();
				for (int j = o.cand(); j < spec.properties.size(); j++) {
					if (!spec.candidate(o.next(), o.count(), j)) {
						continue;
					}
					byte[] key = spec.properties.get(j).key();
					if (key.length > o.pos() && (key[o.pos()] & 0xFF) == b
							&& Arrays.equals(key, 0, o.pos(), prefix, 0, o.pos())) {
						boolean complete = key.length == o.pos() + 1;
						out.add(stack
							.replaceTop(obj(o, complete ? Stage.COLON : Stage.KEY, o.next(), j, o.pos() + 1, 0)));
						return;
					}
				}
			}
			case COLON -> {
				if (b == ':') {
					out.add(stack.replaceTop(obj(o, Stage.BEFORE_VALUE, o.next(), o.cand(), 0, 0)));
				}
			}
			case BEFORE_VALUE -> {
				if (layout.space(Stage.BEFORE_VALUE, o.ws(), b)) {
					out.add(stack.replaceTop(obj(o, Stage.BEFORE_VALUE, o.next(), o.cand(), 0, o.ws() + 1)));
					return;
				}
				if (!layout.ready(Stage.BEFORE_VALUE, o.ws())) {
					return;
				}
				ParseStack waiting = stack.replaceTop(obj(o, Stage.IN_VALUE, o.next(), o.cand(), 0, 0));
				Spec value = (o.cand() >= 0) ? spec.properties.get(o.cand()).spec() : spec.additional;
				if (value != null) {
					startValue(value, b, waiting, out);
				}
			}
			case AFTER -> {
				if (layout.space(Stage.AFTER, o.ws(), b) && spec.canClose(o.next(), o.count())) {
					out.add(stack.replaceTop(obj(o, Stage.AFTER, o.next(), 0, 0, o.ws() + 1)));
				}
				else if (b == ',' && layout.commaReady(o.ws()) && spec.canAdd(o.next(), o.count())) {
					out.add(stack.replaceTop(obj(o, Stage.COMMA, o.next(), 0, 0, 0)));
				}
				else if (b == '}' && layout.closeReady(Stage.AFTER, o.ws()) && spec.canClose(o.next(), o.count())) {
					out.add(afterValue(stack.parent, null));
				}
			}
			case EXTRA_KEY, IN_VALUE -> throw new IllegalStateException("Byte in an object's key or value: " + o);
		}
	}

	// arrays

	private static void stepArray(ParseStack stack, Arr a, int b, List<ParseStack> out) {
		ArraySpec spec = a.spec();
		Layout layout = spec.layout;
		switch (a.stage()) {
			case OPEN, COMMA -> {
				if (layout.space(a.stage(), a.ws(), b)) {
					out.add(stack.replaceTop(new Arr(spec, a.stage(), a.count(), a.ws() + 1, a.used())));
					return;
				}
				if (b == ']' && a.stage() == Stage.OPEN) {
					if (spec.minItems == 0 && layout.closeReady(Stage.OPEN, a.ws())) {
						out.add(afterValue(stack.parent, null));
					}
					return;
				}
				Spec item = spec.item(a.count());
				if (item != null && layout.ready(a.stage(), a.ws()) && spec.roomForItem(a.count(), a.used())) {
					startValue(item, b, stack.replaceTop(new Arr(spec, Stage.IN_VALUE, a.count(), 0, a.used())), out);
				}
			}
			case AFTER -> {
				if (layout.space(Stage.AFTER, a.ws(), b) && a.count() >= spec.minItems) {
					out.add(stack.replaceTop(new Arr(spec, Stage.AFTER, a.count(), a.ws() + 1, a.used())));
				}
				else if (b == ',' && layout.commaReady(a.ws()) && spec.roomForItem(a.count(), a.used())) {
					out.add(stack.replaceTop(new Arr(spec, Stage.COMMA, a.count(), 0, a.used())));
				}
				else if (b == ']' && layout.closeReady(Stage.AFTER, a.ws()) && a.count() >= spec.minItems) {
					out.add(afterValue(stack.parent, null));
				}
			}
			case KEY, EXTRA_KEY, COLON, BEFORE_VALUE, IN_VALUE ->
				throw new IllegalStateException("Byte in an array's item: " + a);
		}
	}

}
