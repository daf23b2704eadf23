package dev.springcohere.backend;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.springcohere.http.ApiKey;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.http.HttpSettings;

/**
 * Immutable settings handed to a {@link CohereBackendProvider}: the common connection
 * settings (key, base URL, HTTP timeouts, retry policy, client name) plus
 * backend-specific values, each read through the typed {@link Setting} its provider
 * declares (such as {@code bedrock.region} or {@code local.max-wait}).
 * <p>
 * Values are as configured, without defaults applied: a {@code null} key or base URL
 * means "not configured", and each backend decides what that means (the {@code platform}
 * backend uses {@code https://api.cohere.com}, the {@code private} backend fails).
 * {@link #fromEnvironment()} is the one place the environment variables
 * {@code CO_API_KEY}, {@code COHERE_API_KEY} and {@code CO_API_URL} are read.
 * {@link #toString()} never shows the key.
 *
 * @since 0.1.0
 */
public final class BackendSettings {

	/**
	 * The environment variables read, in order, for the API key when none is configured.
	 */
	public static final List<String> API_KEY_VARIABLES = List.of("CO_API_KEY", "COHERE_API_KEY");

	/** The environment variable read for the base URL when none is configured. */
	public static final String BASE_URL_VARIABLE = "CO_API_URL";

	private final @Nullable ApiKey apiKey;

	private final @Nullable String baseUrl;

	private final HttpSettings httpSettings;

	private final CohereRetryPolicy retryPolicy;

	private final @Nullable String clientName;

	private final Map<String, Object> values;

	private BackendSettings(Builder builder) {
		this.apiKey = builder.apiKey;
		this.baseUrl = builder.baseUrl;
		this.httpSettings = builder.httpSettings;
		this.retryPolicy = builder.retryPolicy;
		this.clientName = builder.clientName;
		this.values = Collections.unmodifiableMap(new LinkedHashMap<>(builder.values));
	}

	/**
	 * Starts a builder with nothing configured, default HTTP settings and the default
	 * retry policy.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts a builder with the key and base URL of the process environment; see
	 * {@link Builder#environmentFallback(Function)}.
	 * @return a new builder
	 */
	public static Builder fromEnvironment() {
		return builder().environmentFallback(System::getenv);
	}

