package dev.springcohere.springai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.springcohere.annotation.CohereTool;
import dev.springcohere.client.CohereClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.ai.chat.client.ChatClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring AI's {@code ChatClient}, unchanged, on top of {@link CohereChatModel}.
 */
class CohereChatClientTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final CohereClient client = Fixtures.client(server.baseUrl());

	private final CohereChatModel model = CohereChatModel.builder().cohereClient(this.client).build();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	record City(String name, String country, int population) {
	}

	static class WeatherTools {

		final List<String> cities = new CopyOnWriteArrayList<>();

		@CohereTool(description = "Current weather in a city")
		public String weather(String city) {
			this.cities.add(city);
			return "sunny, 21 C in " + city;
		}

	}

	@Test
	void contentReturnsTheAnswerText() {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"model":"command-a-03-2025","messages":[{"role":"user","content":"Say hello"}]}"""))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.chatAnswer("r-1", "Hello!", "COMPLETE", 3, 2))));

		String content = ChatClient.create(this.model).prompt().user("Say hello").call().content();

		assertThat(content).isEqualTo("Hello!");
	}

	@Test
	void entityParsesTheJsonAnswerIntoARecord() {
		server
			.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.chatAnswer("r-2",
						"```json\n{\"name\":\"Oslo\",\"country\":\"Norway\",\"population\":709000}\n```", "COMPLETE",
						30, 12))));

		City city = ChatClient.create(this.model).prompt().user("Tell me about Oslo").call().entity(City.class);

		assertThat(city).isEqualTo(new City("Oslo", "Norway", 709000));
		LoggedRequest request = server.findAll(postRequestedFor(urlEqualTo("/v2/chat"))).get(0);
		JsonNode body = Fixtures.json(request.getBodyAsString());
		String sent = body.toString();
		// either format instructions in the prompt or a JSON schema response format carry
		// the record's fields
		assertThat(sent).contains("population").contains("country");
	}

	@Test
	void nativeStructuredOutputSendsTheRecordSchemaAsResponseFormat() {
		server
			.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.chatAnswer("r-3", "{\"name\":\"Oslo\",\"country\":\"Norway\",\"population\":709000}",
						"COMPLETE", 30, 12))));

		City city = ChatClient.create(this.model)
			.prompt()
			.advisors(org.springframework.ai.chat.client.AdvisorParams.ENABLE_NATIVE_STRUCTURED_OUTPUT)
			.user("Tell me about Oslo")
			.call()
			.entity(City.class);

		assertThat(city).isEqualTo(new City("Oslo", "Norway", 709000));
		JsonNode body = Fixtures
			.json(server.findAll(postRequestedFor(urlEqualTo("/v2/chat"))).get(0).getBodyAsString());
		assertThat(body.at("/response_format/type").asString()).isEqualTo("json_object");
		assertThat(body.at("/response_format/json_schema/properties").propertyNames()).contains("name", "country",
				"population");
		assertThat(body.toString()).as("no format instructions in the prompt when the schema is sent natively")
			.doesNotContain("RFC8259");
	}

	@Test
	void toolsRunsTheCohereToolAndSendsItsResultBack() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]",
					com.github.tomakehurst.wiremock.client.WireMock.absent()))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(
						"""
								{"id":"t-1","finish_reason":"TOOL_CALL","message":{"role":"assistant","tool_plan":"I will check.",
								 "tool_calls":[{"id":"w1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
								 "usage":{"tokens":{"input_tokens":20,"output_tokens":8}}}""")));
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"messages":[{"role":"user","content":"Weather in Oslo?"},
				 {"role":"assistant","tool_calls":[{"id":"w1","type":"function",
				   "function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}],"tool_plan":"I will check."},
				 {"role":"tool","tool_call_id":"w1","content":"sunny, 21 C in Oslo"}]}""", false, true))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.chatAnswer("t-2", "It is sunny and 21 C in Oslo.", "COMPLETE", 40, 10))));
		WeatherTools tools = new WeatherTools();

		String content = ChatClient.create(this.model)
			.prompt()
			.user("Weather in Oslo?")
			.tools(CohereToolCallbacks.from(tools))
			.call()
			.content();

		assertThat(content).isEqualTo("It is sunny and 21 C in Oslo.");
		assertThat(tools.cities).containsExactly("Oslo");
		LoggedRequest first = server.findAll(postRequestedFor(urlEqualTo("/v2/chat"))).get(0);
		JsonNode tool = Fixtures.json(first.getBodyAsString()).get("tools").get(0);
		assertThat(tool.get("function").get("name").asString()).isEqualTo("weather");
		assertThat(tool.get("function").get("parameters").get("properties").has("city")).isTrue();
		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void streamedContentIsTheConcatenatedDeltas() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(Fixtures.sse("""
					{"type":"message-start","id":"s1","delta":{"message":{"role":"assistant"}}}""", """
					{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hel"}}}}""", """
					{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"lo"}}}}""", """
					{"type":"message-end","delta":{"finish_reason":"COMPLETE"}}"""))));

		List<String> parts = ChatClient.create(this.model).prompt().user("Hi").stream().content().collectList().block();

		assertThat(String.join("", parts)).isEqualTo("Hello");
	}

	@Test
	void streamedToolsRunTheCohereToolAndStreamTheAnswer() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]",
					com.github.tomakehurst.wiremock.client.WireMock.absent()))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(Fixtures.sse("""
					{"type":"message-start","id":"s1","delta":{"message":{"role":"assistant"}}}""", """
					{"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"w1","type":"function",
					 "function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}}}}""", """
					{"type":"tool-call-end","index":0}""", """
					{"type":"message-end","delta":{"finish_reason":"TOOL_CALL"}}"""))));
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool' && @.content == 'sunny, 21 C in Oslo')]"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(Fixtures.sse("""
					{"type":"message-start","id":"s2","delta":{"message":{"role":"assistant"}}}""", """
					{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Sunny in Oslo."}}}}""", """
					{"type":"message-end","delta":{"finish_reason":"COMPLETE"}}"""))));
		WeatherTools tools = new WeatherTools();

		List<String> parts = ChatClient.create(this.model)
			.prompt()
			.user("Weather in Oslo?")
			.tools(CohereToolCallbacks.from(tools))
			.stream()
			.content()
			.collectList()
			.block();

		assertThat(String.join("", parts)).isEqualTo("Sunny in Oslo.");
		assertThat(tools.cities).containsExactly("Oslo");
	}

}
