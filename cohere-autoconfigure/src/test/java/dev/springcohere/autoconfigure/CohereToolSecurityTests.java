package dev.springcohere.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.springcohere.agent.AgentResult;
import dev.springcohere.agent.CohereAgent;
import dev.springcohere.annotation.CohereTool;
import dev.springcohere.client.CohereClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.context.SecurityContextHolder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @CohereTool} method behind Spring Security's method security is checked when
 * the model calls it: the registry's tool runs through the bean's proxy, with the
 * authentication of the thread that started the agent run (also for the concurrent calls
 * of one step, which run on other threads).
 */
class CohereToolSecurityTests extends WireMockAutoConfigurationTestSupport {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@AfterEach
	void clearSecurityContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aToolTheCallerMayNotUseDoesNotRunAndTheModelIsToldAccessWasDenied() {
		stubSteps(toolCalls(call("c1", "delete_user", "{\"id\":\"u7\"}")));
		contextRunner(properties()).withUserConfiguration(SecuredToolsConfiguration.class).run((context) -> {
			AdminTools tools = context.getBean(AdminTools.class);
			SecurityContextHolder.getContext()
				.setAuthentication(new TestingAuthenticationToken("bob", "n/a", "ROLE_USER"));

			AgentResult result = agent(context.getBean(CohereClient.class), context.getBean(CohereToolRegistry.class))
				.run("Delete user u7");

			assertThat(tools.deleted()).isEmpty();
			assertThat(result.toolExecutions()).singleElement()
				.satisfies((execution) -> assertThat(execution.isError()).isTrue());
			assertThat(toolMessages(1).get(0).at("/content/0/text").asString()).contains("Access Denied");
		});
	}

	@Test
	void aToolTheCallerMayUseRunsWithItsAuthenticationAlsoWhenCallsRunConcurrently() {
		stubSteps(toolCalls(call("c1", "delete_user", "{\"id\":\"u7\"}"), call("c2", "delete_user", "{\"id\":\"u8\"}"),
				call("c3", "who_am_i", "{\"reason\":\"audit\"}")));
		contextRunner(properties()).withUserConfiguration(SecuredToolsConfiguration.class).run((context) -> {
			AdminTools tools = context.getBean(AdminTools.class);
			SecurityContextHolder.getContext()
				.setAuthentication(new TestingAuthenticationToken("alice", "n/a", "ROLE_ADMIN"));

			AgentResult result = agent(context.getBean(CohereClient.class), context.getBean(CohereToolRegistry.class))
				.run("Delete users u7 and u8");

			assertThat(tools.deleted()).containsExactlyInAnyOrder("u7 by alice", "u8 by alice");
			assertThat(result.toolExecutions()).allSatisfy((execution) -> assertThat(execution.isError()).isFalse());
			assertThat(toolMessages(1).get(2).toString()).contains("alice");
		});
	}

	private static CohereAgent agent(CohereClient client, CohereToolRegistry registry) {
		return CohereAgent.builder(client).tools(registry.getTools()).build();
	}

	private static String[] properties() {
		return new String[] { "cohere.api-key=test-key", "cohere.base-url=" + server.baseUrl() };
	}

	private static void stubSteps(String toolCallsResponse) {
		server.stubFor(post(urlEqualTo("/v2/chat")).inScenario("agent")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("answer")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(toolCallsResponse)));
		server.stubFor(post(urlEqualTo("/v2/chat")).inScenario("agent")
			.whenScenarioStateIs("answer")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(CHAT_RESPONSE)));
	}

	private static String call(String id, String name, String arguments) {
		return MAPPER.createObjectNode()
			.put("id", id)
			.put("type", "function")
			.set("function", MAPPER.createObjectNode().put("name", name).put("arguments", arguments))
			.toString();
	}

	private static String toolCalls(String... calls) {
		return """
				{"id":"r1","finish_reason":"TOOL_CALL","message":{"role":"assistant","tool_plan":"Do it.",
				 "tool_calls":[%s]}}""".formatted(String.join(",", calls));
	}

	private static List<JsonNode> toolMessages(int request) {
		JsonNode body = MAPPER
			.readTree(server.findAll(postRequestedFor(urlEqualTo("/v2/chat"))).get(request).getBodyAsString());
		List<JsonNode> messages = new java.util.ArrayList<>();
		body.get("messages").forEach((message) -> {
			if ("tool".equals(message.get("role").asString())) {
				messages.add(message);
			}
		});
		return messages;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	static class SecuredToolsConfiguration {

		@Bean
		AdminTools adminTools() {
			return new AdminTools();
		}

	}

	/** Tools only administrators may use. */
	public static class AdminTools {

		private final List<String> deleted = new CopyOnWriteArrayList<>();

		/** The deletions that ran, read through the proxy. */
		public List<String> deleted() {
			return this.deleted;
		}

		@CohereTool(name = "delete_user", description = "Deletes a user")
		@PreAuthorize("hasRole('ADMIN')")
		public String deleteUser(String id) {
			this.deleted.add(id + " by " + SecurityContextHolder.getContext().getAuthentication().getName());
			return "deleted " + id;
		}

		@CohereTool(name = "who_am_i", description = "The current user")
		@PreAuthorize("isAuthenticated()")
		public String whoAmI(String reason) {
			return "you are " + SecurityContextHolder.getContext().getAuthentication().getName();
		}

	}

}
