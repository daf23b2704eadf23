package dev.springcohere.api.error;

/**
 * The request was rejected as invalid: status 400 (Bad Request: malformed JSON, missing
 * or conflicting fields) or 422 (Unprocessable Entity). Never retried; the message names
 * what to fix.
 *
 * @since 0.1.0
 */
public class CohereInvalidRequestException extends CohereApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the full exception message (what happened, what to do)
	 * @param details the details of the error response
	 */
	public CohereInvalidRequestException(String message, Details details) {
		super(message, details);
	}

}
