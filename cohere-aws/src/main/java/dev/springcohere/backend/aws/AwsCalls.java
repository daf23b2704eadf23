package dev.springcohere.backend.aws;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.SdkBytes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the calls of one AWS backend against its asynchronous SDK client: serializes JSON
 * bodies, turns the SDK's futures and event-stream handlers into Reactor types, and maps
 * every failure through {@link AwsExceptions#translate} with the service's name and the
 * call's description.
 * <p>
 * Thread-safe and stateless apart from its service name and mapper.
 *
 * @since 0.1.0
 */
public final class AwsCalls {

	/** The content type of every request and answer body: {@code application/json}. */
	public static final String JSON = "application/json";

	private final String service;

	private final JsonMapper mapper;

	/**
	 * Creates the calls of one service.
	 * @param service the service's name for messages, such as {@code Amazon Bedrock}
	 * @param mapper the mapper that writes request bodies
	 */
	public AwsCalls(String service, JsonMapper mapper) {
		this.service = Objects.requireNonNull(service, "'service' must not be null");
		this.mapper = Objects.requireNonNull(mapper, "'mapper' must not be null");
	}

	/**
	 * Serializes a request body.
	 * @param body the JSON body
	 * @return its bytes for the SDK request
	 */
	public SdkBytes body(JsonNode body) {
		return SdkBytes.fromByteArray(this.mapper.writeValueAsBytes(body));
	}

	/**
	 * Runs one request/response call.
	 * @param <R> the SDK response type
	 * @param call what is called, for error messages (such as
	 * {@code InvokeModel <model id>})
	 * @param start starts the SDK call; invoked once per subscription
	 * @return a cold {@code Mono} of the SDK response whose errors are translated
	 */
	public <R> Mono<R> invoke(String call, Supplier<CompletableFuture<R>> start) {
		return Mono.fromFuture(start).onErrorMap((failure) -> AwsExceptions.translate(this.service, call, failure));
	}

	/**
	 * Runs one event-stream call, publishing the payload bytes of each event.
	 * @param call what is called, for error messages
	 * @param start starts the SDK call with a response handler built on the given
	 * {@link Receiver}; invoked once per subscription
	 * @return a cold {@code Flux} of payload bytes that completes when the stream does
	 * and fails, translated, when the stream or the call fails; cancelling it cancels the
	 * call
	 */
	public Flux<byte[]> stream(String call, Function<Receiver, CompletableFuture<Void>> start) {
		return Flux.create((sink) -> {
			AtomicBoolean done = new AtomicBoolean();
			Receiver receiver = new Receiver() {

				@Override
				public void part(byte[] bytes) {
					sink.next(bytes);
				}

				@Override
				public void failed(Throwable failure) {
					if (done.compareAndSet(false, true)) {
						sink.error(AwsExceptions.translate(AwsCalls.this.service, call, failure));
					}
				}

				@Override
				public void completed() {
					if (done.compareAndSet(false, true)) {
						sink.complete();
					}
				}

			};
			CompletableFuture<Void> future = start.apply(receiver);
			future.whenComplete((ignored, failure) -> {
				if (failure != null) {
					receiver.failed(failure);
				}
			});
			sink.onCancel(() -> future.cancel(true));
		});
	}

	/**
	 * The callbacks an SDK response handler forwards to; only the first of
	 * {@link #failed} and {@link #completed} counts.
	 */
	public interface Receiver {

		/**
		 * Publishes the payload of one event.
		 * @param bytes the payload
		 */
		void part(byte[] bytes);

		/**
		 * Ends the stream with the translated failure.
		 * @param failure what the SDK reported
		 */
		void failed(Throwable failure);

		/**
		 * Ends the stream normally.
		 */
		void completed();

	}

}
