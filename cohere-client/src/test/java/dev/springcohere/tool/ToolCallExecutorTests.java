package dev.springcohere.tool;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.springcohere.annotation.CohereTool;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.ToolMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests {@link ToolCallExecutor}: concurrency within a step, call order of results,
 * failures as results.
 */
class ToolCallExecutorTests {

	static class Rendezvous {

		final CountDownLatch arrived = new CountDownLatch(2);

		@CohereTool
		public String meet(String who) throws InterruptedException {
			this.arrived.countDown();
			// both calls must be running at the same time to get past this point
			boolean both = this.arrived.await(10, TimeUnit.SECONDS);
			return who + (both ? " met" : " waited alone") + " on " + Thread.currentThread().getName();
		}

		@CohereTool
		public String echo(String text) {
			return text;
		}

	}

	@Test
	void callsOfOneStepRunConcurrentlyAndResultsKeepCallOrder() {
		ToolCallExecutor executor = new ToolCallExecutor(new ToolScanner().scan(new Rendezvous()));
		List<ToolCallOutcome> outcomes = executor.callAll(
				List.of(ToolCall.of("c1", "meet", "{\"who\":\"ann\"}"), ToolCall.of("c2", "meet", "{\"who\":\"bob\"}")),
				ToolContext.empty());
		assertThat(outcomes).extracting((outcome) -> outcome.call().id()).containsExactly("c1", "c2");
		assertThat(outcomes.get(0).result().content().toString()).contains("ann met on cohere-tool-");
		assertThat(outcomes.get(1).result().content().toString()).contains("bob met on cohere-tool-");
	}

	@Test
	void aGivenExecutorRunsTheCalls() throws InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(2, (task) -> new Thread(task, "my-pool"));
		try {
			ToolCallExecutor executor = new ToolCallExecutor(new ToolScanner().scan(new Rendezvous()), pool);
			List<ToolCallOutcome> outcomes = executor.callAll(List.of(ToolCall.of("a", "meet", "{\"who\":\"x\"}"),
					ToolCall.of("b", "meet", "{\"who\":\"y\"}"), ToolCall.of("c", "echo", "{\"text\":\"z\"}")),
					ToolContext.empty());
			assertThat(outcomes.get(0).result().content().toString()).contains("x met on my-pool");
			assertThat(outcomes.get(2).result()).isEqualTo(ToolResult.ofText("z"));
		}
		finally {
			pool.shutdownNow();
			pool.awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void unknownToolsAndFailingCallbacksBecomeErrorResultsWithoutDroppingOthers() {
		AtomicInteger calls = new AtomicInteger();
		ToolCallback broken = new StrictSchemaCheckerTests.FixedTool(dev.springcohere.api.Tool.function("broken", null,
				new JsonSchemaGenerator().mapper().createObjectNode().put("type", "object")));
		ToolCallback failing = new ToolCallback() {
			@Override
			public dev.springcohere.api.Tool definition() {
				return broken.definition();
			}

			@Override
			public ToolResult call(String arguments, ToolContext context) {
				calls.incrementAndGet();
				throw new UnsupportedOperationException("not today");
			}
		};
		List<ToolCallback> tools = new java.util.ArrayList<>(new ToolScanner().scan(new Rendezvous()));
		tools.add(failing);
		ToolCallExecutor executor = new ToolCallExecutor(tools);
		List<ToolCallOutcome> outcomes = executor.callAll(List.of(ToolCall.of("1", "nope", "{}"),
				ToolCall.of("2", "broken", "{}"), ToolCall.of("3", "echo", "{\"text\":\"still here\"}")),
				ToolContext.empty());
		assertThat(outcomes.get(0).result())
			.isEqualTo(ToolResult.error("There is no tool named 'nope'; the tools available are "
					+ executor.tools().keySet() + ". Call one of them by its exact name."));
		assertThat(outcomes.get(1).result())
			.isEqualTo(ToolResult.error("Tool 'broken' failed: UnsupportedOperationException: not today"));
		assertThat(outcomes.get(2).result()).isEqualTo(ToolResult.ofText("still here"));
		assertThat(calls).hasValue(1);
	}

	@Test
	void outcomesBecomeToolMessages() {
		ToolCallExecutor executor = new ToolCallExecutor(new ToolScanner().scan(new Rendezvous()));
		ToolCallOutcome outcome = executor
			.callAll(List.of(ToolCall.of("id-9", "echo", "{\"text\":\"hi\"}")), ToolContext.empty())
			.get(0);
		ToolMessage message = outcome.toMessage();
		assertThat(message.toolCallId()).isEqualTo("id-9");
		assertThat(message.content().toString()).contains("hi");
	}

	@Test
	void duplicateNamesAreRejected() {
		List<ToolCallback> tools = new ToolScanner().scan(new Rendezvous());
		assertThatIllegalArgumentException().isThrownBy(() -> new ToolCallExecutor(List.of(tools.get(0), tools.get(0))))
			.withMessageContaining("Duplicate tool name 'echo'");
	}

}
