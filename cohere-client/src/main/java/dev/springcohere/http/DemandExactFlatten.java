package dev.springcohere.http;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Flattens a {@code Flux} of lists (the events decoded from each chunk of a stream) into
 * their elements, asking the source for the next list only when a subscriber's demand is
 * left over after the elements already at hand: no prefetch, so a source that reads on
 * the subscribing thread ({@link HttpTransportEngine#READ_ON_SUBSCRIBING_THREAD}) reads
 * the next chunk only when the caller asks for an element the chunks read so far do not
 * hold. Reactor's {@code concatMapIterable} (even with a prefetch of one) asks for the
 * next list as soon as the current one is emitted, which on such a source would wait for
 * the next chunk before the caller gets the element already decoded.
 * <p>
 * Elements already decoded are delivered before the source's error.
 *
 * @since 0.1.0
 */
public final class DemandExactFlatten {

	private DemandExactFlatten() {
	}

	/**
	 * Returns the elements of the source's lists, in order.
	 * @param <T> the element type
	 * @param lists the lists
	 * @return the flattened {@code Flux}; each subscription subscribes to the source once
	 */
	public static <T> Flux<T> flatten(Flux<? extends List<? extends T>> lists) {
		Objects.requireNonNull(lists, "'lists' must not be null");
		return new Flux<>() {

			@Override
			public void subscribe(CoreSubscriber<? super T> actual) {
				lists.subscribe(new FlattenSubscriber<T>(actual));
			}

		};
	}

	private static final class FlattenSubscriber<T> implements CoreSubscriber<List<? extends T>>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final AtomicLong requested = new AtomicLong();

		private final AtomicInteger wip = new AtomicInteger();

		private @Nullable Subscription upstream;

		/** The list being emitted; at most one, since lists are asked for one by one. */
		private volatile @Nullable List<? extends T> current;

		private int index;

		private volatile boolean asked;

		private volatile boolean done;

		private volatile @Nullable Throwable error;

		private volatile boolean cancelled;

		FlattenSubscriber(CoreSubscriber<? super T> actual) {
			this.actual = actual;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(List<? extends T> list) {
			this.current = list;
			this.asked = false;
			drain();
		}

		@Override
		public void onError(Throwable failure) {
			this.error = failure;
			this.done = true;
			drain();
		}

		@Override
		public void onComplete() {
			this.done = true;
			drain();
		}

		@Override
		public void request(long n) {
			if (Operators.validate(n)) {
				this.requested.getAndUpdate((current) -> Operators.addCap(current, n));
				drain();
			}
		}

		@Override
		public void cancel() {
			this.cancelled = true;
			Subscription subscription = this.upstream;
			if (subscription != null) {
				subscription.cancel();
			}
		}

		private void drain() {
			if (this.wip.getAndIncrement() != 0) {
				return;
			}
			int missed = 1;
			while (true) {
				List<? extends T> list = this.current;
				long demand = this.requested.get();
				long emitted = 0;
				while (list != null && emitted != demand) {
					if (this.cancelled) {
						return;
					}
					if (this.index < list.size()) {
						this.actual.onNext(list.get(this.index++));
						emitted++;
					}
					if (this.index >= list.size()) {
						this.current = null;
						this.index = 0;
						list = null;
					}
				}
				if (emitted != 0) {
					this.requested.addAndGet(-emitted);
				}
				if (this.cancelled) {
					return;
				}
				if (list == null && this.current == null) {
					if (this.done) {
						Throwable failure = this.error;
						if (failure != null) {
							this.actual.onError(failure);
						}
						else {
							this.actual.onComplete();
						}
						return;
					}
					if (this.requested.get() > 0 && !this.asked) {
						this.asked = true;
						Objects.requireNonNull(this.upstream).request(1);
					}
				}
				missed = this.wip.addAndGet(-missed);
				if (missed == 0) {
					return;
				}
			}
		}

	}

}
