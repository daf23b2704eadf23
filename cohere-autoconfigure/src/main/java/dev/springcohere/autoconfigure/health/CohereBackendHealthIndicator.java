package dev.springcohere.autoconfigure.health;

import java.util.Objects;

import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CohereBackend;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports a Cohere backend as up with its id and capabilities. By default it makes no
 * call (no generation, no billed request), so it is cheap enough for liveness probes;
 * with a {@link CohereApiKeyCheck} and a backend that offers
 * {@link Capability#CHECK_API_KEY check-api-key}, it also checks the API key (cached), so
 * an expired or revoked key shows as {@code DOWN}. It never shows keys or URLs with
 * credentials.
 *
 * @since 0.1.0
 */
public final class CohereBackendHealthIndicator implements HealthIndicator {

	private final CohereBackend backend;

	private final @Nullable CohereApiKeyCheck keyCheck;

	/**
	 * Creates an indicator that makes no call.
	 * @param backend the backend
	 */
	public CohereBackendHealthIndicator(CohereBackend backend) {
		this(backend, null);
	}

	/**
	 * Creates an indicator that checks the backend's key when the backend can.
	 * @param backend the backend
	 * @param keyCheck the key check of that backend, or {@code null} for none
	 */
	public CohereBackendHealthIndicator(CohereBackend backend, @Nullable CohereApiKeyCheck keyCheck) {
		this.backend = Objects.requireNonNull(backend, "'backend' must not be null");
		this.keyCheck = keyCheck;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up()
			.withDetail("backend", this.backend.id())
			.withDetail("capabilities", this.backend.capabilities().asSet().stream().map(Capability::id).toList());
		if (this.keyCheck != null) {
			if (this.backend.capabilities().supports(Capability.CHECK_API_KEY)) {
				this.keyCheck.contribute(health);
			}
			else {
				health.withDetail("apiKey", "not checked: the backend has no check-api-key");
			}
		}
		return health.build();
	}

}
