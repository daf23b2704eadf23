package dev.springcohere.engine.backend;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereApiExceptions;
import dev.springcohere.api.error.CohereRateLimitException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Shares one loaded model between many callers: a fixed number of generation slots (each
 * running one request with its own KV cache), a fair first-come-first-served queue in
 * front of them, and a bound on how many requests may wait and for how long.
 * <p>
 * A task runs on its own worker thread once it holds a slot. Cancelling the returned
 * {@link Flux} (disposing the subscription) frees the slot at once, so the next queued
 * request starts without waiting, and tells the task to stop through its cancellation
 * flag (a generation loop checks it before every token). A request that is still queued
 * when cancelled leaves the queue. Requests that find the queue full, or that wait longer
 * than the configured limit, fail with a {@link LocalBackendException} that says so.
 *
 * @since 0.1.0
 */
public final class GenerationScheduler implements AutoCloseable {

	/**
	 * Work that runs while holding a slot.
	 *
	 * @param <T> the type of the items it emits
	 */
	@FunctionalInterface
	public interface Task<T> {

		/**
		 * Runs the work on a worker thread, emitting items into the sink; completing the
		 * sink is the scheduler's job (it completes after this method returns, or fails
		 * it if the method throws).
		 * @param sink where to emit items
		 * @param cancelled tells whether the subscriber has cancelled; stop as soon as it
		 * returns {@code true}
		 * @throws Exception if the work fails (the stream then fails with it)
		 */
		void run(FluxSink<T> sink, BooleanSupplier cancelled) throws Exception;

	}

	private final int poolSize;

	private final int maxQueued;

	private final Duration maxWait;

	private final ReentrantLock lock = new ReentrantLock();

	private final Deque<Waiter> queue = new ArrayDeque<>();

	private final Set<Waiter> running = new HashSet<>();

	private final ExecutorService workers;

	private final ScheduledExecutorService timer;

	private int busy;

	private boolean closed;

