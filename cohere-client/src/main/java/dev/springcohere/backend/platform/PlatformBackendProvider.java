package dev.springcohere.backend.platform;

import java.util.List;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.backend.Setting;

/**
 * Provides the {@code platform} backend: Cohere's API on {@code https://api.cohere.com}
 * (or the configured base URL). It needs an API key.
 *
 * @since 0.1.0
 */
public final class PlatformBackendProvider implements CohereBackendProvider {

	/** The id of the backend. */
	public static final String ID = "platform";

	/**
	 * Where tokenize and detokenize run ({@code cohere.tokenize.offline}): {@code auto}
	 * (default), {@code always} or {@code never}; also read by the {@code private}
	 * backend.
	 */
	public static final Setting<TokenizeMode> TOKENIZE_OFFLINE = Setting.choice("tokenize.offline", TokenizeMode.class,
			TokenizeMode.AUTO);

	/**
	 * Directory of the downloaded tokenizers ({@code cohere.tokenize.cache-dir}); default
	 * {@code springcohere/tokenizers} under {@code XDG_CACHE_HOME}, else
	 * {@code ~/.cache}.
	 */
	public static final Setting<String> TOKENIZE_CACHE_DIR = Setting.text("tokenize.cache-dir", null);

	static final List<Setting<?>> SETTINGS = List.of(TOKENIZE_OFFLINE, TOKENIZE_CACHE_DIR);

	/**
	 * Creates the provider (for {@link java.util.ServiceLoader}).
	 */
	public PlatformBackendProvider() {
	}

	@Override
	public String id() {
		return ID;
	}

	/**
	 * Returns the tokenizer settings: {@link #TOKENIZE_OFFLINE} and
	 * {@link #TOKENIZE_CACHE_DIR}.
	 * @return the settings
	 */
	@Override
	public List<Setting<?>> settings() {
		return SETTINGS;
	}

	/**
	 * Creates a {@link PlatformBackend}.
	 * @param settings the settings
	 * @return the backend
	 * @throws IllegalStateException if no API key is configured
	 */
	@Override
	public CohereBackend create(BackendSettings settings) {
		if (settings.apiKey() == null) {
			throw new IllegalStateException("The 'platform' backend needs a Cohere API key: set the property "
					+ "'cohere.api-key', call CohereClient.builder().apiKey(..), or set the environment variable "
					+ "CO_API_KEY (or COHERE_API_KEY)");
		}
		return PlatformBackend.create(ID, settings);
	}

}
