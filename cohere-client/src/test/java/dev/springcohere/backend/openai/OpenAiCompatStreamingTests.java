package dev.springcohere.backend.openai;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.ChatStreamException;
import dev.springcohere.api.ContentType;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.Tool;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.api.error.CohereMalformedResponseException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenAI {@code chat.completion.chunk} streams over real HTTP, translated into Cohere v2
 * stream events.
 */
class OpenAiCompatStreamingTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final CohereBackend backend = OpenAiWireMock.backend(server.baseUrl() + "/v1", Map.of());

	private static final ChatRequest REQUEST = ChatRequest.builder()
		.model("command-r7b")
		.messages(UserMessage.of("Weather in Paris and Rome?"))
		.tools(Tool.function("get_weather", null, dev.springcohere.api.CohereJson.createMapper().readTree("""
				{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")))
		.build();

	@AfterEach
	void close() {
		this.backend.close();
	}

	private static void stream(String body) {
		server.stubFor(post(urlEqualTo("/v1/chat/completions"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body)));
	}

	@Test
	void aRawStreamShouldGiveTheHeadersAtTheStartThenTheTranslatedEvents() {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withHeader("x-request-id", "stream-9")
			.withBody(OpenAiWireMock.sse("""
					{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,
					 "delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}""", """
					{"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},
					 "finish_reason":"stop"}]}"""))));
		dev.springcohere.api.RawResponse<reactor.core.publisher.Flux<StreamEvent>> raw = this.backend
			.chatStreamRaw(REQUEST, dev.springcohere.api.RequestOptions.builder().header("X-Tenant", "t2").build())
			.block(java.time.Duration.ofSeconds(5));
		assertThat(raw.header("x-request-id")).isEqualTo("stream-9");
		assertThat(raw.body().collectList().block(java.time.Duration.ofSeconds(5))).last()
			.isInstanceOf(StreamEvent.MessageEnd.class);
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("X-Tenant",
				com.github.tomakehurst.wiremock.client.WireMock.equalTo("t2")));
	}

	@Test
	void toolCallArgumentFragmentsShouldBecomeToolCallStartDeltaEndEvents() {
		stream(OpenAiWireMock.sse("""
				{"id":"chatcmpl-9","object":"chat.completion.chunk","choices":[{"index":0,
				 "delta":{"role":"assistant","content":"Checking both."},"finish_reason":null}]}""", """
				{"id":"chatcmpl-9","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[
				 {"index":0,"id":"call_p","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}""",
				"""
						{"id":"chatcmpl-9","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[
						 {"index":0,"function":{"arguments":"{\\"ci"}}]}}]}""",
				"""
						{"id":"chatcmpl-9","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[
						 {"index":0,"function":{"arguments":"ty\\":\\"Paris\\"}"}}]}}]}""",
				"""
						{"id":"chatcmpl-9","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[
						 {"index":1,"id":"call_r","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":"}}]}}]}""",
				"""
						{"id":"chatcmpl-9","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[
						 {"index":1,"function":{"arguments":"\\"Rome\\"}"}}]}}]}""",
				"""
						{"id":"chatcmpl-9","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},
						 "finish_reason":"tool_calls"}]}""", """
						{"id":"chatcmpl-9","object":"chat.completion.chunk","choices":[],
						 "usage":{"prompt_tokens":50,"completion_tokens":20,"total_tokens":70}}""", "[DONE]"));
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		StepVerifier.create(this.backend.chatStream(REQUEST).doOnNext(accumulator::accept))
			.expectNext(new StreamEvent.MessageStart("chatcmpl-9", dev.springcohere.api.Role.ASSISTANT))
			.expectNext(new StreamEvent.ContentStart(0, ContentType.TEXT, "", null))
			.expectNext(new StreamEvent.ContentDelta(0, "Checking both.", null, null))
			.expectNext(new StreamEvent.ContentEnd(0))
			.assertNext((event) -> {
				assertThat(event).isInstanceOf(StreamEvent.ToolCallStart.class);
				StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) event;
				assertThat(start.index()).isEqualTo(0);
				assertThat(start.toolCall().id()).isEqualTo("call_p");
				assertThat(start.toolCall().function().name()).isEqualTo("get_weather");
			})
			.expectNext(new StreamEvent.ToolCallDelta(0, "{\"ci"))
			.expectNext(new StreamEvent.ToolCallDelta(0, "ty\":\"Paris\"}"))
			.expectNext(new StreamEvent.ToolCallEnd(0))
			.assertNext((event) -> assertThat(((StreamEvent.ToolCallStart) event).toolCall().id()).isEqualTo("call_r"))
			.expectNext(new StreamEvent.ToolCallDelta(1, "{\"city\":"))
			.expectNext(new StreamEvent.ToolCallDelta(1, "\"Rome\"}"))
			.expectNext(new StreamEvent.ToolCallEnd(1))
			.assertNext((event) -> {
				StreamEvent.MessageEnd end = (StreamEvent.MessageEnd) event;
				assertThat(end.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
				assertThat(end.usage().inputTokens()).isEqualTo(50);
				assertThat(end.usage().outputTokens()).isEqualTo(20);
				assertThat(end.error()).isNull();
			})
			.verifyComplete();
		ChatResponse response = accumulator.result();
		assertThat(response.text()).isEqualTo("Checking both.");
		assertThat(response.toolCalls()).hasSize(2);
		assertThat(response.toolCalls().get(0).function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
		assertThat(response.toolCalls().get(1).function().arguments()).isEqualTo("{\"city\":\"Rome\"}");
		server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(
				equalToJson("{\"model\":\"command-r7b\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}",
						false, true)));
	}

	@Test
	void textStreamWithReasoningShouldEndWithMessageEndAfterDone() {
		stream(OpenAiWireMock.sse("""
				{"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Hmm"}}]}""", """
				{"id":"c1","choices":[{"index":0,"delta":{"content":"Hel"}}]}""", """
				{"id":"c1","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"length"}]}""", "[DONE]"));
		List<StreamEvent> events = this.backend.chatStream(REQUEST).collectList().block();
		assertThat(events).extracting(StreamEvent::type)
			.containsExactly("message-start", "content-start", "content-delta", "content-end", "content-start",
					"content-delta", "content-delta", "content-end", "message-end");
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		events.forEach(accumulator::accept);
		ChatResponse response = accumulator.result();
		assertThat(response.text()).isEqualTo("Hello");
		assertThat(response.message().thinking()).isEqualTo("Hmm");
		assertThat(response.finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
		assertThat(response.usage()).isNull();
	}

	@Test
	void streamCutBeforeAFinishReasonShouldFail() {
		stream(OpenAiWireMock.sse("""
				{"id":"c1","choices":[{"index":0,"delta":{"content":"Hel"}}]}""", """
				{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"x",
				 "function":{"name":"get_weather","arguments":"{\\"ci"}}]}}]}"""));
		StepVerifier.create(this.backend.chatStream(REQUEST)).expectNextCount(6).expectErrorSatisfies((error) -> {
			assertThat(error).isInstanceOf(ChatStreamException.class)
				.hasMessageContaining("'openai-compat'")
				.hasMessageContaining("without a message-end");
			ChatResponse partial = ((ChatStreamException) error).partialResponse();
			assertThat(partial.text()).isEqualTo("Hel");
			assertThat(partial.toolCalls().get(0).function().arguments()).isEqualTo("{\"ci");
		}).verify();
	}

	@Test
	void errorChunkAndContentFilterShouldEndTheStreamWithAnError() {
		stream(OpenAiWireMock.sse("""
				{"id":"c1","choices":[{"index":0,"delta":{"content":"Hel"}}]}""", """
				{"error":{"message":"model overloaded","type":"server_error"}}""", "[DONE]"));
		StepVerifier.create(this.backend.chatStream(REQUEST))
			.expectNextCount(3)
			.expectNextMatches((event) -> event instanceof StreamEvent.ContentEnd)
			.expectNextMatches((event) -> event instanceof StreamEvent.MessageEnd end && end.isError())
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ChatStreamException.class)
				.hasMessageContaining("model overloaded"))
			.verify();
		stream(OpenAiWireMock.sse("""
				{"id":"c2","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"content_filter"}]}""",
				"[DONE]"));
		StepVerifier.create(this.backend.chatStream(REQUEST))
			.expectNextCount(4)
			.expectNextMatches((event) -> event instanceof StreamEvent.MessageEnd end
					&& FinishReason.ERROR.equals(end.finishReason()))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ChatStreamException.class)
				.hasMessageContaining("content_filter"))
			.verify();
	}

	@Test
	void chunkThatIsNotJsonShouldFailAsMalformed() {
		stream(OpenAiWireMock.sse("{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}",
				"not json", "[DONE]"));
		StepVerifier.create(this.backend.chatStream(REQUEST))
			.expectNextCount(3)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(CohereMalformedResponseException.class)
				.hasMessageContaining("chat.completion.chunk"))
			.verify();
	}

	@Test
	void unsupportedFieldShouldFailTheStreamBeforeSending() {
		StepVerifier
			.create(this.backend
				.chatStream(REQUEST.mutate().safetyMode(dev.springcohere.api.SafetyMode.STRICT).build()))
			.expectError(UnsupportedRequestFieldException.class)
			.verify();
		server.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

}
