package dev.springcohere.engine.decode;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Picks tokens from logits: greedy, or temperature / top-k / top-p with an explicitly
 * seeded generator, so a given seed always reproduces the same choices. Not thread-safe;
 * one per session.
 */
public final class Sampler {

	private final SamplingParams params;

	private final RandomGenerator random;

	/**
	 * Creates a sampler.
	 * @param params the sampling parameters
	 */
	public Sampler(SamplingParams params) {
		this.params = Objects.requireNonNull(params, "'params' must not be null");
		this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(params.seed());
	}

	/**
	 * The index of the largest logit (lowest index on ties).
	 * @param logits the logits
	 * @return the token id
	 */
	public static int argmax(float[] logits) {
		int best = 0;
		for (int i = 1; i < logits.length; i++) {
			if (logits[i] > logits[best]) {
				best = i;
			}
		}
		return best;
	}

	/**
	 * Chooses the next token.
	 * @param logits the logits over the vocabulary
	 * @return the token id
	 */
	public int sample(float[] logits) {
		if (this.params.temperature() == 0) {
			return argmax(logits);
		}
		int n = logits.length;
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
		int keep = this.params.topK() > 0 ? Math.min(this.params.topK(), n) : n;
		double[] probs = new double[keep];
		double max = logits[order[0]] / this.params.temperature();
		double sum = 0;
		for (int i = 0; i < keep; i++) {
			probs[i] = Math.exp(logits[order[i]] / this.params.temperature() - max);
			sum += probs[i];
		}
		double cumulative = 0;
		int cut = keep;
		for (int i = 0; i < keep; i++) {
			probs[i] /= sum;
			cumulative += probs[i];
			if (cumulative >= this.params.topP()) {
				cut = i + 1;
				break;
			}
		}
		double total = 0;
		for (int i = 0; i < cut; i++) {
			total += probs[i];
		}
		double u = this.random.nextDouble() * total;
		int lastPossible = 0;
		for (int i = 0; i < cut; i++) {
			if (probs[i] > 0) {
				lastPossible = i;
			}
			u -= probs[i];
			if (u <= 0 && probs[i] > 0) {
				return order[i];
			}
		}
		// rounding left u slightly above 0: take the last token that has any probability
		// (never a masked one)
		return order[lastPossible];
	}

}
