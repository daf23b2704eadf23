package dev.springcohere.api.error;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A backend was asked for something it cannot do (for example {@code tokenize} on a
 * backend without a tokenize endpoint). The message names the backend and the capability
 * so that the caller can pick another backend.
 *
 * @since 0.1.0
 */
public class UnsupportedCapabilityException extends CohereException {

	private static final long serialVersionUID = 1L;

	private final String backendId;

	private final String capability;

	/**
	 * Creates the exception with a standard message.
	 * @param backendId the id of the backend, such as {@code bedrock}
	 * @param capability the capability asked for, such as {@code tokenize}
	 */
	public UnsupportedCapabilityException(String backendId, String capability) {
		this(backendId, capability, null);
	}

	/**
	 * Creates the exception with a standard message and an optional hint.
	 * @param backendId the id of the backend, such as {@code bedrock}
	 * @param capability the capability asked for, such as {@code tokenize}
	 * @param hint what to do instead, or {@code null}
	 */
	public UnsupportedCapabilityException(String backendId, String capability, @Nullable String hint) {
		super(message(backendId, capability, hint));
		this.backendId = backendId;
		this.capability = capability;
	}

	private static String message(String backendId, String capability, @Nullable String hint) {
		Objects.requireNonNull(backendId, "'backendId' must not be null");
		Objects.requireNonNull(capability, "'capability' must not be null");
		String message = "The '" + backendId + "' backend does not support '" + capability
				+ "'; use a backend that does (property 'cohere.backend', or 'cohere.chat.backend',"
				+ " 'cohere.embed.backend' and 'cohere.rerank.backend' per capability).";
		return (hint != null) ? message + " " + hint : message;
	}

	/**
	 * Returns the id of the backend that cannot serve the call.
	 * @return the backend id
	 */
	public String getBackendId() {
		return this.backendId;
	}

	/**
	 * Returns the capability that was asked for.
	 * @return the capability name
	 */
	public String getCapability() {
		return this.capability;
	}

}