	/**
	 * Creates a scheduler.
	 * @param poolSize how many requests run at once, at least 1
	 * @param maxQueued how many requests may wait for a slot, at least 0
	 * @param maxWait how long a request may wait for a slot before it fails (positive)
	 */
	public GenerationScheduler(int poolSize, int maxQueued, Duration maxWait) {
		if (poolSize < 1) {
			throw new IllegalArgumentException("The pool size must be at least 1 but was " + poolSize);
		}
		if (maxQueued < 0) {
			throw new IllegalArgumentException("The queue bound must be at least 0 but was " + maxQueued);
		}
		Objects.requireNonNull(maxWait, "'maxWait' must not be null");
		if (maxWait.isNegative() || maxWait.isZero()) {
			throw new IllegalArgumentException("The longest wait must be positive but was " + maxWait);
		}
		this.poolSize = poolSize;
		this.maxQueued = maxQueued;
		this.maxWait = maxWait;
		AtomicInteger count = new AtomicInteger();
		ThreadFactory factory = (runnable) -> {
			Thread thread = new Thread(runnable, "cohere-local-generation-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		this.workers = Executors.newCachedThreadPool(factory);
		this.timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "cohere-local-queue-timer");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Returns the number of slots.
	 * @return the pool size
	 */
	public int poolSize() {
		return this.poolSize;
	}

	/**
	 * Returns how many slots are free now.
	 * @return the free slots
	 */
	public int freeSlots() {
		this.lock.lock();
		try {
			return this.poolSize - this.busy;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Returns how many requests wait for a slot now.
	 * @return the queue length
	 */
	public int queued() {
		this.lock.lock();
		try {
			return this.queue.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Schedules a task: it runs once a slot is free and the requests queued before it
	 * have started. Nothing happens before subscription; each subscription runs the task
	 * once.
	 * @param <T> the type of the items
	 * @param task the work
	 * @return a cold {@code Flux} of what the task emits
	 */
	public <T> Flux<T> submit(Task<T> task) {
		Objects.requireNonNull(task, "'task' must not be null");
		return Flux.create((sink) -> {
			Waiter waiter = new Waiter((self) -> run(task, sink, self), sink::error);
			sink.onDispose(waiter::cancel);
			enqueue(waiter);
		});
	}

	private <T> void run(Task<T> task, FluxSink<T> sink, Waiter waiter) {
		Throwable failure = null;
		try {
			task.run(sink, waiter.cancelled::get);
		}
		catch (Throwable ex) {
			failure = ex;
		}
		// the slot is free before the subscriber hears the end, so that the next request
		// can start right away
		waiter.release();
		if (!waiter.cancelled.get()) {
			if (failure != null) {
				sink.error(failure);
			}
			else {
				sink.complete();
			}
		}
	}

	private void enqueue(Waiter waiter) {
		this.lock.lock();
		try {
			if (this.closed) {
				waiter.fail(new LocalBackendException("The local backend is closed; it accepts no more requests"));
				return;
			}
			if (waiter.cancelled.get()) {
				return;
			}
			if (this.busy < this.poolSize && this.queue.isEmpty()) {
				start(waiter);
				return;
			}
			if (this.queue.size() >= this.maxQueued) {
				waiter.fail(busy("The local model is busy: all " + this.poolSize + " generation slot(s) are in use and "
						+ this.queue.size() + " request(s) already wait (the "
						+ "limit, cohere.local.max-queued); retry later, or raise cohere.local.pool-size or "
						+ "cohere.local.max-queued"));
				return;
			}
			this.queue.addLast(waiter);
			waiter.timeout = this.timer.schedule(() -> expire(waiter), this.maxWait.toMillis(), TimeUnit.MILLISECONDS);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void expire(Waiter waiter) {
		this.lock.lock();
		try {
			if (!this.queue.remove(waiter)) {
				return;
			}
		}
		finally {
			this.lock.unlock();
		}
		waiter.fail(busy("The request waited longer than " + this.maxWait.toMillis()
				+ " ms for a free generation slot of the local model (cohere.local.max-wait); retry later, or raise "
				+ "cohere.local.pool-size"));
	}

	/** Starts a waiter on a slot; called with the lock held. */
	private void start(Waiter waiter) {
		this.busy++;
		waiter.started = true;
		this.running.add(waiter);
		if (waiter.timeout != null) {
			waiter.timeout.cancel(false);
		}
		try {
			this.workers.execute(waiter::runTask);
		}
		catch (RuntimeException ex) {
			this.busy--;
			waiter.fail(new LocalBackendException("The local backend could not start a worker thread: " + ex));
		}
	}

	private void freeSlot() {
		this.lock.lock();
		try {
			this.busy--;
			while (this.busy < this.poolSize && !this.queue.isEmpty()) {
				Waiter next = this.queue.pollFirst();
				if (!next.cancelled.get()) {
					start(next);
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void dequeue(Waiter waiter) {
		this.lock.lock();
		try {
			this.queue.remove(waiter);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Fails the queued and running requests, waits (up to 30 seconds) for running
	 * generations to finish their current step, and stops the worker threads.
	 */
	@Override
	public void close() {
		List<Waiter> pending;
		List<Waiter> active;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			pending = new ArrayList<>(this.queue);
			this.queue.clear();
			active = new ArrayList<>(this.running);
		}
		finally {
			this.lock.unlock();
		}
		for (Waiter waiter : pending) {
			waiter.fail(new LocalBackendException("The local backend was closed while the request waited"));
		}
		for (Waiter waiter : active) {
			if (waiter.cancelled.compareAndSet(false, true)) {
				waiter.fail(new LocalBackendException("The local backend was closed during the generation"));
			}
		}
		this.workers.shutdown();
		this.timer.shutdownNow();
		try {
			this.workers.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One request, from queuing until its slot is freed. */
	private final class Waiter {

		private final AtomicBoolean cancelled = new AtomicBoolean();

		private final AtomicBoolean released = new AtomicBoolean();

		private final java.util.function.Consumer<Waiter> body;

		private final java.util.function.Consumer<Throwable> onError;

		private boolean started;

		private @Nullable ScheduledFuture<?> timeout;

		Waiter(java.util.function.Consumer<Waiter> body, java.util.function.Consumer<Throwable> onError) {
			this.body = body;
			this.onError = onError;
		}

		void runTask() {
			if (this.cancelled.get()) {
				release();
				return;
			}
			this.body.accept(this);
		}

		void cancel() {
			if (this.cancelled.compareAndSet(false, true)) {
				boolean running;
				GenerationScheduler.this.lock.lock();
				try {
					running = this.started;
				}
				finally {
					GenerationScheduler.this.lock.unlock();
				}
				if (running) {
					release();
				}
				else {
					dequeue(this);
				}
			}
		}

		void release() {
			if (this.released.compareAndSet(false, true)) {
				GenerationScheduler.this.lock.lock();
				try {
					GenerationScheduler.this.running.remove(this);
				}
				finally {
					GenerationScheduler.this.lock.unlock();
				}
				freeSlot();
			}
		}

		void fail(Throwable error) {
			this.onError.accept(error);
		}

	}

	/**
	 * A request turned away for capacity: a 429 ({@link CohereRateLimitException}), which
	 * {@code serve} answers with {@code Retry-After} and clients retry after a pause.
	 */
	private static CohereRateLimitException busy(String message) {
		return (CohereRateLimitException) CohereApiExceptions.forStatus(429, message,
				new CohereApiException.Details(429, message, "", null, null));
	}

}
