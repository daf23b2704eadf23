package dev.springcohere.backend.oci;

import java.util.Locale;

/**
 * The {@code apiFormat} of the {@code chatRequest} that the {@code oci} backend sends to
 * OCI Generative AI, set with the property {@code cohere.oci.api-format}.
 *
 * @since 0.1.0
 */
public enum OciApiFormat {

	/**
	 * Chooses per model: {@link #COHERE} for the Command R family ({@code command-r…})
	 * and the legacy {@code command}, {@code command-light} and {@code command-nightly}
	 * models; {@link #COHEREV2} for every other model, such as {@code command-a-03-2025}
	 * and newer, and for dedicated endpoints (whose model is not known from the id).
	 */
	AUTO,

	/**
	 * Cohere's v1 chat format ({@code CohereChatRequest}): a message, chat history and a
	 * preamble.
	 */
	COHERE,

	/**
	 * Cohere's v2 chat format ({@code CohereChatRequestV2}): a list of messages, as in
	 * the Cohere v2 API.
	 */
	COHEREV2;

	/**
	 * Reads a property value: {@code auto}, {@code cohere} or {@code coherev2}, in any
	 * case.
	 * @param value the value
	 * @return the format
	 * @throws IllegalStateException naming {@code cohere.oci.api-format} when the value
	 * is none of them
	 */
	public static OciApiFormat parse(String value) {
		String normalized = value.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
		for (OciApiFormat format : values()) {
			if (format.name().equals(normalized)) {
				return format;
			}
		}
		throw new IllegalStateException(
				"Unknown value '" + value + "' of 'cohere.oci.api-format'; use auto, cohere " + "or coherev2");
	}

	/**
	 * Resolves {@link #AUTO} for a model.
	 * @param model the model id or endpoint OCID as configured
	 * @return {@link #COHERE} or {@link #COHEREV2}
	 */
	public OciApiFormat resolve(String model) {
		if (this != AUTO) {
			return this;
		}
		String name = model.strip().toLowerCase(Locale.ROOT);
		if (name.startsWith("cohere.")) {
			name = name.substring("cohere.".length());
		}
		boolean v1 = name.startsWith("command-r") || name.equals("command") || name.equals("command-light")
				|| name.equals("command-nightly");
		return v1 ? COHERE : COHEREV2;
	}

}
