package dev.springcohere.engine.cpu;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerTeamTests {

	@Test
	void everyTaskRunsExactlyOnceOnTheCallerAndTheWorkers() throws Exception {
		try (WorkerTeam team = new WorkerTeam(3, "team-test")) {
			for (int round = 0; round < 200; round++) {
				int tasks = 1 + round % 37;
				AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
				team.forEach(tasks, runs::incrementAndGet);
				for (int t = 0; t < tasks; t++) {
					assertThat(runs.get(t)).as("round %d task %d", round, t).isEqualTo(1);
				}
			}
			Set<String> threads = ConcurrentHashMap.newKeySet();
			CountDownLatch allThree = new CountDownLatch(3);
			// each task waits until three have started, so all three threads must take
			// one
			team.forEach(3, (t) -> {
				threads.add(Thread.currentThread().getName());
				allThree.countDown();
				await(allThree);
			});
			assertThat(threads).hasSize(3).contains(Thread.currentThread().getName(), "team-test-1", "team-test-2");
		}
	}

	@Test
	void eachThreadRunsItsOwnContiguousRunInOrderThenHelpsWithTheOthersFromTheirBacks() {
		try (WorkerTeam team = new WorkerTeam(2, "team-runs")) {
			// the caller's run is tasks 0-4, the worker's 5-9; the caller's first task
			// waits until the worker has started one (its own run's first), and that one
			// waits until task 6 has run, so the caller must finish its run and then take
			// the worker's from the back
			Map<String, List<Integer>> order = new ConcurrentHashMap<>();
			CountDownLatch workerStarted = new CountDownLatch(1);
			CountDownLatch sixRan = new CountDownLatch(1);
			String caller = Thread.currentThread().getName();
			team.forEach(10, (t) -> {
				String thread = Thread.currentThread().getName();
				order.computeIfAbsent(thread, (name) -> new CopyOnWriteArrayList<>()).add(t);
				if (!thread.equals(caller)) {
					workerStarted.countDown();
				}
				if (t == 0) {
					await(workerStarted);
				}
				if (t == 5) {
					await(sixRan);
				}
				if (t == 6) {
					sixRan.countDown();
				}
			});
			assertThat(order.get(caller)).containsExactly(0, 1, 2, 3, 4, 9, 8, 7, 6);
			assertThat(order.get("team-runs-1")).containsExactly(5);
		}
	}

	@Test
	void workersThatParkedAfterAnIdleSpellAreWokenByTheNextLoop() throws Exception {
		try (WorkerTeam team = new WorkerTeam(2, "team-idle")) {
			team.forEach(4, (t) -> {
			});
			Thread.sleep(TimeUnit.NANOSECONDS.toMillis(WorkerTeam.SPIN_NANOS) * 20 + 20);
			Set<String> threads = ConcurrentHashMap.newKeySet();
			CountDownLatch both = new CountDownLatch(2);
			team.forEach(2, (t) -> {
				threads.add(Thread.currentThread().getName());
				both.countDown();
				await(both);
			});
			assertThat(threads).containsExactlyInAnyOrder(Thread.currentThread().getName(), "team-idle-1");
		}
	}

	@Test
	void aLoopStartedInsideATaskRunsOnThatThread() {
		try (WorkerTeam team = new WorkerTeam(2, "team-nested")) {
			AtomicIntegerArray inner = new AtomicIntegerArray(4 * 5);
			team.forEach(4, (outer) -> {
				String thread = Thread.currentThread().getName();
				team.forEach(5, (t) -> {
					assertThat(Thread.currentThread().getName()).isEqualTo(thread);
					inner.incrementAndGet(outer * 5 + t);
				});
			});
			for (int i = 0; i < inner.length(); i++) {
				assertThat(inner.get(i)).isEqualTo(1);
			}
		}
	}

	@Test
	void theFirstFailureIsRethrownAfterEveryTaskHasRun() {
		try (WorkerTeam team = new WorkerTeam(2, "team-failure")) {
			AtomicIntegerArray runs = new AtomicIntegerArray(50);
			assertThatThrownBy(() -> team.forEach(50, (t) -> {
				runs.incrementAndGet(t);
				if (t % 10 == 3) {
					throw new IllegalStateException("task " + t + " failed");
				}
			})).isInstanceOf(IllegalStateException.class)
				.hasMessageMatching("task \\d+ failed")
				.satisfies((ex) -> assertThat(ex.getSuppressed()).hasSize(4));
			for (int t = 0; t < 50; t++) {
				assertThat(runs.get(t)).isEqualTo(1);
			}
			AtomicIntegerArray after = new AtomicIntegerArray(8);
			team.forEach(8, after::incrementAndGet);
			for (int t = 0; t < 8; t++) {
				assertThat(after.get(t)).as("the team still works after a failed loop").isEqualTo(1);
			}
		}
	}

	@Test
	void loopsOfConcurrentCallersAllComplete() throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(3);
		try (WorkerTeam team = new WorkerTeam(2, "team-callers")) {
			Future<?>[] futures = new Future<?>[3];
			for (int c = 0; c < futures.length; c++) {
				futures[c] = callers.submit(() -> {
					for (int round = 0; round < 100; round++) {
						AtomicIntegerArray runs = new AtomicIntegerArray(17);
						team.forEach(17, runs::incrementAndGet);
						for (int t = 0; t < 17; t++) {
							assertThat(runs.get(t)).isEqualTo(1);
						}
					}
					return null;
				});
			}
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void closingStopsTheWorkersAndRefusesLaterLoops() throws Exception {
		WorkerTeam team = new WorkerTeam(3, "team-close");
		team.forEach(6, (t) -> {
		});
		team.close();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("team-close-")) {
				thread.join(10_000);
				assertThat(thread.isAlive()).as(thread.getName()).isFalse();
			}
		}
		assertThatIllegalStateException().isThrownBy(() -> team.forEach(6, (t) -> {
		})).withMessageContaining("closed");
	}

	@Test
	void aTeamNeedsAThread() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkerTeam(0, "none"))
			.withMessageContaining("at least 1 thread");
		try (WorkerTeam alone = new WorkerTeam(1, "alone")) {
			AtomicIntegerArray runs = new AtomicIntegerArray(5);
			alone.forEach(5, runs::incrementAndGet);
			assertThat(alone.size()).isEqualTo(1);
			for (int t = 0; t < 5; t++) {
				assertThat(runs.get(t)).isEqualTo(1);
			}
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).as("all threads of the team took a task").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
