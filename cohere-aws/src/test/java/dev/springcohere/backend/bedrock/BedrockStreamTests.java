package dev.springcohere.backend.bedrock;

import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatStreamException;
import dev.springcohere.api.ContentType;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.Role;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.TextDocument;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.aws.AwsBackendTestSupport;
import dev.springcohere.backend.aws.AwsTestSettings;
import dev.springcohere.backend.aws.EventStreamFrames;
import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.error.CohereRateLimitException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

class BedrockStreamTests extends AwsBackendTestSupport<BedrockBackend> {

	private static final String STREAM_PATH = "/model/.*/invoke-with-response-stream";

	@Override
	protected BedrockBackend createBackend(String baseUrl) {
		return BedrockBackend.create(AwsTestSettings.builder("bedrock", baseUrl).build());
	}

	private void respond(EventStreamFrames frames) {
		this.server.stubFor(post(urlPathMatching(STREAM_PATH))
			.willReturn(eventStream(frames).withHeader("x-amzn-RequestId", "req-stream")));
	}

	private static ChatRequest request(String model) {
		return ChatRequest.builder()
			.model(model)
			.messages(UserMessage.of("Weather in Paris?"))
			.documents(new TextDocument("Paris: rain, 14°C"))
			.build();
	}

	@Test
	void chunksOfV1EventsBecomeV2EventsEndingWithMessageEnd() {
		respond(new EventStreamFrames()
			.bedrockChunk("{\"event_type\":\"text-generation\",\"text\":\"It is\",\"is_finished\":false}")
			.bedrockChunk("{\"event_type\":\"text-generation\",\"text\":\" raining.\",\"is_finished\":false}")
			.bedrockChunk("{\"event_type\":\"citation-generation\",\"citations\":[{\"start\":6,\"end\":13,"
					+ "\"text\":\"raining\",\"document_ids\":[\"doc_0\"]}]}")
			.bedrockChunk("{\"event_type\":\"stream-end\",\"is_finished\":true,\"finish_reason\":\"COMPLETE\","
					+ "\"response\":{\"response_id\":\"r-9\",\"text\":\"It is raining.\",\"generation_id\":\"g-9\","
					+ "\"finish_reason\":\"COMPLETE\"},\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":80,"
					+ "\"outputTokenCount\":9,\"invocationLatency\":812,\"firstByteLatency\":190}}"));

		StepVerifier.create(this.backend.chatStream(request("cohere.command-r-v1:0")))
			.expectNext(new StreamEvent.MessageStart(null, Role.ASSISTANT))
			.expectNext(new StreamEvent.ContentStart(0, ContentType.TEXT, "", null))
			.expectNext(new StreamEvent.ContentDelta(0, "It is", null, null))
			.expectNext(new StreamEvent.ContentDelta(0, " raining.", null, null))
			.assertNext((event) -> {
				StreamEvent.CitationStart start = (StreamEvent.CitationStart) event;
				assertThat(start.index()).isZero();
				assertThat(start.citation().text()).isEqualTo("raining");
				assertThat(start.citation().sources()).singleElement()
					.isInstanceOfSatisfying(DocumentSource.class, (source) -> {
						assertThat(source.id()).isEqualTo("doc_0");
						assertThat(source.document().get("text").asString()).isEqualTo("Paris: rain, 14°C");
					});
			})
			.expectNext(new StreamEvent.CitationEnd(0))
			.expectNext(new StreamEvent.ContentEnd(0))
			.assertNext((event) -> {
				StreamEvent.MessageEnd end = (StreamEvent.MessageEnd) event;
				assertThat(end.finishReason()).isEqualTo(FinishReason.COMPLETE);
				assertThat(end.usage().inputTokens()).isEqualTo(80);
				assertThat(end.usage().outputTokens()).isEqualTo(9);
				assertThat(end.error()).isNull();
			})
			.verifyComplete();
		this.server.verify(postRequestedFor(urlPathMatching(STREAM_PATH)).withRequestBody(equalToJson("""
				{"message": "Weather in Paris?", "documents": [{"id": "doc_0", "text": "Paris: rain, 14°C"}]}
				""")));
		assertThat(this.server.getAllServeEvents().get(0).getRequest().getHeader("Authorization"))
			.contains("/" + AwsTestSettings.REGION + "/bedrock/aws4_request");
	}

	@Test
	void toolCallsArriveAsToolCallEventsAndFinishWithToolCall() {
		respond(new EventStreamFrames().bedrockChunk("{\"event_type\":\"stream-start\",\"generation_id\":\"g-t\"}")
			.bedrockChunk("{\"event_type\":\"tool-calls-chunk\",\"text\":\"I will\"}")
			.bedrockChunk("{\"event_type\":\"tool-calls-generation\",\"text\":\"I will look it up.\","
					+ "\"tool_calls\":[{\"name\":\"get_weather\",\"parameters\":{\"location\":\"Paris\"}}]}")
			.bedrockChunk("{\"event_type\":\"stream-end\",\"finish_reason\":\"COMPLETE\",\"response\":{}}"));

		StepVerifier.create(this.backend.chatStream(request("cohere.command-r-plus-v1:0")))
			.expectNext(new StreamEvent.MessageStart("g-t", Role.ASSISTANT))
			.expectNext(new StreamEvent.ToolPlanDelta("I will look it up."))
			.assertNext((event) -> {
				StreamEvent.ToolCallStart start = (StreamEvent.ToolCallStart) event;
				assertThat(start.toolCall().id()).isEqualTo("g-t_0");
				assertThat(start.toolCall().function().name()).isEqualTo("get_weather");
				assertThat(start.toolCall().function().arguments()).isEqualTo("{\"location\":\"Paris\"}");
			})
			.expectNext(new StreamEvent.ToolCallEnd(0))
			.assertNext((event) -> assertThat(((StreamEvent.MessageEnd) event).finishReason())
				.isEqualTo(FinishReason.TOOL_CALL))
			.verifyComplete();
	}