	/**
	 * Finds the API key in an environment: the first of {@link #API_KEY_VARIABLES} that
	 * is set and not blank.
	 * @param environment returns the value of a variable, or {@code null}
	 * @return the variable and its value, or {@code null} when none is set
	 */
	public static @Nullable EnvironmentValue environmentApiKey(Function<String, @Nullable String> environment) {
		for (String variable : API_KEY_VARIABLES) {
			EnvironmentValue value = EnvironmentValue.read(variable, environment);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	/**
	 * Finds the base URL in an environment ({@value #BASE_URL_VARIABLE}).
	 * @param environment returns the value of a variable, or {@code null}
	 * @return the variable and its value, or {@code null} when it is not set
	 */
	public static @Nullable EnvironmentValue environmentBaseUrl(Function<String, @Nullable String> environment) {
		return EnvironmentValue.read(BASE_URL_VARIABLE, environment);
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
		builder.values.putAll(this.values);
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
	 * Returns the HTTP settings (timeouts, headers, client customizer); HTTP backends
	 * apply {@link #baseUrl()} and {@link #clientName()} on top of them.
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
	 * Returns the name of the calling project (sent as {@code X-Client-Name} by HTTP
	 * backends).
	 * @return the client name, or {@code null}
	 */
	public @Nullable String clientName() {
		return this.clientName;
	}

	/**
	 * Returns the keys of the backend-specific values that are set.
	 * @return the keys, without the {@code cohere.} prefix
	 */
	public List<String> keys() {
		return List.copyOf(this.values.keySet());
	}

	/**
	 * Tells whether a backend-specific value is set.
	 * @param setting the setting
	 * @return true when a value is configured (its default does not count)
	 */
	public boolean isSet(Setting<?> setting) {
		return this.values.containsKey(setting.key());
	}

	/**
	 * Returns a backend-specific value, or the setting's default.
	 * @param setting the setting
	 * @param <T> the value type
	 * @return the configured value converted to the setting's type, else its default
	 * ({@code null} when it has none)
	 * @throws IllegalArgumentException naming the key, the value and the expected form
	 * when the value does not convert
	 */
	public <T> @Nullable T get(Setting<T> setting) {
		Object value = this.values.get(setting.key());
		return (value != null) ? setting.convert(value) : setting.defaultValue();
	}

	/**
	 * Returns a backend-specific value that must be set (or have a default).
	 * @param backendId the id of the backend asking, for the message
	 * @param setting the setting
	 * @param <T> the value type
	 * @return the value
	 * @throws IllegalStateException naming the backend and the property
	 * ({@code cohere.<key>}) when it is not set
	 */
	public <T> T require(String backendId, Setting<T> setting) {
		T value = get(setting);
		if (value == null) {
			throw new IllegalStateException("The '" + backendId + "' backend needs the property 'cohere."
					+ setting.key() + "'; set it in the configuration (or with BackendSettings.Builder.property(\""
					+ setting.key() + "\", ...))");
		}
		return value;
	}

	@Override
	public String toString() {
		return "BackendSettings[apiKey=" + ((this.apiKey != null) ? this.apiKey : "none") + ", baseUrl=" + this.baseUrl
				+ ", clientName=" + this.clientName + ", httpSettings=" + this.httpSettings + ", retryPolicy="
				+ this.retryPolicy + ", keys=" + this.values.keySet() + "]";
	}

	/**
	 * A value read from an environment variable.
	 *
	 * @param variable the variable's name
	 * @param value its value, stripped
	 */
	public record EnvironmentValue(String variable, String value) {

		static @Nullable EnvironmentValue read(String variable, Function<String, @Nullable String> environment) {
			String value = environment.apply(variable);
			return (value == null || value.isBlank()) ? null : new EnvironmentValue(variable, value.strip());
		}

		@Override
		public String toString() {
			return "EnvironmentValue[variable=" + this.variable + "]";
		}

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

		private final Map<String, Object> values = new LinkedHashMap<>();

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
		 * Fills the key and the base URL from an environment where they are not set:
		 * {@link BackendSettings#API_KEY_VARIABLES} then
		 * {@link BackendSettings#BASE_URL_VARIABLE}.
		 * @param environment returns the value of a variable, or {@code null}
		 * @return this builder
		 */
		public Builder environmentFallback(Function<String, @Nullable String> environment) {
			Objects.requireNonNull(environment, "'environment' must not be null");
			if (this.apiKey == null) {
				EnvironmentValue key = environmentApiKey(environment);
				this.apiKey = (key != null) ? ApiKey.of(key.value()) : null;
			}
			if (this.baseUrl == null) {
				EnvironmentValue url = environmentBaseUrl(environment);
				this.baseUrl = (url != null) ? url.value() : null;
			}
			return this;
		}

		/**
		 * Sets the HTTP settings, replacing the timeouts set before.
		 * @param httpSettings the settings
		 * @return this builder
		 */
		public Builder httpSettings(HttpSettings httpSettings) {
			this.httpSettings = Objects.requireNonNull(httpSettings, "'httpSettings' must not be null");
			return this;
		}

		/**
		 * Sets the longest time to open a connection.
		 * @param connectTimeout a positive duration
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.httpSettings = this.httpSettings.mutate().connectTimeout(connectTimeout).build();
			return this;
		}

		/**
		 * Sets the longest silence allowed while waiting for a response or between stream
		 * events.
		 * @param readTimeout a positive duration
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			this.httpSettings = this.httpSettings.mutate().readTimeout(readTimeout).build();
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
		 * Sets a backend-specific value in its text form (from a command line or a
		 * properties file); the backend parses it with its {@link Setting}. Surrounding
		 * whitespace is dropped and a blank value unsets the key.
		 * @param key the key, without the {@code cohere.} prefix
		 * @param value the text
		 * @return this builder
		 */
		public Builder property(String key, String value) {
			Objects.requireNonNull(value, "'value' must not be null");
			return value(key, value);
		}

		/**
		 * Sets a backend-specific value, typed (a {@code Duration}, an
		 * {@code Integer}...) or as text; {@code null} or blank text unsets the key. Used
		 * where the backend's {@link Setting} constants are not at hand (such as Spring
		 * Boot's property mapping); otherwise prefer {@link #set(Setting, Object)}.
		 * @param key the key, without the {@code cohere.} prefix
		 * @param value the value, or {@code null}
		 * @return this builder
		 */
		public Builder value(String key, @Nullable Object value) {
			Objects.requireNonNull(key, "'key' must not be null");
			if (value == null || (value instanceof CharSequence text && text.toString().isBlank())) {
				this.values.remove(key);
			}
			else {
				this.values.put(key, (value instanceof CharSequence text) ? text.toString().strip() : value);
			}
			return this;
		}

		/**
		 * Sets a backend-specific value.
		 * @param setting the setting
		 * @param value the value, or {@code null} to unset it
		 * @param <T> the value type
		 * @return this builder
		 */
		public <T> Builder set(Setting<T> setting, @Nullable T value) {
			return value(setting.key(), value);
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
