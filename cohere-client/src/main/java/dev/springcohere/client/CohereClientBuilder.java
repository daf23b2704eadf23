package dev.springcohere.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.DetokenizeRequest;
import dev.springcohere.api.DetokenizeResponse;
import dev.springcohere.api.EmbedRequest;
import dev.springcohere.api.EmbedResponse;
import dev.springcohere.api.ListModelsRequest;
import dev.springcohere.api.ListModelsResponse;
import dev.springcohere.api.RerankRequest;
import dev.springcohere.api.RerankResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TokenizeRequest;
import dev.springcohere.api.TokenizeResponse;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.Capabilities;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackends;
import dev.springcohere.http.ApiKey;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.http.HttpSettings;

/**
 * Builds a {@link CohereClient}; start with {@link CohereClient#builder()}. With
 * {@link #backend(CohereBackend)} the connection settings are ignored (the backend has
 * its own); otherwise the backend named by {@link #backendId(String)} is created through
 * {@link CohereBackends} from the {@link BackendSettings} collected here, the environment
 * fallbacks applied. The connection setters are shortcuts for the same setters of
 * {@link BackendSettings.Builder}.
 *
 * @since 0.1.0
 */
public final class CohereClientBuilder {

	private @Nullable CohereBackend backend;

	private String backendId = CohereClient.DEFAULT_BACKEND;

	private BackendSettings.Builder settings = BackendSettings.builder();

	private Function<String, @Nullable String> environment = System::getenv;

	private @Nullable ClassLoader classLoader;

	private RequestDefaults requestDefaults = RequestDefaults.defaults();

	private UnaryOperator<CohereBackend> backendDecorator = UnaryOperator.identity();

	private int embedBatchSize = EmbedBatcher.MAX_BATCH_SIZE;

	private int embedConcurrency = EmbedBatcher.DEFAULT_CONCURRENCY;

	CohereClientBuilder() {
	}

	/**
	 * Starts from complete backend settings, replacing what was set before.
	 * @param settings the settings (unset key and base URL still fall back to the
	 * environment)
	 * @return this builder
	 */
	public CohereClientBuilder settings(BackendSettings settings) {
		this.settings = Objects.requireNonNull(settings, "'settings' must not be null").mutate();
		return this;
	}

	/**
	 * Sets the API key; see {@link BackendSettings.Builder#apiKey(ApiKey)}.
	 * @param apiKey the key; unset, {@code CO_API_KEY} and then {@code COHERE_API_KEY}
	 * are read
	 * @return this builder
	 * @throws IllegalArgumentException if the key is blank or contains whitespace (the
	 * message does not repeat it)
	 */
	public CohereClientBuilder apiKey(String apiKey) {
		return apiKey(ApiKey.of(apiKey));
	}

	/**
	 * Sets the API key.
	 * @param apiKey the key, or {@code null} to read the environment
	 * @return this builder
	 */
	public CohereClientBuilder apiKey(@Nullable ApiKey apiKey) {
		this.settings.apiKey(apiKey);
		return this;
	}

	/**
	 * Sets the base URL of the API.
	 * @param baseUrl the URL, or {@code null} to read {@code CO_API_URL} (else the
	 * backend's default)
	 * @return this builder
	 */
	public CohereClientBuilder baseUrl(@Nullable String baseUrl) {
		this.settings.baseUrl(baseUrl);
		return this;
	}

	/**
	 * Sets the name of the calling project, sent as {@code X-Client-Name}.
	 * @param clientName the name, or {@code null} for none
	 * @return this builder
	 */
	public CohereClientBuilder clientName(@Nullable String clientName) {
		this.settings.clientName(clientName);
		return this;
	}

	/**
	 * Sets the longest time to open a connection.
	 * @param connectTimeout a positive duration
	 * @return this builder
	 */
	public CohereClientBuilder connectTimeout(Duration connectTimeout) {
		this.settings.connectTimeout(connectTimeout);
		return this;
	}

	/**
	 * Sets the longest silence allowed while waiting for a response or between stream
	 * events.
	 * @param readTimeout a positive duration
	 * @return this builder
	 */
	public CohereClientBuilder readTimeout(Duration readTimeout) {
		this.settings.readTimeout(readTimeout);
		return this;
	}

	/**
	 * Sets the HTTP settings (timeouts, headers, HTTP client customizer...), replacing
	 * the timeouts set before.
	 * @param httpSettings the settings
	 * @return this builder
	 */
	public CohereClientBuilder httpSettings(HttpSettings httpSettings) {
		this.settings.httpSettings(httpSettings);
		return this;
	}

	/**
	 * Sets the retry policy.
	 * @param retryPolicy the policy; {@link CohereRetryPolicy#none()} disables retries
	 * @return this builder
	 */
	public CohereClientBuilder retryPolicy(CohereRetryPolicy retryPolicy) {
		this.settings.retryPolicy(retryPolicy);
		return this;
	}

