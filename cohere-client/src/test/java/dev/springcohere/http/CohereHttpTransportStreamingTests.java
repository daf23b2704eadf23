package dev.springcohere.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.api.error.CohereTimeoutException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@ParameterizedClass(name = "{0}")
@EnumSource(value = HttpTransportType.class, names = { "JDK", "REACTOR_NETTY", "OKHTTP" })
class CohereHttpTransportStreamingTests {

	@Parameter
	HttpTransportType transportType;

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String CHAT = "/v2/chat";

	private static final byte[] REQUEST = "{\"stream\":true}".getBytes(StandardCharsets.UTF_8);

	private final CohereRetryPolicy fastRetries = CohereRetryPolicy.builder()
		.maxAttempts(3)
		.initialBackoff(Duration.ofMillis(10))
		.maxBackoff(Duration.ofMillis(50))
		.build();

	private CohereHttpTransport transport(String baseUrl, Duration readTimeout) {
		return CohereHttpTransport.builder()
			.settings(HttpSettings.builder()
				.transport(this.transportType)
				.baseUrl(baseUrl)
				.readTimeout(readTimeout)
				.build())
			.apiKey(ApiKey.of(ApiKeyTests.FAKE_KEY))
			.retryPolicy(this.fastRetries)
			.build();
	}

	private CohereHttpTransport wireMockTransport() {
		return transport(server.baseUrl(), Duration.ofSeconds(5));
	}

	private static String sse(String... events) {
		return String.join("", events);
	}

