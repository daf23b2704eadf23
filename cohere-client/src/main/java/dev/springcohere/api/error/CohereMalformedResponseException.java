package dev.springcohere.api.error;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The API answered with a success status but the answer could not be read: the body was
 * not valid JSON, the content type was not the expected one, or a stream ended in the
 * middle of an event.
 * <p>
 * The raw body (as far as it was received, possibly shortened) is kept so that nothing is
 * lost.
 *
 * @since 0.1.0
 */
public class CohereMalformedResponseException extends CohereException {

	private static final long serialVersionUID = 1L;

	private final String rawBody;

	/**
	 * Creates a malformed-response exception.
	 * @param message what could not be read and where
	 * @param rawBody the raw body received, or an empty string
	 * @param cause the parse failure, or {@code null}
	 */
	public CohereMalformedResponseException(String message, String rawBody, @Nullable Throwable cause) {
		super(message, cause);
		this.rawBody = Objects.requireNonNull(rawBody, "'rawBody' must not be null");
	}

	/**
	 * Returns the raw body that could not be read.
	 * @return the raw body, never {@code null}
	 */
	public String getRawBody() {
		return this.rawBody;
	}

}
