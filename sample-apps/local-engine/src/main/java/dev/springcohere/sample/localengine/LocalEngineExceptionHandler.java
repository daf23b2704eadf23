package dev.springcohere.sample.localengine;

import java.util.Map;

import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.api.error.CohereNotFoundException;
import dev.springcohere.api.error.UnsupportedCapabilityException;
import dev.springcohere.engine.backend.LocalBackendException;
import dev.springcohere.sample.support.ApiExceptionHandler;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns errors into JSON bodies {@code {"error": "..."}}: those of every sample
 * ({@link ApiExceptionHandler}, where any other failure of the engine is a 502) and those
 * of the local engine (400, 501, 422).
 */
@RestControllerAdvice
public final class LocalEngineExceptionHandler extends ApiExceptionHandler {

	/**
	 * Creates the handler.
	 */
	public LocalEngineExceptionHandler() {
		super("The local engine failed: ");
	}

	/**
	 * Answers a request the local engine rejects (a prompt longer than the context, an
	 * unsupported option) with 400.
	 * @param ex the exception
	 * @return the response
	 */
	@ExceptionHandler(IllegalArgumentException.class)
	public ResponseEntity<Map<String, String>> rejected(IllegalArgumentException ex) {
		return body(HttpStatus.BAD_REQUEST, "The local engine rejected the request: " + ex.getMessage());
	}

	/**
	 * Answers a capability without a configured model (embed without
	 * {@code cohere.local.embed-model}, rerank without {@code cohere.local.rerank-model})
	 * with 501.
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
	 * {@code cohere.local.max-context}: {@link CohereInvalidRequestException}; another
	 * model's name: {@link CohereNotFoundException}; every slot busy:
	 * {@link LocalBackendException}) with 422 and the engine's message, which says what
	 * to change.
	 * @param ex the exception
	 * @return the response
	 */
	@ExceptionHandler({ LocalBackendException.class, CohereInvalidRequestException.class,
			CohereNotFoundException.class })
	public ResponseEntity<Map<String, String>> notServed(CohereException ex) {
		return body(HttpStatus.UNPROCESSABLE_CONTENT, "The local engine cannot serve the request: " + ex.getMessage());
	}

}
