package dev.springcohere.engine.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;

/**
 * A fixed team of threads that runs the tasks of one parallel loop at a time: the calling
 * thread and {@code size - 1} workers, and the call returns when every task has run.
 * <p>
 * The tasks are cut into one contiguous run per thread. Each thread takes the tasks of
 * its own run in order from the front, then helps with the others' runs from their backs;
 * so that, in the usual case, each thread streams through one contiguous part of a
 * weight. (Tasks handed out one at a time from a shared counter made the two threads of
 * the benchmark machine read neighbouring 36 KB groups in turn, and a Q4_0 GEMV then read
 * memory at about half the rate of contiguous halves: 18 against 37 GB/s.)
 * <p>
 * A decode step is a chain of short loops (about 64 matmuls of a few hundred microseconds
 * each on a 1B-class model, with attention between them), so what a loop costs to start
 * and to finish matters: a fork/join submit per loop woke a parked thread each time and
 * cost about 80-100 µs. Here the workers spin for {@value #SPIN_NANOS} ns after a loop
 * before they park, so the next loop of the same step finds them awake, and the caller
 * spins the same while it waits for the last tasks. Threads that had nothing to do for
 * that long park and are woken by the next loop.
 * <p>
 * Loops of several callers run one after the other (the team is theirs in turn); a loop
 * started from inside a task of this team runs on the thread that starts it.
 */
final class WorkerTeam implements AutoCloseable {

	/** How long an idle worker, or a waiting caller, spins before it parks. */
	static final long SPIN_NANOS = 1_000_000;

	/** How long of {@link #SPIN_NANOS} is spent in a busy spin rather than yielding. */
	static final long BUSY_NANOS = 50_000;

	private final Worker[] workers;

	private final ReentrantLock turn = new ReentrantLock();

	private volatile @Nullable Job job;

	private volatile boolean closed;

	private long loops;

	/**
	 * Starts a team.
	 * @param size the threads that run a loop, the caller included, at least 1
	 * @param name the prefix of the workers' thread names
	 */
	WorkerTeam(int size, String name) {
		if (size < 1) {
			throw new IllegalArgumentException("A worker team needs at least 1 thread but was given " + size);
		}
		this.workers = new Worker[size - 1];
		for (int i = 0; i < this.workers.length; i++) {
			this.workers[i] = new Worker(name + "-" + (i + 1), i + 1);
			this.workers[i].start();
		}
	}

	/**
	 * The threads that run a loop, the caller included.
	 * @return the team's size
	 */
	int size() {
		return this.workers.length + 1;
	}

