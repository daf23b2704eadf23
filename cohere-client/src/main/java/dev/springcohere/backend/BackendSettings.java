package dev.springcohere.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.http.ApiKey;
import dev.springcohere.http.HttpSettings;

/**
 * Immutable settings handed to a {@link CohereBackendProvider}: the common connection settings (key, base URL,
 * HTTP timeouts, retry policy, client name) plus free-form {@link #properties() properties} from which each
 * backend reads its own keys (such as {@code bedrock.region} or {@code local.model}).
 * <p>
 * Values are as configured, without defaults applied: a {@code null} key or base URL means "not configured", and
 * each backend decides what that means (the {@code platform} backend uses {@code https://api.cohere.com}, the
 * {@code private} backend fails). {@link #toString()} never shows the key.
 *
 * @since 0.1.0
 */
public final class BackendSettings {

	private final @Nullable ApiKey apiKey;

	private final @Nullable String baseUrl;

	private final HttpSettings httpSettings;

	private final CohereRetryPolicy retryPolicy;

	private final @Nullable String clientName;

	private final Map<String, String> properties;

	private BackendSettings(Builder builder) {
		this.apiKey = builder.apiKey;
		this.baseUrl = builder.baseUrl;
		this.httpSettings = builder.httpSettings;
		this.retryPolicy = builder.retryPolicy;
		this.clientName = builder.clientName;
		this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.properties));
	}

	/**
	 * Starts a builder with nothing configured, default HTTP settings and the default retry policy.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts a builder with the values of these settings.
	 * @return a new builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.apiKey = this.apiKey;
		builder.baseUrl = this.baseUrl;
		builder.httpSettings = this.httpSettings;
		builder.retryPolicy = this.retryPolicy;
		builder.clientName = this.clientName;
		builder.properties.putAll(this.properties);
		return builder;
	}

	/**
	 * Returns the API key.
	 * @return the key, or {@code null} when none is configured
	 */
	public @Nullable ApiKey apiKey() {
		return this.apiKey;
	}

	/**
	 * Returns the configured base URL.
	 * @return the base URL, or {@code null} for the backend's default
	 */
	public @Nullable String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Returns the HTTP settings (timeouts, headers, client customizer); HTTP backends apply {@link #baseUrl()} and
	 * {@link #clientName()} on top of them.
	 * @return the HTTP settings
	 */
	public HttpSettings httpSettings() {
		return this.httpSettings;
	}

	/**
	 * Returns the retry policy.
	 * @return the retry policy
	 */
	public CohereRetryPolicy retryPolicy() {
		return this.retryPolicy;
	}

	/**
	 * Returns the name of the calling project (sent as {@code X-Client-Name} by HTTP backends).
	 * @return the client name, or {@code null}
	 */
	public @Nullable String clientName() {
		return this.clientName;
	}

	/**
	 * Returns the backend-specific properties, keyed without the {@code cohere.} prefix (such as
	 * {@code bedrock.region}).
	 * @return an unmodifiable map, never {@code null}
	 */
	public Map<String, String> properties() {
		return this.properties;
	}

	/**
	 * Returns a backend-specific property.
	 * @param key the key, such as {@code bedrock.region}
	 * @return the value without surrounding whitespace, or {@code null} when it is not set (a blank value counts as
	 * not set)
	 */
	public @Nullable String property(String key) {
		return this.properties.get(Objects.requireNonNull(key, "'key' must not be null"));
	}

	/**
	 * Returns a backend-specific property, or a default.
	 * @param key the key
	 * @param defaultValue the value to return when the property is not set
	 * @return the value or the default
	 */
	public String property(String key, String defaultValue) {
		String value = property(key);
		return (value != null) ? value : defaultValue;
	}

	/**
	 * Returns a backend-specific property that must be set.
	 * @param backendId the id of the backend asking, for the message
	 * @param key the key
	 * @return the value
	 * @throws IllegalStateException naming the backend and the property ({@code cohere.<key>}) when it is not set
	 */
	public String requireProperty(String backendId, String key) {
		String value = property(key);
		if (value == null) {
			throw new IllegalStateException("The '" + backendId + "' backend needs the property 'cohere." + key
					+ "'; set it in the configuration (or in BackendSettings.property(\"" + key + "\", ...))");
		}
		return value;
	}

	@Override
	public String toString() {
		return "BackendSettings[apiKey=" + ((this.apiKey != null) ? this.apiKey : "none") + ", baseUrl="
				+ this.baseUrl + ", clientName=" + this.clientName + ", httpSettings=" + this.httpSettings
				+ ", retryPolicy=" + this.retryPolicy + ", properties=" + this.properties.keySet() + "]";
	}

	/**
	 * Builds {@link BackendSettings}.
	 */
	public static final class Builder {

		private @Nullable ApiKey apiKey;

		private @Nullable String baseUrl;

		private HttpSettings httpSettings = HttpSettings.defaults();

		private CohereRetryPolicy retryPolicy = CohereRetryPolicy.defaults();

		private @Nullable String clientName;

		private final Map<String, String> properties = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Sets the API key.
		 * @param apiKey the key, or {@code null} for none
		 * @return this builder
		 */
		public Builder apiKey(@Nullable ApiKey apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Sets the base URL.
		 * @param baseUrl the URL, or {@code null} (or blank) for the backend's default
		 * @return this builder
		 */
		public Builder baseUrl(@Nullable String baseUrl) {
			this.baseUrl = (baseUrl == null || baseUrl.isBlank()) ? null : baseUrl.strip();
			return this;
		}

		/**
		 * Sets the HTTP settings.
		 * @param httpSettings the settings
		 * @return this builder
		 */
		public Builder httpSettings(HttpSettings httpSettings) {
			this.httpSettings = Objects.requireNonNull(httpSettings, "'httpSettings' must not be null");
			return this;
		}

		/**
		 * Sets the retry policy.
		 * @param retryPolicy the policy
		 * @return this builder
		 */
		public Builder retryPolicy(CohereRetryPolicy retryPolicy) {
			this.retryPolicy = Objects.requireNonNull(retryPolicy, "'retryPolicy' must not be null");
			return this;
		}

		/**
		 * Sets the name of the calling project.
		 * @param clientName the name, or {@code null} (or blank) for none
		 * @return this builder
		 */
		public Builder clientName(@Nullable String clientName) {
			this.clientName = (clientName == null || clientName.isBlank()) ? null : clientName.strip();
			return this;
		}

		/**
		 * Sets a backend-specific property. Like the base URL and the client name, the value is stored without
		 * surrounding whitespace, and a blank value unsets the property, so backends see either a value or nothing.
		 * @param key the key, without the {@code cohere.} prefix
		 * @param value the value
		 * @return this builder
		 */
		public Builder property(String key, String value) {
			Objects.requireNonNull(key, "'key' must not be null");
			Objects.requireNonNull(value, "'value' must not be null");
			if (value.isBlank()) {
				this.properties.remove(key);
			}
			else {
				this.properties.put(key, value.strip());
			}
			return this;
		}

		/**
		 * Adds backend-specific properties.
		 * @param properties the properties to add
		 * @return this builder
		 */
		public Builder properties(Map<String, String> properties) {
			Objects.requireNonNull(properties, "'properties' must not be null");
			properties.forEach(this::property);
			return this;
		}

		/**
		 * Builds the settings.
		 * @return the immutable settings
		 */
		public BackendSettings build() {
			return new BackendSettings(this);
		}

	}

}
