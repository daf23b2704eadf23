package dev.springcohere.backend.openai;

import java.util.Objects;

import dev.springcohere.api.error.CohereException;

/**
 * A request sets a Cohere v2 field that the target's wire format cannot express (for
 * example {@code safety_mode} on an OpenAI-compatible server). Nothing was sent. The
 * message names the backend and the field, and says what to do instead.
 *
 * @since 0.1.0
 */
public class UnsupportedRequestFieldException extends CohereException {

	private static final long serialVersionUID = 1L;

	private final String backendId;

	private final String field;

	/**
	 * Creates the exception.
	 * @param backendId the id of the backend, such as {@code openai-compat}
	 * @param field the Cohere v2 field, such as {@code safety_mode}
	 * @param reason why it cannot be sent and what to do instead
	 */
	public UnsupportedRequestFieldException(String backendId, String field, String reason) {
		super("The '" + Objects.requireNonNull(backendId, "'backendId' must not be null")
				+ "' backend cannot send the request field '"
				+ Objects.requireNonNull(field, "'field' must not be null") + "': "
				+ Objects.requireNonNull(reason, "'reason' must not be null"));
		this.backendId = backendId;
		this.field = field;
	}

	/**
	 * Returns the id of the backend that rejected the request.
	 * @return the backend id
	 */
	public String getBackendId() {
		return this.backendId;
	}

	/**
	 * Returns the rejected field, as named in the Cohere v2 API.
	 * @return the field name
	 */
	public String getField() {
		return this.field;
	}

}
