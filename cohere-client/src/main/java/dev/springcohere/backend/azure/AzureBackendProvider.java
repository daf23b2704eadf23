package dev.springcohere.backend.azure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.backend.Setting;
import dev.springcohere.backend.openai.OpenAiCompatBackend;
import dev.springcohere.backend.openai.OpenAiRoutes;
import dev.springcohere.backend.platform.PlatformBackend;
import dev.springcohere.http.ApiKey;

/**
 * Provides the {@code azure} backend: a Cohere model deployed as a serverless endpoint on
 * Azure AI Foundry. Properties: {@code azure.endpoint} (the deployment's URL;
 * {@code cohere.base-url} when unset), {@code azure.api-key} (the endpoint key, sent as
 * {@code Authorization: Bearer}), {@code azure.api} ({@code cohere} or
 * {@code model-inference}; detected from the endpoint when unset, see
 * {@link AzureApi#resolve}) and {@code azure.api-version} (for the model inference
 * routes, default {@value #DEFAULT_API_VERSION}).
 *
 * @since 0.1.0
 */
public final class AzureBackendProvider implements CohereBackendProvider {

	/** The id of the backend. */
	public static final String ID = "azure";

	/** The endpoint URL. */
	public static final Setting<String> ENDPOINT = Setting.text("azure.endpoint", null);

	/** The endpoint key. */
	public static final Setting<String> API_KEY = Setting.text("azure.api-key", null);

	/**
	 * The route family: {@code cohere}, {@code openai}, or unset to detect it from the
	 * endpoint URL.
	 */
	public static final Setting<String> API = Setting.text("azure.api", null);

	/** The {@code api-version} of the model inference routes. */
	public static final Setting<String> API_VERSION = Setting.text("azure.api-version", "2024-05-01-preview");

	/**
	 * Creates the provider (for {@link java.util.ServiceLoader}).
	 */
	public AzureBackendProvider() {
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public List<Setting<?>> settings() {
		return List.of(ENDPOINT, API_KEY, API, API_VERSION);
	}

	/**
	 * Creates an {@link AzureCohereBackend} or, for the model inference routes, an
	 * {@link OpenAiCompatBackend}.
	 * @param settings the settings
	 * @return the backend
	 * @throws IllegalStateException if the endpoint or the key is missing or invalid, or
	 * the API is unknown
	 */
	@Override
	public CohereBackend create(BackendSettings settings) {
		String endpoint = settings.get(ENDPOINT);
		if (endpoint == null) {
			endpoint = settings.baseUrl();
		}
		if (endpoint == null) {
			throw new IllegalStateException("The 'azure' backend needs the URL of the Azure AI Foundry endpoint "
					+ "(such as 'https://my-command-a.eastus2.models.ai.azure.com'): set the property 'cohere."
					+ ENDPOINT.key() + "'");
		}
		ApiKey apiKey = apiKey(settings.get(API_KEY));
		AzureApi api;
		try {
			api = AzureApi.resolve(settings.get(API), endpoint);
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
				.apiVersion(settings.require(ID, API_VERSION))
				.embedInputType(true)
				.samplingExtensions(false)
				.build();
			return OpenAiCompatBackend.create(ID, settings, endpoint, apiKey, routes);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"The property 'cohere." + ENDPOINT.key() + "' is not usable: " + ex.getMessage(), ex);
		}
	}

	private static ApiKey apiKey(@Nullable String key) {
		if (key == null || key.isBlank()) {
			throw new IllegalStateException("The 'azure' backend needs the key of the Azure endpoint (shown with the"
					+ " deployment in Azure AI Foundry): set the property 'cohere." + API_KEY.key() + "'");
		}
		try {
			return ApiKey.of(key);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"The property 'cohere." + API_KEY.key() + "' is not a valid key: the key must"
							+ " not be empty nor contain whitespace or control characters",
					ex);
		}
	}

}
