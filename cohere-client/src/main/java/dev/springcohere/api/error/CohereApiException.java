package dev.springcohere.api.error;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The Cohere API answered with an error status. Carries the status code, Cohere's own
 * message, the raw body, the request id (from the {@code x-request-id},
 * {@code x-trace-id} or {@code x-debug-trace-id} header, else the body's {@code id}) and
 * the delay the server asked for before a retry.
 * <p>
 * Subtypes exist for the statuses documented by the API;
 * {@link CohereApiExceptions#fromResponse} picks the right one. Other statuses (for
 * example 408 or 409) are thrown as this type.
 *
 * @since 0.1.0
 */
public class CohereApiException extends CohereException {

	private static final long serialVersionUID = 1L;

	private final int statusCode;

	private final @Nullable String cohereMessage;

	private final String responseBody;

	private final @Nullable String requestId;

	private final @Nullable Duration retryAfter;

	/**
	 * Creates an API exception.
	 * @param message the full exception message (what happened, what to do)
	 * @param details the details of the error response
	 */
	public CohereApiException(String message, Details details) {
		super(message);
		Objects.requireNonNull(details, "'details' must not be null");
		this.statusCode = details.statusCode();
		this.cohereMessage = details.cohereMessage();
		this.responseBody = details.responseBody();
		this.requestId = details.requestId();
		this.retryAfter = details.retryAfter();
	}

	/**
	 * Returns the HTTP status code of the error response.
	 * @return the status code
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Returns the {@code message} of Cohere's error body, if it had one.
	 * @return Cohere's message, or {@code null}
	 */
	public @Nullable String getCohereMessage() {
		return this.cohereMessage;
	}

	/**
	 * Returns the raw body of the error response (with any API key masked).
	 * @return the body, empty when there was none
	 */
	public String getResponseBody() {
		return this.responseBody;
	}

	/**
	 * Returns the request id reported by the server, useful when contacting Cohere
	 * support.
	 * @return the request id, or {@code null} when the response carried none
	 */
	public @Nullable String getRequestId() {
		return this.requestId;
	}

	/**
	 * Returns how long the server asked the client to wait before retrying
	 * ({@code Retry-After}, else {@code X-RateLimit-Reset}).
	 * @return the delay, or {@code null} when the response did not say
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/**
	 * The details of an error response, as read by {@link CohereApiExceptions}.
	 *
	 * @param statusCode the HTTP status code
	 * @param cohereMessage the {@code message} of the error body, or {@code null}
	 * @param responseBody the raw body, empty when there was none
	 * @param requestId the request id, or {@code null}
	 * @param retryAfter the delay the server asked for, or {@code null}
	 */
	public record Details(int statusCode, @Nullable String cohereMessage, String responseBody,
			@Nullable String requestId, @Nullable Duration retryAfter) {

		/**
		 * Checks the details.
		 * @param statusCode the HTTP status code
		 * @param cohereMessage the {@code message} of the error body, or {@code null}
		 * @param responseBody the raw body, empty when there was none
		 * @param requestId the request id, or {@code null}
		 * @param retryAfter the delay the server asked for, or {@code null}
		 */
		public Details {
			Objects.requireNonNull(responseBody, "'responseBody' must not be null");
		}

	}

}
