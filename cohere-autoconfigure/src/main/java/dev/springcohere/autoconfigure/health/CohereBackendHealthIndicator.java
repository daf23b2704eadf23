package dev.springcohere.autoconfigure.health;

import java.util.Objects;

import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports a Cohere backend as up with its id and capabilities. It makes no call (no
 * generation, no billed request), so it is cheap enough for liveness probes; it never
 * shows keys or URLs with credentials.
 *
 * @since 0.1.0
 */
public final class CohereBackendHealthIndicator implements HealthIndicator {

	private final CohereBackend backend;

	/**
	 * Creates an indicator.
	 * @param backend the backend
	 */
	public CohereBackendHealthIndicator(CohereBackend backend) {
		this.backend = Objects.requireNonNull(backend, "'backend' must not be null");
	}

	@Override
	public Health health() {
		return Health.up()
			.withDetail("backend", this.backend.id())
			.withDetail("capabilities", this.backend.capabilities().asSet().stream().map(Capability::id).toList())
			.build();
	}

}