	/**
	 * Runs {@code body} for every task in {@code [0, tasks)}, in parallel on the team,
	 * and returns when all have run. The first exception a task throws is rethrown
	 * (others are added to it as suppressed) after every task has run.
	 * @param tasks the number of tasks
	 * @param body the task
	 * @throws IllegalStateException if the team is closed
	 */
	void forEach(int tasks, IntConsumer body) {
		if (tasks <= 0) {
			return;
		}
		if (tasks == 1 || this.workers.length == 0 || this.turn.isHeldByCurrentThread()
				|| Thread.currentThread() instanceof Worker worker && worker.team() == this) {
			for (int t = 0; t < tasks; t++) {
				body.accept(t);
			}
			return;
		}
		this.turn.lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("The worker team is closed");
			}
			Job current = new Job(++this.loops, body, tasks, size(), Thread.currentThread());
			this.job = current;
			for (Worker worker : this.workers) {
				if (worker.parked) {
					LockSupport.unpark(worker);
				}
			}
			current.work(0);
			current.awaitDone();
			this.job = null;
			current.rethrow();
		}
		finally {
			this.turn.unlock();
		}
	}

	/**
	 * Stops the workers once the running loop, if any, has finished.
	 */
	@Override
	public void close() {
		this.closed = true;
		for (Worker worker : this.workers) {
			LockSupport.unpark(worker);
		}
	}

	/**
	 * One pause of a thread that waits for a loop, or for the end of one, since
	 * {@code start}: a spin-wait hint for the first {@value #BUSY_NANOS} ns, then a yield
	 * (when other threads wait for the cores, the one this thread waits for may be among
	 * them), until {@value #SPIN_NANOS} ns have passed.
	 * @param start when the wait began, from {@link System#nanoTime()}
	 * @return false when the thread should park instead
	 */
	private static boolean pause(long start) {
		long waited = System.nanoTime() - start;
		if (waited < BUSY_NANOS) {
			Thread.onSpinWait();
			return true;
		}
		if (waited < SPIN_NANOS) {
			Thread.yield();
			return true;
		}
		return false;
	}

	/**
	 * One loop: its tasks, cut into one run per thread, and who waits for it. A run's
	 * bounds share one long ({@code back << 32 | front}), so that its owner taking from
	 * the front and a helper taking from the back never take the same task.
	 */
	private static final class Job {

		/** Longs between two runs' bounds: one run per 128 bytes, no false sharing. */
		private static final int STRIDE = 16;

		private final long number;

		private final IntConsumer body;

		private final int tasks;

		private final int runs;

		private final AtomicLongArray bounds;

		private final Thread caller;

		private final AtomicInteger done = new AtomicInteger();

		private volatile boolean callerParked;

		private @Nullable Throwable failure;

		Job(long number, IntConsumer body, int tasks, int threads, Thread caller) {
			this.number = number;
			this.body = body;
			this.tasks = tasks;
			this.runs = Math.min(threads, tasks);
			this.bounds = new AtomicLongArray(this.runs * STRIDE);
			for (int r = 0; r < this.runs; r++) {
				long front = (long) tasks * r / this.runs;
				long back = (long) tasks * (r + 1) / this.runs;
				this.bounds.set(r * STRIDE, (back << 32) | front);
			}
			this.caller = caller;
		}

		/**
		 * Runs tasks until none is left: those of run {@code thread} from its front, then
		 * those of the other runs from their backs.
		 * @param thread the thread's number in the team, 0 for the caller
		 */
		void work(int thread) {
			int ran = 0;
			for (int i = 0; i < this.runs; i++) {
				int run = (thread + i) % this.runs;
				int t;
				while ((t = take(run, i == 0)) >= 0) {
					try {
						this.body.accept(t);
					}
					catch (Throwable ex) {
						fail(ex);
					}
					ran++;
				}
			}
			if (ran > 0 && this.done.addAndGet(ran) == this.tasks && this.callerParked) {
				LockSupport.unpark(this.caller);
			}
		}

		/** The next task of run {@code run}, from its front or its back, or -1. */
		private int take(int run, boolean front) {
			int index = run * STRIDE;
			while (true) {
				long bounds = this.bounds.get(index);
				int first = (int) bounds;
				int end = (int) (bounds >>> 32);
				if (first >= end) {
					return -1;
				}
				long taken = front ? bounds + 1 : ((long) (end - 1) << 32) | first;
				if (this.bounds.compareAndSet(index, bounds, taken)) {
					return front ? first : end - 1;
				}
			}
		}

		private synchronized void fail(Throwable ex) {
			if (this.failure == null) {
				this.failure = ex;
			}
			else {
				this.failure.addSuppressed(ex);
			}
		}

		void awaitDone() {
			long start = System.nanoTime();
			while (this.done.get() < this.tasks) {
				if (pause(start)) {
					continue;
				}
				this.callerParked = true;
				if (this.done.get() < this.tasks) {
					LockSupport.park(this);
				}
				this.callerParked = false;
			}
		}

		synchronized void rethrow() {
			Throwable ex = this.failure;
			if (ex instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex instanceof Error error) {
				throw error;
			}
			if (ex != null) {
				throw new IllegalStateException("A task of a parallel loop failed", ex);
			}
		}

	}

	private final class Worker extends Thread {

		private final int number;

		private volatile boolean parked;

		Worker(String name, int number) {
			super(name);
			this.number = number;
			setDaemon(true);
		}

		WorkerTeam team() {
			return WorkerTeam.this;
		}

		@Override
		public void run() {
			// the number of the last loop, not the loop itself, so that a finished loop's
			// body (and the arrays and weights it holds) is not kept reachable
			long last = 0;
			while (true) {
				Job next = awaitJob(last);
				if (next == null) {
					return;
				}
				last = next.number;
				next.work(this.number);
			}
		}

		/** The next loop after number {@code last}, or null once the team is closed. */
		private @Nullable Job awaitJob(long last) {
			long start = System.nanoTime();
			while (true) {
				Job current = WorkerTeam.this.job;
				if (current != null && current.number != last) {
					return current;
				}
				if (WorkerTeam.this.closed) {
					return null;
				}
				if (pause(start)) {
					continue;
				}
				this.parked = true;
				current = WorkerTeam.this.job;
				if ((current == null || current.number == last) && !WorkerTeam.this.closed) {
					LockSupport.park(WorkerTeam.this);
				}
				this.parked = false;
				start = System.nanoTime();
			}
		}

	}

}
