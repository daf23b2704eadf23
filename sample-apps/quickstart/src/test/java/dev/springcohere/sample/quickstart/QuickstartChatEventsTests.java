package dev.springcohere.sample.quickstart;

import java.net.http.HttpResponse;
import java.util.ArrayList;
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
class QuickstartChatEventsTests extends AbstractSampleApiTests {

	@RegisterExtension
	static final WireMockExtension cohere = BackendStubs.server();

	@DynamicPropertySource
	static void cohereProperties(DynamicPropertyRegistry registry) {
		BackendStubs.cohereAt(registry, cohere, "test-key-quickstart");
	}

	record Event(String name, JsonNode data) {
	}

	@Test
	void streamsToolCallsTheirResultsTextAndCitationsAsTypedEvents() throws Exception {
		CohereStubs.streamedAgentRun(cohere);

		HttpResponse<String> response = postJson("/api/chat/events", """
				{"message":"Where is my order A-1001?",
				 "history":[{"role":"user","text":"Hi"},{"role":"assistant","text":"Hello! How can I help?"}],
				 "documents":[{"id":"doc-1","text":"Orders ship from Rotterdam."}]}
				""");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		List<Event> events = events(response.body());
		assertThat(events).extracting(Event::name)
			.containsExactly("tool-plan", "tool-call", "tool-result", "text", "text", "citation", "text", "end");
		assertThat(events.get(0).data().get("text").asString()).isEqualTo("I will look the order up.");
		JsonNode call = events.get(1).data();
		assertThat(call.get("id").asString()).isEqualTo("call-1");
		assertThat(call.get("name").asString()).isEqualTo("order_status");
		assertThat(call.get("arguments").get("orderId").asString()).isEqualTo("A-1001");
		JsonNode result = events.get(2).data();
		assertThat(result.get("id").asString()).isEqualTo("call-1");
		assertThat(result.get("name").asString()).isEqualTo("order_status");
		assertThat(result.get("error").asBoolean()).isFalse();
		assertThat(result.get("result").get("status").asString()).isEqualTo("shipped");
		assertThat(result.get("result").get("eta").asString()).isEqualTo("2026-11-25");
		StringBuilder text = new StringBuilder();
		events.stream()
			.filter((event) -> event.name().equals("text"))
			.forEach((event) -> text.append(event.data().get("text").asString()));
		assertThat(text).hasToString(CohereStubs.ANSWER);
		JsonNode citation = events.get(5).data();
		assertThat(text.substring(citation.get("start").asInt(), citation.get("end").asInt()))
			.isEqualTo(CohereStubs.CITED);
		assertThat(citation.get("text").asString()).isEqualTo(CohereStubs.CITED);
		JsonNode source = citation.get("sources").get(0);
		assertThat(source.get("id").asString()).isEqualTo("call-1:0");
		assertThat(source.get("type").asString()).isEqualTo("tool");
		assertThat(source.get("content").get("status").asString()).isEqualTo("shipped");
		JsonNode end = events.get(7).data();
		assertThat(end.get("finishReason").asString()).isEqualTo("COMPLETE");
		assertThat(end.get("steps").asInt()).isEqualTo(2);
		assertThat(end.get("inputTokens").asLong()).as("both model calls' tokens").isEqualTo(280);
		assertThat(end.get("outputTokens").asLong()).isEqualTo(39);
		assertThat(end.get("firstTextMs").asLong()).isBetween(0L, end.get("totalMs").asLong());

		cohere.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
		cohere.verify(
				postRequestedFor(urlEqualTo("/v2/chat")).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
					.withRequestBody(matchingJsonPath("$.strict_tools", equalTo("true")))
					.withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
					.withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Hi")))
					.withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("assistant")))
					.withRequestBody(matchingJsonPath("$.messages[2].content", equalTo("Where is my order A-1001?")))
					.withRequestBody(matchingJsonPath("$.documents[0].id", equalTo("doc-1")))
					.withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'order_status')]")));
		String toolTurn = cohere
			.findAll(postRequestedFor(urlEqualTo("/v2/chat"))
				.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]")))
			.get(0)
			.getBodyAsString();
		assertThat(toolTurn).contains("call-1").contains("2026-11-25");
	}

	@Test
	void aFailureOfCohereDuringTheRunEndsTheStreamWithAnErrorEvent() throws Exception {
		cohere.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"internal trouble\"}")));

		HttpResponse<String> response = postJson("/api/chat/events", "{\"message\":\"Hi\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		List<Event> events = events(response.body());
		assertThat(events).extracting(Event::name).containsExactly("error");
		assertThat(events.get(0).data().get("error").asString()).startsWith("Cohere call failed").contains("500");
	}

	@Test
	void badInputAnswers400NamingTheField() throws Exception {
		assertBadRequest(postJson("/api/chat/events", "{}"), "message");
		assertBadRequest(
				postJson("/api/chat/events", "{\"message\":\"Hi\",\"history\":[{\"role\":\"system\",\"text\":\"x\"}]}"),
				"history[0].role");
		assertBadRequest(postJson("/api/chat/events", "{\"message\":\"Hi\",\"history\":[{\"role\":\"user\"}]}"),
				"history[0].text");
		assertBadRequest(
				postJson("/api/chat/events", "{\"message\":\"Hi\",\"documents\":[{\"id\":\"d\",\"text\":\" \"}]}"),
				"documents[0].text");
		assertThat(cohere.getAllServeEvents()).isEmpty();
	}

	@Test
	void theWebUiIsServedAtTheRoot() throws Exception {
		HttpResponse<String> page = get("/");
		HttpResponse<String> script = get("/app.js");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<script src=\"app.js\"></script>").contains("Extract contact");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.body()).contains("api/chat/events").contains("api/extract");
	}

	private List<Event> events(String body) {
		List<Event> events = new ArrayList<>();
		for (String block : body.split("\r?\n\r?\n")) {
			String name = "message";
			StringBuilder data = new StringBuilder();
			for (String line : block.split("\r?\n")) {
				if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5));
				}
			}
			if (!data.isEmpty()) {
				events.add(new Event(name, this.json.readTree(data.toString())));
			}
		}
		return events;
	}

}
