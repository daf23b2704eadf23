package dev.springcohere.api.error;

/**
 * The endpoint, model or resource does not exist (status 404). Never retried; check the
 * model name and the base URL.
 *
 * @since 0.1.0
 */
public class CohereNotFoundException extends CohereApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the full exception message (what happened, what to do)
	 * @param details the details of the error response
	 */
	public CohereNotFoundException(String message, Details details) {
		super(message, details);
	}

}
