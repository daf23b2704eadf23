package dev.springcohere.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The {@link CohereBackendProvider}s available, by id; usually those
 * {@link java.util.ServiceLoader} finds on the classpath ({@link #load()}). Immutable.
 *
 * @since 0.1.0
 */
public final class CohereBackends {

	private static final Map<String, String> MODULES = Map.of("platform", "dev.springcohere:cohere-client", "private",
			"dev.springcohere:cohere-client", "azure", "dev.springcohere:cohere-client", "openai-compat",
			"dev.springcohere:cohere-client", "bedrock", "dev.springcohere:cohere-aws", "sagemaker",
			"dev.springcohere:cohere-aws", "oci", "dev.springcohere:cohere-oci", "local",
			"dev.springcohere:cohere-engine");

	private final Map<String, CohereBackendProvider> providers;

	private CohereBackends(Map<String, CohereBackendProvider> providers) {
		this.providers = Collections.unmodifiableMap(providers);
	}

	/**
	 * Finds the providers on the classpath of the current thread's context class loader
	 * (or of this class when there is none).
	 * @return the providers found
	 * @throws IllegalStateException if two providers have the same id
	 */
	public static CohereBackends load() {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		return load((loader != null) ? loader : CohereBackends.class.getClassLoader());
	}

	/**
	 * Finds the providers visible to a class loader.
	 * @param classLoader the class loader to search
	 * @return the providers found
	 * @throws IllegalStateException if two providers have the same id
	 */
	public static CohereBackends load(ClassLoader classLoader) {
		Objects.requireNonNull(classLoader, "'classLoader' must not be null");
		List<CohereBackendProvider> found = new ArrayList<>();
		ServiceLoader.load(CohereBackendProvider.class, classLoader).forEach(found::add);
		return of(found);
	}

	/**
	 * Uses the given providers.
	 * @param providers the providers
	 * @return the providers by id
	 * @throws IllegalStateException if two providers have the same id
	 */
	public static CohereBackends of(List<? extends CohereBackendProvider> providers) {
		Objects.requireNonNull(providers, "'providers' must not be null");
		Map<String, CohereBackendProvider> byId = new LinkedHashMap<>();
		for (CohereBackendProvider provider : providers) {
			Objects.requireNonNull(provider, "'providers' must not contain null");
			CohereBackendProvider previous = byId.putIfAbsent(provider.id(), provider);
			if (previous != null) {
				throw new IllegalStateException(
						"Two backend providers have the id '" + provider.id() + "': " + previous.getClass().getName()
								+ " and " + provider.getClass().getName() + "; remove one of them from the classpath");
			}
		}
		return new CohereBackends(byId);
	}

	/**
	 * Returns the ids of the available backends.
	 * @return the ids, in discovery order
	 */
	public Set<String> ids() {
		return this.providers.keySet();
	}

	/**
	 * Returns the available providers.
	 * @return the providers, in discovery order
	 */
	public List<CohereBackendProvider> providers() {
		return List.copyOf(this.providers.values());
	}

	/**
	 * Looks up a provider.
	 * @param id the backend id
	 * @return the provider, or {@code null} when none has this id
	 */
	public @Nullable CohereBackendProvider find(String id) {
		return this.providers.get(Objects.requireNonNull(id, "'id' must not be null"));
	}

	/**
	 * Returns a provider that must be available.
	 * @param id the backend id, such as {@code platform}
	 * @return the provider
	 * @throws UnknownBackendException if no provider has this id; it names the available
	 * ids and, for one of springcohere's backends, the Maven artifact that provides it
	 */
	public CohereBackendProvider get(String id) {
		CohereBackendProvider provider = find(id);
		if (provider == null) {
			throw new UnknownBackendException(id, List.copyOf(this.providers.keySet()), MODULES.get(id));
		}
		return provider;
	}

	/**
	 * Creates a backend with the provider of an id.
	 * @param id the backend id
	 * @param settings the settings
	 * @return a new backend
	 * @throws UnknownBackendException if no provider has this id
	 */
	public CohereBackend create(String id, BackendSettings settings) {
		return get(id).create(Objects.requireNonNull(settings, "'settings' must not be null"));
	}

	@Override
	public String toString() {
		return "CohereBackends" + this.providers.keySet();
	}

}
