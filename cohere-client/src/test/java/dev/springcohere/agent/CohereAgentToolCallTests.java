package dev.springcohere.agent;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.springcohere.client.CohereClient;
import dev.springcohere.tool.ToolCallback;
import dev.springcohere.tool.ToolContext;
import dev.springcohere.tool.ToolResult;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.springcohere.agent.AgentFixtures.WEATHER_SCHEMA;
import static dev.springcohere.agent.AgentFixtures.json;
import static dev.springcohere.agent.AgentFixtures.textResponse;
import static dev.springcohere.agent.AgentFixtures.tool;
import static dev.springcohere.agent.AgentFixtures.toolCall;
import static dev.springcohere.agent.AgentFixtures.toolCallsResponse;
import static dev.springcohere.agent.AgentWireMock.messages;
import static dev.springcohere.agent.AgentWireMock.requestBodies;
import static dev.springcohere.agent.AgentWireMock.stubSteps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tool calls that fail, throw, are unknown, or run concurrently: what the model gets back
 * and what the trace says.
 */
class CohereAgentToolCallTests {

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
	void aToolThatThrowsGivesTheModelAnErrorResultAndTheRunGoesOn() {
		ToolCallback failing = tool("get_weather", WEATHER_SCHEMA, (arguments, context) -> {
			throw new IllegalStateException("weather service down");
		});
		stubSteps(server, toolCallsResponse("Look it up.", toolCall("c1", "get_weather", "{\"city\":\"Oslo\"}")),
				textResponse("I could not get the weather."));

		AgentResult result = CohereAgent.builder(this.client).tools(List.of(failing)).build().run("Weather in Oslo?");

		assertThat(result.text()).isEqualTo("I could not get the weather.");
		ToolExecution execution = result.toolExecutions().get(0);
		assertThat(execution.isError()).isTrue();
		JsonNode toolMessage = messages(requestBodies(server).get(1), "tool").get(0);
		assertThat(toolMessage.get("tool_call_id").asString()).isEqualTo("c1");
		assertThat(toolMessage.at("/content/0/type").asString()).isEqualTo("text");
		assertThat(toolMessage.at("/content/0/text").asString())
			.isEqualTo("Tool 'get_weather' failed: IllegalStateException: weather service down");
	}

	@Test
	void anErrorResultForArgumentsThatViolateTheSchemaIsSentBackAndTheModelCanRetry() {
		stubSteps(server, toolCallsResponse("Look it up.", toolCall("c1", "get_weather", "{\"town\":\"Oslo\"}")),
				toolCallsResponse("Retry with city.", toolCall("c2", "get_weather", "{\"city\":\"Toronto\"}")),
				textResponse("It is 21 C in Toronto."));

		AgentResult result = CohereAgent.builder(this.client)
			.tools(List.of(AgentFixtures.weatherTool()))
			.build()
			.run("Weather?");

		assertThat(result.steps()).hasSize(3);
		assertThat(result.toolExecutions()).extracting(ToolExecution::isError).containsExactly(true, false);
		List<JsonNode> bodies = requestBodies(server);
		JsonNode firstResult = messages(bodies.get(1), "tool").get(0);
		assertThat(firstResult.get("tool_call_id").asString()).isEqualTo("c1");
		assertThat(firstResult.at("/content/0/text").asString()).startsWith("Invalid arguments: 'city'")
			.contains("{\"town\":\"Oslo\"}");
		List<JsonNode> thirdStepResults = messages(bodies.get(2), "tool");
		assertThat(thirdStepResults).extracting((message) -> message.get("tool_call_id").asString())
			.containsExactly("c1", "c2");
		assertThat(thirdStepResults.get(1).at("/content/0/document/data"))
			.isEqualTo(json("{\"city\":\"Toronto\",\"temp_c\":21}"));
		assertThat(messages(bodies.get(2), "assistant")).extracting((message) -> message.get("tool_plan").asString())
			.containsExactly("Look it up.", "Retry with city.");
	}

	@Test
	void aCallOfAnUnknownToolIsAnsweredWithTheToolsAvailable() {
		stubSteps(server, toolCallsResponse("Search.", toolCall("c1", "web_search", "{\"query\":\"x\"}")),
				textResponse("Sorry."));

		AgentResult result = CohereAgent.builder(this.client)
			.tools(List.of(AgentFixtures.weatherTool()))
			.build()
			.run("Search x");

		assertThat(result.toolExecutions()).singleElement().satisfies((execution) -> {
			assertThat(execution.isError()).isTrue();
			assertThat(execution.toolName()).isEqualTo("web_search");
		});
		JsonNode toolMessage = messages(requestBodies(server).get(1), "tool").get(0);
		assertThat(toolMessage.at("/content/0/text").asString())
			.isEqualTo("There is no tool named 'web_search'; the tools available are [get_weather]. "
					+ "Call one of them by its exact name.");
	}

	@Test
	void toolsRunOnTheGivenExecutorWithTheContextOfTheRun() {
		ExecutorService executor = Executors.newFixedThreadPool(2, (task) -> new Thread(task, "agent-tools"));
		try {
			ToolCallback echo = tool("get_weather", WEATHER_SCHEMA,
					(arguments, context) -> ToolResult
						.ofText(Thread.currentThread().getName() + " " + context.conversationId().orElse("?") + " "
								+ context.get("unit", String.class).orElse("?")));
			stubSteps(server, toolCallsResponse("Go.", toolCall("c1", "get_weather", "{\"city\":\"Oslo\"}")),
					textResponse("Done."));
			CohereAgent agent = CohereAgent.builder(this.client)
				.tools(List.of(echo))
				.toolExecutor(executor)
				.toolContext(ToolContext.of("default", java.util.Map.of("unit", "celsius")))
				.build();

			AgentResult result = agent.run(dev.springcohere.api.ChatRequest.builder()
				.messages(dev.springcohere.api.UserMessage.of("Weather?"))
				.build(), ToolContext.of("conversation-2", java.util.Map.of("unit", "kelvin")));

			assertThat(result.toolExecutions().get(0).result())
				.isEqualTo(ToolResult.ofText("agent-tools conversation-2 kelvin"));
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void theCallsOfOneStepRunConcurrentlyAndTheirResultsKeepCallOrder() {
		CountDownLatch bothStarted = new CountDownLatch(2);
		ToolCallback waiting = tool("get_weather", WEATHER_SCHEMA, (arguments, context) -> {
			bothStarted.countDown();
			try {
				if (!bothStarted.await(5, TimeUnit.SECONDS)) {
					return ToolResult.error("the other call never started: calls ran one after the other");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return ToolResult.error("interrupted");
			}
			return ToolResult
				.ofText(arguments.get("city").asString() + " " + context.get("unit", String.class).orElse("?"));
		});
		stubSteps(server, toolCallsResponse("Both.", toolCall("c1", "get_weather", "{\"city\":\"Toronto\"}"),
				toolCall("c2", "get_weather", "{\"city\":\"Paris\"}")), textResponse("Done."));

		AgentResult result = CohereAgent.builder(this.client)
			.tools(List.of(waiting))
			.toolContext(ToolContext.of("conversation-1", java.util.Map.of("unit", "celsius")))
			.build()
			.run("Weather in Toronto and Paris?");

		assertThat(result.toolExecutions()).extracting((execution) -> execution.result())
			.containsExactly(ToolResult.ofText("Toronto celsius"), ToolResult.ofText("Paris celsius"));
		assertThat(messages(requestBodies(server).get(1), "tool"))
			.extracting((message) -> message.get("tool_call_id").asString())
			.containsExactly("c1", "c2");
	}

}
