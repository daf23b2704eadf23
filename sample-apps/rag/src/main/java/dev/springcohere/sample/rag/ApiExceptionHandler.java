package dev.springcohere.sample.rag;

import java.util.Map;

import dev.springcohere.client.CohereException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns errors into JSON bodies {@code {"error": "..."}}.
 */
@RestControllerAdvice
public final class ApiExceptionHandler {

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
		return body(HttpStatus.BAD_REQUEST, "The request body is not valid JSON for this endpoint");
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
		return body(HttpStatus.BAD_GATEWAY, "Cohere call failed: " + ex.getMessage());
	}

	private static ResponseEntity<Map<String, String>> body(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(Map.of("error", message));
	}

}
