package dev.springcohere.sample.quickstart;

import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.springcohere.sample.support.OrderDesk;
import dev.springcohere.sample.support.test.AbstractSampleApiTests;
import dev.springcohere.sample.support.test.BackendStubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The agent endpoint offers only the tools of {@code sample.agent.allowed-tools}, and a
 * call of a tool that needs approval ({@code cancel_order}) waits for
 * {@code POST /api/agent/confirm} instead of running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CO_API_KEY=", "COHERE_API_KEY=", "CO_API_URL=", "cohere.backend=platform",
				"cohere.retry.max-attempts=1", "sample.agent.allowed-tools=order_status,cancel_order" })
class QuickstartAgentApprovalTests extends AbstractSampleApiTests {

	@RegisterExtension
	static final WireMockExtension cohere = BackendStubs.server();

	@Autowired
	private OrderDesk orders;

	@DynamicPropertySource
	static void cohereProperties(DynamicPropertyRegistry registry) {
		BackendStubs.cohereAt(registry, cohere, "test-key-quickstart");
	}

	@Test
	void aCancellationWaitsForApprovalThenRunsOnceConfirmed() throws Exception {
		cohere.stubFor(post(urlEqualTo("/v2/chat")).inScenario("cancel")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("answer")
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(
						"""
								{"id":"a1","finish_reason":"TOOL_CALL","message":{"role":"assistant","tool_plan":"I will cancel A-1002.",
								 "tool_calls":[{"id":"call-9","type":"function","function":{"name":"cancel_order","arguments":"{\\"orderId\\":\\"A-1002\\"}"}}]}}
								""")));
		cohere.stubFor(post(urlEqualTo("/v2/chat")).inScenario("cancel")
			.whenScenarioStateIs("answer")
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"a2","finish_reason":"COMPLETE","message":{"role":"assistant",
					 "content":[{"type":"text","text":"Order A-1002 is cancelled."}]}}
					""")));

		HttpResponse<String> first = postJson("/api/agent", "{\"message\":\"Cancel my order A-1002\"}");

		assertThat(first.statusCode()).isEqualTo(200);
		JsonNode pending = this.json.readTree(first.body()).get("pending");
		assertThat(pending.get("calls").get(0).get("id").asString()).isEqualTo("call-9");
		assertThat(pending.get("calls").get(0).get("name").asString()).isEqualTo("cancel_order");
		assertThat(this.json.readTree(first.body()).get("text").asString()).isEqualTo("I will cancel A-1002.");
		assertThat(this.orders.cancelled()).isEmpty();
		cohere.verify(postRequestedFor(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'order_status')]"))
			.withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'cancel_order')]"))
			.withRequestBody(notMatching(".*product_lookup.*")));

		String confirm = "{\"pendingId\":\"" + pending.get("id").asString() + "\",\"approve\":[\"call-9\"]}";
		HttpResponse<String> second = postJson("/api/agent/confirm", confirm);

		assertThat(second.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(second.body());
		assertThat(body.get("text").asString()).isEqualTo("Order A-1002 is cancelled.");
		assertThat(body.get("pending").isNull()).isTrue();
		assertThat(body.get("toolCalls").get(0).get("name").asString()).isEqualTo("cancel_order");
		assertThat(this.orders.cancelled()).containsExactly("A-1002");
		cohere.verify(postRequestedFor(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')].tool_call_id", equalTo("call-9"))));

		HttpResponse<String> again = postJson("/api/agent/confirm", confirm);
		assertThat(again.statusCode()).isEqualTo(404);
		assertThat(again.body()).contains("No agent run waits for approval");
	}

	@Test
	void approvingACallThatIsNotPendingIsABadRequestAndKeepsTheRunPending() throws Exception {
		cohere.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody(
					"""
							{"id":"a1","finish_reason":"TOOL_CALL","message":{"role":"assistant",
							 "tool_calls":[{"id":"call-7","type":"function","function":{"name":"cancel_order","arguments":"{\\"orderId\\":\\"A-1002\\"}"}}]}}
							""")));
		JsonNode pending = this.json.readTree(postJson("/api/agent", "{\"message\":\"Cancel my order A-1002\"}").body())
			.get("pending");
		java.util.Set<String> cancelledBefore = this.orders.cancelled();

		HttpResponse<String> wrong = postJson("/api/agent/confirm",
				"{\"pendingId\":\"" + pending.get("id").asString() + "\",\"approve\":[\"call-1\"]}");

		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("approve").contains("call-1").contains("call-7");
		assertThat(this.orders.cancelled()).isEqualTo(cancelledBefore);
		assertThat(postJson("/api/agent/confirm", "{\"approve\":[]}").statusCode()).isEqualTo(400);
	}

	@Test
	void anAllowedToolThatDoesNotExistFailsTheStartup() {
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(QuickstartApplication.class)
				.properties("server.port=0", "cohere.api-key=k", "sample.agent.allowed-tools=order_status,refund")
				.run()
				.close())
			.withStackTraceContaining("sample.agent.allowed-tools")
			.withStackTraceContaining("[refund]");
	}

}
