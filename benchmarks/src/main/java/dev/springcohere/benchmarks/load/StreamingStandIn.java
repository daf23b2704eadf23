package dev.springcohere.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A stand-in for Cohere's {@code POST /v2/chat} that streams like the real service: a
 * {@code message-start} at once, then one {@code content-delta} (a word) every
 * {@code interval}, then {@code content-end} and {@code message-end}. Non-blocking
 * (Reactor Netty), so thousands of streams at once cost it little and what a client
 * measures is the application under test.
 */
final class StreamingStandIn implements AutoCloseable {

	private final DisposableServer server;

	private final AtomicLong streams = new AtomicLong();

	/**
	 * Starts the stand-in on a loopback port.
	 * @param port the port, 0 for any free one
	 * @param deltas the text events of one answer
	 * @param interval the time between two of them (and before the first)
	 */
	StreamingStandIn(int port, int deltas, Duration interval) {
		byte[] start = (event("message-start",
				"{\"type\":\"message-start\",\"id\":\"load\"," + "\"delta\":{\"message\":{\"role\":\"assistant\"}}}")
				+ event("content-start",
						"{\"type\":\"content-start\",\"index\":0,"
								+ "\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"\"}}}}"))
			.getBytes(StandardCharsets.UTF_8);
		byte[] delta = event("content-delta",
				"{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\" word\"}}}}")
			.getBytes(StandardCharsets.UTF_8);
		byte[] end = (event("content-end", "{\"type\":\"content-end\",\"index\":0}") + event("message-end",
				"{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\","
						+ "\"usage\":{\"tokens\":{\"input_tokens\":10,\"output_tokens\":" + deltas + "}}}}"))
			.getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(port)
			.route((routes) -> routes.post("/v2/chat", (request, response) -> {
				this.streams.incrementAndGet();
				Flux<ByteBuf> body = Flux
					.concat(Flux.just(start), Flux.interval(interval).take(deltas).map((tick) -> delta), Flux.just(end))
					.map(Unpooled::wrappedBuffer);
				return request.receive()
					.then()
					.thenMany(response.header("Content-Type", "text/event-stream").send(body, (buffer) -> true));
			}))
			.bindNow();
	}

	/** The base URL to give the application as {@code cohere.base-url}. */
	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/** How many streams were asked for so far. */
	long streams() {
		return this.streams.get();
	}

	private static String event(String name, String data) {
		return "event: " + name + "\ndata: " + data + "\n\n";
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
