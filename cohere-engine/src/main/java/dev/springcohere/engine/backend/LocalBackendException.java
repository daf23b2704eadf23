package dev.springcohere.engine.backend;

import dev.springcohere.api.error.CohereException;

/**
 * A request the local backend cannot serve now or at all: the model is busy, the request
 * does not fit the context, it names another model, or the backend is closed. The message
 * says what happened and what to change.
 *
 * @since 0.1.0
 */
public final class LocalBackendException extends CohereException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what happened and how to fix it
	 */
	public LocalBackendException(String message) {
		super(message);
	}

	/**
	 * Creates the exception with a cause.
	 * @param message what happened and how to fix it
	 * @param cause the underlying failure
	 */
	public LocalBackendException(String message, Throwable cause) {
		super(message, cause);
	}

}
