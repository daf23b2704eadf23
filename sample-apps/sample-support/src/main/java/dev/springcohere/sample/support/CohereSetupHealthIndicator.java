package dev.springcohere.sample.support;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The samples start without Cohere settings (so that their endpoints can say what to
 * set); this indicator keeps their health honest meanwhile: DOWN with the same reason the
 * endpoints' 503 gives, UP once the client can be created. It makes no call to Cohere.
 */
public final class CohereSetupHealthIndicator implements HealthIndicator {

	private final CohereAccess access;

	/**
	 * Creates the indicator.
	 * @param access the access to the client
	 */
	public CohereSetupHealthIndicator(CohereAccess access) {
		this.access = access;
	}

	@Override
	public Health health() {
		try {
			this.access.client();
			return Health.up().build();
		}
		catch (ApiException ex) {
			return Health.down().withDetail("reason", ex.getMessage()).build();
		}
	}

}
