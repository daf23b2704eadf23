package dev.springcohere.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server that answers {@code /v2/chat} with canned Cohere payloads: a
 * JSON chat response, or an SSE stream of a fixed number of {@code content-delta} events
 * framed exactly as Cohere frames them.
 * <p>
 * It does no work per request beyond writing pre-encoded bytes, so a benchmark against it
 * measures the client.
 */
public final class LoopbackCohereServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor;

	private final byte[] chatBody;

	private final byte[] streamBody;

	/**
	 * Starts a server on an ephemeral loopback port.
	 * @param streamDeltas how many {@code content-delta} events a streamed answer carries
	 * @throws IOException if the server cannot bind
	 */
	public LoopbackCohereServer(int streamDeltas) throws IOException {
		this.chatBody = chatResponse().getBytes(StandardCharsets.UTF_8);
		this.streamBody = streamResponse(streamDeltas).getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
		this.executor = Executors.newFixedThreadPool(4);
		this.server.setExecutor(this.executor);
		this.server.createContext("/v2/chat", this::handleChat);
		this.server.start();
	}

	/**
	 * The base URL clients should use, e.g. {@code http://127.0.0.1:43123}.
	 * @return the server's base URL
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void handleChat(HttpExchange exchange) throws IOException {
		byte[] request = exchange.getRequestBody().readAllBytes();
		boolean stream = new String(request, StandardCharsets.UTF_8).contains("\"stream\":true");
		byte[] body = stream ? this.streamBody : this.chatBody;
		exchange.getResponseHeaders().set("Content-Type", stream ? "text/event-stream" : "application/json");
		exchange.getResponseHeaders().set("x-request-id", "bench-request");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	static String chatResponse() {
		return """
				{"id":"c14c80c3-18eb-4519-9460-6c92edd8cfb4","finish_reason":"COMPLETE",\
				"message":{"role":"assistant","content":[{"type":"text",\
				"text":"LLMs stand for Large Language Models, a type of neural network model specialized in processing \
				and generating human language. They are trained on vast amounts of text data and can perform tasks \
				such as question answering, translation and summarization."}]},\
				"usage":{"billed_units":{"input_tokens":17,"output_tokens":52},"tokens":{"input_tokens":83,"output_tokens":52}}}""";
	}

	static String streamResponse(int deltas) {
		StringBuilder sb = new StringBuilder(deltas * 120 + 1024);
		event(sb, "message-start",
				"{\"type\":\"message-start\",\"id\":\"29f14a5a-11de-4cae-9800-25e4747408ea\",\"delta\":{\"message\":{\"role\":\"assistant\",\"content\":[],\"tool_plan\":\"\",\"tool_calls\":[],\"citations\":[]}}}");
		event(sb, "content-start",
				"{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"\"}}}}");
		for (int i = 0; i < deltas; i++) {
			event(sb, "content-delta",
					"{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\" token" + i
							+ "\"}}}}");
		}
		event(sb, "content-end", "{\"type\":\"content-end\",\"index\":0}");
		event(sb, "message-end",
				"{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\",\"usage\":{\"billed_units\":{\"input_tokens\":3,\"output_tokens\":"
						+ deltas + "},\"tokens\":{\"input_tokens\":69," + "\"output_tokens\":" + deltas + "}}}}");
		return sb.toString();
	}

	private static void event(StringBuilder sb, String name, String json) {
		sb.append("event: ").append(name).append('\n').append("data: ").append(json).append("\n\n");
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
