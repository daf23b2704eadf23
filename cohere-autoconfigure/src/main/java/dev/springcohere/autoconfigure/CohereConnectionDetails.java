package dev.springcohere.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details of the connection to a Cohere HTTP API: the key and the base URL used by the
 * {@code platform} and {@code private} backends (and the base URL of the {@code azure}
 * backend).
 * <p>
 * The auto-configuration defines one from {@code cohere.api-key} and
 * {@code cohere.base-url} (with the {@code CO_API_KEY}, {@code COHERE_API_KEY} and
 * {@code CO_API_URL} environment fallbacks) unless the application defines a bean of this
 * type, for instance a service connection to a Cohere-compatible server started by
 * Testcontainers or Docker Compose; such a bean wins over the properties.
 *
 * @since 0.1.0
 */
public interface CohereConnectionDetails extends ConnectionDetails {

	/**
	 * Returns the API key sent as the {@code Authorization: Bearer} header.
	 * @return the key, or {@code null} for none (the {@code platform} backend then fails
	 * at startup)
	 */
	@Nullable String getApiKey();

	/**
	 * Returns the base URL of the API, such as {@code https://api.cohere.com}.
	 * @return the URL, or {@code null} for the backend's default (the {@code private}
	 * backend needs one)
	 */
	@Nullable String getBaseUrl();

}
