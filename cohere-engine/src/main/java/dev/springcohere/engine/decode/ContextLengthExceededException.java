package dev.springcohere.engine.decode;

/**
 * A sequence would grow past the context limit of its {@link DecodeSession} (the model's
 * {@code max_position_embeddings} or a smaller limit chosen by the caller).
 */
public final class ContextLengthExceededException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final int limit;

	private final int requested;

	/**
	 * Creates the exception.
	 * @param limit the context limit in tokens
	 * @param requested the number of tokens the sequence would hold
	 * @param message the explanation
	 */
	public ContextLengthExceededException(int limit, int requested, String message) {
		super(message);
		this.limit = limit;
		this.requested = requested;
	}

	/**
	 * The context limit.
	 * @return tokens
	 */
	public int limit() {
		return this.limit;
	}

	/**
	 * The length the sequence would have reached.
	 * @return tokens
	 */
	public int requested() {
		return this.requested;
	}

}
