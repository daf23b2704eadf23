package dev.springcohere.api.error;

import dev.springcohere.http.CohereRetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The connection to the API failed: it could not be opened, was reset, was closed before
 * a response arrived, or ended before the server finished sending the body (for example a
 * truncated stream).
 * <p>
 * Failures before any byte of a response reached the caller are retried by
 * {@link CohereRetryPolicy}; a stream that already emitted events is never retried.
 *
 * @since 0.1.0
 */
public class CohereNetworkException extends CohereException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a network exception.
	 * @param message what failed and where
	 * @param cause the underlying I/O failure, or {@code null}
	 */
	public CohereNetworkException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
