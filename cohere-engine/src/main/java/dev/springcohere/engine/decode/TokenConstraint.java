package dev.springcohere.engine.decode;

/**
 * Restricts which tokens may come next (constrained decoding): before each sampling step
 * the generator lets it mask the logits, and after it tells it the chosen token. One
 * instance per generated sequence; not thread-safe.
 * <p>
 * A constraint may also know the token budget ({@link #mask(float[], int)}: it then only
 * allows tokens after which its output can still be completed in time), check a sampled
 * token once more ({@link #allows}), and name tokens that must come next whatever the
 * model prefers ({@link #forced}: the generator feeds them in one batch instead of one
 * decode step each). {@link ConstrainedSampling} runs these steps.
 *
 * @since 0.1.0
 */
public interface TokenConstraint {

	/** No tokens. */
	int[] NO_TOKENS = new int[0];

	/**
	 * Sets the logit of every token that may not come next to negative infinity.
	 * @param logits the logits over the model's vocabulary, changed in place
	 * @throws IllegalStateException if no token is allowed
	 */
	void mask(float[] logits);

	/**
	 * Like {@link #mask(float[])}, knowing that at most {@code remaining} tokens may
	 * still be generated (this one included): a constraint that can finish its output in
	 * time only allows tokens after which it still can.
	 * @param logits the logits over the model's vocabulary, changed in place
	 * @param remaining the tokens left, at least 1
	 * @throws IllegalStateException if no token is allowed
	 */
	default void mask(float[] logits, int remaining) {
		mask(logits);
	}

	/**
	 * Whether a token sampled from logits masked by {@link #mask(float[], int)} may be
	 * taken; when not, the generator masks it too and samples again (a constraint may
	 * leave rare cases to this check instead of computing them for every token).
	 * @param tokenId the sampled token
	 * @param remaining the tokens left, this one included
	 * @return {@code true} when the token may be taken
	 */
	default boolean allows(int tokenId, int remaining) {
		return true;
	}

	/**
	 * Tokens that must come next, whatever the model prefers (jump-forward): the
	 * generator accepts them without sampling and feeds them to the model together.
	 * Calling it changes nothing; {@link #accept} does.
	 * @param remaining the tokens left
	 * @return the forced tokens (at most {@code remaining}), empty when the next token is
	 * a choice
	 */
	default int[] forced(int remaining) {
		return NO_TOKENS;
	}

	/**
	 * The fewest tokens a complete output takes from the start (0 when any length will
	 * do): a smaller budget cannot be met, which a caller should refuse before
	 * generating.
	 * @return the token count
	 */
	default int minimalTokens() {
		return 0;
	}

	/**
	 * Advances past the chosen token.
	 * @param tokenId a token the last {@link #mask} allowed
	 * @throws IllegalArgumentException if the token was not allowed
	 */
	void accept(int tokenId);

	/**
	 * Whether the output may end here without breaking the constraint (for example, no
	 * JSON left half-written).
	 * @return {@code true} when the output so far is complete
	 */
	boolean complete();

}
