package dev.springcohere.backend.platform;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;

/**
 * Provides the {@code private} backend: a private deployment of Cohere's API (same wire
 * format as the platform) at a base URL that must be configured. The API key is optional
 * (sent when set).
 *
 * @since 0.1.0
 */
public final class PrivateBackendProvider implements CohereBackendProvider {

	/** The id of the backend. */
	public static final String ID = "private";

	/**
	 * Creates the provider (for {@link java.util.ServiceLoader}).
	 */
	public PrivateBackendProvider() {
	}

	@Override
	public String id() {
		return ID;
	}

	/**
	 * Creates a {@link PlatformBackend} for the deployment.
	 * @param settings the settings
	 * @return the backend
	 * @throws IllegalStateException if no base URL is configured
	 */
	@Override
	public CohereBackend create(BackendSettings settings) {
		if (settings.baseUrl() == null) {
			throw new IllegalStateException("The 'private' backend needs the base URL of the deployment (such as "
					+ "'https://cohere.internal.example.com'): set the property 'cohere.base-url', call "
					+ "CohereClient.builder().baseUrl(..), or set the environment variable CO_API_URL");
		}
		return PlatformBackend.create(ID, settings);
	}

}
