package dev.springcohere.autoconfigure;

import dev.springcohere.backend.CohereBackend;

/**
 * Wraps the auto-configured {@link CohereBackend} (for observations, logging,
 * caching...). Every bean of this type is applied in order, the first innermost.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CohereBackendDecorator {

	/**
	 * Wraps a backend.
	 * @param backend the backend
	 * @return the backend to use instead (or the same one)
	 */
	CohereBackend decorate(CohereBackend backend);

}
