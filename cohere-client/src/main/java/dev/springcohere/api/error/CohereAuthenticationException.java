package dev.springcohere.api.error;

/**
 * The API key was missing, wrong or revoked (status 401). Never retried; check the
 * {@code cohere.api-key} property or the {@code CO_API_KEY} environment variable.
 *
 * @since 0.1.0
 */
public class CohereAuthenticationException extends CohereApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the full exception message (what happened, what to do)
	 * @param details the details of the error response
	 */
	public CohereAuthenticationException(String message, Details details) {
		super(message, details);
	}

}
