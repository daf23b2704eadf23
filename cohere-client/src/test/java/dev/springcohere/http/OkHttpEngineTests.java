package dev.springcohere.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereNetworkException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What is particular to the OkHttp engine (the contract all engines share is checked by
 * the engine-parameterized {@code CohereHttpTransport*Tests}): a stream read off the
 * subscriber's thread, no compressed answers, no silent retries of OkHttp's own, and a
 * closed engine.
 */
class OkHttpEngineTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String CHAT = "/v2/chat";

	private static final byte[] REQUEST = "{\"model\":\"command-a-03-2025\"}".getBytes(StandardCharsets.UTF_8);

	private CohereHttpTransport transport(CohereRetryPolicy retryPolicy) {
		return CohereHttpTransport.builder()
			.settings(HttpSettings.builder()
				.transport(HttpTransportType.OKHTTP)
				.baseUrl(server.baseUrl())
				.readTimeout(Duration.ofSeconds(5))
				.build())
			.apiKey(ApiKey.of(ApiKeyTests.FAKE_KEY))
			.retryPolicy(retryPolicy)
			.build();
	}

	@Test
	void callsShouldAskForUncompressedAnswers() {
		// a compressing server may hold back a whole body or stream, which would change
		// what the read timeout means; the other engines ask for no compression either
		server.stubFor(post(CHAT).willReturn(okJson("{\"text\":\"" + "x".repeat(2000) + "\"}")));
		try (CohereHttpTransport transport = transport(CohereRetryPolicy.none())) {
			assertThat(transport.getEngine().type()).isEqualTo(HttpTransportType.OKHTTP);
			byte[] body = transport.post(CHAT, REQUEST);
			assertThat(new String(body, StandardCharsets.UTF_8)).startsWith("{\"text\":\"xxx").hasSize(2011);
		}
		server.verify(1,
				postRequestedFor(urlEqualTo(CHAT)).withHeader("Accept-Encoding", equalTo("identity"))
					.withHeader("Content-Type", equalTo("application/json"))
					.withHeader("Proxy-Authorization", absent()));
	}

	@Test
	void aResetConnectionShouldNotBeRetriedByOkHttpItself() {
		server.stubFor(post(CHAT).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		try (CohereHttpTransport transport = transport(CohereRetryPolicy.none())) {
			assertThatExceptionOfType(CohereNetworkException.class).isThrownBy(() -> transport.post(CHAT, REQUEST))
				.withMessageContaining("POST /v2/chat");
		}
		server.verify(1, postRequestedFor(urlEqualTo(CHAT)));
	}

	@Test
	void aStreamShouldBeReadOffTheSubscribingThreadSoSubscribeReturnsAtOnce() throws InterruptedException {
		server.stubFor(post(CHAT).willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("data: a\n\ndata: b\n\n")
			.withFixedDelay(300)));
		List<String> threads = new CopyOnWriteArrayList<>();
		List<String> events = new CopyOnWriteArrayList<>();
		CountDownLatch done = new CountDownLatch(1);
		try (CohereHttpTransport transport = transport(CohereRetryPolicy.none())) {
			Disposable subscription = transport.stream(CHAT, REQUEST)
				.doFinally((signal) -> done.countDown())
				.subscribe((event) -> {
					threads.add(Thread.currentThread().getName());
					events.add(event.data());
				});
			// the answer is 300 ms away: subscribe() returned without waiting for it
			assertThat(events).isEmpty();
			assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
			subscription.dispose();
		}
		assertThat(events).containsExactly("a", "b");
		assertThat(threads).allSatisfy((name) -> assertThat(name).startsWith("boundedElastic"));
	}

	@Test
	void aStreamShouldBeReadOnTheSubscribingThreadWhenItsSubscriberBlocksAnyway() {
		server.stubFor(post(CHAT).willReturn(
				aResponse().withHeader("Content-Type", "text/event-stream").withBody("data: a\n\ndata: b\n\n")));
		List<String> threads = new CopyOnWriteArrayList<>();
		List<String> events = new ArrayList<>();
		try (CohereHttpTransport transport = transport(CohereRetryPolicy.none())) {
			Flux<ServerSentEvent> stream = transport.stream(CHAT, REQUEST)
				.doOnNext((event) -> threads.add(Thread.currentThread().getName()))
				.contextWrite(Context.of(HttpTransportEngine.READ_ON_SUBSCRIBING_THREAD, Boolean.TRUE));
			stream.toIterable(1).forEach((event) -> events.add(event.data()));
		}
		assertThat(events).containsExactly("a", "b");
		assertThat(threads).containsOnly(Thread.currentThread().getName());
	}

	@Test
	void aStreamShouldNotBeReadOnANonBlockingThreadEvenWhenItsSubscriberAsks() {
		server.stubFor(post(CHAT)
			.willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("data: a\n\n")));
		List<String> threads = new CopyOnWriteArrayList<>();
		try (CohereHttpTransport transport = transport(CohereRetryPolicy.none())) {
			Flux<ServerSentEvent> stream = transport.stream(CHAT, REQUEST)
				.doOnNext((event) -> threads.add(Thread.currentThread().getName()))
				.contextWrite(Context.of(HttpTransportEngine.READ_ON_SUBSCRIBING_THREAD, Boolean.TRUE))
				// subscribed from one of Reactor's non-blocking threads
				.subscribeOn(Schedulers.parallel());
			assertThat(stream.collectList().block(Duration.ofSeconds(5))).hasSize(1);
		}
		assertThat(threads).singleElement().asString().startsWith("boundedElastic");
	}

	@Test
	void aClosedEngineShouldRefuseCallsClearly() {
		CohereHttpTransport transport = transport(CohereRetryPolicy.none());
		transport.close();
		assertThatExceptionOfType(CohereException.class).isThrownBy(() -> transport.post(CHAT, REQUEST))
			.withMessageContaining("closed")
			.withMessageContaining("POST /v2/chat");
		server.verify(0, postRequestedFor(urlEqualTo(CHAT)));
	}

}
