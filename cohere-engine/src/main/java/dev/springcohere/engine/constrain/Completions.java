package dev.springcohere.engine.constrain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.springcohere.engine.constrain.Frame.Arr;
import dev.springcohere.engine.constrain.Frame.Lex;
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
import dev.springcohere.engine.constrain.Spec.Property;
import dev.springcohere.engine.constrain.Spec.RefSpec;

/**
 * The shortest text that completes a parse stack into a valid document: close the string
 * or number being written (the automaton's shortest accepting path, within the length
 * bounds, avoiding excluded values), write the required properties with the shortest
 * value of each (plus the cheapest others {@code minProperties} asks for), the items
 * {@code minItems} asks for (distinct ones where {@code uniqueItems} says so), and close
 * the containers. The completion is built piece by piece (the value on top, then each
 * container below): {@link #finishTop} gives one piece and the stack after it. Every
 * piece is checked by the matcher, so a completion is always valid.
 * <p>
 * The shortest value of each spec without context is computed once, as a least fixpoint
 * (recursive schemas included). Thread-safe once built.
 */
final class Completions {

	/** One piece of a completion: the bytes, and the stack after them. */
	record Piece(byte[] bytes, ParseStack next) {
	}

	private static final byte[] NONE = new byte[0];

	private final Map<Spec, byte[]> minimal = new IdentityHashMap<>();

	Completions(Spec root) {
		List<Spec> specs = new ArrayList<>();
		collect(root, specs, new IdentityHashMap<>());
		boolean changed = true;
		while (changed) {
			changed = false;
			for (Spec spec : specs) {
				byte[] current = this.minimal.get(spec);
				if (current != null
						&& (spec instanceof StringSpec || spec instanceof NumberSpec || spec instanceof LiteralSpec)) {
					// scalars do not depend on other specs
					continue;
				}
				byte[] candidate = compute(spec);
				if (candidate != null && (current == null || candidate.length < current.length)) {
					this.minimal.put(spec, candidate);
					changed = true;
				}
			}
		}
	}

	private static void collect(Spec spec, List<Spec> out, Map<Spec, Boolean> seen) {
		if (seen.put(spec, Boolean.TRUE) != null) {
			return;
		}
		out.add(spec);
		switch (spec) {
			case ObjectSpec o -> {
				for (Property p : o.properties) {
					collect(p.spec(), out, seen);
				}
				if (o.additional != null) {
					collect(o.additional, out, seen);
				}
			}
			case ArraySpec a -> {
				a.prefix.forEach((s) -> collect(s, out, seen));
				if (a.items != null) {
					collect(a.items, out, seen);
				}
			}
			case AnyOfSpec a -> a.alternatives.forEach((s) -> collect(s, out, seen));
			case RefSpec r -> collect(r.resolve(), out, seen);
			default -> {
			}
		}
	}

	/**
	 * The shortest value of a spec without context, or {@code null} when none is known
	 * (yet).
	 */
	@Nullable byte[] minimal(Spec spec) {
		return this.minimal.get(spec.resolve());
	}

	private byte @Nullable [] compute(Spec spec) {
		if (!spec.satisfiable) {
			return null;
		}
		return switch (spec) {
			case RefSpec r -> minimal(r);
			case AnyOfSpec a -> {
				byte[] best = null;
				for (Spec alternative : a.alternatives) {
					byte[] m = alternative.resolve().satisfiable ? minimal(alternative) : null;
					if (m != null && (best == null || m.length < best.length)) {
						best = m;
					}
				}
				yield best;
			}
			case LiteralSpec l -> StringCompletions.literal(l, ValueSet.EMPTY);
			case StringSpec s -> StringCompletions.string(s, ValueSet.EMPTY);
			case NumberSpec n -> {
				String text = n.shortestCompletion("", ValueSet.EMPTY);
				yield (text == null) ? null : text.getBytes(StandardCharsets.US_ASCII);
			}
			case ObjectSpec o -> {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				out.write('{');
				yield objectTail(o, Stage.OPEN, 0, 0, ValueSet.EMPTY, 0, out) ? out.toByteArray() : null;
			}
			case ArraySpec a -> {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				out.write('[');
				yield arrayTail(a, Stage.OPEN, 0, ValueSet.EMPTY, 0, out) ? out.toByteArray() : null;
			}
		};
	}