	@Test
	void streamShouldParseEventsAndStopAtDone() {
		String body = sse(": connected\r\n\r\n",
				"id: 1\r\nevent: message-start\r\ndata: {\"type\":\"message-start\"}\r\n\r\n",
				"event: content-delta\ndata: {\"text\":\n", "data: \"Hello\"}\n\n",
				"event: message-end\ndata: {\"type\":\"message-end\"}\n\n", "data: [DONE]\n\n",
				"data: {\"after\":\"done\"}\n\n");
		server
			.stubFor(post(CHAT).willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body)));
		StepVerifier.create(wireMockTransport().stream(CHAT, REQUEST))
			.expectNext(new ServerSentEvent("1", "message-start", "{\"type\":\"message-start\"}", null))
			.expectNext(new ServerSentEvent("1", "content-delta", "{\"text\":\n\"Hello\"}", null))
			.expectNext(new ServerSentEvent("1", "message-end", "{\"type\":\"message-end\"}", null))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		server.verify(1,
				postRequestedFor(urlEqualTo(CHAT)).withHeader("Accept", equalTo("text/event-stream"))
					.withHeader("Content-Type", equalTo("application/json"))
					.withHeader("Authorization", equalTo("Bearer " + ApiKeyTests.FAKE_KEY)));
	}

	@Test
	void streamWithoutDoneShouldCompleteWhenTheServerEndsCleanly() {
		server.stubFor(post(CHAT).willReturn(aResponse().withHeader("Content-Type", "text/event-stream; charset=utf-8")
			.withBody("data: a\n\ndata: b\n\n")));
		StepVerifier.create(wireMockTransport().stream(CHAT, REQUEST).map(ServerSentEvent::data))
			.expectNext("a", "b")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void streamShouldHonourBackpressure() {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 50; i++) {
			body.append("data: ").append(i).append("\n\n");
		}
		server.stubFor(post(CHAT)
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(body.toString())));
		StepVerifier.create(wireMockTransport().stream(CHAT, REQUEST).map(ServerSentEvent::data), 0)
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(200))
			.thenRequest(1)
			.expectNext("0")
			.expectNoEvent(Duration.ofMillis(100))
			.thenRequest(2)
			.expectNext("1", "2")
			.thenRequest(Long.MAX_VALUE)
			.expectNextCount(47)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void longStreamWithShortGapsShouldOutliveTheReadTimeout() {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			body.append("event: content-delta\ndata: {\"index\":").append(i).append("}\n\n");
		}
		server.stubFor(post(CHAT).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody(body.toString())
			.withChunkedDribbleDelay(10, 1500)));
		StepVerifier.create(transport(server.baseUrl(), Duration.ofMillis(600)).stream(CHAT, REQUEST))
			.expectNextCount(10)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void streamShouldRetryAnErrorStatusBeforeTheFirstEvent() {
		server.stubFor(post(CHAT).inScenario("stream-503")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody("{\"message\":\"busy\"}"))
			.willSetStateTo("up"));
		server.stubFor(post(CHAT).inScenario("stream-503")
			.whenScenarioStateIs("up")
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("data: ok\n\n")));
		StepVerifier.create(wireMockTransport().stream(CHAT, REQUEST).map(ServerSentEvent::data))
			.expectNext("ok")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		server.verify(2, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void streamShouldMapABadRequestWithoutRetrying() {
		server.stubFor(post(CHAT).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"invalid request: messages must not be empty\"}")));
		StepVerifier.create(wireMockTransport().stream(CHAT, REQUEST))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CohereInvalidRequestException.class)
				.hasMessageContaining("messages must not be empty"))
			.verify(Duration.ofSeconds(5));
		server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void streamShouldRejectAJsonAnswer() {
		server.stubFor(post(CHAT).willReturn(okJson("{\"id\":\"gen-1\"}")));
		StepVerifier.create(wireMockTransport().stream(CHAT, REQUEST))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CohereMalformedResponseException.class)
				.hasMessageContaining("text/event-stream")
				.hasMessageContaining("\"stream\": true"))
			.verify(Duration.ofSeconds(5));
		server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void truncatedChunkedStreamShouldErrorAfterTheEventsAndNotRetry() throws Exception {
		try (RawHttpServer raw = new RawHttpServer((out) -> {
			RawHttpServer.write(out, RawHttpServer.CHUNKED_SSE_HEADERS);
			RawHttpServer.writeChunk(out, "event: content-delta\ndata: {\"text\":\"Hel\"}\n\n");
			// a chunk announced as 0x40 bytes, of which only a few arrive before the
			// connection closes
			RawHttpServer.write(out, "40\r\nevent: content-del");
		})) {
			StepVerifier.create(transport(raw.baseUrl(), Duration.ofSeconds(5)).stream(CHAT, REQUEST))
				.expectNextMatches((event) -> event.data().equals("{\"text\":\"Hel\"}"))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CohereNetworkException.class)
					.hasMessageContaining("POST /v2/chat"))
				.verify(Duration.ofSeconds(5));
			assertThat(raw.connections()).isEqualTo(1);
		}
	}

	@Test
	void streamClosedInTheMiddleOfAnEventShouldError() throws Exception {
		try (RawHttpServer raw = new RawHttpServer((out) -> {
			RawHttpServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
			RawHttpServer.write(out, "data: complete\n\ndata: {\"text\":\"cut");
		})) {
			StepVerifier.create(transport(raw.baseUrl(), Duration.ofSeconds(5)).stream(CHAT, REQUEST))
				.expectNextMatches((event) -> event.data().equals("complete"))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(CohereNetworkException.class)
					.hasMessageContaining("middle of an event"))
				.verify(Duration.ofSeconds(5));
			assertThat(raw.connections()).isEqualTo(1);
		}
	}

	@Test
	void blockingCallWhoseBodyStallsAfterTheHeadersShouldTimeOutInBoundedTime() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (RawHttpServer raw = new RawHttpServer((out) -> {
			RawHttpServer.write(out,
					"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n");
			RawHttpServer.write(out, "{\"id\":\"partial");
			release.await(10, TimeUnit.SECONDS);
		})) {
			CohereHttpTransport transport = transport(raw.baseUrl(), Duration.ofMillis(400));
			CohereTimeoutException ex = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
				try {
					transport.post(CHAT, REQUEST);
					throw new AssertionError("the stalled body did not time out");
				}
				catch (CohereTimeoutException timeout) {
					return timeout;
				}
			});
			assertThat(ex.getPhase()).isEqualTo(CohereTimeoutException.Phase.READ);
			assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(400));
			assertThat(ex.getMessage()).contains("POST /v2/chat").contains("cohere.http.read-timeout");
			assertThat(raw.connections()).as("a read timeout is not retried").isEqualTo(1);
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void stalledStreamShouldTimeOutAfterTheReadTimeout() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (RawHttpServer raw = new RawHttpServer((out) -> {
			RawHttpServer.write(out, RawHttpServer.CHUNKED_SSE_HEADERS);
			RawHttpServer.writeChunk(out, "data: first\n\n");
			release.await(10, TimeUnit.SECONDS);
		})) {
			StepVerifier.create(transport(raw.baseUrl(), Duration.ofMillis(400)).stream(CHAT, REQUEST))
				.expectNextMatches((event) -> event.data().equals("first"))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(CohereTimeoutException.class,
						(timeout) -> assertThat(timeout.getPhase()).isEqualTo(CohereTimeoutException.Phase.READ)))
				.verify(Duration.ofSeconds(3));
			assertThat(raw.connections()).isEqualTo(1);
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void stalledBodyAfterTheHeadersShouldTimeOutWhileReading() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		try (RawHttpServer raw = new RawHttpServer((out) -> {
			RawHttpServer.write(out,
					"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n");
			RawHttpServer.write(out, "{\"id\":");
			release.await(10, TimeUnit.SECONDS);
		})) {
			CohereHttpTransport transport = transport(raw.baseUrl(), Duration.ofMillis(400));
			CohereTimeoutException ex = CohereHttpTransportTests.catchTyped(() -> transport.post(CHAT, REQUEST),
					CohereTimeoutException.class);
			assertThat(ex.getPhase()).isEqualTo(CohereTimeoutException.Phase.READ);
			assertThat(raw.connections()).isEqualTo(1);
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void cancellingTheStreamShouldCloseTheConnection() throws Exception {
		CountDownLatch clientGone = new CountDownLatch(1);
		try (RawHttpServer raw = new RawHttpServer((out) -> {
			RawHttpServer.write(out, RawHttpServer.CHUNKED_SSE_HEADERS);
			try {
				for (int i = 0; i < 1000; i++) {
					RawHttpServer.writeChunk(out, "data: " + i + "\n\n");
					Thread.sleep(20);
				}
			}
			catch (java.io.IOException ex) {
				clientGone.countDown();
			}
		})) {
			Flux<String> firstTwo = transport(raw.baseUrl(), Duration.ofSeconds(5)).stream(CHAT, REQUEST)
				.map(ServerSentEvent::data)
				.take(2);
			StepVerifier.create(firstTwo).expectNext("0", "1").expectComplete().verify(Duration.ofSeconds(5));
			assertThat(clientGone.await(5, TimeUnit.SECONDS)).as("server saw the client hang up").isTrue();
		}
	}

}
