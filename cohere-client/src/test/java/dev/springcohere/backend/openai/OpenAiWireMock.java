package dev.springcohere.backend.openai;

import java.util.Map;

import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.http.CohereRetryPolicy;

/**
 * Builds {@code openai-compat} backends against a WireMock server, and SSE bodies in the
 * OpenAI framing.
 */
final class OpenAiWireMock {

	private OpenAiWireMock() {
	}

	static CohereBackend backend(String baseUrl, Map<String, String> extra) {
		BackendSettings.Builder settings = BackendSettings.builder()
			.retryPolicy(CohereRetryPolicy.none())
			.property("openai-compat.base-url", baseUrl);
		extra.forEach(settings::property);
		return new OpenAiCompatBackendProvider().create(settings.build());
	}

	/**
	 * Frames chunks as server-sent events, each as one {@code data:} line.
	 */
	static String sse(String... chunks) {
		StringBuilder body = new StringBuilder();
		for (String chunk : chunks) {
			body.append("data: ").append(chunk.replace("\n", "")).append("\n\n");
		}
		return body.toString();
	}

}
