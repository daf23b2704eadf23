package dev.springcohere.backend;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.ChatStreamAccumulator;
import dev.springcohere.api.ChatStreamException;
import dev.springcohere.api.StreamEvent;

/**
 * Helpers for backends that stream chat answers.
 *
 * @since 0.1.0
 */
public final class ChatStreams {

	private ChatStreams() {
	}

	/**
	 * Makes a stream of chat events end the way {@link CohereBackend#chatStream}
	 * promises: it completes right after {@code message-end}; a {@code message-end} that
	 * reports an error is emitted and then followed by a {@link ChatStreamException}; a
	 * stream that completes without {@code message-end} ends with a
	 * {@link ChatStreamException} instead of completing. Both exceptions carry what
	 * arrived so far as their partial response.
	 * @param backendId the id of the backend, for messages
	 * @param events the raw events of one answer
	 * @return the checked stream; each subscription subscribes to {@code events} once
	 */
	public static Flux<StreamEvent> requireMessageEnd(String backendId, Flux<StreamEvent> events) {
		Objects.requireNonNull(backendId, "'backendId' must not be null");
		Objects.requireNonNull(events, "'events' must not be null");
		return Flux.defer(() -> {
			Progress progress = new Progress();
			return events.<StreamEvent>handle((event, sink) -> {
				progress.accept(event);
				sink.next(event);
				if (event instanceof StreamEvent.MessageEnd end) {
					if (end.isError()) {
						String error = end.error();
						sink.error(new ChatStreamException(
								"The '" + backendId + "' chat stream ended with a failure: finish reason "
										+ end.finishReason() + ((error != null) ? ", error: " + error : ""),
								progress.partial(), error));
					}
					else {
						sink.complete();
					}
				}
			})
				.concatWith(Mono.defer(() -> progress.ended ? Mono.empty()
						: Mono.error(new ChatStreamException("The '" + backendId + "' chat stream ended without a "
								+ "message-end event, so the answer is incomplete (the connection closed early or the "
								+ "server stopped); see partialResponse() for what arrived", progress.partial(),
								null))));
		});
	}

	/**
	 * What a stream delivered so far. The accumulator is best effort: events that break
	 * its protocol checks stop the accumulation but not the stream.
	 */
	private static final class Progress {

		private @Nullable ChatStreamAccumulator accumulator = new ChatStreamAccumulator();

		private boolean ended;

		void accept(StreamEvent event) {
			if (event instanceof StreamEvent.MessageEnd) {
				this.ended = true;
			}
			ChatStreamAccumulator current = this.accumulator;
			if (current != null) {
				try {
					current.accept(event);
				}
				catch (IllegalStateException ex) {
					this.accumulator = null;
				}
			}
		}

		@Nullable ChatResponse partial() {
			ChatStreamAccumulator current = this.accumulator;
			return (current != null) ? current.partialResult() : null;
		}

	}

}
