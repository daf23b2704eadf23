package dev.springcohere.http;

import org.jspecify.annotations.Nullable;

import dev.springcohere.api.error.CohereNetworkException;

/**
 * A network failure that asking again cannot fix, because the connection's setup is
 * wrong: a server certificate that is not trusted or does not match the host, a client
 * certificate the server refuses or misses, a proxy that refuses the credentials. Seen by
 * callers as a {@link CohereNetworkException}; the {@link CohereRetryPolicy} never
 * retries it.
 */
final class CohereConnectionSetupException extends CohereNetworkException {

	private static final long serialVersionUID = 1L;

	CohereConnectionSetupException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
