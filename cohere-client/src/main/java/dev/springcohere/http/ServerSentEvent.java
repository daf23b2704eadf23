package dev.springcohere.http;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One server-sent event as received, before any interpretation of its data.
 *
 * @param id the last event id seen on the stream ({@code id:} field, carried over to
 * later events as the SSE specification says), or {@code null} when the stream never sent
 * one
 * @param event the event type ({@code event:} field), or {@code null} when the event did
 * not name one
 * @param data the data, with multiple {@code data:} lines joined by {@code \n}; never
 * {@code null}
 * @param retry the reconnection time the server asked for ({@code retry:} field), or
 * {@code null}
 * @since 0.1.0
 */
public record ServerSentEvent(@Nullable String id, @Nullable String event, String data, @Nullable Duration retry) {

	/** The data that ends a stream by convention (Cohere's terminator). */
	public static final String DONE = "[DONE]";

	/**
	 * Checks the event.
	 * @param id the last event id, or {@code null}
	 * @param event the event type, or {@code null}
	 * @param data the data
	 * @param retry the reconnection time, or {@code null}
	 */
	public ServerSentEvent {
		Objects.requireNonNull(data, "'data' must not be null");
	}

	/**
	 * Tells whether this event is the {@value #DONE} sentinel that ends a stream.
	 * @return {@code true} when the data is {@value #DONE}
	 */
	public boolean isDone() {
		return DONE.equals(this.data.strip());
	}

}
