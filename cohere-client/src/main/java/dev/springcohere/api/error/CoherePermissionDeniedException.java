package dev.springcohere.api.error;

/**
 * The API key is valid but may not perform this operation or use this model (status 403).
 * Never retried.
 *
 * @since 0.1.0
 */
public class CoherePermissionDeniedException extends CohereApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the full exception message (what happened, what to do)
	 * @param details the details of the error response
	 */
	public CoherePermissionDeniedException(String message, Details details) {
		super(message, details);
	}

}