	// ---------------------------------------------------------------- completing a stack

	/** The shortest completion of a stack, in pieces (empty for a complete value). */
	List<Piece> complete(ParseStack stack) {
		List<Piece> pieces = new ArrayList<>();
		ParseStack s = stack;
		while (s != ParseStack.DONE) {
			Piece piece = finishTop(s);
			pieces.add(piece);
			s = piece.next();
		}
		return pieces;
	}

	/**
	 * The bytes that complete the value on top of a stack, and the stack after them (the
	 * container below, past the value).
	 * @throws IllegalStateException if no completion is found (a bug: states are always
	 * completable)
	 */
	Piece finishTop(ParseStack stack) {
		ParseStack parent = stack.parent;
		return switch (stack.top) {
			case Root r -> new Piece(required(minimal(r.spec()), r), ParseStack.DONE);
			case Str s -> finishString(stack, s);
			case Num n -> {
				String text = n.spec().shortestCompletion(n.text(), n.excluded());
				if (text == null) {
					throw new IllegalStateException("No completion of the number in " + stack);
				}
				String value = JsonMatcher.wantsValue(parent) ? ValueSet.ofNumber(text) : null;
				yield new Piece(text.substring(n.text().length()).getBytes(StandardCharsets.US_ASCII),
						JsonMatcher.afterValue(parent, value));
			}
			case Lit l -> finishLiteral(stack, l);
			case Obj o -> {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				if (!objectRest(o, out)) {
					throw new IllegalStateException("No completion of the object in " + stack);
				}
				yield new Piece(out.toByteArray(), JsonMatcher.afterValue(parent, null));
			}
			case Arr a -> {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				if (!arrayTail(a.spec(), a.stage(), a.count(), a.used(), a.ws(), out)) {
					throw new IllegalStateException("No completion of the array in " + stack);
				}
				yield new Piece(out.toByteArray(), JsonMatcher.afterValue(parent, null));
			}
			case Frame.Done d -> new Piece(NONE, ParseStack.DONE);
		};
	}

	private static byte[] required(byte @Nullable [] bytes, Object what) {
		if (bytes == null) {
			throw new IllegalStateException("No shortest value known for " + what);
		}
		return bytes;
	}

	private Piece finishLiteral(ParseStack stack, Lit l) {
		byte[][] options = l.spec().options;
		byte[] prefix = options[l.cand()];
		int best = -1;
		for (int i = l.cand(); i < options.length; i++) {
			if (options[i].length >= l.pos() && Arrays.equals(options[i], 0, l.pos(), prefix, 0, l.pos())
					&& !l.excluded().contains(l.spec().canonical[i])
					&& (best < 0 || options[i].length < options[best].length)) {
				best = i;
			}
		}
		if (best < 0) {
			throw new IllegalStateException("No completion of the literal in " + stack);
		}
		String value = JsonMatcher.wantsValue(stack.parent) ? l.spec().canonical[best] : null;
		return new Piece(Arrays.copyOfRange(options[best], l.pos(), options[best].length),
				JsonMatcher.afterValue(stack.parent, value));
	}

