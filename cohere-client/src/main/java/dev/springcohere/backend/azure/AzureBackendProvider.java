package dev.springcohere.backend.azure;

import org.jspecify.annotations.Nullable;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.backend.openai.OpenAiCompatBackend;
import dev.springcohere.backend.openai.OpenAiRoutes;
import dev.springcohere.backend.platform.PlatformBackend;
import dev.springcohere.http.ApiKey;

/**
 * Provides the {@code azure} backend: a Cohere model deployed as a serverless endpoint on Azure AI Foundry.
 * Properties: {@code azure.endpoint} (the deployment's URL; {@code cohere.base-url} when unset),
 * {@code azure.api-key} (the endpoint key, sent as {@code Authorization: Bearer}), {@code azure.api}
 * ({@code cohere} or {@code model-inference}; detected from the endpoint when unset, see
 * {@link AzureApi#resolve}) and {@code azure.api-version} (for the model inference routes, default
 * {@value #DEFAULT_API_VERSION}).
 *
 * @since 0.1.0
 */
public final class AzureBackendProvider implements CohereBackendProvider {

	/** The id of the backend. */
	public static final String ID = "azure";

	/** The property holding the endpoint URL. */
	public static final String ENDPOINT = "azure.endpoint";

	/** The property holding the endpoint key. */
	public static final String API_KEY = "azure.api-key";

	/** The property choosing the route family. */
	public static final String API = "azure.api";

	/** The property holding the {@code api-version} of the model inference routes. */
	public static final String API_VERSION = "azure.api-version";

	/** The {@code api-version} sent to the model inference routes when none is configured. */
	public static final String DEFAULT_API_VERSION = "2024-05-01-preview";

	/**
	 * Creates the provider (for {@link java.util.ServiceLoader}).
	 */
	public AzureBackendProvider() {
	}

	@Override
	public String id() {
		return ID;
	}

	/**
	 * Creates an {@link AzureCohereBackend} or, for the model inference routes, an {@link OpenAiCompatBackend}.
	 * @param settings the settings
	 * @return the backend
	 * @throws IllegalStateException if the endpoint or the key is missing or invalid, or the API is unknown
	 */
	@Override
	public CohereBackend create(BackendSettings settings) {
		String endpoint = settings.property(ENDPOINT);
		if (endpoint == null) {
			endpoint = settings.baseUrl();
		}
		if (endpoint == null) {
			throw new IllegalStateException("The 'azure' backend needs the URL of the Azure AI Foundry endpoint "
					+ "(such as 'https://my-command-a.eastus2.models.ai.azure.com'): set the property 'cohere."
					+ ENDPOINT + "'");
		}
		ApiKey apiKey = apiKey(settings.property(API_KEY));
		AzureApi api;
		try {
			api = AzureApi.resolve(settings.property(API), endpoint);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
		try {
			if (api == AzureApi.COHERE) {
				return new AzureCohereBackend(
						PlatformBackend.create(ID, settings.mutate().baseUrl(endpoint).apiKey(apiKey).build()));
			}
			OpenAiRoutes routes = OpenAiRoutes.builder()
				.apiVersion(settings.property(API_VERSION, DEFAULT_API_VERSION))
				.embedInputType(true)
				.samplingExtensions(false)
				.build();
			return OpenAiCompatBackend.create(ID, settings, endpoint, apiKey, routes);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The property 'cohere." + ENDPOINT + "' is not usable: " + ex.getMessage(),
					ex);
		}
	}

	private static ApiKey apiKey(@Nullable String key) {
		if (key == null || key.isBlank()) {
			throw new IllegalStateException("The 'azure' backend needs the key of the Azure endpoint (shown with the"
					+ " deployment in Azure AI Foundry): set the property 'cohere." + API_KEY + "'");
		}
		try {
			return ApiKey.of(key);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The property 'cohere." + API_KEY + "' is not a valid key: the key must"
					+ " not be empty nor contain whitespace or control characters", ex);
		}
	}

}