	@Test
	void aStreamCutBeforeStreamEndIsAnError() {
		respond(new EventStreamFrames()
			.bedrockChunk("{\"event_type\":\"text-generation\",\"text\":\"It is\",\"is_finished\":false}"));

		StepVerifier.create(this.backend.chatStream(request("cohere.command-r-v1:0")))
			.expectNext(new StreamEvent.MessageStart(null, Role.ASSISTANT))
			.expectNext(new StreamEvent.ContentStart(0, ContentType.TEXT, "", null))
			.expectNext(new StreamEvent.ContentDelta(0, "It is", null, null))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(ChatStreamException.class).hasMessageContaining("message-end");
				assertThat(((ChatStreamException) error).partialResponse().text()).isEqualTo("It is");
			})
			.verify();
	}

	@Test
	void aConnectionCutInsideAFrameIsAnError() {
		byte[] frames = new EventStreamFrames().bedrockChunk("{\"event_type\":\"text-generation\",\"text\":\"It is\"}")
			.bedrockChunk("{\"event_type\":\"stream-end\",\"finish_reason\":\"COMPLETE\"}")
			.toByteArray();
		this.server.stubFor(post(urlPathMatching(STREAM_PATH)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/vnd.amazon.eventstream")
			.withBody(java.util.Arrays.copyOf(frames, frames.length - 12))));

		StepVerifier.create(this.backend.chatStream(request("cohere.command-r-v1:0")))
			.expectNextCount(3)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ChatStreamException.class)
				.hasMessageContaining("without a message-end"))
			.verify();
	}

	@Test
	void anExceptionFrameBecomesAnApiError() {
		respond(new EventStreamFrames()
			.bedrockChunk("{\"event_type\":\"text-generation\",\"text\":\"It\",\"is_finished\":false}")
			.exception("modelStreamErrorException",
					"{\"message\":\"The model stream failed\",\"originalStatusCode\":500}"));

		StepVerifier.create(this.backend.chatStream(request("cohere.command-r-v1:0")))
			.expectNextCount(3)
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(CohereApiException.class)
					.hasMessageContaining("The model stream failed")
					.hasMessageContaining("modelStreamErrorException");
				assertThat(((CohereApiException) error).getStatusCode()).isEqualTo(424);
			})
			.verify();
	}

	@Test
	void aThrottlingFrameBecomesARateLimitError() {
		respond(new EventStreamFrames().exception("throttlingException", "{\"message\":\"Slow down\"}"));

		StepVerifier.create(this.backend.chatStream(request("cohere.command-r-v1:0")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(CohereRateLimitException.class)
				.hasMessageContaining("Slow down"))
			.verify();
	}

	@Test
	void aV1ErrorFinishReasonFailsTheStreamAfterMessageEnd() {
		respond(new EventStreamFrames().bedrockChunk("{\"event_type\":\"text-generation\",\"text\":\"Hm\"}")
			.bedrockChunk("{\"event_type\":\"stream-end\",\"finish_reason\":\"ERROR_TOXIC\",\"response\":{}}"));

		StepVerifier.create(this.backend.chatStream(request("cohere.command-r-v1:0")))
			.expectNextCount(4)
			.assertNext((event) -> assertThat(((StreamEvent.MessageEnd) event).finishReason())
				.isEqualTo(FinishReason.ERROR))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ChatStreamException.class)
				.hasMessageContaining("ERROR_TOXIC"))
			.verify();
	}

	@Test
	void aFrameWithABadChecksumIsAnError() {
		byte[] frames = new EventStreamFrames().bedrockChunk("{\"event_type\":\"text-generation\",\"text\":\"It is\"}")
			.toByteArray();
		frames[frames.length - 10] ^= 0x01;
		this.server.stubFor(post(urlPathMatching(STREAM_PATH)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/vnd.amazon.eventstream")
			.withBody(frames)));

		StepVerifier.create(this.backend.chatStream(request("cohere.command-r-v1:0")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(CohereMalformedResponseException.class)
				.hasMessageContaining("checksum"))
			.verify();
	}

	@Test
	void v2ModelsStreamV2EventsFromTheChunks() {
		respond(new EventStreamFrames()
			.bedrockChunk(
					"{\"type\":\"message-start\",\"id\":\"m-1\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}")
			.bedrockChunk("{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":"
					+ "{\"type\":\"text\",\"text\":\"\"}}}}")
			.bedrockChunk("{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":"
					+ "{\"text\":\"Bonjour\"}}}}")
			.bedrockChunk("{\"type\":\"content-end\",\"index\":0}")
			.bedrockChunk("{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\"}}"));

		List<StreamEvent> events = this.backend
			.chatStream(ChatRequest.builder()
				.model("cohere.command-a-03-2025-v1:0")
				.messages(UserMessage.of("Hello in French"))
				.build())
			.collectList()
			.block();

		assertThat(events).extracting(StreamEvent::type)
			.containsExactly("message-start", "content-start", "content-delta", "content-end", "message-end");
		assertThat(((StreamEvent.ContentDelta) events.get(2)).text()).isEqualTo("Bonjour");
		this.server.verify(postRequestedFor(urlPathMatching(STREAM_PATH)).withRequestBody(equalToJson("""
				{"messages": [{"role": "user", "content": "Hello in French"}]}
				""")));
	}

}
