package dev.springcohere.api.error;

/**
 * A response body, or one event of a stream, was larger than the configured bound
 * ({@code HttpSettings.maxResponseSize}, {@code cohere.http.max-response-size}): the
 * connection is closed instead of reading on towards an {@code OutOfMemoryError}. Not
 * retried: the same request would get the same answer.
 *
 * @since 0.1.0
 */
public class CohereResponseTooLargeException extends CohereException {

	private static final long serialVersionUID = 1L;

	private final long limit;

	/**
	 * Creates an exception.
	 * @param call the call, such as {@code POST /v2/chat}
	 * @param what what was too large, such as {@code the response body}
	 * @param limit the bound in bytes
	 */
	public CohereResponseTooLargeException(String call, String what, long limit) {
		super("The answer to " + call + " is too large: " + what + " passed the limit of " + limit
				+ " bytes; raise 'cohere.http.max-response-size' (HttpSettings.maxResponseSize) if the server is "
				+ "right to answer that much", null);
		this.limit = limit;
	}

	/**
	 * Returns the bound that was passed.
	 * @return the bound in bytes
	 */
	public long getLimit() {
		return this.limit;
	}

}
