package dev.springcohere.engine.constrain;

import java.util.Arrays;

import dev.springcohere.engine.decode.TokenConstraint;

/**
 * Forbids a fixed set of tokens for the whole generation and allows everything else, such
 * as the action tokens under {@code tool_choice: NONE}. Immutable; one instance may serve
 * any number of generations.
 *
 * @since 0.1.0
 */
public final class ExcludedTokensConstraint implements TokenConstraint {

	private final int[] excluded;

	/**
	 * Creates the constraint.
	 * @param excluded the token ids that may never be sampled
	 * @throws IllegalArgumentException if none is given or one is negative
	 */
	public ExcludedTokensConstraint(int... excluded) {
		if (excluded.length == 0) {
			throw new IllegalArgumentException("'excluded' must name at least one token");
		}
		for (int id : excluded) {
			if (id < 0) {
				throw new IllegalArgumentException("'excluded' must hold token ids but has " + id);
			}
		}
		this.excluded = Arrays.stream(excluded).distinct().toArray();
	}

	@Override
	public void mask(float[] logits) {
		int inside = 0;
		for (int id : this.excluded) {
			if (id < logits.length) {
				logits[id] = Float.NEGATIVE_INFINITY;
				inside++;
			}
		}
		if (inside == logits.length) {
			throw new IllegalStateException("Every token of the vocabulary is excluded " + this);
		}
	}

	@Override
	public void accept(int tokenId) {
		for (int id : this.excluded) {
			if (id == tokenId) {
				throw new IllegalArgumentException("Token " + tokenId + " is excluded " + this);
			}
		}
	}

	@Override
	public boolean complete() {
		return true;
	}

	@Override
	public String toString() {
		return "ExcludedTokensConstraint" + Arrays.toString(this.excluded);
	}

}
