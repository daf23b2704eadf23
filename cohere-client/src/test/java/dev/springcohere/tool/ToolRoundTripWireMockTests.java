package dev.springcohere.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.annotation.CohereTool;
import dev.springcohere.annotation.ToolParam;
import dev.springcohere.api.ChatMessage;
import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.UserMessage;
import dev.springcohere.client.CohereClient;
import dev.springcohere.http.CohereRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tool round trip over WireMock: the tool definitions sent, then the tool
 * results a model receives for a tool that throws and for arguments that violate the
 * schema, next to a successful call.
 */
class ToolRoundTripWireMockTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final CohereClient client = CohereClient.builder()
		.apiKey("test-key-123456")
		.baseUrl(server.baseUrl())
		.retryPolicy(CohereRetryPolicy.none())
		.build();

	record Weather(String city, int celsius) {
	}

	static class WeatherTools {

		@CohereTool(name = "get_weather", description = "Current weather of a city")
		public Weather weather(@ToolParam(description = "City name") String city, ToolContext context) {
			return new Weather(city + " for " + context.get("user", String.class).orElse("?"), 21);
		}

		@CohereTool(description = "Books a table")
		public String book(String restaurant, int people) {
			throw new IllegalStateException("the booking service is down");
		}

	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void toolErrorsAndInvalidArgumentsReachTheModelAsToolResults() {
		server.stubFor(post("/v2/chat").withRequestBody(notContaining("\"role\":\"tool\""))
			.willReturn(
					okJson("""
							{"id": "r1", "finish_reason": "TOOL_CALL",
							 "message": {"role": "assistant", "tool_plan": "I will check the weather and book.",
							   "tool_calls": [
							     {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Oslo\\"}"}},
							     {"id": "call_2", "type": "function", "function": {"name": "book", "arguments": "{\\"restaurant\\":\\"Maaemo\\",\\"people\\":2}"}},
							     {"id": "call_3", "type": "function", "function": {"name": "book", "arguments": "{\\"restaurant\\":7}"}}
							   ]}}
							""")));
		server.stubFor(post("/v2/chat").withRequestBody(containing("\"role\":\"tool\""))
			.willReturn(okJson("{\"id\":\"r2\",\"finish_reason\":\"COMPLETE\",\"message\":{\"role\":\"assistant\","
					+ "\"content\":[{\"type\":\"text\",\"text\":\"It is 21 degrees; booking failed.\"}]}}")));

		List<ToolCallback> tools = new ToolScanner(new JsonSchemaGenerator(), true).scan(new WeatherTools());
		ToolCallExecutor executor = new ToolCallExecutor(tools);
		List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.of("Weather in Oslo? Book Maaemo for 2.")));
		ChatRequest first = ChatRequest.builder()
			.messages(messages)
			.tools(tools.stream().map(ToolCallback::definition).toList())
			.strictTools(true)
			.build();
		ChatResponse response = this.client.chat(first);
		messages.add(response.message());
		executor.callAll(response.toolCalls(), ToolContext.of("conv-1", Map.of("user", "ada")))
			.forEach((outcome) -> messages.add(outcome.toMessage()));
		ChatResponse answer = this.client.chat(first.mutate().messages(messages).build());
		assertThat(answer.text()).isEqualTo("It is 21 degrees; booking failed.");

		JsonNode firstBody = body(false);
		assertThat(firstBody.path("strict_tools").asBoolean()).isTrue();
		assertThat(firstBody.path("tools")).hasSize(2);
		assertThat(firstBody.at("/tools/0/function/name").asString()).isEqualTo("book");
		assertThat(firstBody.at("/tools/1/function/parameters")).isEqualTo(this.mapper.readTree("""
				{"type": "object", "properties": {"city": {"type": "string", "description": "City name"}},
				 "required": ["city"], "additionalProperties": false}
				"""));

		JsonNode secondBody = body(true);
		JsonNode sent = secondBody.path("messages");
		assertThat(sent).hasSize(5);
		assertThat(sent.at("/1/tool_calls/2/id").asString()).isEqualTo("call_3");
		assertThat(sent.get(2)).isEqualTo(this.mapper.readTree("""
				{"role": "tool", "tool_call_id": "call_1", "content": [{"type": "document",
				 "document": {"data": {"city": "Oslo for ada", "celsius": 21}}}]}
				"""));
		assertThat(sent.get(3)).isEqualTo(this.mapper.readTree("""
				{"role": "tool", "tool_call_id": "call_2", "content": [{"type": "text",
				 "text": "Tool 'book' failed: IllegalStateException: the booking service is down"}]}
				"""));
		assertThat(sent.at("/4/tool_call_id").asString()).isEqualTo("call_3");
		assertThat(sent.at("/4/content/0/text").asString()).isEqualTo("Tool 'book' was not run: its arguments do not"
				+ " match the schema:\n- /restaurant: integer found, string expected\n- /: required property 'people'"
				+ " not found\nCall it again with arguments that match this JSON schema: {\"type\":\"object\","
				+ "\"properties\":{\"restaurant\":{\"type\":\"string\"},\"people\":{\"type\":\"integer\"}},"
				+ "\"required\":[\"restaurant\",\"people\"],\"additionalProperties\":false}");
	}

	private JsonNode body(boolean withToolMessages) {
		return server.getAllServeEvents()
			.stream()
			.map((event) -> event.getRequest().getBodyAsString())
			.filter((body) -> body.contains("\"role\":\"tool\"") == withToolMessages)
			.map(this.mapper::readTree)
			.findFirst()
			.orElseThrow();
	}

}
