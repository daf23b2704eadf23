package dev.springcohere.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.springcohere.api.error.CohereJobFailedException;
import dev.springcohere.api.error.CohereWaitTimeoutException;

/**
 * Polls an asynchronous job until it ends: the first read at once, then after
 * {@link WaitOptions#initialInterval()}, each interval doubling up to
 * {@link WaitOptions#maxInterval()}; every state read goes to the progress callback. A
 * job that ends well is returned; one that fails or is cancelled fails the wait with a
 * {@link CohereJobFailedException}; one still running at the timeout fails it with a
 * {@link CohereWaitTimeoutException} (the job goes on).
 *
 * @param <T> the type of the job's state
 */
final class JobWaiter<T> {

	private final String what;

	private final Predicate<T> succeeded;

	private final Predicate<T> failed;

	private final Function<T, String> status;

	JobWaiter(String what, Predicate<T> succeeded, Predicate<T> failed, Function<T, String> status) {
		this.what = what;
		this.succeeded = succeeded;
		this.failed = failed;
		this.status = status;
	}

	Mono<T> waitFor(Mono<T> read, WaitOptions options, Consumer<? super T> progress) {
		Objects.requireNonNull(options, "'options' must not be null");
		Objects.requireNonNull(progress, "'progress' must not be null");
		return Mono.defer(() -> {
			AtomicReference<@Nullable T> last = new AtomicReference<>();
			AtomicReference<Duration> interval = new AtomicReference<>(options.initialInterval());
			Mono<T> poll = read.doOnNext((state) -> {
				last.set(state);
				progress.accept(state);
			});
			return poll
				.expand((state) -> isOver(state) ? Mono.empty()
						: Mono.delay(nextInterval(interval, options)).then(poll))
				.filter(this::isOver)
				.next()
				.flatMap((state) -> this.failed.test(state) ? Mono.error(failure(state)) : Mono.just(state))
				.timeout(options.timeout(), Mono.error(() -> timeout(last.get(), options.timeout())));
		});
	}

	private boolean isOver(T state) {
		return this.succeeded.test(state) || this.failed.test(state);
	}

	private static Duration nextInterval(AtomicReference<Duration> interval, WaitOptions options) {
		Duration current = interval.get();
		Duration doubled = current.multipliedBy(2);
		interval.set((doubled.compareTo(options.maxInterval()) > 0) ? options.maxInterval() : doubled);
		return current;
	}

	private CohereJobFailedException failure(T state) {
		String status = this.status.apply(state);
		return new CohereJobFailedException(this.what + " ended with status " + status + ": " + state, state, status);
	}

	private CohereWaitTimeoutException timeout(@Nullable T last, Duration timeout) {
		String state = (last != null) ? "its last status was " + this.status.apply(last)
				: "no status could be read in that time";
		return new CohereWaitTimeoutException(this.what + " did not end within " + timeout + " (" + state
				+ "); it goes on running: wait again, or cancel it", last, timeout);
	}

}
