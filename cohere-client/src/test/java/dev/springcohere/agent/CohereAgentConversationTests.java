package dev.springcohere.agent;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.springcohere.api.AssistantMessage;
import dev.springcohere.api.Citation;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.SystemMessage;
import dev.springcohere.api.ToolMessage;
import dev.springcohere.api.ToolSource;
import dev.springcohere.api.UserMessage;
import dev.springcohere.client.CohereClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.springcohere.agent.AgentFixtures.WEATHER_TOOL_JSON;
import static dev.springcohere.agent.AgentFixtures.json;
import static dev.springcohere.agent.AgentFixtures.sse;
import static dev.springcohere.agent.AgentFixtures.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A two-step conversation over WireMock, blocking and streamed: the model asks for two
 * parallel calls, gets their document results, and answers with citations of them; each
 * request body is matched exactly.
 */
class CohereAgentConversationTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String PLAN = "I will look up the weather in both cities.";

	private static final String TORONTO_CALL = toolCall("get_weather_t1", "get_weather", "{\"city\":\"Toronto\"}");

	private static final String PARIS_CALL = toolCall("get_weather_p2", "get_weather", "{\"city\":\"Paris\"}");

	private static final String ANSWER = "Toronto is 21 C and Paris is 15 C.";

	private static final String CITATIONS = """
			[{"start":11,"end":15,"text":"21 C","type":"TEXT_CONTENT",
			  "sources":[{"type":"tool","id":"get_weather_t1:0","tool_output":{"city":"Toronto","temp_c":21}}]},
			 {"start":29,"end":33,"text":"15 C","type":"TEXT_CONTENT",
			  "sources":[{"type":"tool","id":"get_weather_p2:0","tool_output":{"city":"Paris","temp_c":15}}]}]""";

	private static final String FIRST_MESSAGES = """
			{"role":"system","content":"You are a weather assistant."},
			{"role":"user","content":"Weather in Toronto and Paris?"}""";

	private static final String STEP_1_BODY = """
			{"model":"command-a-03-2025","messages":[%s],"tools":[%s],"strict_tools":true%s}""";

	private static final String STEP_2_BODY = """
			{"model":"command-a-03-2025","messages":[%s,
			 {"role":"assistant","tool_calls":[%s,%s],"tool_plan":"%s"},
			 {"role":"tool","tool_call_id":"get_weather_t1",
			  "content":[{"type":"document","document":{"data":{"city":"Toronto","temp_c":21}}}]},
			 {"role":"tool","tool_call_id":"get_weather_p2",
			  "content":[{"type":"document","document":{"data":{"city":"Paris","temp_c":15}}}]}],
			 "tools":[%s],"strict_tools":true%s}""";

	private final CohereClient client = AgentFixtures.client(server.baseUrl());

	private final CohereAgent agent = CohereAgent.builder(this.client)
		.tools(List.of(AgentFixtures.weatherTool()))
		.systemPreamble("You are a weather assistant.")
		.strictTools(true)
		.build();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	private static String step1Body(String stream) {
		return STEP_1_BODY.formatted(FIRST_MESSAGES, WEATHER_TOOL_JSON, stream);
	}

	private static String step2Body(String stream) {
		return STEP_2_BODY.formatted(FIRST_MESSAGES, TORONTO_CALL, PARIS_CALL, PLAN, WEATHER_TOOL_JSON, stream);
	}

	@Test
	void runsParallelToolCallsAndSendsTheConversationBackExactlyAtEachStep() {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson(step1Body(""), false, false))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(AgentFixtures.toolCallsResponse(PLAN, TORONTO_CALL, PARIS_CALL))));
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson(step2Body(""), false, false))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"r2","finish_reason":"COMPLETE","message":{"role":"assistant",
					 "content":[{"type":"text","text":"%s"}],"citations":%s},
					 "usage":{"billed_units":{"input_tokens":12,"output_tokens":7},
					          "tokens":{"input_tokens":150,"output_tokens":30}}}""".formatted(ANSWER, CITATIONS))));

		AgentResult result = this.agent.run("Weather in Toronto and Paris?");

		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
		assertThat(result.text()).isEqualTo(ANSWER);
		assertCitedToolResults(result);
		assertThat(result.steps()).hasSize(2);
		AgentStep first = result.steps().get(0);
		assertThat(first.toolPlan()).isEqualTo(PLAN);
		assertThat(first.toolExecutions()).extracting(ToolExecution::callId)
			.containsExactly("get_weather_t1", "get_weather_p2");
		assertThat(first.toolExecutions()).noneMatch(ToolExecution::isError);
		assertThat(result.steps().get(1).hasToolCalls()).isFalse();
		assertThat(result.usage().inputTokens()).isEqualTo(250);
		assertThat(result.usage().outputTokens()).isEqualTo(50);
		assertThat(result.usage().billedUnits().inputTokens()).isEqualTo(22.0);
		assertThat(result.conversation()).hasSize(6);
		assertThat(result.conversation().get(0)).isInstanceOf(SystemMessage.class);
		assertThat(result.conversation().get(1)).isInstanceOf(UserMessage.class);
		assertThat(result.conversation().get(3)).isInstanceOf(ToolMessage.class);
		assertThat(result.conversation().get(5)).isInstanceOfSatisfying(AssistantMessage.class,
				(message) -> assertThat(message.text()).isEqualTo(ANSWER));
	}

	@Test
	void streamsEachStepWithToolEventsBetweenThem() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(equalToJson(step1Body(",\"stream\":true"), false, false))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(sse("""
						{"type":"message-start","id":"s1","delta":{"message":{"role":"assistant"}}}""", """
						{"type":"tool-plan-delta","delta":{"message":{"tool_plan":"I will look up the weather"}}}""",
						"""
								{"type":"tool-plan-delta","delta":{"message":{"tool_plan":" in both cities."}}}""",
						"""
								{"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"get_weather_t1",
								 "type":"function","function":{"name":"get_weather","arguments":""}}}}}""",
						"""
								{"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"{\\"city\\":"}}}}}""",
						"""
								{"type":"tool-call-delta","index":0,"delta":{"message":{"tool_calls":{"function":{"arguments":"\\"Toronto\\"}"}}}}}""",
						"""
								{"type":"tool-call-end","index":0}""",
						"""
								{"type":"tool-call-start","index":1,"delta":{"message":{"tool_calls":{"id":"get_weather_p2",
								 "type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}}}}""",
						"""
								{"type":"tool-call-end","index":1}""", """
								{"type":"message-end","delta":{"finish_reason":"TOOL_CALL",
								 "usage":{"tokens":{"input_tokens":100,"output_tokens":20}}}}"""))));
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(equalToJson(step2Body(",\"stream\":true"), false, false))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(sse("""
						{"type":"message-start","id":"s2","delta":{"message":{"role":"assistant"}}}""", """
						{"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}""",
						"""
								{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Toronto is 21 C"}}}}""",
						"""
								{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":" and Paris is 15 C."}}}}""",
						"""
								{"type":"content-end","index":0}""",
						"""
								{"type":"citation-start","index":0,"delta":{"message":{"citations":%s}}}"""
							.formatted(json(CITATIONS).get(0)),
						"""
								{"type":"citation-end","index":0}""", """
								{"type":"citation-start","index":1,"delta":{"message":{"citations":%s}}}"""
							.formatted(json(CITATIONS).get(1)),
						"""
								{"type":"citation-end","index":1}""", """
								{"type":"message-end","delta":{"finish_reason":"COMPLETE",
								 "usage":{"tokens":{"input_tokens":150,"output_tokens":30}}}}"""))));

		List<AgentEvent> events = this.agent.stream("Weather in Toronto and Paris?").collectList().block();

		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
		assertThat(events).isNotNull().last().isInstanceOf(AgentEvent.Completed.class);
		List<String> kinds = new ArrayList<>();
		for (AgentEvent event : events) {
			String kind = event.getClass().getSimpleName() + "@" + event.step();
			if (kinds.isEmpty() || !kinds.get(kinds.size() - 1).equals(kind)) {
				kinds.add(kind);
			}
		}
		assertThat(kinds).containsExactly("ModelEvent@1", "ModelResponse@1", "ToolCallRequested@1", "ToolResultReady@1",
				"StepFinished@1", "ModelEvent@2", "ModelResponse@2", "StepFinished@2", "Completed@2");
		assertThat(events).filteredOn(AgentEvent.ToolResultReady.class::isInstance)
			.extracting((event) -> ((AgentEvent.ToolResultReady) event).execution().callId())
			.containsExactly("get_weather_t1", "get_weather_p2");
		assertThat(events).filteredOn(AgentEvent.ModelEvent.class::isInstance)
			.extracting((event) -> ((AgentEvent.ModelEvent) event).event())
			.filteredOn(StreamEvent.ContentDelta.class::isInstance)
			.hasSize(2);
		AgentResult result = ((AgentEvent.Completed) events.get(events.size() - 1)).result();
		assertThat(result.text()).isEqualTo(ANSWER);
		assertCitedToolResults(result);
		assertThat(result.steps().get(0).toolPlan()).isEqualTo(PLAN);
		assertThat(result.usage().inputTokens()).isEqualTo(250);
	}

	private static void assertCitedToolResults(AgentResult result) {
		assertThat(result.citations()).hasSize(2);
		List<String> citedCities = new ArrayList<>();
		for (Citation citation : result.citations()) {
			assertThat(result.text().substring(citation.start(), citation.end())).isEqualTo(citation.text());
			assertThat(citation.sources()).singleElement().isInstanceOfSatisfying(ToolSource.class, (source) -> {
				ToolExecution execution = result.toolExecutionOf(source).orElseThrow();
				citedCities.add(json(execution.call().function().arguments()).get("city").asString());
				assertThat(source.toolOutput()).isEqualTo(
						((dev.springcohere.api.DocumentContent) execution.result().content().get(0)).document().data());
			});
		}
		assertThat(citedCities).containsExactly("Toronto", "Paris");
	}

}
