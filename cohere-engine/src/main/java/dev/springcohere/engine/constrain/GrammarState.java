package dev.springcohere.engine.constrain;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Where a generation is in the JSON grammar: the set of parse stacks still possible after
 * the bytes so far (more than one only inside an {@code anyOf} or a value that may end or
 * go on). Immutable; equal states allow the same continuations, which is what the mask
 * cache relies on.
 */
public final class GrammarState {

	final ParseStack[] stacks;

	private final int hash;

	GrammarState(ParseStack[] stacks) {
		this.stacks = stacks;
		int h = 0;
		for (ParseStack s : stacks) {
			h += s.hashCode();
		}
		this.hash = h;
	}

	/**
	 * Whether a complete JSON text is a value of a spec (under the grammar's writing
	 * policy).
	 */
	static boolean matches(Spec spec, byte[] json) {
		GrammarState s = new GrammarState(new ParseStack[] { JsonMatcher.start(spec) });
		for (int i = 0; i < json.length && s != null; i++) {
			s = s.step(json[i] & 0xFF);
		}
		return s != null && s.accepting();
	}

	/**
	 * The state after one more byte.
	 * @param b the byte, 0-255
	 * @return the next state, or {@code null} when the byte is not allowed here
	 */
	@Nullable GrammarState step(int b) {
		if (this.stacks.length == 1) {
			ParseStack[] next = JsonMatcher.step(this.stacks[0], b);
			return (next.length == 0) ? null : new GrammarState(next);
		}
		ParseStack[] all = new ParseStack[0];
		int n = 0;
		for (ParseStack s : this.stacks) {
			for (ParseStack t : JsonMatcher.step(s, b)) {
				boolean seen = false;
				for (int i = 0; i < n; i++) {
					if (all[i].equals(t)) {
						seen = true;
						break;
					}
				}
				if (!seen) {
					if (n == all.length) {
						all = Arrays.copyOf(all, Math.max(4, n * 2));
					}
					all[n++] = t;
				}
			}
		}
		return (n == 0) ? null : new GrammarState(Arrays.copyOf(all, n));
	}

	/**
	 * Whether the bytes so far form a complete value.
	 * @return {@code true} when the JSON may end here
	 */
	public boolean accepting() {
		for (ParseStack s : this.stacks) {
			if (JsonMatcher.accepting(s)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether more bytes may follow.
	 * @return {@code false} when the value is complete and nothing can extend it
	 */
	public boolean canContinue() {
		for (ParseStack s : this.stacks) {
			if (s != ParseStack.DONE) {
				return true;
			}
		}
		return false;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof GrammarState that) || that.hash != this.hash
				|| that.stacks.length != this.stacks.length) {
			return false;
		}
		outer: for (ParseStack s : this.stacks) {
			for (ParseStack t : that.stacks) {
				if (s.equals(t)) {
					continue outer;
				}
			}
			return false;
		}
		return true;
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return "GrammarState" + Arrays.toString(this.stacks);
	}

}
