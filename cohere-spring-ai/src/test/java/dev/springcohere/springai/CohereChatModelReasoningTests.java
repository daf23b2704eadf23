package dev.springcohere.springai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.springcohere.annotation.CohereTool;
import dev.springcohere.api.LogprobItem;
import dev.springcohere.api.Thinking;
import dev.springcohere.api.ToolChoice;
import dev.springcohere.client.CohereClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Thinking, {@code tool_choice}, {@code logprobs} and {@code priority}: sent as v2
 * fields, mapped back from answers and streams, and thinking sent back with tool calls.
 */
class CohereChatModelReasoningTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	/** The spec's thinking example: a thinking block and two tool calls. */
	private static final String THINKING_TOOL_CALL_ANSWER = """
			{"id":"9e5f00aa","finish_reason":"TOOL_CALL",
			 "message":{"role":"assistant",
			  "content":[{"type":"thinking","thinking":"I will first find the weather in Oslo."}],
			  "tool_calls":[{"id":"w1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
			 "usage":{"tokens":{"input_tokens":1032,"output_tokens":124}}}""";

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

	private CohereChatModel model(CohereChatOptions options) {
		return CohereChatModel.builder().cohereClient(this.client).defaultOptions(options).build();
	}

	@Test
	void callSendsThinkingToolChoiceLogprobsAndPriorityAndMapsThinkingAndLogprobsBack() {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"model":"command-a-reasoning-08-2025","messages":[{"role":"user","content":"Weather?"}],
				 "thinking":{"type":"enabled","token_budget":2000},"tool_choice":"REQUIRED","logprobs":true,
				 "priority":3,"tools":[{"type":"function","function":{"name":"weather"}}]}""", false, true))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"r-1","finish_reason":"COMPLETE",
					 "message":{"role":"assistant","content":[{"type":"thinking","thinking":"Sunny is likely."},
					  {"type":"text","text":"Sunny."}]},
					 "logprobs":[{"text":"Sunny.","token_ids":[5,6],"logprobs":[-0.25,-1.5]}]}""")));
		CohereChatModel model = model(CohereChatOptions.builder()
			.model("command-a-reasoning-08-2025")
			.thinking(Thinking.enabled(2000))
			.toolChoice(ToolChoice.REQUIRED)
			.logprobs(true)
			.priority(3)
			.toolCallbacks(List.of(CohereToolCallbacks.from(this.tools)))
			.build());

		ChatResponse response = model.call(new Prompt("Weather?"));

		AssistantMessage output = response.getResult().getOutput();
		assertThat(output.getText()).isEqualTo("Sunny.");
		assertThat(output.getMetadata()).containsEntry(CohereChatModel.THINKING_METADATA_KEY, "Sunny is likely.");
		List<LogprobItem> logprobs = response.getResult().getMetadata().get(CohereChatModel.LOGPROBS_METADATA_KEY);
		assertThat(logprobs).singleElement().satisfies((item) -> {
			assertThat(item.text()).isEqualTo("Sunny.");
			assertThat(item.tokenIds()).containsExactly(5, 6);
			assertThat(item.logprobs()).containsExactly(-0.25, -1.5);
		});
	}

	@Test
	void disabledThinkingAndToolChoiceNoneAreSentAndUnsetOptionsAreAbsent() {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"thinking":{"type":"disabled"},"tool_choice":"NONE"}""", false, true))
			.withRequestBody(matchingJsonPath("$.logprobs", absent()))
			.withRequestBody(matchingJsonPath("$.priority", absent()))
			.withRequestBody(matchingJsonPath("$.thinking.token_budget", absent()))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.chatAnswer("r-2", "No tools.", "COMPLETE", 3, 2))));
		CohereChatModel model = model(CohereChatOptions.builder()
			.thinking(Thinking.disabled())
			.toolChoice(ToolChoice.NONE)
			.toolCallbacks(List.of(CohereToolCallbacks.from(this.tools)))
			.build());

		ChatResponse response = model.call(new Prompt("Hi"));

		assertThat(response.getResult().getOutput().getText()).isEqualTo("No tools.");
		assertThat(response.getResult().getOutput().getMetadata())
			.doesNotContainKey(CohereChatModel.THINKING_METADATA_KEY);
		assertThat(response.getResult().getMetadata().containsKey(CohereChatModel.LOGPROBS_METADATA_KEY)).isFalse();
	}

	@Test
	void promptOptionsReplaceTheDefaultReasoningOptions() {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"thinking":{"type":"enabled","token_budget":10},"priority":0}""", false, true))
			.withRequestBody(matchingJsonPath("$.logprobs", absent()))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.chatAnswer("r-3", "Done.", "COMPLETE", 3, 2))));
		CohereChatModel model = model(
				CohereChatOptions.builder().thinking(Thinking.disabled()).logprobs(true).priority(500).build());

		ChatResponse response = model
			.call(new Prompt("Hi", CohereChatOptions.builder().thinking(Thinking.enabled(10)).priority(0).build()));

		assertThat(response.getResult().getOutput().getText()).isEqualTo("Done.");
	}

	@Test
	void requiredToolChoiceWithoutToolsAndPriorityOutOfRangeFailClearly() {
		CohereChatModel model = model(CohereChatOptions.builder().toolChoice(ToolChoice.REQUIRED).build());
		assertThatIllegalArgumentException().isThrownBy(() -> model.call(new Prompt("Hi")))
			.withMessageContaining("'toolChoice' is REQUIRED but the prompt offers no tools");
		assertThatIllegalArgumentException().isThrownBy(() -> CohereChatOptions.builder().priority(1000))
			.withMessageContaining("'priority' must be between 0 (highest) and 999 (lowest), but was 1000");
		assertThatIllegalArgumentException().isThrownBy(() -> CohereChatOptions.builder().priority(-1))
			.withMessageContaining("but was -1");
		server.verify(0, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void streamEmitsThinkingFragmentsAsMetadataThenTextAndTheWholeThinkingAndLogprobsAtTheEnd() {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"stream":true,"thinking":{"type":"enabled"},"logprobs":true}""", false, true))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(Fixtures.sse("""
						{"type":"message-start","id":"s1","delta":{"message":{"role":"assistant"}}}""",
						"""
								{"type":"content-start","index":0,"delta":{"message":{"content":{"type":"thinking","thinking":""}}}}""",
						"""
								{"type":"content-delta","index":0,"delta":{"message":{"content":{"thinking":"Think "}}}}""",
						"""
								{"type":"content-delta","index":0,"delta":{"message":{"content":{"thinking":"hard."}}}}""",
						"""
								{"type":"content-end","index":0}""",
						"""
								{"type":"content-start","index":1,"delta":{"message":{"content":{"type":"text","text":""}}}}""",
						"""
								{"type":"content-delta","index":1,"delta":{"message":{"content":{"text":"Yes."}}},
								 "logprobs":{"text":"Yes.","token_ids":[9],"logprobs":[-0.5]}}""", """
								{"type":"content-end","index":1}""",
						"""
								{"type":"message-end","delta":{"finish_reason":"COMPLETE","usage":{"tokens":{"input_tokens":4,"output_tokens":3}}}}"""))));
		CohereChatModel model = model(
				CohereChatOptions.builder().thinking(Thinking.enabled(null)).logprobs(true).build());

		List<ChatResponse> responses = model.stream(new Prompt("Sure?")).collectList().block();

		assertThat(responses).hasSize(4);
		assertThat(responses.subList(0, 2)).extracting((r) -> r.getResult().getOutput())
			.allSatisfy((message) -> assertThat(message.getText()).isEmpty())
			.extracting((message) -> message.getMetadata().get(CohereChatModel.THINKING_METADATA_KEY))
			.containsExactly("Think ", "hard.");
		ChatResponse text = responses.get(2);
		assertThat(text.getResult().getOutput().getText()).isEqualTo("Yes.");
		assertThat(text.getResult().getOutput().getMetadata()).doesNotContainKey(CohereChatModel.THINKING_METADATA_KEY);
		List<LogprobItem> deltaLogprobs = text.getResult().getMetadata().get(CohereChatModel.LOGPROBS_METADATA_KEY);
		assertThat(deltaLogprobs).singleElement().satisfies((item) -> assertThat(item.tokenIds()).containsExactly(9));
		ChatResponse last = responses.get(3);
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("COMPLETE");
		assertThat(last.getResult().getOutput().getText()).isEmpty();
		assertThat(last.getResult().getOutput().getMetadata()).containsEntry(CohereChatModel.THINKING_METADATA_KEY,
				"Think hard.");
		List<LogprobItem> allLogprobs = last.getResult().getMetadata().get(CohereChatModel.LOGPROBS_METADATA_KEY);
		assertThat(allLogprobs).singleElement().satisfies((item) -> assertThat(item.logprobs()).containsExactly(-0.5));
	}

	@Test
	void toolLoopThroughSpringAiToolCallingManagerSendsTheThinkingBackWithTheToolCalls() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]", absent()))
			.willReturn(
					aResponse().withHeader("Content-Type", "application/json").withBody(THINKING_TOOL_CALL_ANSWER)));
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"messages":[{"role":"user","content":"Weather in Oslo?"},
				 {"role":"assistant","tool_calls":[{"id":"w1","type":"function",
				   "function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}],
				  "content":[{"type":"thinking","thinking":"I will first find the weather in Oslo."}]},
				 {"role":"tool","tool_call_id":"w1","content":"sunny in Oslo"}],
				 "thinking":{"type":"enabled"}}""", false, true))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.chatAnswer("r-2", "Sunny in Oslo.", "COMPLETE", 20, 4))));
		CohereChatOptions options = CohereChatOptions.builder()
			.thinking(Thinking.enabled(null))
			.toolCallbacks(List.of(CohereToolCallbacks.from(this.tools)))
			.build();
		CohereChatModel model = model(options);
		ToolCallingManager manager = ToolCallingManager.builder().build();

		// the loop Spring AI's tool-calling advisor runs: call, execute, call again
		Prompt prompt = new Prompt(List.of(new UserMessage("Weather in Oslo?")), options);
		ChatResponse first = model.call(prompt);
		assertThat(first.hasToolCalls()).isTrue();
		assertThat(first.getResult().getOutput().getMetadata()).containsEntry(CohereChatModel.THINKING_METADATA_KEY,
				"I will first find the weather in Oslo.");
		ToolExecutionResult result = manager.executeToolCalls(prompt, first);
		List<Message> history = result.conversationHistory();
		ChatResponse second = model.call(new Prompt(history, options));

		assertThat(second.getResult().getOutput().getText()).isEqualTo("Sunny in Oslo.");
		assertThat(this.tools.cities).containsExactly("Oslo");
		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void streamedToolLoopRunInternallySendsTheThinkingBack() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]", absent()))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(Fixtures.sse("""
						{"type":"message-start","id":"s1","delta":{"message":{"role":"assistant"}}}""",
						"""
								{"type":"content-start","index":0,"delta":{"message":{"content":{"type":"thinking","thinking":"Need "}}}}""",
						"""
								{"type":"content-delta","index":0,"delta":{"message":{"content":{"thinking":"weather."}}}}""",
						"""
								{"type":"content-end","index":0}""",
						"""
								{"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"w1","type":"function",
								 "function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}}}}""",
						"""
								{"type":"tool-call-end","index":0}""", """
								{"type":"message-end","delta":{"finish_reason":"TOOL_CALL"}}"""))));
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"messages":[{"role":"user","content":"Weather in Oslo?"},
				 {"role":"assistant","tool_calls":[{"id":"w1"}],
				  "content":[{"type":"thinking","thinking":"Need weather."}]},
				 {"role":"tool","tool_call_id":"w1","content":"sunny in Oslo"}]}""", false, true))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(Fixtures.sse("""
					{"type":"message-start","id":"s2","delta":{"message":{"role":"assistant"}}}""", """
					{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Sunny."}}}}""", """
					{"type":"message-end","delta":{"finish_reason":"COMPLETE"}}"""))));
		CohereChatModel model = model(CohereChatOptions.builder()
			.thinking(Thinking.enabled(null))
			.internalToolExecutionEnabled(true)
			.toolCallbacks(List.of(CohereToolCallbacks.from(this.tools)))
			.build());

		String text = Flux.from(model.stream(new Prompt("Weather in Oslo?")))
			.map((r) -> r.getResult().getOutput().getText())
			.reduce("", String::concat)
			.block();

		assertThat(text).isEqualTo("Sunny.");
		assertThat(this.tools.cities).containsExactly("Oslo");
		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	private static final String STREAMED_THINKING_TOOL_CALL = Fixtures.sse("""
			{"type":"message-start","id":"s1","delta":{"message":{"role":"assistant"}}}""",
			"""
					{"type":"content-start","index":0,"delta":{"message":{"content":{"type":"thinking","thinking":"Need "}}}}""",
			"""
					{"type":"content-delta","index":0,"delta":{"message":{"content":{"thinking":"weather."}}}}""", """
					{"type":"content-end","index":0}""", """
					{"type":"tool-call-start","index":0,"delta":{"message":{"tool_calls":{"id":"w1","type":"function",
					 "function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}}}}""", """
					{"type":"tool-call-end","index":0}""", """
					{"type":"message-end","delta":{"finish_reason":"TOOL_CALL"}}""");

	private void stubThinkingSentBack(String thinking, boolean stream) {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"messages":[{"role":"user","content":"Weather in Oslo?"},
				 {"role":"assistant","tool_calls":[{"id":"w1"}],"content":[{"type":"thinking","thinking":"%s"}]},
				 {"role":"tool","tool_call_id":"w1","content":"sunny in Oslo"}]}""".formatted(thinking), false, true))
			.willReturn(stream ? aResponse().withHeader("Content-Type", "text/event-stream").withBody(Fixtures.sse("""
					{"type":"message-start","id":"s2","delta":{"message":{"role":"assistant"}}}""", """
					{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Sunny."}}}}""", """
					{"type":"message-end","delta":{"finish_reason":"COMPLETE"}}"""))
					: aResponse().withHeader("Content-Type", "application/json")
						.withBody(Fixtures.chatAnswer("r-2", "Sunny.", "COMPLETE", 20, 4))));
	}

	@Test
	void chatClientToolLoopSendsTheThinkingBack() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]", absent()))
			.willReturn(
					aResponse().withHeader("Content-Type", "application/json").withBody(THINKING_TOOL_CALL_ANSWER)));
		stubThinkingSentBack("I will first find the weather in Oslo.", false);
		CohereChatModel model = model(CohereChatOptions.builder().thinking(Thinking.enabled(null)).build());

		String answer = ChatClient.create(model)
			.prompt()
			.user("Weather in Oslo?")
			.tools(CohereToolCallbacks.from(this.tools))
			.call()
			.content();

		assertThat(answer).isEqualTo("Sunny.");
		assertThat(this.tools.cities).containsExactly("Oslo");
	}

	@Test
	void chatClientStreamedToolLoopSendsTheWholeThinkingBack() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]", absent()))
			.willReturn(
					aResponse().withHeader("Content-Type", "text/event-stream").withBody(STREAMED_THINKING_TOOL_CALL)));
		stubThinkingSentBack("Need weather.", true);
		CohereChatModel model = model(CohereChatOptions.builder().thinking(Thinking.enabled(null)).build());

		List<String> parts = ChatClient.create(model)
			.prompt()
			.user("Weather in Oslo?")
			.tools(CohereToolCallbacks.from(this.tools))
			.stream()
			.content()
			.collectList()
			.block();

		assertThat(String.join("", parts)).isEqualTo("Sunny.");
		assertThat(this.tools.cities).containsExactly("Oslo");
	}

}
