package dev.springcohere.api.error;

import dev.springcohere.http.CohereRetryPolicy;

/**
 * Too many requests (status 429): a rate limit of the key or the account was reached.
 * <p>
 * Retried by {@link CohereRetryPolicy}, which waits for {@link #getRetryAfter()} when the
 * server sent it. A trial key has low limits; a production key raises them.
 *
 * @since 0.1.0
 */
public class CohereRateLimitException extends CohereApiException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the full exception message (what happened, what to do)
	 * @param details the details of the error response
	 */
	public CohereRateLimitException(String message, Details details) {
		super(message, details);
	}

}
