package dev.springcohere.engine.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Runs prefill and incremental decoding on a session until a stop token or the token limit.
 */
public final class Generator {

	private final CohereModel model;

	/**
	 * Creates a generator for a model.
	 * @param model the decoder
	 */
	public Generator(CohereModel model) {
		this.model = Objects.requireNonNull(model, "'model' must not be null");
	}

	/**
	 * Generates tokens after a prompt in a fresh session. A stop token, when produced, ends the output and is
	 * included in it.
	 * @param promptIds the prompt
	 * @param maxNewTokens the most tokens to produce
	 * @param params sampling parameters
	 * @param stopTokenIds ids that end generation
	 * @return the new token ids
	 */
	public List<Integer> generate(int[] promptIds, int maxNewTokens, SamplingParams params,
			Set<Integer> stopTokenIds) {
		Objects.requireNonNull(promptIds, "'promptIds' must not be null");
		if (maxNewTokens < 0) {
			throw new IllegalArgumentException("'maxNewTokens' must be >= 0 but was " + maxNewTokens);
		}
		List<Integer> out = new ArrayList<>();
		if (maxNewTokens == 0) {
			return out;
		}
		DecodeSession session = this.model.newSession();
		Sampler sampler = new Sampler(params);
		float[] logits = session.prefill(promptIds);
		while (true) {
			int next = sampler.sample(logits);
			out.add(next);
			if (out.size() >= maxNewTokens || stopTokenIds.contains(next)) {
				return out;
			}
			logits = session.step(next);
		}
	}

}