	/**
	 * Completes a string: fixed-length partial characters greedily, then the shortest
	 * accepted rest.
	 */
	private Piece finishString(ParseStack stack, Str s) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ParseStack current = stack;
		Str str = s;
		while (str.lex() != Lex.NORMAL) {
			// an escape or a partial character: its length is fixed, the smallest allowed
			// byte is as short as any
			ParseStack next = null;
			for (int b = 0; b < 256 && next == null; b++) {
				ParseStack[] stepped = JsonMatcher.step(current, b);
				if (stepped.length == 1 && stepped[0].top instanceof Str t && stepped[0].parent == stack.parent) {
					next = stepped[0];
					out.write(b);
					str = t;
				}
			}
			if (next == null) {
				throw new IllegalStateException("No completion of the escape or character in " + current);
			}
			current = next;
		}
		byte[] rest = StringCompletions.rest(str);
		if (rest == null) {
			throw new IllegalStateException("No completion of the string in " + current);
		}
		out.writeBytes(rest);
		ParseStack after = current;
		for (byte b : rest) {
			ParseStack[] stepped = JsonMatcher.step(after, b & 0xFF);
			if (stepped.length != 1) {
				throw new IllegalStateException("The completion of the string does not follow the grammar at " + after);
			}
			after = stepped[0];
		}
		return new Piece(out.toByteArray(), after);
	}

	// ---------------------------------------------------------------- containers

	/** The rest of an object whose frame is on top. */
	private boolean objectRest(Obj o, ByteArrayOutputStream out) {
		ObjectSpec spec = o.spec();
		return switch (o.stage()) {
			case OPEN, COMMA, AFTER -> objectTail(spec, o.stage(), o.next(), o.count(), o.keys(), o.ws(), out);
			case KEY, COLON, BEFORE_VALUE -> {
				Property p = (o.cand() >= 0) ? spec.properties.get(o.cand()) : null;
				if (o.stage() == Stage.KEY && p != null) {
					out.write(p.key(), o.pos(), p.key().length - o.pos());
				}
				if (o.stage() != Stage.BEFORE_VALUE) {
					out.write(':');
				}
				String ws = spec.layout.minimal(Stage.BEFORE_VALUE);
				out.writeBytes(ws.substring((o.stage() == Stage.BEFORE_VALUE) ? Math.min(o.ws(), ws.length()) : 0)
					.getBytes(StandardCharsets.UTF_8));
				Spec valueSpec = (p != null) ? p.spec() : spec.additional;
				byte[] value = (valueSpec != null) ? minimal(valueSpec) : null;
				if (value == null) {
					yield false;
				}
				out.writeBytes(value);
				int count = spec.countsProperties() ? o.count() + 1 : 0;
				int next = (p != null) ? o.cand() + 1 : spec.properties.size();
				yield objectTail(spec, Stage.AFTER, next, count, o.keys(), 0, out);
			}
			case EXTRA_KEY, IN_VALUE -> throw new IllegalStateException("A value is on top of " + o);
		};
	}

	/** A member to write: a listed property or an extra one. */
	private record Member(int index, byte[] key, byte[] value) {

		int cost() {
			return this.key.length + 1 + this.value.length;
		}

	}

	/**
	 * Writes the members an object still needs and its closing brace, from a stage
	 * between members. The required properties come in order; {@code minProperties} adds
	 * the cheapest others (optional listed ones, or extras under unused names); after a
	 * comma one member at least.
	 */
	private boolean objectTail(ObjectSpec spec, Stage stage, int next, int count, ValueSet keys, int ws,
			ByteArrayOutputStream out) {
		Layout layout = spec.layout;
		List<Member> members = new ArrayList<>();
		int required = 0;
		for (int j = next; j < spec.properties.size(); j++) {
			Property p = spec.properties.get(j);
			if (p.required()) {
				byte[] value = minimal(p.spec());
				if (value == null) {
					return false;
				}
				members.add(new Member(j, p.key(), value));
				required++;
			}
		}
		int need = Math.max(0, spec.minProperties - count - required);
		if (stage == Stage.COMMA && required == 0 && need == 0) {
			need = 1;
		}
		if (need > 0) {
			List<Member> optional = new ArrayList<>();
			for (int j = next; j < spec.properties.size(); j++) {
				Property p = spec.properties.get(j);
				byte[] value = p.required() ? null : minimal(p.spec());
				if (value != null) {
					optional.add(new Member(j, p.key(), value));
				}
			}
			optional.sort(java.util.Comparator.comparingInt(Member::cost));
			ValueSet taken = spec.names.withAll(keys);
			byte[] extraValue = spec.extrasAllowed() ? minimal(spec.additional) : null;
			int o = 0;
			while (need > 0) {
				byte[] extraKey = (extraValue != null) ? unusedKey(taken) : null;
				Member extra = (extraKey != null) ? new Member(Integer.MAX_VALUE, extraKey, extraValue) : null;
				if (o < optional.size() && (extra == null || optional.get(o).cost() <= extra.cost())) {
					members.add(optional.get(o++));
				}
				else if (extra != null) {
					members.add(extra);
					String name = new String(extraKey, 1, extraKey.length - 2, StandardCharsets.UTF_8);
					taken = taken.with(ValueSet.ofString(name));
				}
				else {
					return false;
				}
				need--;
			}
			members.sort(java.util.Comparator.comparingInt(Member::index));
		}
		boolean first = true;
		for (Member m : members) {
			if (first && stage != Stage.AFTER) {
				String lead = layout.minimal(stage);
				out.writeBytes(lead.substring(Math.min(ws, lead.length())).getBytes(StandardCharsets.UTF_8));
			}
			else {
				out.write(',');
				out.writeBytes(layout.minimal(Stage.COMMA).getBytes(StandardCharsets.UTF_8));
			}
			first = false;
			out.writeBytes(m.key());
			out.write(':');
			out.writeBytes(layout.minimal(Stage.BEFORE_VALUE).getBytes(StandardCharsets.UTF_8));
			out.writeBytes(m.value());
		}
		if (!members.isEmpty() || stage == Stage.AFTER) {
			String close = layout.minimal(Stage.AFTER);
			int written = (members.isEmpty() && stage == Stage.AFTER) ? ws : 0;
			out.writeBytes(close.substring(Math.min(written, close.length())).getBytes(StandardCharsets.UTF_8));
		}
		out.write('}');
		return true;
	}

	/** The shortest JSON-encoded name not taken: a, b, ..., z, aa, ab, ... */
	private static byte[] unusedKey(ValueSet taken) {
		for (int length = 1;; length++) {
			int[] digits = new int[length];
			while (true) {
				StringBuilder name = new StringBuilder();
				for (int d : digits) {
					name.append((char) ('a' + d));
				}
				if (!taken.contains(ValueSet.ofString(name.toString()))) {
					return ("\"" + name + "\"").getBytes(StandardCharsets.UTF_8);
				}
				int k = length - 1;
				while (k >= 0 && digits[k] == 25) {
					digits[k--] = 0;
				}
				if (k < 0) {
					break;
				}
				digits[k]++;
			}
		}
	}

	/**
	 * Writes the items an array still needs and its closing bracket, from a stage between
	 * items.
	 */
	private boolean arrayTail(ArraySpec spec, Stage stage, int count, ValueSet used, int ws,
			ByteArrayOutputStream out) {
		Layout layout = spec.layout;
		int need = Math.max(0, spec.minItems - count);
		if (stage == Stage.COMMA) {
			need = Math.max(1, need);
		}
		ValueSet taken = used;
		for (int k = 0; k < need; k++) {
			Spec item = spec.item(count + k);
			if (item == null) {
				return false;
			}
			byte[] value = spec.unique ? distinct(item, taken) : minimal(item);
			if (value == null) {
				return false;
			}
			if (spec.unique) {
				taken = taken.with(ValueSet.ofJson(value));
			}
			if (k == 0 && stage != Stage.AFTER) {
				String lead = layout.minimal(stage);
				out.writeBytes(lead.substring(Math.min(ws, lead.length())).getBytes(StandardCharsets.UTF_8));
			}
			else {
				out.write(',');
				out.writeBytes(layout.minimal(Stage.COMMA).getBytes(StandardCharsets.UTF_8));
			}
			out.writeBytes(value);
		}
		if (need > 0 || stage == Stage.AFTER) {
			String close = layout.minimal(Stage.AFTER);
			int written = (need == 0) ? ws : 0;
			out.writeBytes(close.substring(Math.min(written, close.length())).getBytes(StandardCharsets.UTF_8));
		}
		out.write(']');
		return true;
	}

	/** The shortest value of a scalar item spec outside a set (uniqueItems). */
	private static byte @Nullable [] distinct(Spec item, ValueSet taken) {
		return switch (item.resolve()) {
			case LiteralSpec l -> StringCompletions.literal(l, taken);
			case StringSpec s -> StringCompletions.string(s, taken);
			case NumberSpec n -> {
				String text = n.shortestCompletion("", taken);
				yield (text == null) ? null : text.getBytes(StandardCharsets.US_ASCII);
			}
			default -> null;
		};
	}

}
