package dev.springcohere.http;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

import dev.springcohere.api.error.CohereResponseTooLargeException;

/**
 * Collects a response body into a byte array, failing with a {@link TimeoutException}
 * when no bytes arrive for longer than the idle timeout. The JDK client's own request
 * timeout ends when the response headers arrive, so without this a body that stalls after
 * the headers would block the caller until the server closes the connection.
 * <p>
 * One watchdog task is scheduled per response (not per chunk); when it fires early it
 * re-arms itself for the remaining idle time.
 */
final class IdleTimeoutBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

	private final CompletableFuture<byte[]> body = new CompletableFuture<>();

	private final long idleNanos;

	private final Scheduler scheduler;

	private byte[] buffer;

	private int length;

	private volatile long lastActivity;

	private volatile Flow.@Nullable Subscription subscription;

	private volatile @Nullable Disposable watchdog;

	private final long maxSize;

	private final String call;

	IdleTimeoutBodySubscriber(Duration idleTimeout, Scheduler scheduler, long maxSize, String call,
			long declaredLength) {
		// sized by Content-Length when the server sends one (and it is within the bound),
		// so the body is copied once
		this.buffer = new byte[(declaredLength >= 0 && declaredLength <= Math.min(maxSize, Integer.MAX_VALUE - 8))
				? (int) declaredLength : 4096];
		this.idleNanos = idleTimeout.toNanos();
		this.maxSize = maxSize;
		this.call = call;
		this.scheduler = Objects.requireNonNull(scheduler, "'scheduler' must not be null");
	}

	@Override
	public CompletionStage<byte[]> getBody() {
		return this.body;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		this.lastActivity = System.nanoTime();
		arm(this.idleNanos);
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> buffers) {
		if (this.body.isDone()) {
			return;
		}
		this.lastActivity = System.nanoTime();
		for (ByteBuffer buffer : buffers) {
			int remaining = buffer.remaining();
			if (this.length + (long) remaining > this.maxSize) {
				tooLarge();
				return;
			}
			if (this.length + remaining > this.buffer.length) {
				this.buffer = Arrays.copyOf(this.buffer, (int) Math.min(Integer.MAX_VALUE - 8,
						Math.max(this.buffer.length * 2L, this.length + remaining)));
			}
			buffer.get(this.buffer, this.length, remaining);
			this.length += remaining;
		}
	}

	@Override
	public void onError(Throwable failure) {
		disarm();
		this.body.completeExceptionally(failure);
	}

	@Override
	public void onComplete() {
		disarm();
		if (this.body.isDone()) {
			return;
		}
		this.body.complete((this.length == this.buffer.length) ? this.buffer : Arrays.copyOf(this.buffer, this.length));
	}

	private void tooLarge() {
		disarm();
		if (this.body
			.completeExceptionally(new CohereResponseTooLargeException(this.call, "the response body", this.maxSize))) {
			Flow.Subscription current = this.subscription;
			if (current != null) {
				current.cancel();
			}
		}
	}

	private void arm(long delayNanos) {
		if (!this.body.isDone()) {
			this.watchdog = this.scheduler.schedule(this::check, Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
		}
	}

	private void check() {
		long idle = System.nanoTime() - this.lastActivity;
		if (idle < this.idleNanos) {
			arm(this.idleNanos - idle);
			return;
		}
		if (this.body.completeExceptionally(new TimeoutException("No body data for " + Duration.ofNanos(idle)))) {
			Flow.Subscription current = this.subscription;
			if (current != null) {
				current.cancel();
			}
		}
	}

	private void disarm() {
		Disposable current = this.watchdog;
		if (current != null) {
			current.dispose();
		}
	}

}
