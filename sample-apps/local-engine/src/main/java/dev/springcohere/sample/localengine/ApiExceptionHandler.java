package dev.springcohere.sample.localengine;

import java.util.Map;

import dev.springcohere.client.CohereException;
import dev.springcohere.client.UnsupportedCapabilityException;
import dev.springcohere.engine.backend.LocalBackendException;

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
	 * Answers a request the local engine rejects (a prompt longer than the context, an unsupported option) with 400.
	 * @param ex the exception
	 * @return the response
	 */
	@ExceptionHandler(IllegalArgumentException.class)
	public ResponseEntity<Map<String, String>> rejected(IllegalArgumentException ex) {
		return body(HttpStatus.BAD_REQUEST, "The local engine rejected the request: " + ex.getMessage());
	}

	/**
	 * Answers a capability without a configured model (embed without {@code cohere.local.embed-model}, rerank
	 * without {@code cohere.local.rerank-model}) with 501.
	 * @param ex the exception
	 * @return the response
	 */
	@ExceptionHandler(UnsupportedCapabilityException.class)
	public ResponseEntity<Map<String, String>> unsupported(UnsupportedCapabilityException ex) {
		return body(HttpStatus.NOT_IMPLEMENTED, "Not offered by the local engine as configured: " + ex.getMessage()
				+ " (set cohere.local.embed-model for /api/embed, cohere.local.rerank-model for /api/rerank)");
	}

	/**
	 * Answers a request the engine cannot serve (prompt and {@code maxTokens} longer than
	 * {@code cohere.local.max-context}, every slot busy, another model's name) with 422 and the engine's message,
	 * which says what to change.
	 * @param ex the exception
	 * @return the response
	 */
	@ExceptionHandler(LocalBackendException.class)
	public ResponseEntity<Map<String, String>> notServed(LocalBackendException ex) {
		return body(HttpStatus.UNPROCESSABLE_CONTENT, "The local engine cannot serve the request: " + ex.getMessage());
	}

	/**
	 * Answers any other failure of the engine with 502.
	 * @param ex the exception
	 * @return the response
	 */
	@ExceptionHandler(CohereException.class)
	public ResponseEntity<Map<String, String>> cohere(CohereException ex) {
		return body(HttpStatus.BAD_GATEWAY, "The local engine failed: " + ex.getMessage());
	}

	private static ResponseEntity<Map<String, String>> body(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(Map.of("error", message));
	}

}
