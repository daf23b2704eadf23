package dev.springcohere.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.ChatStreamException;
import dev.springcohere.api.CohereJson;
import dev.springcohere.api.DocumentSource;
import dev.springcohere.api.SpecExamples;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.ToolCall;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.http.CohereRetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Streams chat answers through {@link CohereClient} and the {@code platform} backend:
 * accumulation of tool-use and cited RAG streams, streams cut short, server-reported
 * failures, unknown and malformed events, cancellation.
 */
class CohereClientStreamingTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final ChatRequest REQUEST = ChatRequest.builder()
		.messages(dev.springcohere.api.UserMessage.of("Hello"))
		.build();

	private final JsonMapper mapper = CohereJson.createMapper();

	private final CohereRetryPolicy retries = CohereRetryPolicy.builder()
		.maxAttempts(3)
		.initialBackoff(Duration.ofMillis(5))
		.maxBackoff(Duration.ofMillis(20))
		.build();

	private final CohereClient client = client(server.baseUrl());

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	private CohereClient client(String baseUrl) {
		return CohereClient.builder()
			.apiKey("streaming-key")
			.baseUrl(baseUrl)
			.environment((name) -> null)
			.retryPolicy(this.retries)
			.readTimeout(Duration.ofSeconds(5))
			.build();
	}

	@Test
	void toolUseStreamAccumulatesToTheToolCalls() {
		SpecExamples.Example example = streamExample("Tools");
		stubStream(CohereClientSpecExamplesTests.sse(example));
		ChatResponse response = accumulate(this.client.chatStream(REQUEST).collectList().block());
		ChatResponse direct = accumulateDirectly(example.eventData());
		assertThat(response).isEqualTo(direct);
		List<JsonNode> starts = example.eventData()
			.stream()
			.filter((data) -> data.get("type").asString().equals("tool-call-start"))
			.toList();
		assertThat(response.toolCalls()).hasSize(starts.size()).hasSizeGreaterThanOrEqualTo(2);
		for (int i = 0; i < starts.size(); i++) {
			ToolCall call = response.toolCalls().get(i);
			assertThat(call.id()).isEqualTo(starts.get(i).at("/delta/message/tool_calls/id").asString());
			assertThat(call.function().name())
				.isEqualTo(starts.get(i).at("/delta/message/tool_calls/function/name").asString());
			assertThat(this.mapper.readTree(call.function().arguments()).isObject()).isTrue();
		}
		assertThat(response.message().toolPlan()).isNotBlank();
		assertThat(response.finishReason().value()).isEqualTo("TOOL_CALL");
	}

	@Test
	void citedRagStreamFromTheSpecAccumulatesWithItsCitations() {
		SpecExamples.Example example = streamExample("Documents");
		stubStream(CohereClientSpecExamplesTests.sse(example));
		ChatResponse response = accumulate(this.client.chatStream(REQUEST).collectList().block());
		assertThat(response).isEqualTo(accumulateDirectly(example.eventData()));
		assertThat(response.citations()).isNotEmpty().allSatisfy((citation) -> {
			assertThat(citation.text()).isEqualTo(response.text().substring(citation.start(), citation.end()));
			assertThat(citation.sources()).first().isInstanceOf(DocumentSource.class);
		});
	}

	@Test
	void thinkingRagStreamAccumulatesToTheNonStreamedResponse() throws IOException {
		StringBuilder sse = new StringBuilder();
		for (String line : resource("thinking-rag-stream.jsonl").split("\n")) {
			if (!line.isBlank()) {
				sse.append("data: ").append(line).append("\n\n");
			}
		}
		stubStream(sse.toString());
		ChatResponse response = accumulate(this.client.chatStream(REQUEST).collectList().block());
		ChatResponse expected = this.mapper.readValue(resource("thinking-rag-response.json"), ChatResponse.class);
		assertThat(response).isEqualTo(expected);
		assertThat(response.citations()).hasSize(expected.citations().size()).isNotEmpty();
	}

	@Test
	void chatStreamTextEmitsTheTextDeltas() {
		SpecExamples.Example example = streamExample("Default");
		stubStream(CohereClientSpecExamplesTests.sse(example));
		List<String> texts = this.client.chatStreamText("Hello").collectList().block();
		assertThat(String.join("", texts)).isEqualTo(accumulateDirectly(example.eventData()).text()).isNotEmpty();
		assertThat(texts).hasSizeGreaterThan(1).allSatisfy((text) -> assertThat(text).isNotEmpty());
	}

	@Test
	void streamWithoutMessageEndFailsWithThePartialAnswer() {
		stubStream(event(messageStart()) + event(contentStart()) + event(contentDelta("Partial ")));
		StepVerifier.create(this.client.chatStream(REQUEST))
			.expectNextCount(3)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ChatStreamException.class)
				.isInstanceOf(CohereException.class)
				.hasMessageContaining("without a message-end")
				.satisfies((failure) -> assertThat(((ChatStreamException) failure).partialResponse().text())
					.isEqualTo("Partial ")))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void streamCutInTheMiddleOfAnEventFailsAndIsNotRetried() {
		stubStream(event(messageStart()) + "data: {\"type\":\"content-del");
		StepVerifier.create(this.client.chatStream(REQUEST))
			.expectNextCount(1)
			.expectError(CohereNetworkException.class)
			.verify(Duration.ofSeconds(5));
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void streamBrokenByAFaultAfterTheHeadersFailsWithoutRetry() {
		server.stubFor(post("/v2/chat").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
		StepVerifier.create(this.client.chatStream(REQUEST))
			.expectError(CohereException.class)
			.verify(Duration.ofSeconds(5));
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void messageEndWithAnErrorIsEmittedThenFails() {
		String end = "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"ERROR\",\"error\":\"model overloaded\"}}";
		stubStream(event(messageStart()) + event(contentStart()) + event(contentDelta("Hi")) + event(end));
		StepVerifier.create(this.client.chatStream(REQUEST))
			.expectNextCount(3)
			.assertNext((event) -> assertThat(event).isInstanceOf(StreamEvent.MessageEnd.class))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOfSatisfying(ChatStreamException.class, (failure) -> {
						assertThat(failure.serverError()).isEqualTo("model overloaded");
						assertThat(failure.partialResponse().text()).isEqualTo("Hi");
					}))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void unknownEventsArePassedOnAndDoNotBreakTheStream() {
		stubStream(event(messageStart()) + event("{\"type\":\"brand-new-event\",\"value\":1}") + event(contentStart())
				+ event(contentDelta("Hello")) + event(messageEnd()) + "data: [DONE]\n\n");
		List<StreamEvent> events = this.client.chatStream(REQUEST).collectList().block();
		assertThat(events).hasSize(5);
		assertThat(events.get(1)).isInstanceOfSatisfying(StreamEvent.Unknown.class,
				(unknown) -> assertThat(unknown.type()).isEqualTo("brand-new-event"));
		assertThat(accumulate(events).text()).isEqualTo("Hello");
	}

	@Test
	void malformedEventFailsTheStreamWithTheRawData() {
		stubStream(event(messageStart()) + "data: {not json\n\n" + event(messageEnd()));
		StepVerifier.create(this.client.chatStream(REQUEST))
			.expectNextCount(1)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(CohereMalformedResponseException.class,
					(failure) -> assertThat(failure.getRawBody()).isEqualTo("{not json")))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void streamSendsStreamTrueAndCompletesAtMessageEnd() {
		stubStream(event(messageStart()) + event(contentStart()) + event(contentDelta("Hi")) + event(messageEnd()));
		StepVerifier.create(this.client.chatStream(REQUEST))
			.expectNextCount(3)
			.assertNext((event) -> assertThat(event).isInstanceOf(StreamEvent.MessageEnd.class))
			.verifyComplete();
		server.verify(1,
				postRequestedFor(urlEqualTo("/v2/chat"))
					.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson(
							"{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],"
									+ "\"stream\":true}")));
	}

	@Test
	void streamErrorStatusIsRetriedBeforeTheFirstEvent() {
		server.stubFor(post("/v2/chat").inScenario("retry")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody("{\"message\":\"busy\"}"))
			.willSetStateTo("ok"));
		server.stubFor(post("/v2/chat").inScenario("retry")
			.whenScenarioStateIs("ok")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(event(messageStart()) + event(messageEnd()))));
		StepVerifier.create(this.client.chatStream(REQUEST)).expectNextCount(2).verifyComplete();
		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@Test
	void streamHonoursBackpressure() {
		SpecExamples.Example example = streamExample("Default");
		stubStream(CohereClientSpecExamplesTests.sse(example));
		int total = example.eventData().size();
		StepVerifier.create(this.client.chatStream(REQUEST), 0)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(100))
			.thenRequest(1)
			.assertNext((event) -> assertThat(event).isInstanceOf(StreamEvent.MessageStart.class))
			.expectNoEvent(Duration.ofMillis(50))
			.thenRequest(total - 2)
			.expectNextCount(total - 2)
			.expectNoEvent(Duration.ofMillis(50))
			.thenRequest(1)
			.assertNext((event) -> assertThat(event).isInstanceOf(StreamEvent.MessageEnd.class))
			.verifyComplete();
	}

	@Test
	void cancellingTheStreamClosesTheConnection() throws Exception {
		CountDownLatch clientGone = new CountDownLatch(1);
		HttpServer slow = slowStreamServer(clientGone);
		try (CohereClient slowClient = client("http://127.0.0.1:" + slow.getAddress().getPort())) {
			StepVerifier.create(slowClient.chatStreamText(REQUEST).take(3))
				.expectNext("t0", "t1", "t2")
				.verifyComplete();
			assertThat(clientGone.await(5, TimeUnit.SECONDS)).as("the server saw the client hang up").isTrue();
		}
		finally {
			slow.stop(0);
		}
	}

	/**
	 * Starts a server whose chat stream sends a text delta ({@code t0}, {@code t1}...)
	 * every 20 ms for 10 s, and counts {@code clientGone} down when writing fails because
	 * the client hung up.
	 */
	static HttpServer slowStreamServer(CountDownLatch clientGone) throws IOException {
		HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		slow.createContext("/v2/chat", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				write(out, event(messageStart()) + event(contentStart()));
				for (int i = 0; i < 500; i++) {
					write(out, event(contentDelta("t" + i)));
					Thread.sleep(20);
				}
			}
			catch (IOException ex) {
				clientGone.countDown();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		slow.start();
		return slow;
	}

	static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static SpecExamples.Example streamExample(String sample) {
		return SpecExamples.of("/v2/chat", "post")
			.stream()
			.filter((example) -> example.stream() != null && example.sample().equals(sample))
			.findFirst()
			.orElseThrow();
	}

	private static void stubStream(String body) {
		server.stubFor(post("/v2/chat")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
	}

	private ChatResponse accumulateDirectly(List<JsonNode> data) {
		List<StreamEvent> events = new ArrayList<>();
		data.forEach((node) -> events.add(StreamEvent.parse(this.mapper, node.toString())));
		return accumulate(events);
	}

	private static ChatResponse accumulate(List<StreamEvent> events) {
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		events.forEach(accumulator::accept);
		return accumulator.result();
	}

	private static String resource(String name) throws IOException {
		try (InputStream in = SpecExamples.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	static String event(String json) {
		return "data: " + json + "\n\n";
	}

	static String messageStart() {
		return "{\"type\":\"message-start\",\"id\":\"gen-1\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}";
	}

	static String contentStart() {
		return "{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"\"}}}}";
	}

	static String contentDelta(String text) {
		return "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"" + text
				+ "\"}}}}";
	}

	static String messageEnd() {
		return "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\",\"usage\":{\"tokens\":{\"input_tokens\":3,\"output_tokens\":1}}}}";
	}

}
