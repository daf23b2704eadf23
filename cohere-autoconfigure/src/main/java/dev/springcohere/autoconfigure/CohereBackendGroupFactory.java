package dev.springcohere.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.springcohere.api.EmbedInputType;
import dev.springcohere.api.EmbeddingType;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.backend.CohereBackends;
import dev.springcohere.backend.UnknownBackendException;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.client.EmbedBatcher;
import dev.springcohere.http.ApiKey;
import dev.springcohere.http.HttpSettings;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@link CohereProperties} and creates the backends they select, failing with a
 * {@link CohereConfigurationException} that names the property and the fix. The key and
 * base URL come from the {@link CohereConnectionDetails}.
 */
final class CohereBackendGroupFactory {

	private final CohereProperties properties;

	private final CohereBackends backends;

	private final CohereConnectionDetails connectionDetails;

	CohereBackendGroupFactory(CohereProperties properties, CohereBackends backends,
			CohereConnectionDetails connectionDetails) {
		this.properties = properties;
		this.backends = backends;
		this.connectionDetails = connectionDetails;
	}

	/**
	 * Checks the properties that need no backend: the batch size and the URLs.
	 */
	void validate() {
		int batchSize = this.properties.getEmbed().getBatchSize();
		if (batchSize < 1 || batchSize > EmbedBatcher.MAX_BATCH_SIZE) {
			throw new CohereConfigurationException("cohere.embed.batch-size",
					"The embed batch size is " + batchSize + ", but Cohere accepts 1 to " + EmbedBatcher.MAX_BATCH_SIZE
							+ " inputs per call",
					"Set 'cohere.embed.batch-size' to a value between 1 and " + EmbedBatcher.MAX_BATCH_SIZE
							+ " (larger requests are split into batches automatically)");
		}
		checkUrl(baseUrlSource(), this.connectionDetails.getBaseUrl());
		checkUrl("cohere.openai-compat.base-url", this.properties.getOpenaiCompat().getBaseUrl());
		checkUrl("cohere.azure.endpoint", this.properties.getAzure().getEndpoint());
		checkUrl("cohere.bedrock.endpoint-override", this.properties.getBedrock().getEndpointOverride());
		checkUrl("cohere.sagemaker.endpoint-override", this.properties.getSagemaker().getEndpointOverride());
		checkUrl("cohere.local.hub-url", this.properties.getLocal().getHubUrl());
		String inputType = this.properties.getEmbed().getInputType();
		if (inputType != null && !inputType.isBlank() && !EmbedInputType.of(inputType.strip()).isKnown()) {
			throw unknownValue("cohere.embed.input-type", inputType,
					EmbedInputType.knownValues().stream().map(EmbedInputType::value).toList());
		}
		for (String type : this.properties.getEmbed().getEmbeddingTypes()) {
			if (type.isBlank() || !EmbeddingType.of(type.strip()).isKnown()) {
				throw unknownValue("cohere.embed.embedding-types", type,
						EmbeddingType.knownValues().stream().map(EmbeddingType::value).toList());
			}
		}
		String safetyMode = this.properties.getChat().getSafetyMode();
		if (safetyMode != null && !safetyMode.isBlank() && !SafetyMode.of(safetyMode.strip()).isKnown()) {
			throw unknownValue("cohere.chat.safety-mode", safetyMode,
					SafetyMode.knownValues().stream().map(SafetyMode::value).toList());
		}
		if (this.properties.getRetry().getMaxAttempts() < 1) {
			throw new CohereConfigurationException("cohere.retry.max-attempts",
					"The number of attempts is " + this.properties.getRetry().getMaxAttempts(),
					"Set 'cohere.retry.max-attempts' to 1 (no retry) or more");
		}
	}

	private static CohereConfigurationException unknownValue(String property, String value, List<String> known) {
		return new CohereConfigurationException(property, "'" + value + "' is not a value Cohere accepts",
				"Set '" + property + "' to one of: " + String.join(", ", known));
	}

