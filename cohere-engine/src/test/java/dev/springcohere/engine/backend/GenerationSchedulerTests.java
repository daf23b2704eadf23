package dev.springcohere.engine.backend;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fairness, the pool bound, the queue bound and cancellation of
 * {@link GenerationScheduler}, with latches.
 */
class GenerationSchedulerTests {

	private GenerationScheduler scheduler;

	@AfterEach
	void close() {
		if (this.scheduler != null) {
			this.scheduler.close();
		}
	}

	/** A task that reports its start, then waits for the latch or cancellation. */
	private static GenerationScheduler.Task<String> blocking(String name, List<String> started, CountDownLatch go,
			CountDownLatch startedLatch) {
		return (sink, cancelled) -> {
			started.add(name);
			startedLatch.countDown();
			while (!go.await(5, TimeUnit.MILLISECONDS)) {
				if (cancelled.getAsBoolean()) {
					return;
				}
			}
			sink.next(name);
		};
	}

	@Test
	void runsAtMostPoolSizeRequestsAtOnce() throws Exception {
		this.scheduler = new GenerationScheduler(2, 10, Duration.ofMinutes(1));
		List<String> started = new CopyOnWriteArrayList<>();
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch firstTwo = new CountDownLatch(2);
		CountDownLatch all = new CountDownLatch(3);
		for (String name : List.of("a", "b")) {
			this.scheduler.submit(blocking(name, started, go, firstTwo)).subscribe(null, null, all::countDown);
		}
		assertThat(firstTwo.await(10, TimeUnit.SECONDS)).isTrue();
		this.scheduler.submit(blocking("c", started, go, new CountDownLatch(1))).subscribe(null, null, all::countDown);
		assertThat(this.scheduler.freeSlots()).isZero();
		assertThat(this.scheduler.queued()).isEqualTo(1);
		assertThat(started).containsExactlyInAnyOrder("a", "b");
		go.countDown();
		assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(started).hasSize(3).endsWith("c");
		assertThat(this.scheduler.freeSlots()).isEqualTo(2);
	}

	@Test
	void runsQueuedRequestsInArrivalOrder() throws Exception {
		this.scheduler = new GenerationScheduler(1, 10, Duration.ofMinutes(1));
		List<String> started = new CopyOnWriteArrayList<>();
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch first = new CountDownLatch(1);
		CountDownLatch all = new CountDownLatch(5);
		List<String> results = new CopyOnWriteArrayList<>();
		this.scheduler.submit(blocking("a", started, go, first)).subscribe(results::add, null, all::countDown);
		assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
		for (String name : List.of("b", "c", "d", "e")) {
			this.scheduler.submit(blocking(name, started, go, new CountDownLatch(1)))
				.subscribe(results::add, null, all::countDown);
		}
		assertThat(this.scheduler.queued()).isEqualTo(4);
		assertThat(started).containsExactly("a");
		go.countDown();
		assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(started).containsExactly("a", "b", "c", "d", "e");
		assertThat(results).containsExactly("a", "b", "c", "d", "e");
		assertThat(this.scheduler.freeSlots()).isEqualTo(1);
	}

