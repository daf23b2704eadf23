package dev.springcohere.engine.decode;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The constrained steps of a generation loop: choosing a token under a
 * {@link TokenConstraint} and its token budget, and collecting the tokens it forces
 * (jump-forward).
 *
 * @since 0.1.0
 */
public final class ConstrainedSampling {

	private ConstrainedSampling() {
	}

	/**
	 * Chooses the next token: masks the logits with the constraint and the budget,
	 * samples, and while the constraint refuses the sampled token, masks that token too
	 * and samples again (the same as if it had been masked first).
	 * @param sampler the sampler
	 * @param logits the logits, changed in place
	 * @param constraint the constraint, or {@code null} for none
	 * @param remaining the tokens left, this one included
	 * @return the token id, already accepted by the constraint
	 */
	public static int next(Sampler sampler, float[] logits, @Nullable TokenConstraint constraint, int remaining) {
		if (constraint == null) {
			return sampler.sample(logits);
		}
		constraint.mask(logits, remaining);
		int next = sampler.sample(logits);
		while (!constraint.allows(next, remaining)) {
			logits[next] = Float.NEGATIVE_INFINITY;
			next = sampler.sample(logits);
		}
		constraint.accept(next);
		return next;
	}

	/**
	 * The run of tokens the constraint forces now, accepted by it one by one
	 * (jump-forward).
	 * @param constraint the constraint, or {@code null} for none
	 * @param remaining the tokens left
	 * @return the forced tokens, in order; empty when the next token is a choice
	 */
	public static int[] forced(@Nullable TokenConstraint constraint, int remaining) {
		if (constraint == null) {
			return TokenConstraint.NO_TOKENS;
		}
		List<Integer> run = new ArrayList<>();
		int[] batch = constraint.forced(remaining);
		while (batch.length > 0 && run.size() < remaining) {
			for (int id : batch) {
				if (run.size() >= remaining) {
					break;
				}
				constraint.accept(id);
				run.add(id);
			}
			batch = constraint.forced(remaining - run.size());
		}
		return run.stream().mapToInt(Integer::intValue).toArray();
	}

}
