package dev.springcohere.backend.azure;

import java.util.Map;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.http.CohereRetryPolicy;

/**
 * Builds {@code azure} backends against a WireMock server.
 */
final class AzureWireMock {

	static final String KEY = "azure-endpoint-key-42";

	private AzureWireMock() {
	}

	static CohereBackend backend(String endpoint, Map<String, String> extra) {
		BackendSettings.Builder settings = BackendSettings.builder()
			.retryPolicy(CohereRetryPolicy.none())
			.property("azure.endpoint", endpoint)
			.property("azure.api-key", KEY);
		extra.forEach(settings::property);
		return new AzureBackendProvider().create(settings.build());
	}

}
