package dev.springcohere.sample.quickstart;

import com.github.tomakehurst.wiremock.junit.Stubbing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Cohere v2 responses served by WireMock for the web UI's tests: a streamed agent run in
 * which the model first calls {@code order_status} and then answers citing the tool's
 * output, and a structured extraction.
 */
final class CohereStubs {

	/** The streamed answer of the second model call. */
	static final String ANSWER = "Order A-1001 has shipped and should arrive on 2026-11-25.";

	/** The answer of the second model call of {@link #blockingAgentRun(Stubbing)}. */
	static final String BLOCKING_ANSWER = "Order A-1001 has shipped.";

	/** The cited span of {@link #ANSWER}. */
	static final String CITED = "has shipped";

	private CohereStubs() {
	}

	/**
	 * Stubs {@code POST /v2/chat} with a streamed two-step agent run: step 1 plans and
	 * calls {@code order_status} for {@code A-1001}; step 2 (requests that carry the
	 * {@code tool} message) streams {@link #ANSWER} in three deltas with a citation of
	 * {@link #CITED} pointing at the tool result.
	 * @param cohere the server
	 */
	static void streamedAgentRun(Stubbing cohere) {
		streamedAgentRun(cohere, 0);
	}

	/**
	 * Stubs the streamed agent run of {@link #streamedAgentRun(Stubbing)}, sending the
	 * answer of step 2 in chunks spread over the given time so that a browser shows it
	 * arriving.
	 * @param cohere the server
	 * @param answerMillis how long the answer's stream takes, 0 to send it at once
	 */
	static void streamedAgentRun(Stubbing cohere, int answerMillis) {
		String step1 = event("message-start",
				"{\"type\":\"message-start\",\"id\":\"s1\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}")
				+ event("tool-plan-delta",
						"{\"type\":\"tool-plan-delta\",\"delta\":{\"message\":{\"tool_plan\":\"I will look the order up.\"}}}")
				+ event("tool-call-start",
						"{\"type\":\"tool-call-start\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":"
								+ "{\"id\":\"call-1\",\"type\":\"function\",\"function\":{\"name\":\"order_status\",\"arguments\":\"\"}}}}}")
				+ event("tool-call-delta",
						"{\"type\":\"tool-call-delta\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":"
								+ "{\"function\":{\"arguments\":\"{\\\"orderId\\\": \\\"A-1001\\\"}\"}}}}}")
				+ event("tool-call-end", "{\"type\":\"tool-call-end\",\"index\":0}")
				+ event("message-end", "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"TOOL_CALL\","
						+ "\"usage\":{\"tokens\":{\"input_tokens\":120,\"output_tokens\":25}}}}");
		int start = ANSWER.indexOf(CITED);
		String step2 = event("message-start",
				"{\"type\":\"message-start\",\"id\":\"s2\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}")
				+ event("content-start",
						"{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"\"}}}}")
				+ delta("Order A-1001 ") + delta("has shipped")
				+ event("citation-start",
						"{\"type\":\"citation-start\",\"index\":0,\"delta\":{\"message\":{\"citations\":{\"start\":"
								+ start + ",\"end\":" + (start + CITED.length()) + ",\"text\":\"" + CITED
								+ "\",\"type\":\"TEXT_CONTENT\","
								+ "\"sources\":[{\"type\":\"tool\",\"id\":\"call-1:0\",\"tool_output\":"
								+ "{\"orderId\":\"A-1001\",\"status\":\"shipped\",\"eta\":\"2026-11-25\"}}]}}}}")
				+ event("citation-end", "{\"type\":\"citation-end\",\"index\":0}")
				+ delta(" and should arrive on 2026-11-25.")
				+ event("content-end", "{\"type\":\"content-end\",\"index\":0}")
				+ event("message-end",
						"{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\","
								+ "\"usage\":{\"billed_units\":{\"input_tokens\":30,\"output_tokens\":14},"
								+ "\"tokens\":{\"input_tokens\":160,\"output_tokens\":14}}}}");
		cohere.stubFor(post(urlEqualTo("/v2/chat")).atPriority(5)
			.withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(step1)));
		cohere.stubFor(post(urlEqualTo("/v2/chat")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
			.willReturn((answerMillis > 0)
					? aResponse().withHeader("Content-Type", "text/event-stream")
						.withBody(step2)
						.withChunkedDribbleDelay(12, answerMillis)
					: aResponse().withHeader("Content-Type", "text/event-stream").withBody(step2)));
	}

	/**
	 * Stubs a non-streamed two-step agent run on {@code POST /v2/chat}: step 1 plans and
	 * calls {@code order_status} for {@code A-1001}; step 2 (requests that carry the
	 * {@code tool} message) answers {@link #BLOCKING_ANSWER}.
	 * @param cohere the server
	 */
	static void blockingAgentRun(Stubbing cohere) {
		cohere.stubFor(post(urlEqualTo("/v2/chat")).atPriority(5)
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(
						"""
								{"id":"a1","finish_reason":"TOOL_CALL","message":{"role":"assistant","tool_plan":"I will look the order up.",
								 "tool_calls":[{"id":"call-1","type":"function","function":{"name":"order_status","arguments":"{\\"orderId\\":\\"A-1001\\"}"}}]}}
								""")));
		cohere.stubFor(post(urlEqualTo("/v2/chat")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"a2","finish_reason":"COMPLETE","message":{"role":"assistant",
					 "content":[{"type":"text","text":"Order A-1001 has shipped."}]}}
					""")));
	}

	/**
	 * Stubs the non-streamed {@code POST /v2/chat} of {@code /api/extract} with a contact
	 * as JSON.
	 * @param cohere the server
	 */
	static void extraction(Stubbing cohere) {
		cohere.stubFor(post(urlEqualTo("/v2/chat")).atPriority(3)
			.withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object")))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(
						"""
								{"id":"x1","finish_reason":"COMPLETE","message":{"role":"assistant","content":[{"type":"text",
								 "text":"{\\"name\\":\\"Ada Lovelace\\",\\"email\\":\\"ada@example.org\\",\\"phone\\":\\"+44 20 1234\\",\\"company\\":\\"Analytical Engines\\"}"}]}}
								""")));
	}

	private static String delta(String text) {
		return event("content-delta",
				"{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"" + text
						+ "\"}}}}");
	}

	private static String event(String name, String data) {
		return "event: " + name + "\ndata: " + data + "\n\n";
	}

}
