package dev.springcohere.backend.v1;

import java.util.Objects;

import dev.springcohere.api.error.UnsupportedCapabilityException;
import dev.springcohere.backend.Capability;
import dev.springcohere.backend.CapabilityRoutingBackend;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.DelegatingCohereBackend;

/**
 * Finds the {@link CohereV1Backend} behind a backend, through decorators and capability
 * routing.
 */
final class V1Backends {

	private V1Backends() {
	}

	static CohereV1Backend find(CohereBackend backend) {
		Objects.requireNonNull(backend, "'backend' must not be null");
		CohereBackend current = backend;
		for (int depth = 0; depth < 16; depth++) {
			if (current instanceof CohereV1Backend.Source source) {
				return source.v1();
			}
			if (current instanceof DelegatingCohereBackend delegating) {
				current = delegating.getDelegate();
			}
			else if (current instanceof CapabilityRoutingBackend routing) {
				current = routing.delegateFor(Capability.CHAT);
			}
			else {
				break;
			}
		}
		throw new UnsupportedCapabilityException(backend.id(), "v1 chat, generate and summarize",
				"Cohere's v1 endpoints are offered by the 'platform' and 'private' backends (and 'azure' with its "
						+ "Cohere-native api); the v2 chat works on every backend");
	}

}
