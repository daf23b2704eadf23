package dev.springcohere.engine.constrain;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A parse stack: a {@link Frame} on top of the rest (one frame per open container, and
 * the value being written on top). Immutable and compared by value; the rest is shared
 * between the stacks stepped from one another.
 */
final class ParseStack {

	/** The stack of a complete value. */
	static final ParseStack DONE = new ParseStack(new Frame.Done(), null);

	final Frame top;

	final @Nullable ParseStack parent;

	private final int hash;

	/**
	 * The tokens the shortest completion takes once the value on top of this stack is
	 * complete, for the vocabulary that computed it (a cache of {@link GrammarMasker};
	 * {@code null} until computed).
	 */
	volatile @Nullable Rest rest;

	/**
	 * A cached completion cost.
	 *
	 * @param owner the masker whose vocabulary spelled it
	 * @param tokens the token count
	 */
	record Rest(Object owner, int tokens) {
	}

	ParseStack(Frame top, @Nullable ParseStack parent) {
		this.top = top;
		this.parent = parent;
		this.hash = top.hashCode() * 31 + ((parent != null) ? parent.hash : 0);
	}

	ParseStack replaceTop(Frame frame) {
		return new ParseStack(frame, this.parent);
	}

	ParseStack push(Frame frame) {
		return new ParseStack(frame, this);
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof ParseStack that && that.hash == this.hash && this.top.equals(that.top)
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
