package dev.springcohere.api.error;

import dev.springcohere.http.CohereRetryPolicy;

/**
 * Cohere failed to process a valid request (status 500, 501, 502, 503 or another 5xx).
 * Retried by {@link CohereRetryPolicy}, except 501 (Not Implemented), which a retry
 * cannot fix.
 *
 * @since 0.1.0
 */
public class CohereServerException extends CohereApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the full exception message (what happened, what to do)
	 * @param details the details of the error response
	 */
	public CohereServerException(String message, Details details) {
		super(message, details);
	}

}
