package dev.springcohere.api.error;

/**
 * The request was cancelled before it completed (Cohere's status 499, client closed
 * request). Never retried.
 *
 * @since 0.1.0
 */
public class CohereRequestCancelledException extends CohereApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the full exception message (what happened, what to do)
	 * @param details the details of the error response
	 */
	public CohereRequestCancelledException(String message, Details details) {
		super(message, details);
	}

}
