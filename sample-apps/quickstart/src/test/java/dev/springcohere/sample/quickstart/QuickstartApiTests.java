package dev.springcohere.sample.quickstart;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import dev.springcohere.sample.support.test.BackendStubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "CO_API_KEY=",
		"COHERE_API_KEY=", "CO_API_URL=", "cohere.backend=platform", "cohere.retry.max-attempts=1" })
class QuickstartApiTests extends AbstractSampleApiTests {

	@RegisterExtension
	static final WireMockExtension cohere = BackendStubs.server();

	@DynamicPropertySource
	static void cohereProperties(DynamicPropertyRegistry registry) {
		BackendStubs.cohereAt(registry, cohere, "test-key-quickstart");
	}

	@Test
	void chatSendsTheDocumentsAndMapsTheCitations() throws Exception {
		cohere.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody(
					"""
							{"id":"c1","finish_reason":"COMPLETE","message":{"role":"assistant",
							 "content":[{"type":"text","text":"Emperor penguins are the tallest."}],
							 "citations":[{"start":0,"end":16,"text":"Emperor penguins","type":"TEXT_CONTENT",
							   "sources":[{"type":"document","id":"doc-7","document":{"id":"doc-7","text":"Emperor penguins are tall."}}]}]},
							 "usage":{"billed_units":{"input_tokens":12,"output_tokens":6},"tokens":{"input_tokens":40,"output_tokens":6}}}
							""")));

		HttpResponse<String> response = postJson("/api/chat",
				"""
						{"message":"Which penguins are the tallest?","documents":[{"id":"doc-7","text":"Emperor penguins are tall."}]}
						""");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.get("text").asString()).isEqualTo("Emperor penguins are the tallest.");
		assertThat(body.get("finishReason").asString()).isEqualTo("COMPLETE");
		JsonNode citation = body.get("citations").get(0);
		assertThat(citation.get("start").asInt()).isEqualTo(0);
		assertThat(citation.get("end").asInt()).isEqualTo(16);
		assertThat(citation.get("text").asString()).isEqualTo("Emperor penguins");
		assertThat(citation.get("sources").get(0).asString()).isEqualTo("doc-7");
		assertThat(body.get("usage").isObject()).isTrue();
		cohere.verify(postRequestedFor(urlEqualTo("/v2/chat"))
			.withHeader("Authorization", equalTo("Bearer test-key-quickstart"))
			.withRequestBody(matchingJsonPath("$.documents[0].id", equalTo("doc-7")))
			.withRequestBody(matchingJsonPath("$.documents[0].data.text", equalTo("Emperor penguins are tall.")))
			.withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Which penguins are the tallest?"))));
	}

	@Test
	void chatStreamForwardsTheDeltasInOrderThenEnd() throws Exception {
		String sse = event("message-start",
				"{\"type\":\"message-start\",\"id\":\"s1\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}")
				+ event("content-start",
						"{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"\"}}}}")
				+ event("content-delta",
						"{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Hello\"}}}}")
				+ event("content-delta",
						"{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\" brave\"}}}}")
				+ event("content-delta",
						"{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\" world\"}}}}")
				+ event("content-delta",
						"{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"!\\n\\n  Next\"}}}}")
				+ event("content-end", "{\"type\":\"content-end\",\"index\":0}")
				+ event("message-end", "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\"}}");
		cohere.stubFor(post(urlEqualTo("/v2/chat"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse)));

		HttpResponse<String> response = get("/api/chat/stream?message=Say%20hello");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		List<String[]> events = SseSpecReader.read(response.body());
		assertThat(events).extracting((event) -> event[1])
			.containsExactly("Hello", " brave", " world", "!\n\n  Next", "");
		assertThat(events).extracting((event) -> event[0])
			.containsExactly("message", "message", "message", "message", "end");
		cohere.verify(
				postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
					.withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Say hello"))));
	}

	@Test
	void embedReturnsOneFloatVectorPerText() throws Exception {
		cohere.stubFor(post(urlEqualTo("/v2/embed"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"e1","response_type":"embeddings_by_type","embeddings":{"float":[[0.25,-0.5],[0.75,1.0]]},
					 "texts":["first","second"],"meta":{}}
					""")));

		HttpResponse<String> response = postJson("/api/embed",
				"{\"texts\":[\"first\",\"second\"],\"inputType\":\"search_query\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode embeddings = this.json.readTree(response.body()).get("embeddings");
		assertThat(embeddings.size()).isEqualTo(2);
		assertThat(embeddings.get(0).get(1).asDouble()).isEqualTo(-0.5);
		assertThat(embeddings.get(1).get(0).asDouble()).isEqualTo(0.75);
		cohere.verify(postRequestedFor(urlEqualTo("/v2/embed"))
			.withRequestBody(matchingJsonPath("$.input_type", equalTo("search_query")))
			.withRequestBody(matchingJsonPath("$.texts[1]", equalTo("second"))));
	}

	@Test
	void rerankReturnsIndexesAndScores() throws Exception {
		cohere.stubFor(post(urlEqualTo("/v2/rerank")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody(
					"""
							{"id":"r1","results":[{"index":1,"relevance_score":0.93},{"index":0,"relevance_score":0.12}],"meta":{}}
							""")));

		HttpResponse<String> response = postJson("/api/rerank",
				"{\"query\":\"capital of France\",\"documents\":[\"Berlin is in Germany\",\"Paris is the capital of France\"],\"topN\":2}");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode results = this.json.readTree(response.body()).get("results");
		assertThat(results.get(0).get("index").asInt()).isEqualTo(1);
		assertThat(results.get(0).get("relevanceScore").asDouble()).isEqualTo(0.93);
		assertThat(results.get(1).get("index").asInt()).isEqualTo(0);
		cohere.verify(
				postRequestedFor(urlEqualTo("/v2/rerank")).withRequestBody(matchingJsonPath("$.top_n", equalTo("2")))
					.withRequestBody(matchingJsonPath("$.query", equalTo("capital of France"))));
	}

	@Test
	void agentExecutesTheSampleToolAndReportsTheCall() throws Exception {
		CohereStubs.blockingAgentRun(cohere);

		HttpResponse<String> response = postJson("/api/agent", "{\"message\":\"Where is my order A-1001?\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.get("text").asString()).isEqualTo(CohereStubs.BLOCKING_ANSWER);
		assertThat(body.get("toolCalls").size()).isEqualTo(1);
		assertThat(body.get("toolCalls").get(0).get("name").asString()).isEqualTo("order_status");
		assertThat(body.get("toolCalls").get(0).get("arguments").get("orderId").asString()).isEqualTo("A-1001");
		cohere.verify(postRequestedFor(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.strict_tools", equalTo("true")))
			.withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'product_lookup')]"))
			.withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'order_status')]")));
		String toolResult = cohere
			.findAll(postRequestedFor(urlEqualTo("/v2/chat"))
				.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]")))
			.get(0)
			.getBodyAsString();
		assertThat(toolResult).contains("call-1").contains("shipped").contains("2026-11-25");
	}

	@Test
	void agentReportsToolArgumentsThatAreNotJsonAsTextInsteadOfFailing() throws Exception {
		cohere.stubFor(post(urlEqualTo("/v2/chat")).atPriority(5)
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(
						"""
								{"id":"a1","finish_reason":"TOOL_CALL","message":{"role":"assistant",
								 "tool_calls":[{"id":"call-1","type":"function","function":{"name":"order_status","arguments":"orderId=A-1001"}}]}}
								""")));
		cohere.stubFor(post(urlEqualTo("/v2/chat")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"a2","finish_reason":"COMPLETE","message":{"role":"assistant",
					 "content":[{"type":"text","text":"I could not look the order up."}]}}
					""")));

		HttpResponse<String> response = postJson("/api/agent", "{\"message\":\"Where is my order A-1001?\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode call = this.json.readTree(response.body()).get("toolCalls").get(0);
		assertThat(call.get("name").asString()).isEqualTo("order_status");
		assertThat(call.get("arguments").asString()).isEqualTo("orderId=A-1001");
	}

	@Test
	void aStreamThatFailsBeforeAnyTextEndsWithAnErrorEventAndAnyClientGetsJsonErrors() throws Exception {
		cohere.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"internal\"}")));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/chat/stream?message=Hi"))
			.header("Accept", "text/event-stream")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<String[]> events = SseSpecReader.read(response.body());
		assertThat(events).hasSize(1);
		assertThat(events.get(0)[0]).isEqualTo("error");
		assertThat(this.json.readTree(events.get(0)[1]).get("error").asString()).contains("Cohere call failed")
			.contains("500");
		HttpResponse<String> badRequest = this.http.send(
				HttpRequest.newBuilder(uri("/api/chat/stream")).header("Accept", "text/event-stream").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(badRequest.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(badRequest.body()).get("error").asString()).contains("message");
	}

	@Test
	void oversizedRequestsAreRefusedBeforeReachingCohere() throws Exception {
		HttpResponse<String> huge = postJson("/api/chat", "{\"message\":\"" + "x".repeat(2_000_000) + "\"}");
		assertThat(huge.statusCode()).isEqualTo(413);
		assertThat(error(huge)).contains("1048576 bytes").contains("sample.limits.max-request-size");
		byte[] chunked = ("{\"message\":\"" + "y".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> streamed = this.http.send(HttpRequest.newBuilder(uri("/api/chat"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(streamed.statusCode()).isEqualTo(413);
		assertThat(error(streamed)).contains("sample.limits.max-request-size");
		String documents = String.join(",", Collections.nCopies(1001, "{\"id\":\"d\",\"text\":\"t\"}"));
		HttpResponse<String> many = postJson("/api/chat", "{\"message\":\"Hi\",\"documents\":[" + documents + "]}");
		assertThat(many.statusCode()).isEqualTo(400);
		assertThat(error(many)).contains("'documents' holds 1001 items").contains("at most 1000");
		cohere.verify(0, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void extractReturnsTheStructuredRecord() throws Exception {
		cohere.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody(
					"""
							{"id":"x1","finish_reason":"COMPLETE","message":{"role":"assistant","content":[{"type":"text",
							 "text":"{\\"name\\":\\"Ada Lovelace\\",\\"email\\":\\"ada@example.org\\",\\"phone\\":\\"+44 20 1234\\",\\"company\\":\\"Analytical Engines\\"}"}]}}
							""")));

		HttpResponse<String> response = postJson("/api/extract",
				"{\"text\":\"Write to Ada Lovelace (Analytical Engines) at ada@example.org or call +44 20 1234.\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.get("name").asString()).isEqualTo("Ada Lovelace");
		assertThat(body.get("email").asString()).isEqualTo("ada@example.org");
		assertThat(body.get("phone").asString()).isEqualTo("+44 20 1234");
		assertThat(body.get("company").asString()).isEqualTo("Analytical Engines");
		cohere.verify(postRequestedFor(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_object")))
			.withRequestBody(matchingJsonPath("$.response_format.json_schema.properties.company")));
	}

	@Test
	void badInputAnswers400NamingTheField() throws Exception {
		assertBadRequest(postJson("/api/chat", "{}"), "message");
		assertBadRequest(postJson("/api/embed", "{\"texts\":[]}"), "texts");
		assertBadRequest(postJson("/api/rerank", "{\"query\":\"q\"}"), "documents");
		assertBadRequest(postJson("/api/agent", "{\"message\":\"  \"}"), "message");
		assertBadRequest(postJson("/api/extract", "{}"), "text");
		assertBadRequest(get("/api/chat/stream"), "message");
		assertThat(cohere.getAllServeEvents()).isEmpty();
	}

	private static String event(String name, String data) {
		return "event: " + name + "\ndata: " + data + "\n\n";
	}

}
