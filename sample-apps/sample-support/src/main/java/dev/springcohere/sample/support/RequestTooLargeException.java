package dev.springcohere.sample.support;

/**
 * A request body passed {@code sample.limits.max-request-size} while it was read;
 * answered 413 by {@link ApiExceptionHandler}.
 */
public final class RequestTooLargeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param maxBytes the bound
	 */
	public RequestTooLargeException(long maxBytes) {
		super(message(maxBytes));
	}

	static String message(long maxBytes) {
		return "The request body is larger than " + maxBytes + " bytes (sample.limits.max-request-size)";
	}

}
