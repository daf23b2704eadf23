package dev.springcohere.backend.sagemaker;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatStreamException;
import dev.springcohere.api.ContentType;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.Role;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.aws.AwsBackendTestSupport;
import dev.springcohere.backend.aws.AwsTestSettings;
import dev.springcohere.backend.aws.EventStreamFrames;
import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.error.CohereServerException;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class SagemakerStreamTests extends AwsBackendTestSupport<SagemakerBackend> {

	private static final String STREAM_PATH = "/endpoints/cohere-command-r/invocations-response-stream";

	private static final String EVENTS = """
			{"event_type":"stream-start","generation_id":"g-sm","is_finished":false}
			{"event_type":"text-generation","text":"Il fait 14°C","is_finished":false}
			{"event_type":"text-generation","text":" à Paris.","is_finished":false}
			{"event_type":"stream-end","is_finished":true,"finish_reason":"COMPLETE","response":{"text":"Il fait 14°C à Paris.","meta":{"billed_units":{"input_tokens":5,"output_tokens":7}}}}
			""";

	@Override
	protected SagemakerBackend createBackend(String baseUrl) {
		return SagemakerBackend.create(AwsTestSettings.builder("sagemaker", baseUrl)
			.property("sagemaker.endpoint-name", "cohere-command-r")
			.build());
	}

	private void respond(EventStreamFrames frames) {
		this.server.stubFor(post(urlPathEqualTo(STREAM_PATH)).willReturn(eventStream(frames)));
	}

	/**
	 * Cuts the bytes into parts at the given offsets (inside events, keys and a
	 * multi-byte character).
	 */
	private static EventStreamFrames parts(byte[] bytes, int... cuts) {
		EventStreamFrames frames = new EventStreamFrames();
		int from = 0;
		for (int cut : cuts) {
			frames.sagemakerPart(Arrays.copyOfRange(bytes, from, cut));
			from = cut;
		}
		return frames.sagemakerPart(Arrays.copyOfRange(bytes, from, bytes.length));
	}

	private static ChatRequest request() {
		return ChatRequest.builder().messages(UserMessage.of("Météo ?")).build();
	}

	@Test
	void payloadPartsSplittingEventsAnywhereAreReassembled() {
		byte[] bytes = EVENTS.getBytes(StandardCharsets.UTF_8);
		int degree = EVENTS.indexOf('°');
		int degreeByte = EVENTS.substring(0, degree).getBytes(StandardCharsets.UTF_8).length + 1;
		respond(parts(bytes, 3, 40, degreeByte, degreeByte + 9, bytes.length - 20));

		StepVerifier.create(this.backend.chatStream(request()))
			.expectNext(new StreamEvent.MessageStart("g-sm", Role.ASSISTANT))
			.expectNext(new StreamEvent.ContentStart(0, ContentType.TEXT, "", null))
			.expectNext(new StreamEvent.ContentDelta(0, "Il fait 14°C", null, null))
			.expectNext(new StreamEvent.ContentDelta(0, " à Paris.", null, null))
			.expectNext(new StreamEvent.ContentEnd(0))
			.assertNext((event) -> {
				StreamEvent.MessageEnd end = (StreamEvent.MessageEnd) event;
				assertThat(end.finishReason()).isEqualTo(FinishReason.COMPLETE);
				assertThat(end.usage().outputTokens()).isEqualTo(7);
			})
			.verifyComplete();
		this.server.verify(postRequestedFor(urlPathEqualTo(STREAM_PATH))
			.withRequestBody(equalToJson("{\"message\": \"Météo ?\", \"stream\": true}")));
	}

	@Test
	void aStreamStoppingInsideAnEventIsAnError() {
		byte[] bytes = EVENTS.getBytes(StandardCharsets.UTF_8);
		respond(parts(Arrays.copyOf(bytes, EVENTS.indexOf("{\"event_type\":\"stream-end\"") + 30), 50));

		StepVerifier.create(this.backend.chatStream(request()))
			.expectNextCount(4)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(CohereMalformedResponseException.class)
				.hasMessageContaining("ended inside an event"))
			.verify();
	}

	@Test
	void aStreamWithoutStreamEndIsAnError() {
		String cut = EVENTS.substring(0, EVENTS.indexOf("{\"event_type\":\"stream-end\""));
		respond(parts(cut.getBytes(StandardCharsets.UTF_8), 10));

		StepVerifier.create(this.backend.chatStream(request()))
			.expectNextCount(4)
			.expectError(ChatStreamException.class)
			.verify();
	}

	@Test
	void aModelStreamErrorFrameBecomesAnApiError() {
		byte[] first = EVENTS.lines().findFirst().orElseThrow().getBytes(StandardCharsets.UTF_8);
		respond(new EventStreamFrames().sagemakerPart(first)
			.exception("ModelStreamError",
					"{\"Message\":\"Stream broken by the container\",\"ErrorCode\":\"StreamBroken\"}"));

		StepVerifier.create(this.backend.chatStream(request()))
			.expectNext(new StreamEvent.MessageStart("g-sm", Role.ASSISTANT))
			.expectErrorSatisfies((error) -> {
				// the SDK reports SageMaker's ModelStreamError with status 500: a
				// server-side failure
				assertThat(error).isInstanceOf(CohereServerException.class)
					.hasMessageContaining("ModelStreamError")
					.hasMessageContaining("Stream broken by the container");
				assertThat(((CohereApiException) error).getStatusCode()).isEqualTo(500);
			})
			.verify();
	}

}
