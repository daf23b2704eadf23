package dev.springcohere.api.error;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception this library throws (unchecked).
 * <p>
 * Subtypes say what went wrong: {@link CohereApiException} for an error answer of the API
 * (with its status code), {@link CohereNetworkException} and
 * {@link CohereTimeoutException} for transport failures,
 * {@link CohereMalformedResponseException} for answers that cannot be read, and
 * {@link UnsupportedCapabilityException} for calls a backend cannot serve. Messages never
 * contain secrets.
 *
 * @since 0.1.0
 */
public class CohereException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a message.
	 * @param message what happened and, where useful, what to do about it
	 */
	public CohereException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message and a cause.
	 * @param message what happened and, where useful, what to do about it
	 * @param cause the underlying failure, or {@code null}
	 */
	public CohereException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
