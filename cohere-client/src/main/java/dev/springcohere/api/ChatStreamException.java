package dev.springcohere.api;

import org.jspecify.annotations.Nullable;

import dev.springcohere.api.error.CohereException;

/**
 * Thrown by {@link ChatStreamAccumulator#result()} when a streamed answer is not a
 * complete, successful answer: the stream ended before {@code message-end}, or
 * {@code message-end} reported an error.
 * <p>
 * What arrived before the failure is kept in {@link #partialResponse()}, so no received
 * data is lost. Backends throw it too, from their chat streams, for the same failures.
 *
 * @since 0.1.0
 */
public class ChatStreamException extends CohereException {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable ChatResponse partialResponse;

	private final @Nullable String serverError;

	/**
	 * Creates an exception.
	 * @param message what went wrong
	 * @param partialResponse what arrived before the failure, or {@code null}
	 * @param serverError the error the server reported, or {@code null}
	 */
	public ChatStreamException(String message, @Nullable ChatResponse partialResponse, @Nullable String serverError) {
		super(message);
		this.partialResponse = partialResponse;
		this.serverError = serverError;
	}

	/**
	 * Returns what arrived before the failure, as a response; for a stream cut short its
	 * finish reason is {@code null}.
	 * @return the partial response, or {@code null}
	 */
	public @Nullable ChatResponse partialResponse() {
		return this.partialResponse;
	}

	/**
	 * Returns the error the server reported in {@code message-end}.
	 * @return the error, or {@code null} if the server reported none (for example when
	 * the stream was cut)
	 */
	public @Nullable String serverError() {
		return this.serverError;
	}

}
