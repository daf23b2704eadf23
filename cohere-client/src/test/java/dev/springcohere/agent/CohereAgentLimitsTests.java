package dev.springcohere.agent;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.Tool;
import dev.springcohere.api.ToolChoice;
import dev.springcohere.api.UserMessage;
import dev.springcohere.client.CohereClient;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.tool.ToolCallback;
import dev.springcohere.tool.ToolResult;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.springcohere.agent.AgentFixtures.WEATHER_SCHEMA;
import static dev.springcohere.agent.AgentFixtures.json;
import static dev.springcohere.agent.AgentFixtures.textResponse;
import static dev.springcohere.agent.AgentFixtures.tool;
import static dev.springcohere.agent.AgentFixtures.toolCall;
import static dev.springcohere.agent.AgentFixtures.toolCallsResponse;
import static dev.springcohere.agent.AgentWireMock.requestBodies;
import static dev.springcohere.agent.AgentWireMock.stubSteps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The step limit, {@code tool_choice} across steps, cancellation, and the checks of the
 * builder and the request.
 */
class CohereAgentLimitsTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final CohereClient client = AgentFixtures.client(server.baseUrl());

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void failsWithTheTraceWhenTheModelStillAsksForToolsAtTheLastStep() {
		stubSteps(server, toolCallsResponse("First.", toolCall("c1", "get_weather", "{\"city\":\"Paris\"}")),
				toolCallsResponse("Again.", toolCall("c2", "get_weather", "{\"city\":\"Paris\"}")));
		CohereAgent agent = CohereAgent.builder(this.client)
			.tools(List.of(AgentFixtures.weatherTool()))
			.maxSteps(2)
			.build();

		assertThatExceptionOfType(AgentMaxStepsException.class).isThrownBy(() -> agent.run("Weather?"))
			.withMessageContaining("at step 2, the last step allowed (maxSteps 2, FAIL)")
			.withMessageContaining("[get_weather]")
			.satisfies((ex) -> {
				assertThat(ex.getSteps()).hasSize(2);
				assertThat(ex.getSteps().get(0).toolExecutions()).hasSize(1);
				assertThat(ex.getSteps().get(1).toolPlan()).isEqualTo("Again.");
				assertThat(ex.getSteps().get(1).toolExecutions()).isEmpty();
			});
		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
		assertThat(requestBodies(server)).allSatisfy((body) -> assertThat(body.has("tool_choice")).isFalse());
	}

	@Test
	void forcesAnAnswerAtTheLastStepWithToolChoiceNone() {
		stubSteps(server, toolCallsResponse("First.", toolCall("c1", "get_weather", "{\"city\":\"Paris\"}")),
				textResponse("It is 15 C in Paris."));
		CohereAgent agent = CohereAgent.builder(this.client)
			.tools(List.of(AgentFixtures.weatherTool()))
			.maxSteps(2)
			.maxStepsBehaviour(MaxStepsBehaviour.FORCE_ANSWER)
			.build();

		AgentResult result = agent.run("Weather?");

		assertThat(result.text()).isEqualTo("It is 15 C in Paris.");
		List<JsonNode> bodies = requestBodies(server);
		assertThat(bodies.get(0).has("tool_choice")).isFalse();
		assertThat(bodies.get(1).get("tool_choice").asString()).isEqualTo("NONE");
		assertThat(bodies.get(1).get("tools")).hasSize(1);
	}

	@Test
	void theRequestsToolChoiceAppliesToTheFirstStepOnly() {
		stubSteps(server, toolCallsResponse("First.", toolCall("c1", "get_weather", "{\"city\":\"Paris\"}")),
				textResponse("15 C."));
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Weather?"))
			.toolChoice(ToolChoice.REQUIRED)
			.model("command-r7b-12-2024")
			.build();

		CohereAgent.builder(this.client).tools(List.of(AgentFixtures.weatherTool())).build().run(request);

		List<JsonNode> bodies = requestBodies(server);
		assertThat(bodies.get(0).get("tool_choice").asString()).isEqualTo("REQUIRED");
		assertThat(bodies.get(1).has("tool_choice")).isFalse();
		assertThat(bodies)
			.allSatisfy((body) -> assertThat(body.get("model").asString()).isEqualTo("command-r7b-12-2024"));
	}

	@Test
	void cancellingTheStreamInterruptsTheRunningToolAndSendsNothingMore() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
		ToolCallback slow = tool("get_weather", WEATHER_SCHEMA, (arguments, context) -> {
			started.countDown();
			try {
				Thread.sleep(Duration.ofSeconds(10).toMillis());
				interrupted.complete(false);
			}
			catch (InterruptedException ex) {
				interrupted.complete(true);
			}
			return ToolResult.ofText("late");
		});
		server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/v2/chat"))
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
				.withHeader("Content-Type", "text/event-stream")
				.withBody(AgentFixtures.sse("""
						{"type":"message-start","id":"s1","delta":{"message":{"role":"assistant"}}}""",
						"""
								{"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"c1","type":"function",
								 "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}}}}""",
						"""
								{"type":"tool-call-end","index":0}""", """
								{"type":"message-end","delta":{"finish_reason":"TOOL_CALL"}}"""))));
		CohereAgent agent = CohereAgent.builder(this.client).tools(List.of(slow)).build();

		Disposable subscription = agent.stream("Weather in Oslo?").subscribe();
		assertThat(started.await(5, TimeUnit.SECONDS)).as("the tool started").isTrue();
		subscription.dispose();

		assertThat(interrupted.get(5, TimeUnit.SECONDS)).as("the tool was interrupted").isTrue();
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void aFailedModelCallFailsTheRunWithTheClientsException() {
		server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/v2/chat"))
			.inScenario("failing")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willSetStateTo("second")
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
				.withHeader("Content-Type", "application/json")
				.withBody(toolCallsResponse("First.", toolCall("c1", "get_weather", "{\"city\":\"Paris\"}")))));
		server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/v2/chat"))
			.inScenario("failing")
			.whenScenarioStateIs("second")
			.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
				.withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"tool call id not found in previous tool calls\"}")));
		CohereAgent agent = CohereAgent.builder(this.client.backend()).tool(AgentFixtures.weatherTool()).build();

		assertThatExceptionOfType(CohereInvalidRequestException.class).isThrownBy(() -> agent.run("Weather?"))
			.withMessageContaining("tool call id not found");
		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void rejectsToolsWithTheSameNameAndAnAgentWithoutTools() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CohereAgent.builder(this.client)
				.tools(List.of(AgentFixtures.weatherTool(), AgentFixtures.weatherTool())))
			.withMessageContaining("Two tools are named 'get_weather'");
		assertThatIllegalStateException().isThrownBy(() -> CohereAgent.builder(this.client).tools(List.of()).build())
			.withMessageContaining("at least one tool");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CohereAgent.builder(this.client).tools(List.of()).maxSteps(0))
			.withMessageContaining("'maxSteps' must be at least 1, but was 0");
	}

	@Test
	void rejectsARequestWithToolsOfItsOwnBeforeSendingAnything() {
		CohereAgent agent = CohereAgent.builder(this.client).tools(List.of(AgentFixtures.weatherTool())).build();
		ChatRequest request = ChatRequest.builder()
			.messages(UserMessage.of("Hi"))
			.tools(Tool.function("other", null, json(WEATHER_SCHEMA)))
			.build();

		assertThatIllegalArgumentException().isThrownBy(() -> agent.run(request))
			.withMessageContaining("1 tools of its own; give the agent ToolCallbacks instead");
		server.verify(0, postRequestedFor(urlEqualTo("/v2/chat")));
	}

}
