package dev.springcohere.autoconfigure;

import dev.springcohere.backend.BackendSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

/**
 * Adapts {@link CohereProperties} to {@link CohereConnectionDetails}. A property that is
 * set wins; when it is unset or blank, the key comes from {@code CO_API_KEY} and then
 * {@code COHERE_API_KEY}, the base URL from {@code CO_API_URL} (the variables and their
 * order are {@link BackendSettings}'s, the one environment fallback), all read from the
 * application's {@link Environment} (whose {@code systemEnvironment} source holds the
 * environment variables).
 * <p>
 * Spring Boot's relaxed binding also binds the variable {@code COHERE_API_KEY} to
 * {@code cohere.api-key}; a key bound that way counts as the {@code COHERE_API_KEY}
 * fallback, so that {@code CO_API_KEY} still comes first.
 */
class PropertiesCohereConnectionDetails implements CohereConnectionDetails {

	static final String API_KEY_PROPERTY = "cohere.api-key";

	static final String BASE_URL_PROPERTY = "cohere.base-url";

	private final CohereProperties properties;

	private final Environment environment;

	PropertiesCohereConnectionDetails(CohereProperties properties, Environment environment) {
		Assert.notNull(properties, "'properties' must not be null");
		Assert.notNull(environment, "'environment' must not be null");
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public @Nullable String getApiKey() {
		Setting key = apiKey();
		return (key != null) ? key.value() : null;
	}

	@Override
	public @Nullable String getBaseUrl() {
		Setting url = baseUrl();
		return (url != null) ? url.value() : null;
	}

	/**
	 * Returns where the key comes from, to name it in an error.
	 * @return the property or environment variable the key is read from,
	 * {@code cohere.api-key} when none is set
	 */
	String apiKeySource() {
		Setting key = apiKey();
		return (key != null) ? key.source() : API_KEY_PROPERTY;
	}

	/**
	 * Returns where the base URL comes from, to name it in an error.
	 * @return the property or environment variable the URL is read from,
	 * {@code cohere.base-url} when none is set
	 */
	String baseUrlSource() {
		Setting url = baseUrl();
		return (url != null) ? url.source() : BASE_URL_PROPERTY;
	}

	private @Nullable Setting apiKey() {
		Setting key = Setting.of(API_KEY_PROPERTY, this.properties.getApiKey());
		if (key != null && !isBoundFromVariable(API_KEY_PROPERTY, BackendSettings.API_KEY_VARIABLES.get(1))) {
			return key;
		}
		return variable(BackendSettings.environmentApiKey(this.environment::getProperty));
	}

	private @Nullable Setting baseUrl() {
		Setting url = Setting.of(BASE_URL_PROPERTY, this.properties.getBaseUrl());
		return (url != null) ? url : variable(BackendSettings.environmentBaseUrl(this.environment::getProperty));
	}

	private static @Nullable Setting variable(BackendSettings.@Nullable EnvironmentValue value) {
		return (value != null) ? new Setting(value.variable(), value.value()) : null;
	}

	/**
	 * Tells whether the value bound to a property comes from the environment variable of
	 * the given name.
	 */
	private boolean isBoundFromVariable(String property, String variable) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty bound = source.getConfigurationProperty(name);
			if (bound != null) {
				return variable.equals(variableName(bound.getOrigin()));
			}
		}
		return false;
	}

	private static @Nullable String variableName(@Nullable Origin origin) {
		if (origin instanceof PropertySourceOrigin propertySourceOrigin) {
			return propertySourceOrigin.getPropertyName();
		}
		return (origin instanceof SystemEnvironmentOrigin environmentOrigin) ? environmentOrigin.getProperty() : null;
	}

	@Override
	public String toString() {
		Setting key = apiKey();
		Setting url = baseUrl();
		return "PropertiesCohereConnectionDetails[apiKey="
				+ ((key != null) ? CohereProperties.mask(key.value()) + " (" + key.source() + ")" : "none")
				+ ", baseUrl=" + ((url != null) ? url.value() + " (" + url.source() + ")" : "default") + "]";
	}

	/**
	 * A value that is set, stripped, with the name of the property or variable it was
	 * read from.
	 */
	private record Setting(String source, String value) {

		static @Nullable Setting of(String source, @Nullable String value) {
			return (value == null || value.isBlank()) ? null : new Setting(source, value.strip());
		}

		@Override
		public String toString() {
			return "Setting[source=" + this.source + "]";
		}

	}

}
