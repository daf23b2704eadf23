package dev.springcohere.client;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.ChatStreamException;
import dev.springcohere.api.SpecExamples;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.UserMessage;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.http.HttpSettings;
import dev.springcohere.http.HttpTransportType;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.springcohere.client.CohereClientStreamingTests.contentDelta;
import static dev.springcohere.client.CohereClientStreamingTests.contentStart;
import static dev.springcohere.client.CohereClientStreamingTests.event;
import static dev.springcohere.client.CohereClientStreamingTests.messageEnd;
import static dev.springcohere.client.CohereClientStreamingTests.messageStart;
import static dev.springcohere.client.CohereClientStreamingTests.slowStreamServer;
import static dev.springcohere.client.CohereClientStreamingTests.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link CohereClient#chatStreamBlocking(ChatRequest)} on each HTTP engine: the same
 * events as the reactive stream, read only as the caller asks for them, closed early,
 * failing from the stream's operations, retried before the first event.
 */
class CohereClientBlockingStreamTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final ChatRequest REQUEST = ChatRequest.builder().messages(UserMessage.of("Hello")).build();

	private static CohereClient client(HttpTransportType transport, String baseUrl) {
		return CohereClient.builder()
			.apiKey("blocking-stream-key")
			.environment((name) -> null)
			.httpSettings(HttpSettings.builder().transport(transport).readTimeout(Duration.ofSeconds(5)).build())
			.baseUrl(baseUrl)
			.retryPolicy(CohereRetryPolicy.builder()
				.maxAttempts(3)
				.initialBackoff(Duration.ofMillis(5))
				.maxBackoff(Duration.ofMillis(20))
				.build())
			.build();
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OKHTTP", "REACTOR_NETTY" })
	void eventsAreThoseOfTheReactiveStream(HttpTransportType transport) {
		SpecExamples.Example example = SpecExamples.of("/v2/chat", "post")
			.stream()
			.filter((candidate) -> candidate.stream() != null && candidate.sample().equals("Tools"))
			.findFirst()
			.orElseThrow();
		stubStream(CohereClientSpecExamplesTests.sse(example));
		try (CohereClient client = client(transport, server.baseUrl())) {
			List<StreamEvent> blocking;
			try (Stream<StreamEvent> events = client.chatStreamBlocking(REQUEST)) {
				blocking = events.toList();
			}
			List<StreamEvent> reactive = client.chatStream(REQUEST).collectList().block(Duration.ofSeconds(5));
			assertThat(blocking).hasSize(example.stream().size()).isEqualTo(reactive);
			assertThat(accumulate(blocking).toolCalls()).hasSizeGreaterThanOrEqualTo(2);
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OKHTTP", "REACTOR_NETTY" })
	void nothingIsSentBeforeTheStreamIsConsumed(HttpTransportType transport) {
		stubStream(event(messageStart()) + event(messageEnd()));
		try (CohereClient client = client(transport, server.baseUrl());
				Stream<StreamEvent> events = client.chatStreamBlocking(REQUEST)) {
			server.verify(0, postRequestedFor(urlEqualTo("/v2/chat")));
			assertThat(events.count()).isEqualTo(2);
		}
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OKHTTP", "REACTOR_NETTY" })
	void eachEventReachesTheCallerBeforeTheNextIsWaitedFor(HttpTransportType transport) throws Exception {
		CountDownLatch firstSeen = new CountDownLatch(1);
		AtomicBoolean waitedInVain = new AtomicBoolean();
		HttpServer held = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		held.createContext("/v2/chat", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				write(out, event(messageStart()));
				// the rest only once the caller has the first event
				waitedInVain.set(!firstSeen.await(10, TimeUnit.SECONDS));
				write(out, event(contentStart()) + event(contentDelta("Hi")) + event(messageEnd()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		held.start();
		try (CohereClient client = client(transport, "http://127.0.0.1:" + held.getAddress().getPort());
				Stream<StreamEvent> events = client.chatStreamBlocking(REQUEST)) {
			Iterator<StreamEvent> iterator = events.iterator();
			assertThat(iterator.next()).isInstanceOf(StreamEvent.MessageStart.class);
			firstSeen.countDown();
			assertThat(iterator.next()).isInstanceOf(StreamEvent.ContentStart.class);
			assertThat(iterator.next()).isInstanceOf(StreamEvent.ContentDelta.class);
			assertThat(iterator.next()).isInstanceOf(StreamEvent.MessageEnd.class);
			assertThat(iterator.hasNext()).isFalse();
		}
		finally {
			held.stop(0);
		}
		assertThat(waitedInVain).as("the first event was handed over before the second arrived").isFalse();
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OKHTTP", "REACTOR_NETTY" })
	void closingTheStreamEarlyClosesTheConnection(HttpTransportType transport) throws Exception {
		CountDownLatch clientGone = new CountDownLatch(1);
		HttpServer slow = slowStreamServer(clientGone);
		try (CohereClient client = client(transport, "http://127.0.0.1:" + slow.getAddress().getPort())) {
			try (Stream<StreamEvent> events = client.chatStreamBlocking(REQUEST)) {
				List<String> texts = events.filter(StreamEvent.ContentDelta.class::isInstance)
					.map((event) -> ((StreamEvent.ContentDelta) event).text())
					.limit(3)
					.toList();
				assertThat(texts).containsExactly("t0", "t1", "t2");
			}
			assertThat(clientGone.await(5, TimeUnit.SECONDS)).as("the server saw the client hang up").isTrue();
		}
		finally {
			slow.stop(0);
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OKHTTP", "REACTOR_NETTY" })
	void aStreamWithoutItsEndFailsFromTheStreamWithThePartialAnswer(HttpTransportType transport) {
		stubStream(event(messageStart()) + event(contentStart()) + event(contentDelta("Partial ")));
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		try (CohereClient client = client(transport, server.baseUrl());
				Stream<StreamEvent> events = client.chatStreamBlocking(REQUEST)) {
			assertThatExceptionOfType(ChatStreamException.class).isThrownBy(() -> events.forEach(accumulator::accept))
				.withMessageContaining("without a message-end")
				.satisfies((failure) -> assertThat(failure.partialResponse().text()).isEqualTo("Partial "));
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OKHTTP", "REACTOR_NETTY" })
	void anErrorStatusFailsFromTheFirstOperation(HttpTransportType transport) {
		server.stubFor(post("/v2/chat").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"invalid request: messages must not be empty\"}")));
		try (CohereClient client = client(transport, server.baseUrl());
				Stream<StreamEvent> events = client.chatStreamBlocking(REQUEST)) {
			assertThatExceptionOfType(CohereInvalidRequestException.class).isThrownBy(events::findFirst)
				.withMessageContaining("messages must not be empty");
		}
		server.verify(1, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	@ParameterizedTest
	@EnumSource(names = { "JDK", "OKHTTP", "REACTOR_NETTY" })
	void anErrorStatusBeforeTheFirstEventIsRetried(HttpTransportType transport) {
		server.stubFor(post("/v2/chat").inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody("{\"message\":\"busy\"}"))
			.willSetStateTo("ok"));
		server.stubFor(post("/v2/chat").inScenario("retry")
			.whenScenarioStateIs("ok")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
				.withBody(event(messageStart()) + event(contentStart()) + event(contentDelta("Hi"))
						+ event(messageEnd()))));
		try (CohereClient client = client(transport, server.baseUrl());
				Stream<StreamEvent> events = client.chatStreamBlocking(REQUEST)) {
			assertThat(accumulate(events.toList()).text()).isEqualTo("Hi");
		}
		server.verify(2, postRequestedFor(urlEqualTo("/v2/chat")));
	}

	private static void stubStream(String body) {
		server.stubFor(post("/v2/chat")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
	}

	private static ChatResponse accumulate(List<StreamEvent> events) {
		ChatStreamAccumulator accumulator = new ChatStreamAccumulator();
		events.forEach(accumulator::accept);
		return accumulator.result();
	}

}
