package dev.springcohere.engine.decode;

/**
 * Restricts which tokens may come next (constrained decoding): before each sampling step
 * the generator lets it mask the logits, and after it tells it the chosen token. One
 * instance per generated sequence; not thread-safe.
 *
 * @since 0.1.0
 */
public interface TokenConstraint {

	/**
	 * Sets the logit of every token that may not come next to negative infinity.
	 * @param logits the logits over the model's vocabulary, changed in place
	 * @throws IllegalStateException if no token is allowed
	 */
	void mask(float[] logits);

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