	private static void checkUrl(String property, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return;
		}
		String problem = null;
		try {
			URI uri = new URI(value.strip());
			if (uri.getScheme() == null
					|| !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
				problem = "it does not start with http:// or https://";
			}
			else if (uri.getHost() == null || uri.getHost().isEmpty()) {
				problem = "it has no host";
			}
		}
		catch (URISyntaxException ex) {
			problem = ex.getReason() + " at index " + ex.getIndex();
		}
		if (problem != null) {
			throw new CohereConfigurationException(property, "'" + value + "' is not a valid URL: " + problem,
					"Set '" + property + "' to an absolute http(s) URL such as https://api.cohere.com");
		}
	}

	/**
	 * Creates the backends of chat, embed and rerank, one per distinct id.
	 * @param httpSettings the HTTP settings
	 * @param retryPolicy the retry policy
	 * @return the group
	 */
	CohereBackendGroup create(HttpSettings httpSettings, CohereRetryPolicy retryPolicy) {
		validate();
		Map<String, String> idToProperty = new LinkedHashMap<>();
		idToProperty.putIfAbsent(this.properties.chatBackend(),
				propertyOf("chat", this.properties.getChat().getBackend()));
		idToProperty.putIfAbsent(this.properties.embedBackend(),
				propertyOf("embed", this.properties.getEmbed().getBackend()));
		idToProperty.putIfAbsent(this.properties.rerankBackend(),
				propertyOf("rerank", this.properties.getRerank().getBackend()));
		Map<String, CohereBackendProvider> providers = new LinkedHashMap<>();
		idToProperty.forEach((id, property) -> providers.put(id, provider(id, property)));
		BackendSettings settings = settings(httpSettings, retryPolicy);
		Map<String, CohereBackend> created = new LinkedHashMap<>();
		try {
			providers.forEach((id, provider) -> created.put(id, create(id, idToProperty.get(id), provider, settings)));
		}
		catch (RuntimeException ex) {
			created.values().forEach(CohereBackend::close);
			throw ex;
		}
		return new CohereBackendGroup(created, this.properties.chatBackend(), this.properties.embedBackend(),
				this.properties.rerankBackend());
	}

	private static String propertyOf(String capability, @Nullable String override) {
		return (override == null || override.isBlank()) ? "cohere.backend" : "cohere." + capability + ".backend";
	}

	private CohereBackendProvider provider(String id, String property) {
		try {
			return this.backends.get(id);
		}
		catch (UnknownBackendException ex) {
			String available = String.join(", ", ex.getAvailableIds());
			if (ex.isKnownBackend()) {
				throw new CohereConfigurationException(property,
						property + "=" + id + ", but the '" + id + "' backend's module " + ex.getArtifact()
								+ " is not on the class path",
						"Add " + ex.getArtifact() + " to the dependencies, or set '" + property + "' to one of: "
								+ available,
						ex);
			}
			throw new CohereConfigurationException(property, "Unknown backend id '" + id + "'",
					"Set '" + property + "' to one of: " + available, ex);
		}
	}

	private CohereBackend create(String id, String property, CohereBackendProvider provider, BackendSettings settings) {
		if ("platform".equals(id) && settings.apiKey() == null) {
			if (isUserDefined()) {
				throw new CohereConfigurationException(apiKeySource(),
						"The '" + property + "=platform' backend needs a Cohere API key, and the " + userDefinedName()
								+ " returns none",
						"Return the key from its getApiKey(), or remove that bean to use 'cohere.api-key'");
			}
			throw new CohereConfigurationException("cohere.api-key",
					"The '" + property + "=platform' backend needs a Cohere API key, and none is configured",
					"Set 'cohere.api-key' (for example cohere.api-key=${CO_API_KEY}), or set the environment "
							+ "variable CO_API_KEY or COHERE_API_KEY");
		}
		if ("private".equals(id) && settings.baseUrl() == null) {
			if (isUserDefined()) {
				throw new CohereConfigurationException(baseUrlSource(),
						"The 'private' backend needs the base URL of the deployment, and the " + userDefinedName()
								+ " returns none",
						"Return the URL of your deployment from its getBaseUrl(), or remove that bean to use "
								+ "'cohere.base-url'");
			}
			throw new CohereConfigurationException("cohere.base-url",
					"The 'private' backend needs the base URL of the deployment, and none is configured",
					"Set 'cohere.base-url' to the URL of your deployment, or the environment variable CO_API_URL");
		}
		try {
			return provider.create(settings);
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			String message = redact(settings, String.valueOf(ex.getMessage()));
			throw new CohereConfigurationException(property,
					"The '" + id + "' backend could not be created: " + message,
					"Fix the settings named above, or choose another backend in '" + property + "'", ex);
		}
	}

	private static String redact(BackendSettings settings, String text) {
		ApiKey key = settings.apiKey();
		return (key != null) ? key.redact(text) : text;
	}

	/**
	 * Returns the settings handed to the providers: the key and base URL of the
	 * connection details, the other properties.
	 * @param httpSettings the HTTP settings
	 * @param retryPolicy the retry policy
	 * @return the settings
	 */
	BackendSettings settings(HttpSettings httpSettings, CohereRetryPolicy retryPolicy) {
		BackendSettings.Builder builder = BackendSettings.builder()
			.httpSettings(httpSettings)
			.retryPolicy(retryPolicy)
			.baseUrl(this.connectionDetails.getBaseUrl())
			.clientName(this.properties.getClientName());
		String key = this.connectionDetails.getApiKey();
		if (key != null && !key.isBlank()) {
			try {
				builder.apiKey(ApiKey.of(key.strip()));
			}
			catch (IllegalArgumentException ex) {
				String source = apiKeySource();
				throw new CohereConfigurationException(source, "The API key is malformed: " + ex.getMessage(),
						isUserDefined()
								? "Return the key shown in the Cohere dashboard from the getApiKey() of the "
										+ userDefinedName() + ", without spaces or quotes"
								: "Set '" + source + "' to the key shown in the Cohere dashboard, without spaces or"
										+ " quotes");
			}
		}
		this.properties.backendValues().forEach(builder::value);
		return builder.build();
	}

	private boolean isUserDefined() {
		return !(this.connectionDetails instanceof PropertiesCohereConnectionDetails);
	}

	private String userDefinedName() {
		return "CohereConnectionDetails bean " + this.connectionDetails.getClass().getName();
	}

	private String apiKeySource() {
		return (this.connectionDetails instanceof PropertiesCohereConnectionDetails properties)
				? properties.apiKeySource() : "getApiKey() of the " + userDefinedName();
	}

	private String baseUrlSource() {
		return (this.connectionDetails instanceof PropertiesCohereConnectionDetails properties)
				? properties.baseUrlSource() : "getBaseUrl() of the " + userDefinedName();
	}

}
