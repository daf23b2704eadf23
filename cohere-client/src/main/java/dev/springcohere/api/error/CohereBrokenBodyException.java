package dev.springcohere.api.error;

import org.jspecify.annotations.Nullable;

/**
 * The connection broke while the body of a successful answer was being read: the status
 * had arrived, so the server may already have generated (and billed) the answer. Not
 * retried unless {@code CohereRetryPolicy.Builder.retryOnBrokenBody(true)}
 * ({@code cohere.retry.on-broken-body=true}) says a second generation is acceptable.
 *
 * @since 0.1.0
 */
public class CohereBrokenBodyException extends CohereNetworkException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception.
	 * @param message the message
	 * @param cause the failure of the read
	 */
	public CohereBrokenBodyException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
