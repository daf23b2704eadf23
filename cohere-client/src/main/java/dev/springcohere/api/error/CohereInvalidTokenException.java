package dev.springcohere.api.error;

/**
 * The request or the response contained a deny-listed token (Cohere's status 498). Never
 * retried.
 *
 * @since 0.1.0
 */
public class CohereInvalidTokenException extends CohereApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the full exception message (what happened, what to do)
	 * @param details the details of the error response
	 */
	public CohereInvalidTokenException(String message, Details details) {
		super(message, details);
	}

}
