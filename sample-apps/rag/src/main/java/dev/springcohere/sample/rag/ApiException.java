package dev.springcohere.sample.rag;

import org.springframework.http.HttpStatus;

/**
 * An error the API answers with a status and a JSON body {@code {"error": "..."}}.
 */
public final class ApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final HttpStatus status;

	/**
	 * Creates the exception.
	 * @param status the HTTP status to answer with
	 * @param message the message sent to the client
	 */
	public ApiException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	/**
	 * Returns the HTTP status to answer with.
	 * @return the status
	 */
	public HttpStatus getStatus() {
		return this.status;
	}

	/**
	 * Creates a 400 for a missing or invalid request field.
	 * @param field the field
	 * @param problem what is wrong with it
	 * @return the exception
	 */
	static ApiException badField(String field, String problem) {
		return new ApiException(HttpStatus.BAD_REQUEST, "'" + field + "' " + problem);
	}

}
