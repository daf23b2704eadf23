package dev.springcohere.backend.azure;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The route family an Azure AI Foundry endpoint is called with (property
 * {@code cohere.azure.api}).
 *
 * @since 0.1.0
 */
public enum AzureApi {

	/**
	 * Cohere's own v2 routes on the serverless endpoint: {@code /v2/chat},
	 * {@code /v2/embed}, {@code /v2/rerank}.
	 */
	COHERE("cohere"),

	/**
	 * The Azure AI model inference routes, with OpenAI-like bodies and an
	 * {@code api-version} query: {@code /chat/completions}, {@code /embeddings}.
	 */
	MODEL_INFERENCE("model-inference");

	private final String id;

	AzureApi(String id) {
		this.id = id;
	}

	/**
	 * Returns the value used in configuration, such as {@code model-inference}.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Resolves the configured value, or detects the family from the endpoint when none is
	 * configured: a Foundry project endpoint ({@code *.services.ai.azure.com},
	 * {@code *.openai.azure.com}) or a URL whose path ends in {@code /models} is called
	 * with the model inference routes, any other endpoint (the serverless
	 * {@code *.inference.ai.azure.com} and {@code *.models.ai.azure.com} hosts) with
	 * Cohere's.
	 * @param configured the configured value, or {@code null}
	 * @param endpoint the endpoint URL
	 * @return the route family
	 * @throws IllegalArgumentException when the configured value is unknown
	 */
	public static AzureApi resolve(@Nullable String configured, String endpoint) {
		if (configured != null && !configured.isBlank()) {
			String value = configured.strip().toLowerCase(Locale.ROOT).replace('_', '-');
			for (AzureApi api : values()) {
				if (api.id.equals(value)) {
					return api;
				}
			}
			throw new IllegalArgumentException("Unknown Azure API '" + configured
					+ "'; set 'cohere.azure.api' to 'cohere' (the /v2/chat, /v2/embed and /v2/rerank routes) or "
					+ "'model-inference' (/chat/completions and /embeddings)");
		}
		URI uri;
		try {
			uri = URI.create(endpoint.strip());
		}
		catch (IllegalArgumentException ex) {
			return COHERE;
		}
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		String path = (uri.getPath() != null) ? uri.getPath().replaceAll("/+$", "") : "";
		if (host.endsWith(".services.ai.azure.com") || host.endsWith(".openai.azure.com") || path.endsWith("/models")) {
			return MODEL_INFERENCE;
		}
		return COHERE;
	}

}
