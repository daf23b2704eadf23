package dev.springcohere.engine.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

/**
 * Runs prefill and incremental decoding on a session until a stop token or the token
 * limit.
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
	 * Generates tokens after a prompt in a fresh session. A stop token, when produced,
	 * ends the output and is included in it.
	 * @param promptIds the prompt
	 * @param maxNewTokens the most tokens to produce
	 * @param params sampling parameters
	 * @param stopTokenIds ids that end generation
	 * @return the new token ids
	 * @throws ContextLengthExceededException if the prompt plus {@code maxNewTokens}
	 * exceeds the model's context
	 */
	public List<Integer> generate(int[] promptIds, int maxNewTokens, SamplingParams params, Set<Integer> stopTokenIds) {
		return generate(promptIds, maxNewTokens, params, stopTokenIds, this.model.maxContext(), id -> {
		});
	}

	/**
	 * Generates tokens after a prompt in a fresh session limited to {@code maxContext}
	 * tokens, handing each new token to {@code onToken} as soon as it is chosen (for
	 * streaming). A stop token, when produced, ends the output and is included in it. The
	 * context limit is checked before any work: the prompt plus {@code maxNewTokens} must
	 * fit, except that the last token is never fed back, so
	 * {@code prompt + maxNewTokens - 1} tokens are needed in the cache.
	 * @param promptIds the prompt, at least one token
	 * @param maxNewTokens the most tokens to produce
	 * @param params sampling parameters
	 * @param stopTokenIds ids that end generation
	 * @param maxContext the context limit of the session, at most the model's
	 * @param onToken called with every new token id, in order
	 * @return the new token ids
	 * @throws ContextLengthExceededException if the prompt plus {@code maxNewTokens}
	 * exceeds {@code maxContext}
	 */
	public List<Integer> generate(int[] promptIds, int maxNewTokens, SamplingParams params, Set<Integer> stopTokenIds,
			int maxContext, IntConsumer onToken) {
		return generate(promptIds, maxNewTokens, params, stopTokenIds, maxContext, onToken, null);
	}

	/**
	 * Like {@link #generate(int[], int, SamplingParams, Set, int, IntConsumer)}, with the
	 * choices restricted by a constraint (masked logits are negative infinity, so they
	 * are never sampled), which also knows how many tokens are left; the tokens it forces
	 * are fed in one batched pass ({@link ConstrainedSampling}).
	 * @param promptIds the prompt, at least one token
	 * @param maxNewTokens the most tokens to produce
	 * @param params sampling parameters
	 * @param stopTokenIds ids that end generation
	 * @param maxContext the context limit of the session, at most the model's
	 * @param onToken called with every new token id, in order
	 * @param constraint restricts each choice, or {@code null} for none
	 * @return the new token ids
	 * @throws ContextLengthExceededException if the prompt plus {@code maxNewTokens}
	 * exceeds {@code maxContext}
	 */
	public List<Integer> generate(int[] promptIds, int maxNewTokens, SamplingParams params, Set<Integer> stopTokenIds,
			int maxContext, IntConsumer onToken, @Nullable TokenConstraint constraint) {
		Objects.requireNonNull(promptIds, "'promptIds' must not be null");
		Objects.requireNonNull(params, "'params' must not be null");
		Objects.requireNonNull(stopTokenIds, "'stopTokenIds' must not be null");
		Objects.requireNonNull(onToken, "'onToken' must not be null");
		if (maxNewTokens < 0) {
			throw new IllegalArgumentException("'maxNewTokens' must be >= 0 but was " + maxNewTokens);
		}
		if (promptIds.length == 0) {
			throw new IllegalArgumentException("The prompt must hold at least one token");
		}
		List<Integer> out = new ArrayList<>();
		if (maxNewTokens == 0) {
			return out;
		}
		DecodeSession session = this.model.newSession(maxContext);
		long needed = (long) promptIds.length + maxNewTokens - 1;
		if (needed > maxContext) {
			int room = maxContext - promptIds.length + 1;
			throw new ContextLengthExceededException(maxContext, (int) Math.min(Integer.MAX_VALUE, needed),
					"A prompt of " + promptIds.length + " tokens plus " + maxNewTokens
							+ " new tokens does not fit the context limit of " + maxContext + " tokens; "
							+ (room > 0 ? "ask for at most " + room + " new tokens" : "shorten the prompt"));
		}
		Sampler sampler = new Sampler(params);
		float[] logits = session.prefill(promptIds);
		while (true) {
			// tokens the constraint forces are fed together, in one batched pass
			// (jump-forward)
			int[] forced = ConstrainedSampling.forced(constraint, maxNewTokens - out.size());
			if (forced.length > 0) {
				for (int id : forced) {
					out.add(id);
					onToken.accept(id);
					if (out.size() >= maxNewTokens || stopTokenIds.contains(id)) {
						return out;
					}
				}
				logits = session.prefill(forced);
				continue;
			}
			int next = ConstrainedSampling.next(sampler, logits, constraint, maxNewTokens - out.size());
			out.add(next);
			onToken.accept(next);
			if (out.size() >= maxNewTokens || stopTokenIds.contains(next)) {
				return out;
			}
			logits = session.step(next);
		}
	}

}
