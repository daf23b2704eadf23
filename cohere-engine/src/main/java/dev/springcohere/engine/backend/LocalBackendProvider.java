package dev.springcohere.engine.backend;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackendProvider;
import dev.springcohere.engine.hub.HubClient;
import dev.springcohere.engine.hub.HubSettings;
import dev.springcohere.engine.hub.ModelLocator;

/**
 * Provides the {@code local} backend ({@code cohere.backend=local}), configured by these properties (keys without
 * the {@code cohere.} prefix):
 * <ul>
 * <li>{@code local.model} (required): a checkpoint directory or a Hugging Face model id
 * ({@code org/name[@revision]}, such as {@code CohereLabs/c4ai-command-r7b-12-2024}), downloaded into the cache;</li>
 * <li>{@code local.embed-model}, {@code local.rerank-model}: the same for a BERT-family embedding model and a
 * cross-encoder reranker (optional; without them embed and rerank are not offered);</li>
 * <li>{@code local.device}: {@code auto} (default) or {@code cpu}; {@code cuda} is not in this build;</li>
 * <li>{@code local.cache-dir}, {@code local.hub-url}: the Hugging Face cache folder and Hub endpoint (default: the
 * {@code HF_*} environment variables, as Hugging Face's libraries read them);</li>
 * <li>{@code local.max-context} (default: the model's, at most 8192), {@code local.pool-size} (default 1),
 * {@code local.threads} (default: available processors), {@code local.max-queued} (default 64) and
 * {@code local.max-wait} (an ISO-8601 duration such as {@code PT5M} or a number of seconds; default 5
 * minutes).</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class LocalBackendProvider implements CohereBackendProvider {

	/**
	 * Creates the provider (for {@link java.util.ServiceLoader}).
	 */
	public LocalBackendProvider() {
	}

	@Override
	public String id() {
		return LocalBackend.ID;
	}

	/**
	 * Resolves the models (downloading them when given as ids) and loads a {@link LocalBackend}.
	 * @param settings the settings
	 * @return the backend
	 * @throws IllegalStateException if {@code local.model} is missing or a property has an unusable value
	 */
	@Override
	public CohereBackend create(BackendSettings settings) {
		String model = settings.requireProperty(LocalBackend.ID, "local.model");
		String device = settings.property("local.device", "auto").toLowerCase(Locale.ROOT);
		switch (device) {
			case "auto", "cpu" -> {
			}
			case "cuda", "gpu" -> throw new IllegalStateException("cohere.local.device=" + device
					+ " is not available: this build of the local backend runs on the CPU only; use 'auto' or 'cpu'");
			default -> throw new IllegalStateException("cohere.local.device must be 'auto' or 'cpu', got '"
					+ device + "'");
		}
		ModelLocator locator = new ModelLocator(HubClient.builder().settings(hubSettings(settings)).build());
		LocalBackend.Builder builder = LocalBackend.builder(resolve(locator, model, "local.model"))
			.modelName(model);
		String embed = settings.property("local.embed-model");
		if (embed != null) {
			builder.embedModel(resolve(locator, embed, "local.embed-model"), embed);
		}
		String rerank = settings.property("local.rerank-model");
		if (rerank != null) {
			builder.rerankModel(resolve(locator, rerank, "local.rerank-model"), rerank);
		}
		Integer maxContext = integer(settings, "local.max-context");
		Integer poolSize = integer(settings, "local.pool-size");
		Integer threads = integer(settings, "local.threads");
		Integer maxQueued = integer(settings, "local.max-queued");
		try {
			if (maxContext != null) {
				builder.maxContext(maxContext);
			}
			if (poolSize != null) {
				builder.poolSize(poolSize);
			}
			if (threads != null) {
				builder.threads(threads);
			}
			if (maxQueued != null) {
				builder.maxQueued(maxQueued);
			}
			String maxWait = settings.property("local.max-wait");
			if (maxWait != null) {
				builder.maxWait(duration(maxWait));
			}
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
		return builder.build();
	}

	private static HubSettings hubSettings(BackendSettings settings) {
		HubSettings.Builder hub = HubSettings.fromEnvironment(System.getenv()).mutate();
		String cacheDir = settings.property("local.cache-dir");
		if (cacheDir != null) {
			hub.cacheDir(Path.of(cacheDir));
		}
		String hubUrl = settings.property("local.hub-url");
		if (hubUrl != null) {
			try {
				hub.endpoint(hubUrl);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("cohere.local.hub-url is not a usable URL: " + ex.getMessage(), ex);
			}
		}
		return hub.build();
	}

	private static Path resolve(ModelLocator locator, String model, String key) {
		try {
			return locator.resolve(model);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("cohere." + key + ": " + ex.getMessage(), ex);
		}
	}

	private static @Nullable Integer integer(BackendSettings settings, String key) {
		String value = settings.property(key);
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("cohere." + key + " must be a whole number, got '" + value + "'", ex);
		}
	}

	private static Duration duration(String value) {
		try {
			return value.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(value))
					: Duration.parse(value);
		}
		catch (DateTimeParseException | NumberFormatException ex) {
			throw new IllegalStateException("cohere.local.max-wait must be an ISO-8601 duration such as PT5M or a "
					+ "number of seconds, got '" + value + "'", ex);
		}
	}


}
