package dev.springcohere.backend.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.ChatStreamException;
import dev.springcohere.api.ContentType;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.Role;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.UserMessage;
import dev.springcohere.backend.BackendSettings;
import dev.springcohere.backend.CohereBackend;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.api.error.CohereRateLimitException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streaming chat: OCI's server-sent events (as WireMock replays them) decoded into Cohere
 * v2 stream events.
 */
class OciStreamTests extends OciBackendTestBase {

	private static final String CHAT = "/20231130/actions/chat";

	private void stubStream(String... events) {
		StringBuilder body = new StringBuilder();
		for (String event : events) {
			body.append("data: ").append(event).append("\n\n");
		}
		this.oci.server.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withHeader("opc-request-id", "req-stream")
			.withBody(body.toString())));
	}

	private static ChatRequest request(String model) {
		return ChatRequest.builder().model(model).messages(UserMessage.of("Say hello")).build();
	}

	@Test
	void cohereV2StreamBecomesTypedEventsEndingWithMessageEnd() {
		stubStream(
				"{\"apiFormat\":\"COHEREV2\",\"message\":{\"role\":\"ASSISTANT\",\"content\":[{\"type\":\"TEXT\",\"text\":\"Hel\"}]}}",
				"{\"apiFormat\":\"COHEREV2\",\"message\":{\"role\":\"ASSISTANT\",\"content\":[{\"type\":\"TEXT\",\"text\":\"lo\"}]}}",
				"{\"apiFormat\":\"COHEREV2\",\"finishReason\":\"COMPLETE\",\"usage\":{\"promptTokens\":3,\"completionTokens\":2,\"totalTokens\":5}}");

		StepVerifier.create(this.backend.chatStream(request("cohere.command-a-03-2025")))
			.expectNext(new StreamEvent.MessageStart(null, Role.ASSISTANT))
			.expectNext(new StreamEvent.ContentStart(0, ContentType.TEXT, "", null))
			.expectNext(new StreamEvent.ContentDelta(0, "Hel", null, null))
			.expectNext(new StreamEvent.ContentDelta(0, "lo", null, null))
			.expectNext(new StreamEvent.ContentEnd(0))
			.assertNext((event) -> {
				StreamEvent.MessageEnd end = (StreamEvent.MessageEnd) event;
				assertThat(end.finishReason()).isEqualTo(FinishReason.COMPLETE);
				assertThat(end.usage().inputTokens()).isEqualTo(3);
				assertThat(end.usage().outputTokens()).isEqualTo(2);
				assertThat(end.error()).isNull();
			})
			.verifyComplete();

		this.oci.server.verify(postRequestedFor(urlEqualTo(CHAT)).withHeader("Accept", containing("text/event-stream"))
			.withRequestBody(equalToJson(
					"""
							{"chatRequest": {"apiFormat": "COHEREV2", "isStream": true, "streamOptions": {"isIncludeUsage": true}}}""",
					true, true)));
	}

	@Test
	void cohereV1StreamDoesNotRepeatTheFullTextOfItsLastEvent() {
		stubStream("{\"apiFormat\":\"COHERE\",\"text\":\"Hel\"}", "{\"apiFormat\":\"COHERE\",\"text\":\"lo\"}",
				"{\"apiFormat\":\"COHERE\",\"text\":\"Hello\",\"finishReason\":\"COMPLETE\"}");

		List<StreamEvent> events = this.backend.chatStream(request("command-r-08-2024")).collectList().block();
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		events.forEach(accumulator::accept);
		ChatResponse response = accumulator.result();
		assertThat(response.text()).isEqualTo("Hello");
		assertThat(response.finishReason()).isEqualTo(FinishReason.COMPLETE);
		assertThat(events.get(events.size() - 1)).isInstanceOf(StreamEvent.MessageEnd.class);
		this.oci.server.verify(postRequestedFor(urlEqualTo(CHAT)).withRequestBody(equalToJson("""
				{"chatRequest": {"apiFormat": "COHERE", "message": "Say hello", "isStream": true}}""", true, true)));
	}

	@Test
	void cohereV1StreamedToolCallsBecomeToolCallEvents() {
		stubStream(
				"{\"apiFormat\":\"COHERE\",\"toolCalls\":[{\"name\":\"get_weather\",\"parameters\":{\"location\":\"Oslo\"}}],"
						+ "\"finishReason\":\"COMPLETE\"}");

		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		this.backend.chatStream(request("command-r-08-2024")).toStream().forEach(accumulator::accept);
		ChatResponse response = accumulator.result();
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
		assertThat(response.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.id()).isEqualTo("get_weather_0");
			assertThat(call.function().name()).isEqualTo("get_weather");
			assertThat(call.function().arguments()).isEqualTo("{\"location\":\"Oslo\"}");
		});
	}

	@Test
	void cohereV2StreamWithThinkingToolCallsAndCitations() {
		stubStream(
				"{\"apiFormat\":\"COHEREV2\",\"message\":{\"role\":\"ASSISTANT\",\"content\":[{\"type\":\"THINKING\",\"thinking\":\"Hmm.\"}]}}",
				"{\"apiFormat\":\"COHEREV2\",\"message\":{\"role\":\"ASSISTANT\",\"content\":[{\"type\":\"TEXT\",\"text\":\"Sunny.\"}],"
						+ "\"citations\":[{\"start\":0,\"end\":5,\"text\":\"Sunny\",\"sources\":[{\"type\":\"DOCUMENT\",\"id\":\"doc1\"}],"
						+ "\"contentIndex\":1,\"type\":\"TEXT_CONTENT\"}]}}",
				"{\"apiFormat\":\"COHEREV2\",\"message\":{\"role\":\"ASSISTANT\",\"toolCalls\":[{\"id\":\"call_1\",\"type\":\"FUNCTION\","
						+ "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"location\\\":\\\"Oslo\\\"}\"}}]}}",
				"{\"apiFormat\":\"COHEREV2\",\"finishReason\":\"TOOL_CALL\"}");

		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		this.backend.chatStream(request("command-a-reasoning-08-2025")).toStream().forEach(accumulator::accept);
		ChatResponse response = accumulator.result();
		assertThat(response.message().thinking()).isEqualTo("Hmm.");
		assertThat(response.text()).isEqualTo("Sunny.");
		assertThat(response.citations()).singleElement().satisfies((citation) -> {
			assertThat(citation.text()).isEqualTo("Sunny");
			assertThat(citation.sources()).singleElement()
				.satisfies((source) -> assertThat(source.id()).isEqualTo("doc1"));
		});
		assertThat(response.toolCalls())
			.containsExactly(ToolCall.of("call_1", "get_weather", "{\"location\":\"Oslo\"}"));
		assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALL);
	}

	@Test
	void aStreamCutBeforeTheFinishReasonEndsWithAnError() {
		stubStream(
				"{\"apiFormat\":\"COHEREV2\",\"message\":{\"role\":\"ASSISTANT\",\"content\":[{\"type\":\"TEXT\",\"text\":\"Hel\"}]}}");

		StepVerifier.create(this.backend.chatStream(request("command-a-03-2025")))
			.expectNextCount(3)
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(ChatStreamException.class).hasMessageContaining("without a message-end");
				assertThat(((ChatStreamException) error).partialResponse().text()).isEqualTo("Hel");
			})
			.verify();
	}

	@Test
	void aConnectionBrokenInTheMiddleOfTheStreamEndsWithAnError() throws Exception {
		// a local server that sends one chunk of the stream and closes the connection
		// without the last chunk
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread server = new Thread(() -> serveOneCutStream(socket));
			server.start();
			BackendSettings settings = this.oci.settings()
				.property("oci.endpoint", "http://127.0.0.1:" + socket.getLocalPort())
				.build();
			try (CohereBackend cut = this.oci.backend(settings)) {
				StepVerifier.create(cut.chatStream(request("command-a-03-2025")))
					.expectNext(new StreamEvent.MessageStart(null, Role.ASSISTANT))
					.expectNext(new StreamEvent.ContentStart(0, ContentType.TEXT, "", null))
					.expectNext(new StreamEvent.ContentDelta(0, "Hel", null, null))
					.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(CohereNetworkException.class)
						.hasMessageContaining("cut while reading"))
					.verify(Duration.ofSeconds(30));
			}
			server.join(10_000);
		}
	}

	private static void serveOneCutStream(ServerSocket socket) {
		try (Socket connection = socket.accept()) {
			InputStream in = connection.getInputStream();
			byte[] buffer = new byte[65536];
			StringBuilder request = new StringBuilder();
			int contentLength = -1;
			while (contentLength < 0 || request.length() < request.indexOf("\r\n\r\n") + 4 + contentLength) {
				int read = in.read(buffer);
				if (read < 0) {
					return;
				}
				request.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
				Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(request);
				if (request.indexOf("\r\n\r\n") >= 0 && length.find()) {
					contentLength = Integer.parseInt(length.group(1));
				}
			}
			String event = "data: {\"message\":{\"content\":[{\"type\":\"TEXT\",\"text\":\"Hel\"}]}}\n\n";
			OutputStream out = connection.getOutputStream();
			out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nopc-request-id: cut\r\n"
					+ "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(event.length()) + "\r\n" + event
					+ "\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			Thread.sleep(200);
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aStreamEndingWithAnErrorFinishReasonFails() {
		stubStream("{\"apiFormat\":\"COHEREV2\",\"finishReason\":\"ERROR\",\"errorMessage\":\"model overloaded\"}");

		StepVerifier.create(this.backend.chatStream(request("command-a-03-2025")))
			.expectNextCount(2)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(ChatStreamException.class)
				.hasMessageContaining("model overloaded"))
			.verify();
	}

	@Test
	void anErrorStatusBeforeTheStreamIsMappedAndSignalled() {
		this.oci.server.stubFor(post(urlEqualTo(CHAT)).willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("opc-request-id", "req-429")
			.withBody("{\"code\": \"TooManyRequests\", \"message\": \"Too many requests for the tenancy\"}")));

		StepVerifier.create(this.backend.chatStream(request("command-a-03-2025")))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(CohereRateLimitException.class)
				.hasMessageContaining("Too many requests for the tenancy")
				.hasMessageContaining("req-429"))
			.verify();
	}

	@Test
	void aNonJsonEventFailsTheStreamClearly() {
		stubStream("not json");

		StepVerifier.create(this.backend.chatStream(request("command-a-03-2025")))
			.expectErrorSatisfies((error) -> assertThat(error).hasMessageContaining("not a JSON object")
				.hasMessageContaining("not json"))
			.verify();
	}

}
