package dev.springcohere.springai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.springcohere.annotation.CohereTool;
import dev.springcohere.client.CohereClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tool calls: returned to the caller by default (blocking and streamed), run by the
 * model's {@code ToolCallingManager} when internal tool execution is enabled.
 */
class CohereChatModelToolExecutionTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String TOOL_CALL_EVENTS = Fixtures.sse("""
			{"type":"message-start","id":"s1","delta":{"message":{"role":"assistant"}}}""", """
			{"type":"tool-plan-delta","delta":{"message":{"tool_plan":"I will check."}}}""", """
			{"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"w1","type":"function",
			 "function":{"name":"weather","arguments":""}}}}}""",
			"""
					{"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"{\\"city\\":"}}}}}""",
			"""
					{"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"\\"Oslo\\"}"}}}}}""",
			"""
					{"type":"tool-call-end","index":0}""",
			"""
					{"type":"message-end","delta":{"finish_reason":"TOOL_CALL","usage":{"tokens":{"input_tokens":9,"output_tokens":4}}}}""");

	private final CohereClient client = Fixtures.client(server.baseUrl());

	private final WeatherTools tools = new WeatherTools();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	static class WeatherTools {

		final List<String> cities = new CopyOnWriteArrayList<>();

		@CohereTool(description = "Current weather in a city")
		public String weather(String city) {
			this.cities.add(city);
			return "sunny in " + city;
		}

	}

	private CohereChatModel model(boolean internal) {
		return CohereChatModel.builder()
			.cohereClient(this.client)
			.defaultOptions(CohereChatOptions.builder()
				.toolCallbacks(List.of(CohereToolCallbacks.from(this.tools)))
				.internalToolExecutionEnabled(internal)
				.build())
			.build();
	}

	private void stubSecondStep(boolean stream) {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"messages":[{"role":"user","content":"Weather in Oslo?"},
				 {"role":"assistant","tool_calls":[{"id":"w1","type":"function",
				   "function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}],"tool_plan":"I will check."},
				 {"role":"tool","tool_call_id":"w1","content":"sunny in Oslo"}]}""", false, true))
			.willReturn(stream ? aResponse().withHeader("Content-Type", "text/event-stream").withBody(Fixtures.sse("""
					{"type":"message-start","id":"s2","delta":{"message":{"role":"assistant"}}}""", """
					{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Sunny "}}}}""", """
					{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"in Oslo."}}}}""", """
					{"type":"message-end","delta":{"finish_reason":"COMPLETE"}}"""))
					: aResponse().withHeader("Content-Type", "application/json")
						.withBody(Fixtures.chatAnswer("r-2", "Sunny in Oslo.", "COMPLETE", 20, 4))));
	}

	@Test
	void callRunsToolsInternallyWhenEnabledAndReturnsTheFinalAnswer() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]", absent()))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(
						"""
								{"id":"r-1","finish_reason":"TOOL_CALL","message":{"role":"assistant","tool_plan":"I will check.",
								 "tool_calls":[{"id":"w1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]}}""")));
		stubSecondStep(false);

		ChatResponse response = model(true).call(new Prompt("Weather in Oslo?"));

		assertThat(response.getResult().getOutput().getText()).isEqualTo("Sunny in Oslo.");
		assertThat(this.tools.cities).containsExactly("Oslo");
		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void streamAggregatesToolCallFragmentsAndReturnsThemAtTheEndWhenInternalExecutionIsOff() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(TOOL_CALL_EVENTS)));

		List<ChatResponse> responses = model(false).stream(new Prompt("Weather in Oslo?")).collectList().block();

		assertThat(responses).hasSize(1);
		ChatResponse last = responses.get(0);
		assertThat(last.hasToolCalls()).isTrue();
		AssistantMessage.ToolCall call = last.getResult().getOutput().getToolCalls().get(0);
		assertThat(call.id()).isEqualTo("w1");
		assertThat(Fixtures.json(call.arguments())).isEqualTo(Fixtures.json("{\"city\":\"Oslo\"}"));
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("TOOL_CALL");
		assertThat(this.tools.cities).isEmpty();
	}

	@Test
	void streamRunsToolsInternallyWhenEnabledAndStreamsTheNextAnswer() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]", absent()))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(TOOL_CALL_EVENTS)));
		stubSecondStep(true);

		List<ChatResponse> responses = model(true).stream(new Prompt("Weather in Oslo?")).collectList().block();

		assertThat(responses).extracting((ChatResponse r) -> r.getResult().getOutput().getText())
			.containsExactly("Sunny ", "in Oslo.", "");
		assertThat(responses.get(2).getResult().getMetadata().getFinishReason()).isEqualTo("COMPLETE");
		assertThat(this.tools.cities).containsExactly("Oslo");
	}

}
