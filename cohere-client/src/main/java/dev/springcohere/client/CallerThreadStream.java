package dev.springcohere.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import dev.springcohere.api.error.CohereException;
import dev.springcohere.http.HttpTransportEngine;

/**
 * A {@code Flux} consumed as a blocking {@link Stream}: nothing is subscribed before the
 * first element is asked for, and each element is requested only when the caller asks for
 * it, so an HTTP engine that may read on the subscribing thread
 * ({@link HttpTransportEngine#READ_ON_SUBSCRIBING_THREAD}) reads the answer on the
 * caller's thread, chunk by chunk, without reading ahead of the caller. A source that
 * emits on other threads works too: the caller then waits for each element.
 * <p>
 * Closing the stream before its end cancels the subscription (and so the HTTP call).
 *
 * @param <T> the element type
 */
final class CallerThreadStream<T> implements Iterator<T>, CoreSubscriber<T> {

	private static final Object COMPLETE = new Object();

	private static final Context CONTEXT = Context.of(HttpTransportEngine.READ_ON_SUBSCRIBING_THREAD, Boolean.TRUE);

	private final Flux<T> source;

	private final Operators.DeferredSubscription upstream = new Operators.DeferredSubscription();

	/** Signals from the source: elements, a {@link Failure} or {@link #COMPLETE}. */
	private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();

	private boolean subscribed;

	private boolean requested;

	private @Nullable Object next;

	private boolean done;

	private CallerThreadStream(Flux<T> source) {
		this.source = source;
	}

	/**
	 * Returns a sequential stream of the source's elements, read on demand.
	 * @param <T> the element type
	 * @param source the source, subscribed on the first terminal operation of the stream
	 * @return the stream; close it when it is not consumed to its end
	 */
	static <T> Stream<T> of(Flux<T> source) {
		Objects.requireNonNull(source, "'source' must not be null");
		CallerThreadStream<T> iterator = new CallerThreadStream<>(source);
		return StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false)
			.onClose(iterator::cancel);
	}

	@Override
	public boolean hasNext() {
		if (this.next == null) {
			if (this.done) {
				return false;
			}
			this.next = await();
		}
		if (this.next == COMPLETE) {
			this.done = true;
			this.next = null;
			return false;
		}
		if (this.next instanceof Failure failure) {
			this.done = true;
			this.next = null;
			throw failure.propagate();
		}
		return true;
	}

	@Override
	@SuppressWarnings("unchecked")
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException("The stream has ended");
		}
		Object element = Objects.requireNonNull(this.next);
		this.next = null;
		this.requested = false;
		return (T) element;
	}

	private Object await() {
		if (!this.subscribed) {
			this.subscribed = true;
			this.source.subscribe(this);
		}
		Object signal = this.signals.poll();
		if (signal != null) {
			return signal;
		}
		if (!this.requested) {
			this.requested = true;
			// a source reading on this thread delivers the element before returning
			this.upstream.request(1);
			signal = this.signals.poll();
			if (signal != null) {
				return signal;
			}
		}
		try {
			return this.signals.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			cancel();
			throw new CohereException("Interrupted while waiting for the next event of the stream", ex);
		}
	}

	private void cancel() {
		this.done = true;
		this.upstream.cancel();
	}

	@Override
	public Context currentContext() {
		return CONTEXT;
	}

	@Override
	public void onSubscribe(Subscription subscription) {
		this.upstream.set(subscription);
	}

	@Override
	public void onNext(T element) {
		this.signals.add(element);
	}

	@Override
	public void onError(Throwable error) {
		this.signals.add(new Failure(error));
	}

	@Override
	public void onComplete() {
		this.signals.add(COMPLETE);
	}

	/**
	 * The source's failure.
	 */
	private record Failure(Throwable error) {

		RuntimeException propagate() {
			if (this.error instanceof Error fatal) {
				throw fatal;
			}
			return Exceptions.propagate(this.error);
		}

	}

}
