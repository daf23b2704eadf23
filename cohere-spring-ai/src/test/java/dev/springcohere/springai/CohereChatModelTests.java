package dev.springcohere.springai;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.springcohere.api.Citation;
import dev.springcohere.api.CitationMode;
import dev.springcohere.api.Document;
import dev.springcohere.api.SafetyMode;
import dev.springcohere.client.CohereClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeTypeUtils;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CohereChatModelTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final CohereClient client = Fixtures.client(server.baseUrl());

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void callSendsEveryOptionAsV2FieldsAndMapsTextUsageFinishReasonAndCitations() {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"model":"command-r7b-12-2024",
				 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Where is the tower?"}],
				 "documents":[{"id":"d1","data":{"text":"The tower is in Paris."}}],
				 "citation_options":{"mode":"FAST"},"safety_mode":"CONTEXTUAL","max_tokens":50,
				 "stop_sequences":["END"],"temperature":0.2,"seed":7,"frequency_penalty":0.1,"presence_penalty":0.3,
				 "k":40,"p":0.9}""", false, false))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"r-1","finish_reason":"COMPLETE",
					 "message":{"role":"assistant","content":[{"type":"text","text":"In Paris."}],
					  "citations":[{"start":3,"end":8,"text":"Paris","type":"TEXT_CONTENT",
					   "sources":[{"type":"document","id":"d1","document":{"text":"The tower is in Paris."}}]}]},
					 "usage":{"tokens":{"input_tokens":12,"output_tokens":3}}}""")));
		CohereChatModel model = CohereChatModel.builder()
			.cohereClient(this.client)
			.defaultOptions(CohereChatOptions.builder()
				.model("command-r7b-12-2024")
				.temperature(0.2)
				.maxTokens(50)
				.topP(0.9)
				.topK(40)
				.stopSequences(List.of("END"))
				.frequencyPenalty(0.1)
				.presencePenalty(0.3)
				.seed(7L)
				.safetyMode(SafetyMode.CONTEXTUAL)
				.documents(Document.of("d1", Map.of("text", "The tower is in Paris.")))
				.citationMode(CitationMode.FAST)
				.build())
			.build();

		ChatResponse response = model
			.call(new Prompt(List.of(new SystemMessage("Be brief."), new UserMessage("Where is the tower?"))));

		assertThat(response.getResult().getOutput().getText()).isEqualTo("In Paris.");
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("COMPLETE");
		assertThat(response.getMetadata().getId()).isEqualTo("r-1");
		assertThat(response.getMetadata().getModel()).isEqualTo("command-r7b-12-2024");
		assertThat(response.getMetadata().getUsage().getPromptTokens()).isEqualTo(12);
		assertThat(response.getMetadata().getUsage().getCompletionTokens()).isEqualTo(3);
		assertThat(response.getMetadata().getUsage().getTotalTokens()).isEqualTo(15);
		List<Citation> citations = response.getMetadata().get(CohereChatModel.CITATIONS_METADATA_KEY);
		assertThat(citations).singleElement().satisfies((Citation citation) -> {
			assertThat(citation.text()).isEqualTo("Paris");
			assertThat(citation.start()).isEqualTo(3);
		});
		List<Citation> onGeneration = response.getResult().getMetadata().get(CohereChatModel.CITATIONS_METADATA_KEY);
		assertThat(onGeneration).isEqualTo(citations);
	}

	@Test
	void promptOptionsReplaceDefaultsExceptTheModelName() {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"model":"command-a-03-2025","messages":[{"role":"user","content":"Hi"}],"temperature":0.9}"""))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.chatAnswer("r-2", "Hello", "COMPLETE", 1, 1))));
		CohereChatModel model = CohereChatModel.builder()
			.cohereClient(this.client)
			.defaultOptions(CohereChatOptions.builder().model("command-a-03-2025").maxTokens(10).build())
			.build();

		ChatResponse response = model.call(new Prompt("Hi", ChatOptions.builder().temperature(0.9).build()));

		assertThat(response.getResult().getOutput().getText()).isEqualTo("Hello");
	}

	@Test
	void mapsAssistantToolCallsAndToolResponsesToV2MessagesAndToolCallAnswersBack() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(equalToJson(
					"""
							{"messages":[{"role":"user","content":"Weather in Oslo?"},
							 {"role":"assistant","tool_calls":[{"id":"c1","type":"function",
							   "function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}],"tool_plan":"I will look it up."},
							 {"role":"tool","tool_call_id":"c1","content":"sunny"}]}""",
					false, true))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(
						"""
								{"id":"r-3","finish_reason":"TOOL_CALL","message":{"role":"assistant","tool_plan":"Checking again.",
								 "tool_calls":[{"id":"c2","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Bergen\\"}"}}]}}""")));
		CohereChatModel model = CohereChatModel.builder().cohereClient(this.client).build();
		List<Message> history = List.of(new UserMessage("Weather in Oslo?"),
				AssistantMessage.builder()
					.content("I will look it up.")
					.toolCalls(
							List.of(new AssistantMessage.ToolCall("c1", "function", "weather", "{\"city\":\"Oslo\"}")))
					.build(),
				ToolResponseMessage.builder()
					.responses(List.of(new ToolResponseMessage.ToolResponse("c1", "weather", "sunny")))
					.build());

		ChatResponse response = model.call(new Prompt(history));

		assertThat(response.hasToolCalls()).isTrue();
		assertThat(response.getResult().getOutput().getToolCalls()).singleElement()
			.satisfies((AssistantMessage.ToolCall call) -> {
				assertThat(call.id()).isEqualTo("c2");
				assertThat(call.name()).isEqualTo("weather");
				assertThat(Fixtures.json(call.arguments())).isEqualTo(Fixtures.json("{\"city\":\"Bergen\"}"));
			});
		assertThat(response.getResult().getOutput().getMetadata()).containsEntry(CohereChatModel.TOOL_PLAN_METADATA_KEY,
				"Checking again.");
		assertThat(response.getResult().getMetadata().getFinishReason()).isEqualTo("TOOL_CALL");
	}

	@Test
	void streamEmitsTextDeltasThenAFinalResponseWithUsageAndFinishReason() {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"messages":[{"role":"user","content":"Count"}],"stream":true}""", false, true))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(Fixtures.sse("""
					{"type":"message-start","id":"s1","delta":{"message":{"role":"assistant"}}}""", """
					{"type":"content-start","index":0,"delta":{"message":{"content":{"type":"text","text":""}}}}""", """
					{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"one, "}}}}""", """
					{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"two"}}}}""", """
					{"type":"content-end","index":0}""", """
					{"type":"message-end","delta":{"finish_reason":"MAX_TOKENS",
					 "usage":{"tokens":{"input_tokens":4,"output_tokens":2}}}}"""))));
		CohereChatModel model = CohereChatModel.builder().cohereClient(this.client).build();

		List<ChatResponse> responses = model.stream(new Prompt("Count")).collectList().block();

		assertThat(responses).hasSize(3);
		assertThat(responses.subList(0, 2)).extracting((ChatResponse r) -> r.getResult().getOutput().getText())
			.containsExactly("one, ", "two");
		ChatResponse last = responses.get(2);
		assertThat(last.getResult().getOutput().getText()).isEmpty();
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("MAX_TOKENS");
		assertThat(last.getMetadata().getId()).isEqualTo("s1");
		assertThat(last.getMetadata().getUsage().getPromptTokens()).isEqualTo(4);
		assertThat(last.getMetadata().getUsage().getCompletionTokens()).isEqualTo(2);
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void outputSchemaBecomesAJsonObjectResponseFormat() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.withRequestBody(equalToJson("""
					{"response_format":{"type":"json_object",
					 "json_schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]}}}""",
					false, true))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.chatAnswer("r-4", "{\"name\":\"Oslo\"}", "COMPLETE", 5, 4))));
		CohereChatModel model = CohereChatModel.builder().cohereClient(this.client).build();

		ChatResponse response = model.call(new Prompt("City?", CohereChatOptions.builder()
			.outputSchema(
					"{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}")
			.build()));

		assertThat(response.getResult().getOutput().getText()).isEqualTo("{\"name\":\"Oslo\"}");
	}

	@Test
	void userImagesBecomeImageUrlBlocksAndOtherMediaIsRejected() {
		server.stubFor(post(urlEqualTo("/v2/chat")).withRequestBody(equalToJson("""
				{"messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
				 {"type":"image_url","image_url":{"url":"data:image/png;base64,AQID"}}]}]}""", false, true))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(Fixtures.chatAnswer("r-5", "Three bytes.", "COMPLETE", 5, 2))));
		CohereChatModel model = CohereChatModel.builder().cohereClient(this.client).build();
		UserMessage withImage = UserMessage.builder()
			.text("What is this?")
			.media(List.of(Media.builder().mimeType(MimeTypeUtils.IMAGE_PNG).data(new byte[] { 1, 2, 3 }).build()))
			.build();
		UserMessage withAudio = UserMessage.builder()
			.text("Listen")
			.media(List
				.of(Media.builder().mimeType(MimeTypeUtils.parseMimeType("audio/mpeg")).data(new byte[] { 1 }).build()))
			.build();

		assertThat(model.call(new Prompt(withImage)).getResult().getOutput().getText()).isEqualTo("Three bytes.");
		assertThatIllegalArgumentException().isThrownBy(() -> model.call(new Prompt(withAudio)))
			.withMessageContaining("audio/mpeg");
	}

	@Test
	void apiErrorsReachTheCallerAsCohereExceptions() {
		server.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"invalid request: temperature must be at most 1\"}")));
		CohereChatModel model = CohereChatModel.builder().cohereClient(this.client).build();

		assertThatExceptionOfType(dev.springcohere.api.error.CohereApiException.class)
			.isThrownBy(() -> model.call(new Prompt("Hi", ChatOptions.builder().temperature(5.0).build())))
			.satisfies((dev.springcohere.api.error.CohereApiException ex) -> assertThat(ex.getStatusCode())
				.isEqualTo(400));
	}

	@Test
	void streamHonoursBackpressure() {
		server.stubFor(post(urlEqualTo("/v2/chat"))
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(Fixtures.sse("""
					{"type":"message-start","id":"s1","delta":{"message":{"role":"assistant"}}}""", """
					{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"a"}}}}""", """
					{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"b"}}}}""", """
					{"type":"message-end","delta":{"finish_reason":"COMPLETE"}}"""))));
		CohereChatModel model = CohereChatModel.builder().cohereClient(this.client).build();

		StepVerifier.create(model.stream(new Prompt("ab")), 1)
			.assertNext((ChatResponse r) -> assertThat(r.getResult().getOutput().getText()).isEqualTo("a"))
			.thenRequest(1)
			.assertNext((ChatResponse r) -> assertThat(r.getResult().getOutput().getText()).isEqualTo("b"))
			.thenRequest(1)
			.assertNext(
					(ChatResponse r) -> assertThat(r.getResult().getMetadata().getFinishReason()).isEqualTo("COMPLETE"))
			.verifyComplete();
	}

}
