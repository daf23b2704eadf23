package dev.springcohere.agent;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.springcohere.annotation.CohereTool;
import dev.springcohere.client.CohereClient;
import dev.springcohere.tool.ToolCallback;
import dev.springcohere.tool.ToolScanner;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.springcohere.agent.AgentFixtures.textResponse;
import static dev.springcohere.agent.AgentFixtures.toolCall;
import static dev.springcohere.agent.AgentFixtures.toolCallsResponse;
import static dev.springcohere.agent.AgentWireMock.messages;
import static dev.springcohere.agent.AgentWireMock.requestBodies;
import static dev.springcohere.agent.AgentWireMock.stubSteps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tools that need a person's approval ({@code @CohereTool(confirm = true)}): the run
 * stops with the calls pending, nothing of the step runs, and {@code resume} runs what
 * was approved; tool calls carry the caller's thread-bound context.
 */
class CohereAgentConfirmationTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final CohereClient client = AgentFixtures.client(server.baseUrl());

	private final Bank bank = new Bank();

	private final List<ToolCallback> tools = new ToolScanner().scan(this.bank);

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void aCallOfAToolThatNeedsApprovalStopsTheRunBeforeAnyCallOfTheStepRuns() {
		stubSteps(server, toolCallsResponse("Check, then pay.", toolCall("c1", "balance", "{}"),
				toolCall("c2", "pay", "{\"to\":\"Ada\",\"amount\":40}")));

		AgentResult result = CohereAgent.builder(this.client).tools(this.tools).build().run("Pay Ada 40");

		assertThat(result.isPending()).isTrue();
		assertThat(result.awaitingConfirmation()).extracting(dev.springcohere.api.ToolCall::id).containsExactly("c2");
		assertThat(result.toolExecutions()).isEmpty();
		assertThat(this.bank.calls).isEmpty();
		assertThat(result.steps()).singleElement().satisfies((step) -> assertThat(step.hasToolCalls()).isTrue());
		assertThat(result.conversation()).last()
			.satisfies((message) -> assertThat(message).isEqualTo(result.response().message()));
		assertThat(requestBodies(server)).hasSize(1);
	}

	@Test
	void resumeRunsTheApprovedCallAndTheOthersOfTheStepThenGoesOn() {
		stubSteps(server, toolCallsResponse("Check, then pay.", toolCall("c1", "balance", "{}"),
				toolCall("c2", "pay", "{\"to\":\"Ada\",\"amount\":40}")), textResponse("Paid Ada 40."));
		CohereAgent agent = CohereAgent.builder(this.client).tools(this.tools).build();
		AgentResult pending = agent.run("Pay Ada 40");

		AgentResult result = agent.resume(pending, Set.of("c2"));

		assertThat(result.isPending()).isFalse();
		assertThat(result.text()).isEqualTo("Paid Ada 40.");
		assertThat(this.bank.calls).containsExactlyInAnyOrder("balance", "pay Ada 40");
		assertThat(result.steps()).hasSize(2);
		assertThat(result.toolExecutions()).extracting(ToolExecution::isError).containsExactly(false, false);
		List<JsonNode> toolMessages = messages(requestBodies(server).get(1), "tool");
		assertThat(toolMessages).extracting((message) -> message.get("tool_call_id").asString())
			.containsExactly("c1", "c2");
		assertThat(messages(requestBodies(server).get(1), "assistant")).hasSize(1);
	}

	@Test
	void aDeclinedCallDoesNotRunAndTheModelIsToldSo() {
		stubSteps(server, toolCallsResponse("Check, then pay.", toolCall("c1", "balance", "{}"),
				toolCall("c2", "pay", "{\"to\":\"Ada\",\"amount\":40}")), textResponse("I did not pay Ada."));
		CohereAgent agent = CohereAgent.builder(this.client).tools(this.tools).build();

		AgentResult result = agent.resume(agent.run("Pay Ada 40"), Set.of());

		assertThat(this.bank.calls).containsExactly("balance");
		assertThat(result.text()).isEqualTo("I did not pay Ada.");
		JsonNode declined = messages(requestBodies(server).get(1), "tool").get(1);
		assertThat(declined.get("tool_call_id").asString()).isEqualTo("c2");
		assertThat(declined.at("/content/0/text").asString()).contains("'pay' was not approved by the user")
			.contains("did not run");
	}

	@Test
	void resumeRefusesAFinishedResultAndIdsThatDoNotAwaitApproval() {
		stubSteps(server, toolCallsResponse("Pay.", toolCall("c2", "pay", "{\"to\":\"Ada\",\"amount\":40}")),
				textResponse("Done."));
		CohereAgent agent = CohereAgent.builder(this.client).tools(this.tools).build();
		AgentResult pending = agent.run("Pay Ada 40");

		assertThatIllegalArgumentException().isThrownBy(() -> agent.resume(pending, Set.of("c9")))
			.withMessageContaining("[c9]")
			.withMessageContaining("[c2]");
		AgentResult finished = agent.resume(pending, Set.of("c2"));
		assertThatIllegalArgumentException().isThrownBy(() -> agent.resume(finished, Set.of()))
			.withMessageContaining("not pending");
		assertThat(this.bank.calls).containsExactly("pay Ada 40");
	}

	@Test
	void theReactiveRunEndsWithThePendingResultAndResumeAsyncFinishesIt() {
		stubSteps(server, toolCallsResponse("Pay.", toolCall("c2", "pay", "{\"to\":\"Ada\",\"amount\":40}")),
				textResponse("Paid."));
		CohereAgent agent = CohereAgent.builder(this.client).tools(this.tools).build();
		dev.springcohere.api.ChatRequest request = dev.springcohere.api.ChatRequest.builder()
			.messages(dev.springcohere.api.UserMessage.of("Pay Ada 40"))
			.build();

		AgentResult pending = agent.runAsync(request).block();
		assertThat(pending).isNotNull();
		assertThat(pending.isPending()).isTrue();
		assertThat(this.bank.calls).isEmpty();
		AgentResult result = agent.resumeAsync(pending, Set.of("c2"), dev.springcohere.tool.ToolContext.empty())
			.block();
		assertThat(result).isNotNull();
		assertThat(result.text()).isEqualTo("Paid.");
		assertThat(this.bank.calls).containsExactly("pay Ada 40");
	}

	@Test
	void toolCallsRunWithTheThreadContextOfTheCaller() {
		ThreadLocal<String> user = new ThreadLocal<>();
		ContextRegistry.getInstance().registerThreadLocalAccessor("springcohere.test.user", user);
		try {
			stubSteps(server,
					toolCallsResponse("Check both.", toolCall("c1", "balance", "{}"), toolCall("c3", "whoAmI", "{}")),
					textResponse("Done."));
			user.set("ada");
			AgentResult result = CohereAgent.builder(this.client)
				.tools(new ToolScanner().scan(new Identity(user), this.bank))
				.build()
				.run("Who am I?");

			assertThat(result.toolExecutions()).extracting((execution) -> execution.result().content().toString())
				.anySatisfy((content) -> assertThat(content).contains("ada"));
			assertThat(Thread.currentThread().getName()).isNotIn(Identity.threads);
		}
		finally {
			user.remove();
			ContextRegistry.getInstance().removeThreadLocalAccessor("springcohere.test.user");
		}
	}

	/** Tools with side effects; paying needs approval. */
	public static final class Bank {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@CohereTool(description = "The account balance")
		public int balance() {
			this.calls.add("balance");
			return 100;
		}

		@CohereTool(description = "Pays someone", confirm = true)
		public String pay(String to, int amount) {
			this.calls.add("pay " + to + " " + amount);
			return "paid";
		}

	}

	/** Reads the caller's thread-bound user on the tool's thread. */
	public static final class Identity {

		static final List<String> threads = new CopyOnWriteArrayList<>();

		private final ThreadLocal<String> user;

		Identity(ThreadLocal<String> user) {
			this.user = user;
		}

		@CohereTool(description = "The current user")
		public String whoAmI() {
			threads.add(Thread.currentThread().getName());
			return "user=" + this.user.get();
		}

	}

}
