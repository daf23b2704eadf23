package dev.springcohere.backend.platform;

import java.util.List;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.backend.Setting;

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
	 * Returns the tokenizer settings, the same as the platform backend's:
	 * {@link PlatformBackendProvider#TOKENIZE_OFFLINE} and
	 * {@link PlatformBackendProvider#TOKENIZE_CACHE_DIR}.
	 * @return the settings
	 */
	@Override
	public List<Setting<?>> settings() {
		return PlatformBackendProvider.SETTINGS;
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
