package dev.springcohere.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observations of Cohere platform API calls; implement it (or extend
 * {@link DefaultCoherePlatformObservationConvention}) to change them, and pass it to
 * {@link ObservedCohereBackend} (in Spring Boot: declare it as a bean).
 *
 * @since 0.1.0
 */
public interface CoherePlatformObservationConvention extends ObservationConvention<CoherePlatformObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CoherePlatformObservationContext;
	}

}