	@Test
	void cancellingARunningStreamFreesItsSlotForTheNextRequest() throws Exception {
		this.scheduler = new GenerationScheduler(1, 10, Duration.ofMinutes(1));
		List<String> started = new CopyOnWriteArrayList<>();
		CountDownLatch never = new CountDownLatch(1);
		CountDownLatch firstStarted = new CountDownLatch(1);
		CountDownLatch secondStarted = new CountDownLatch(1);
		CountDownLatch firstStopped = new CountDownLatch(1);
		Disposable first = this.scheduler.submit(blocking("first", started, never, firstStarted))
			.doFinally((signal) -> firstStopped.countDown())
			.subscribe(null, (error) -> {
			});
		assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
		this.scheduler.submit(blocking("second", started, never, secondStarted)).subscribe(null, (error) -> {
		});
		assertThat(this.scheduler.queued()).isEqualTo(1);
		first.dispose();
		assertThat(secondStarted.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(firstStopped.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(started).containsExactly("first", "second");
	}

	@Test
	void cancellingAQueuedRequestTakesItOutOfTheQueue() throws Exception {
		this.scheduler = new GenerationScheduler(1, 10, Duration.ofMinutes(1));
		List<String> started = new CopyOnWriteArrayList<>();
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch firstStarted = new CountDownLatch(1);
		CountDownLatch thirdDone = new CountDownLatch(1);
		this.scheduler.submit(blocking("first", started, go, firstStarted)).subscribe(null, (error) -> {
		});
		assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
		Disposable second = this.scheduler.submit(blocking("second", started, go, new CountDownLatch(1)))
			.subscribe(null, (error) -> {
			});
		this.scheduler.submit(blocking("third", started, go, new CountDownLatch(1)))
			.subscribe(null, null, thirdDone::countDown);
		second.dispose();
		assertThat(this.scheduler.queued()).isEqualTo(1);
		go.countDown();
		assertThat(thirdDone.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(started).containsExactly("first", "third");
	}

	@Test
	void failsClearlyWhenTheQueueIsFull() throws Exception {
		this.scheduler = new GenerationScheduler(1, 1, Duration.ofMinutes(1));
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		List<String> names = new CopyOnWriteArrayList<>();
		this.scheduler.submit(blocking("a", names, go, started)).subscribe(null, (error) -> {
		});
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		this.scheduler.submit(blocking("b", names, go, new CountDownLatch(1))).subscribe(null, (error) -> {
		});
		assertThatThrownBy(() -> this.scheduler.submit(blocking("c", names, go, new CountDownLatch(1))).blockLast())
			.isInstanceOf(dev.springcohere.api.error.CohereRateLimitException.class)
			.hasMessageContaining("busy")
			.hasMessageContaining("cohere.local.max-queued");
		go.countDown();
	}

	@Test
	void failsClearlyWhenTheWaitIsTooLong() throws Exception {
		this.scheduler = new GenerationScheduler(1, 5, Duration.ofMillis(50));
		CountDownLatch go = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		List<String> names = new CopyOnWriteArrayList<>();
		this.scheduler.submit(blocking("a", names, go, started)).subscribe(null, (error) -> {
		});
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		assertThatThrownBy(() -> this.scheduler.submit(blocking("b", names, go, new CountDownLatch(1))).blockLast())
			.isInstanceOf(dev.springcohere.api.error.CohereRateLimitException.class)
			.hasMessageContaining("cohere.local.max-wait");
		assertThat(this.scheduler.queued()).isZero();
		go.countDown();
	}

	@Test
	void aFailingTaskFailsItsStreamAndFreesTheSlot() {
		this.scheduler = new GenerationScheduler(1, 5, Duration.ofMinutes(1));
		assertThatThrownBy(() -> this.scheduler.<String>submit((sink, cancelled) -> {
			throw new IllegalStateException("boom");
		}).blockLast()).hasMessageContaining("boom");
		assertThat(this.scheduler.submit((sink, cancelled) -> sink.next("ok")).blockLast()).isEqualTo("ok");
		assertThat(this.scheduler.freeSlots()).isEqualTo(1);
	}

	@Test
	void closeFailsRunningAndQueuedRequestsAndWaitsForTheWorkers() throws Exception {
		this.scheduler = new GenerationScheduler(1, 5, Duration.ofMinutes(1));
		CountDownLatch never = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		List<String> names = new CopyOnWriteArrayList<>();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		CountDownLatch stopped = new CountDownLatch(1);
		this.scheduler.<String>submit((sink, cancelled) -> {
			blocking("a", names, never, started).run(sink, cancelled);
			stopped.countDown();
		}).subscribe(null, errors::add);
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		this.scheduler.submit(blocking("b", names, never, new CountDownLatch(1))).subscribe(null, errors::add);
		this.scheduler.close();
		assertThat(stopped.getCount()).isZero();
		assertThat(errors).hasSize(2)
			.allSatisfy((error) -> assertThat(error).isInstanceOf(LocalBackendException.class)
				.hasMessageContaining("closed"));
		assertThat(names).containsExactly("a");
	}

}