	/**
	 * Sets a backend-specific setting by its key, such as {@code bedrock.region}; see
	 * {@link BackendSettings.Builder#property(String, String)}.
	 * @param key the key, without the {@code cohere.} prefix
	 * @param value the value, in its text form
	 * @return this builder
	 */
	public CohereClientBuilder property(String key, String value) {
		this.settings.property(key, value);
		return this;
	}

	/**
	 * Uses a backend directly; the client does not close it.
	 * @param backend the backend, or {@code null} to create one by
	 * {@link #backendId(String)}
	 * @return this builder
	 */
	public CohereClientBuilder backend(@Nullable CohereBackend backend) {
		this.backend = backend;
		return this;
	}

	/**
	 * Sets the id of the backend to create, such as {@code platform} (the default) or
	 * {@code private}.
	 * @param backendId the id
	 * @return this builder
	 */
	public CohereClientBuilder backendId(String backendId) {
		Objects.requireNonNull(backendId, "'backendId' must not be null");
		if (backendId.isBlank()) {
			throw new IllegalArgumentException(
					"'backendId' must not be blank; use '" + CohereClient.DEFAULT_BACKEND + "'");
		}
		this.backendId = backendId.strip();
		return this;
	}

	/**
	 * Sets where environment variables are read ({@code CO_API_KEY},
	 * {@code COHERE_API_KEY}, {@code CO_API_URL}); {@code System::getenv} by default.
	 * @param environment returns the value of a variable, or {@code null}
	 * @return this builder
	 */
	public CohereClientBuilder environment(Function<String, @Nullable String> environment) {
		this.environment = Objects.requireNonNull(environment, "'environment' must not be null");
		return this;
	}

	/**
	 * Sets the class loader searched for backend providers.
	 * @param classLoader the class loader, or {@code null} for the thread's context class
	 * loader
	 * @return this builder
	 */
	public CohereClientBuilder classLoader(@Nullable ClassLoader classLoader) {
		this.classLoader = classLoader;
		return this;
	}

	/**
	 * Sets the values filled into requests that leave them unset.
	 * @param requestDefaults the defaults, {@link RequestDefaults#defaults()} by default
	 * @return this builder
	 */
	public CohereClientBuilder requestDefaults(RequestDefaults requestDefaults) {
		this.requestDefaults = Objects.requireNonNull(requestDefaults, "'requestDefaults' must not be null");
		return this;
	}

	/**
	 * Wraps the backend the calls go to, such as
	 * {@code (backend) -> new ObservedCohereBackend(backend, observationRegistry)} for
	 * Micrometer observations; a backend the builder created is still closed by the
	 * client, the wrapper or not.
	 * @param backendDecorator returns the backend to use instead of the one it is given
	 * @return this builder
	 */
	public CohereClientBuilder decorateBackend(UnaryOperator<CohereBackend> backendDecorator) {
		Objects.requireNonNull(backendDecorator, "'backendDecorator' must not be null");
		UnaryOperator<CohereBackend> previous = this.backendDecorator;
		this.backendDecorator = (backend) -> backendDecorator.apply(previous.apply(backend));
		return this;
	}

	/**
	 * Sets the most inputs per embed call; larger requests are split.
	 * @param embedBatchSize between 1 and {@value EmbedBatcher#MAX_BATCH_SIZE} (the
	 * default)
	 * @return this builder
	 * @throws IllegalArgumentException if the size is out of range
	 */
	public CohereClientBuilder embedBatchSize(int embedBatchSize) {
		this.embedBatchSize = EmbedBatcher.checkBatchSize(embedBatchSize);
		return this;
	}

	/**
	 * Sets the most embed batches sent at the same time.
	 * @param embedConcurrency at least 1; {@value EmbedBatcher#DEFAULT_CONCURRENCY} by
	 * default
	 * @return this builder
	 * @throws IllegalArgumentException if the value is below 1
	 */
	public CohereClientBuilder embedConcurrency(int embedConcurrency) {
		if (embedConcurrency < 1) {
			throw new IllegalArgumentException("'embedConcurrency' must be at least 1, but was " + embedConcurrency);
		}
		this.embedConcurrency = embedConcurrency;
		return this;
	}

	/**
	 * Builds the client, creating its backend unless one was given.
	 * @return the client
	 * @throws dev.springcohere.backend.UnknownBackendException if no backend has the
	 * configured id
	 * @throws IllegalStateException if the backend lacks a setting it needs, such as the
	 * API key
	 */
	public CohereClient build() {
		EmbedBatcher batcher = new EmbedBatcher(this.embedBatchSize, this.embedConcurrency);
		CohereBackend given = this.backend;
		if (given != null) {
			return new CohereClient(this.backendDecorator.apply(given), null, this.requestDefaults, batcher);
		}
		CohereBackends backends = (this.classLoader != null) ? CohereBackends.load(this.classLoader)
				: CohereBackends.load();
		BackendSettings settings = this.settings.build().mutate().environmentFallback(this.environment).build();
		CohereBackend created = backends.create(this.backendId, settings);
		return new CohereClient(this.backendDecorator.apply(created), created, this.requestDefaults, batcher);
	}

}
