package dev.springcohere.backend.platform;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;

/**
 * Provides the {@code platform} backend: Cohere's API on {@code https://api.cohere.com}
 * (or the configured base URL). It needs an API key.
 *
 * @since 0.1.0
 */
public final class PlatformBackendProvider implements CohereBackendProvider {

	/** The id of the backend. */
	public static final String ID = "platform";

	/**
	 * Creates the provider (for {@link java.util.ServiceLoader}).
	 */
	public PlatformBackendProvider() {
	}

	@Override
	public String id() {
		return ID;
	}

	/**
	 * Creates a {@link PlatformBackend}.
	 * @param settings the settings
	 * @return the backend
	 * @throws IllegalStateException if no API key is configured
	 */
	@Override
	public CohereBackend create(BackendSettings settings) {
		if (settings.apiKey() == null) {
			throw new IllegalStateException("The 'platform' backend needs a Cohere API key: set the property "
					+ "'cohere.api-key', call CohereClient.builder().apiKey(..), or set the environment variable "
					+ "CO_API_KEY (or COHERE_API_KEY)");
		}
		return PlatformBackend.create(ID, settings);
	}

}
