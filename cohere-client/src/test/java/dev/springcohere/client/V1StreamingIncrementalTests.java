package dev.springcohere.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.springcohere.api.RequestOptions;
import dev.springcohere.api.v1.GenerateRequest;
import dev.springcohere.api.v1.GenerateStreamEvent;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.http.HttpSettings;
import dev.springcohere.http.HttpTransportType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The v1 generate stream is read incrementally: over a real HTTP server that writes one
 * newline-delimited JSON event, then waits until the client has seen it before writing
 * the rest, the first event reaches the subscriber before the last one is written.
 */
@SuppressWarnings("deprecation")
class V1StreamingIncrementalTests {

	private static final String FIRST = "{\"event_type\":\"text-generation\",\"text\":\"LLMs \",\"is_finished\":false}\n";

	private static final String REST = "{\"event_type\":\"text-generation\",\"text\":\"predict.\",\"is_finished\":false}\n"
			+ "{\"event_type\":\"stream-end\",\"is_finished\":true,\"finish_reason\":\"COMPLETE\",\"response\":"
			+ "{\"id\":\"gen-1\",\"generations\":[{\"id\":\"g0\",\"text\":\"LLMs predict.\"}]}}";

	private final List<String> log = new CopyOnWriteArrayList<>();

	private final CountDownLatch firstSeen = new CountDownLatch(1);

	private final List<String> headers = new CopyOnWriteArrayList<>();

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@ParameterizedTest
	@EnumSource(value = HttpTransportType.class, names = { "JDK", "REACTOR_NETTY" })
	void generateStreamEmitsEachEventAsItsLineArrives(HttpTransportType transport) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/v1/generate", this::answer);
		this.server.start();
		try (CohereClient client = CohereClient.builder()
			.apiKey("k")
			.baseUrl("http://127.0.0.1:" + this.server.getAddress().getPort())
			.environment((name) -> null)
			.retryPolicy(CohereRetryPolicy.none())
			.httpSettings(HttpSettings.builder().transport(transport).build())
			.build()) {
			List<GenerateStreamEvent> events = client
				.withOptions(RequestOptions.builder().header("X-Job", "incremental").build())
				.v1()
				.generateStream(GenerateRequest.builder().prompt("Explain").build())
				.doOnNext((event) -> {
					this.log.add("received " + event.getClass().getSimpleName());
					this.firstSeen.countDown();
				})
				.collectList()
				.block(Duration.ofSeconds(20));
			assertThat(events).hasSize(3);
			assertThat(events.get(2)).isInstanceOf(GenerateStreamEvent.StreamEnd.class);
		}
		assertThat(this.log).startsWith("wrote first", "received TextGeneration", "wrote rest");
		assertThat(this.headers).containsExactly("incremental");
	}

	private void answer(HttpExchange exchange) throws IOException {
		exchange.getRequestBody().readAllBytes();
		this.headers.add(exchange.getRequestHeaders().getFirst("X-Job"));
		exchange.getResponseHeaders().add("Content-Type", "application/stream+json");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream body = exchange.getResponseBody()) {
			// logged before the write: the client may see the event before this
			// thread runs again
			this.log.add("wrote first");
			body.write(FIRST.getBytes(StandardCharsets.UTF_8));
			body.flush();
			try {
				// waits for the client to have seen the first event; without
				// incremental reading it never does, and the order check fails
				this.firstSeen.await(3, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.log.add("wrote rest");
			body.write(REST.getBytes(StandardCharsets.UTF_8));
		}
	}

}
