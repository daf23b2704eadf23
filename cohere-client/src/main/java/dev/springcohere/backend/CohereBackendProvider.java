package dev.springcohere.backend;

import java.util.List;

/**
 * Creates {@link CohereBackend}s of one kind; found through
 * {@link java.util.ServiceLoader} (list the implementation in
 * {@code META-INF/services/dev.springcohere.backend.CohereBackendProvider}).
 * Implementations have a public no-argument constructor and are stateless.
 *
 * @since 0.1.0
 * @see CohereBackends
 */
public interface CohereBackendProvider {

	/**
	 * Returns the id of the backends this provider creates, such as {@code platform} (the
	 * value of the {@code cohere.backend} property).
	 * @return the backend id
	 */
	String id();

	/**
	 * Returns the backend-specific settings this provider reads, with their keys and
	 * defaults; tools and tests list them, and Spring Boot's {@code cohere.*} properties
	 * map onto them.
	 * @return the settings, empty when the backend has none of its own
	 */
	default List<Setting<?>> settings() {
		return List.of();
	}

	/**
	 * Creates a backend.
	 * @param settings the settings; backend-specific keys are read from
	 * {@link BackendSettings#properties()}
	 * @return a new backend, which the caller closes
	 * @throws IllegalStateException if the settings lack something the backend needs (the
	 * message says what)
	 */
	CohereBackend create(BackendSettings settings);

}
