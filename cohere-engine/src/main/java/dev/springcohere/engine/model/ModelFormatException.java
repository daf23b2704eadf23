package dev.springcohere.engine.model;

/**
 * Thrown when a checkpoint (config or weights) is missing, malformed or inconsistent. The
 * message names the file, the tensor (where there is one) and the problem.
 */
public final class ModelFormatException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what was wrong and where
	 */
	public ModelFormatException(String message) {
		super(message);
	}

	/**
	 * Creates the exception with a cause.
	 * @param message what was wrong and where
	 * @param cause the underlying failure
	 */
	public ModelFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
