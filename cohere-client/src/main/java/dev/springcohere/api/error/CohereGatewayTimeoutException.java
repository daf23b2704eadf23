package dev.springcohere.api.error;

import dev.springcohere.http.CohereRetryPolicy;

/**
 * Cohere's gateway timed out waiting for the model (status 504). Retried by
 * {@link CohereRetryPolicy}; long generations may do better streamed.
 *
 * @since 0.1.0
 */
public class CohereGatewayTimeoutException extends CohereServerException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the full exception message (what happened, what to do)
	 * @param details the details of the error response
	 */
	public CohereGatewayTimeoutException(String message, Details details) {
		super(message, details);
	}

}
