package dev.springcohere.springai;

import java.time.Duration;

import dev.springcohere.client.CohereClient;
import dev.springcohere.http.CohereRetryPolicy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared helpers: a real client pointed at WireMock and SSE bodies.
 */
final class Fixtures {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Fixtures() {
	}

	static CohereClient client(String baseUrl) {
		return CohereClient.builder()
			.apiKey("spring-ai-test-key")
			.baseUrl(baseUrl)
			.environment((name) -> null)
			.retryPolicy(CohereRetryPolicy.none())
			.readTimeout(Duration.ofSeconds(10))
			.build();
	}

	/** Builds an SSE body, one event per JSON payload, named by its {@code type}. */
	static String sse(String... events) {
		StringBuilder body = new StringBuilder();
		for (String event : events) {
			JsonNode node = MAPPER.readTree(event);
			body.append("event: ").append(node.get("type").asString()).append('\n');
			body.append("data: ").append(MAPPER.writeValueAsString(node)).append("\n\n");
		}
		return body.toString();
	}

	static String chatAnswer(String id, String text, String finishReason, int in, int out) {
		return """
				{"id":"%s","finish_reason":"%s","message":{"role":"assistant","content":[{"type":"text","text":%s}]},
				 "usage":{"billed_units":{"input_tokens":%d,"output_tokens":%d},"tokens":{"input_tokens":%d,"output_tokens":%d}}}"""
			.formatted(id, finishReason, MAPPER.writeValueAsString(text), in, out, in, out);
	}

	static JsonNode json(String text) {
		return MAPPER.readTree(text);
	}

}
