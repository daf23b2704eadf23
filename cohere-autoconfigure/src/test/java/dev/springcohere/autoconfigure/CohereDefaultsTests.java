package dev.springcohere.autoconfigure;

import java.time.Duration;
import java.util.Map;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.backend.CohereBackends;
import dev.springcohere.backend.Setting;
import dev.springcohere.client.CohereClient;
import dev.springcohere.client.EmbedBatcher;
import dev.springcohere.client.RequestDefaults;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.http.HttpSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins every {@code cohere.*} default to the client constant it mirrors, and checks that
 * every backend setting of the providers on the class path is bound from its property and
 * reaches the backend typed.
 */
class CohereDefaultsTests {

	@Test
	void propertyDefaultsMirrorTheClientConstants() {
		CohereProperties properties = new CohereProperties();
		RequestDefaults defaults = RequestDefaults.defaults();
		assertThat(properties.getBackend()).isEqualTo(CohereClient.DEFAULT_BACKEND);
		assertThat(properties.getChat().getModel()).isEqualTo(defaults.chatModel());
		assertThat(properties.getEmbed().getModel()).isEqualTo(defaults.embedModel());
		assertThat(properties.getRerank().getModel()).isEqualTo(defaults.rerankModel());
		assertThat(properties.getEmbed().getBatchSize()).isEqualTo(EmbedBatcher.MAX_BATCH_SIZE);
		// unset so that spring.http.clients.* can supply them; the client's defaults
		// (10s, 120s) apply last, as CohereHttpClientSettingsAutoConfigurationTests shows
		assertThat(properties.getHttp().getConnectTimeout()).isNull();
		assertThat(properties.getHttp().getReadTimeout()).isNull();
		assertThat(properties.getHttp().getFollowRedirects()).isNull();
		assertThat(properties.getHttp().isLogBodies()).isEqualTo(HttpSettings.defaults().isLogBodies());
		assertThat(properties.getHttp().getSsl().getBundle()).isNull();
		assertThat(properties.getHttp().getProxy().getHost()).isNull();
		assertThat(properties.getHttp().getMaxResponseSize().toBytes())
			.isEqualTo(HttpSettings.DEFAULT_MAX_RESPONSE_SIZE);
		assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(CohereRetryPolicy.DEFAULT_MAX_ATTEMPTS);
		assertThat(properties.getRetry().getInitialBackoff()).isEqualTo(CohereRetryPolicy.DEFAULT_INITIAL_BACKOFF);
		assertThat(properties.getRetry().getMaxBackoff()).isEqualTo(CohereRetryPolicy.DEFAULT_MAX_BACKOFF);
		assertThat(properties.getRetry().isOnBrokenBody())
			.isEqualTo(CohereRetryPolicy.defaults().isRetryOnBrokenBody());
		assertThat(properties.requestDefaults()).isEqualTo(defaults);
	}

	@Test
	void unsetBackendPropertiesLeaveTheBackendsDefaults() {
		assertThat(new CohereProperties().backendValues()).isEmpty();
	}

	@Test
	void everyBackendSettingIsBoundFromItsPropertyAndReachesTheBackendTyped() {
		CohereBackends backends = CohereBackends.load();
		assertThat(backends.ids()).contains("bedrock", "sagemaker", "oci", "azure", "openai-compat");
		int checked = 0;
		for (CohereBackendProvider provider : backends.providers()) {
			for (Setting<?> setting : provider.settings()) {
				checkBinding(provider.id(), setting);
				checked++;
			}
		}
		assertThat(checked).isGreaterThan(25);
	}

	private static void checkBinding(String backendId, Setting<?> setting) {
		String text = sample(setting);
		Map<String, String> source = Map.of("cohere." + setting.key(), text);
		CohereProperties properties = new Binder(new MapConfigurationPropertySource(source))
			.bind("cohere", CohereProperties.class)
			.orElseThrow(() -> new AssertionError(backendId + ": nothing bound for cohere." + setting.key()));
		Map<String, Object> values = properties.backendValues();
		assertThat(values).as("cohere.%s of the '%s' backend", setting.key(), backendId).containsKey(setting.key());
		BackendSettings settings = BackendSettings.builder().value(setting.key(), values.get(setting.key())).build();
		assertThat((Object) settings.get(setting)).as("cohere.%s", setting.key())
			.isEqualTo(BackendSettings.builder().property(setting.key(), text).build().get(setting));
	}

	private static String sample(Setting<?> setting) {
		if (setting.type() == Duration.class) {
			return "90s";
		}
		if (setting.type() == Integer.class) {
			return "7";
		}
		if (setting.type().isEnum()) {
			Object[] constants = setting.type().getEnumConstants();
			return Setting.textOf((Enum<?>) constants[constants.length - 1]);
		}
		if (setting.type() == Long.class) {
			return "64MB";
		}
		return "sample-value";
	}

}
