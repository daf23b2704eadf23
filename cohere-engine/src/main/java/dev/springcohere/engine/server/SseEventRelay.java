package dev.springcohere.engine.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import dev.springcohere.api.FinishReason;
import dev.springcohere.api.StreamEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Signal;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relays a backend's chat events to a client as server-sent events, framed as the Cohere
 * platform does: {@code event: <type>}, {@code data: <event in its wire shape>}, a blank
 * line. The events are pulled one at a time; the stream ends after {@code message-end},
 * and when the client goes away (a write fails) the backend's subscription is cancelled.
 */
final class SseEventRelay {

	private final JsonMapper mapper;

	SseEventRelay(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Relays the events. A failure before the first event is thrown (the caller answers
	 * it with a JSON error and its status); a failure after it, or a stream that ends
	 * without {@code message-end}, is reported in a closing {@code message-end} event
	 * with an {@code error}, as headers are already sent.
	 * @param exchange the exchange, whose response is not started
	 * @param events the backend's events
	 * @param call the call, for messages
	 * @throws IOException if the client went away
	 * @throws RuntimeException the backend's failure before any event
	 */
	void relay(HttpExchange exchange, Flux<StreamEvent> events, String call) throws IOException {
		// materialized, so that a failure arrives after the events sent before it, never
		// instead of them
		try (Stream<Signal<StreamEvent>> signals = events.materialize().toStream(1)) {
			Iterator<Signal<StreamEvent>> iterator = signals.iterator();
			OutputStream out = null;
			while (iterator.hasNext()) {
				Signal<StreamEvent> signal = iterator.next();
				Throwable failure = signal.getThrowable();
				if (failure != null) {
					if (out == null) {
						throw (failure instanceof RuntimeException runtime) ? runtime
								: new IllegalStateException(failure.toString(), failure);
					}
					write(out, new StreamEvent.MessageEnd(null, FinishReason.ERROR, null, "The backend failed during "
							+ call + ": " + failure.getClass().getSimpleName() + ": " + failure.getMessage()));
					return;
				}
				StreamEvent event = signal.get();
				if (event == null) {
					break;
				}
				if (out == null) {
					out = start(exchange);
				}
				write(out, event);
				if (event instanceof StreamEvent.MessageEnd) {
					return;
				}
			}
			if (out == null) {
				throw new IllegalStateException("The backend ended the chat stream without any event");
			}
			write(out, new StreamEvent.MessageEnd(null, FinishReason.ERROR, null,
					"The backend ended the chat stream without a message-end event"));
		}
	}

	private static OutputStream start(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		exchange.sendResponseHeaders(200, 0);
		return exchange.getResponseBody();
	}

	private void write(OutputStream out, StreamEvent event) throws IOException {
		String frame = "event: " + event.type() + "\ndata: "
				+ this.mapper.writeValueAsString(WholeCounts.of(this.mapper.valueToTree(event))) + "\n\n";
		out.write(frame.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

}
