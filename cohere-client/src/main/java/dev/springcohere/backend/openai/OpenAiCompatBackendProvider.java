package dev.springcohere.backend.openai;

import java.util.List;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.backend.Setting;
import dev.springcohere.http.ApiKey;

/**
 * Provides the {@code openai-compat} backend: an OpenAI-compatible server (Cohere's
 * compatibility API, vLLM, TGI, LiteLLM) at {@code openai-compat.base-url}, with an
 * optional bearer key in {@code openai-compat.api-key} (the Cohere key
 * {@code cohere.api-key} is never sent there) and an optional Cohere-style rerank route
 * in {@code openai-compat.rerank-path}.
 *
 * @since 0.1.0
 */
public final class OpenAiCompatBackendProvider implements CohereBackendProvider {

	/** The id of the backend. */
	public static final String ID = "openai-compat";

	/** The base URL, such as {@code http://vllm:8000/v1}. */
	public static final Setting<String> BASE_URL = Setting.text("openai-compat.base-url", null);

	/** The optional bearer key. */
	public static final Setting<String> API_KEY = Setting.text("openai-compat.api-key", null);

	/** The optional rerank path, such as {@code /rerank}. */
	public static final Setting<String> RERANK_PATH = Setting.text("openai-compat.rerank-path", null);

	/**
	 * Creates the provider (for {@link java.util.ServiceLoader}).
	 */
	public OpenAiCompatBackendProvider() {
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public List<Setting<?>> settings() {
		return List.of(BASE_URL, API_KEY, RERANK_PATH);
	}

	/**
	 * Creates an {@link OpenAiCompatBackend}.
	 * @param settings the settings
	 * @return the backend
	 * @throws IllegalStateException if no base URL is configured, or the rerank path is
	 * not a path
	 */
	@Override
	public CohereBackend create(BackendSettings settings) {
		String baseUrl = settings.get(BASE_URL);
		if (baseUrl == null) {
			throw new IllegalStateException("The 'openai-compat' backend needs the base URL of the OpenAI-compatible "
					+ "server, including its version prefix (such as 'http://vllm:8000/v1' or "
					+ "'https://api.cohere.ai/compatibility/v1'): set the property 'cohere." + BASE_URL.key() + "'");
		}
		String key = settings.get(API_KEY);
		ApiKey apiKey = (key != null) ? apiKey(key) : null;
		OpenAiRoutes.Builder routes = OpenAiRoutes.builder();
		String rerankPath = settings.get(RERANK_PATH);
		if (rerankPath != null) {
			try {
				routes.rerankPath(rerankPath);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException(
						"The property 'cohere." + RERANK_PATH.key() + "' must be a path below the "
								+ "base URL starting with '/', such as '/rerank', but was '" + rerankPath + "'",
						ex);
			}
		}
		try {
			return OpenAiCompatBackend.create(ID, settings, baseUrl, apiKey, routes.build());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"The property 'cohere." + BASE_URL.key() + "' is not usable: " + ex.getMessage(), ex);
		}
	}

	private static ApiKey apiKey(String key) {
		try {
			return ApiKey.of(key);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The property 'cohere." + API_KEY.key() + "' is not a valid key: "
					+ ex.getMessage()
						.replace("'cohere.api-key' property or the CO_API_KEY environment variable",
								"'cohere." + API_KEY.key() + "' property"),
					ex);
		}
	}

}
