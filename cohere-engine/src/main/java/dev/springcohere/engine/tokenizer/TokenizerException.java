package dev.springcohere.engine.tokenizer;

/**
 * A tokenizer could not be loaded: a missing or malformed {@code tokenizer.json} or
 * {@code tokenizer_config.json}, or a native library that failed to load. The message
 * names the file and what to fix.
 */
public final class TokenizerException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message what went wrong
	 */
	public TokenizerException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public TokenizerException(String message, Throwable cause) {
		super(message, cause);
	}

}
