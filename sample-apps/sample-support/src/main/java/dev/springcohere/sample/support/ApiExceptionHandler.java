package dev.springcohere.sample.support;

import java.util.Map;

import dev.springcohere.api.error.CohereException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns errors into JSON bodies {@code {"error": "..."}}: an {@link ApiException} with
 * its status, an unreadable body or a missing query parameter with 400, and a failed
 * Cohere call with 502. A sample that answers more exceptions extends this class (one
 * advice, so the most specific handler wins) instead of adding a second advice.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

	private final String failurePrefix;

	/**
	 * Creates the handler; a failed Cohere call is answered
	 * {@code "Cohere call failed: <message>"}.
	 */
	public ApiExceptionHandler() {
		this("Cohere call failed: ");
	}

	/**
	 * Creates the handler.
	 * @param failurePrefix what the error of a failed Cohere call starts with, before the
	 * exception's message
	 */
	protected ApiExceptionHandler(String failurePrefix) {
		this.failurePrefix = failurePrefix;
	}

	/**
	 * Answers an {@link ApiException} with its status.
	 * @param ex the exception
	 * @return the response
	 */
	@ExceptionHandler(ApiException.class)
	public ResponseEntity<Map<String, String>> api(ApiException ex) {
		return body(ex.getStatus(), String.valueOf(ex.getMessage()));
	}

	/**
	 * Answers an unreadable JSON body with 400.
	 * @param ex the exception
	 * @return the response
	 */
	@ExceptionHandler(HttpMessageNotReadableException.class)
	public ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestTooLargeException tooLarge) {
				return tooLarge(tooLarge);
			}
		}
		return body(HttpStatus.BAD_REQUEST, "The request body is not valid JSON for this endpoint");
	}

	/**
	 * Answers a body that passed {@code sample.limits.max-request-size} while read with
	 * 413.
	 * @param ex the exception
	 * @return the response
	 */
	@ExceptionHandler(RequestTooLargeException.class)
	public ResponseEntity<Map<String, String>> tooLarge(RequestTooLargeException ex) {
		return body(HttpStatus.CONTENT_TOO_LARGE, String.valueOf(ex.getMessage()));
	}

	/**
	 * Answers a missing query parameter with 400.
	 * @param ex the exception
	 * @return the response
	 */
	@ExceptionHandler(MissingServletRequestParameterException.class)
	public ResponseEntity<Map<String, String>> missingParameter(MissingServletRequestParameterException ex) {
		return body(HttpStatus.BAD_REQUEST, "'" + ex.getParameterName() + "' is required");
	}

	/**
	 * Answers a failure of Cohere (or of the configured backend) with 502.
	 * @param ex the exception
	 * @return the response
	 */
	@ExceptionHandler(CohereException.class)
	public ResponseEntity<Map<String, String>> cohere(CohereException ex) {
		return body(HttpStatus.BAD_GATEWAY, this.failurePrefix + ex.getMessage());
	}

	/**
	 * Creates a JSON error response.
	 * @param status the status
	 * @param message the error message
	 * @return the response with the body {@code {"error": message}}
	 */
	protected static ResponseEntity<Map<String, String>> body(HttpStatus status, String message) {
		// JSON whatever the request accepted: a browser's EventSource sends Accept:
		// text/event-stream, and an error
		// answered before its stream started would otherwise be an empty 500
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("error", message));
	}

}
