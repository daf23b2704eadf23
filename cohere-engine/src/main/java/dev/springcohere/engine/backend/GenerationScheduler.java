package dev.springcohere.engine.backend;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereApiExceptions;
import dev.springcohere.api.error.CohereRateLimitException;
import dev.springcohere.engine.decode.BatchEntry;
import dev.springcohere.engine.decode.DecoderBackend;
import dev.springcohere.engine.decode.KvBlock;
import dev.springcohere.engine.decode.KvBlockPool;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Shares one loaded model between many callers by continuous batching: one loop thread
 * runs step after step, each step one {@link DecoderBackend#step forward pass} over every
 * active sequence (a chunk of a new prompt's prefill, a run of forced tokens, or the one
 * token each decoding sequence sampled last), then hands each sequence its logits so that
 * it samples with its own parameters, seed and constraint. Requests join and leave
 * between steps; every active sequence gets at least one token into every step, and the
 * rest of the step's token budget goes to prompts, oldest first.
 * <p>
 * The keys and values live in the backend's {@link KvBlockPool}: a request is admitted
 * when the pool has the blocks for its prompt (after prefix reuse) and fewer than
 * {@code maxActive} sequences run; until then it waits in a first-come-first-served queue
 * bounded in length ({@code maxQueued}) and time ({@code maxWait}), past which it fails
 * with a 429 {@link CohereRateLimitException}. When a running sequence needs a block and
 * none is left, the newest sequence is preempted: its blocks are freed and it goes back
 * to the head of the queue, to be recomputed (its full blocks usually still in the prefix
 * cache) when there is room. Memory never grows past the pool's budget.
 * <p>
 * Cancelling the returned {@link Flux} (disposing the subscription) frees the sequence
 * and its blocks at the next step, also in the middle of a long prompt's prefill; a
 * request still queued leaves the queue at once.
 * <p>
 * Its length is the stepping loop with its admission, preemption and cancellation rules,
 * which share the loop's state and must be read together; the KV pool, the decoder
 * backend and the sampling of each request live in their own classes.
 *
 * @since 0.1.0
 */
public final class GenerationScheduler implements AutoCloseable {

	/** Tokens one step computes at most, besides one per active sequence. */
	public static final int DEFAULT_STEP_TOKENS = 256;

	/** The window of {@link SchedulerStats#decodeTokensPerSecond()}. */
	private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

	/**
	 * One request as the loop drives it: a per-request state machine that gets the logits
	 * after its tokens were fed and says what to feed next.
	 *
	 * @param <T> the type of the items it emits
	 */
	public interface Sequence<T> {

		/**
		 * The prompt's token ids, at least one.
		 * @return the prompt
		 */
		int[] prompt();

		/**
		 * The most positions the sequence will ever hold (prompt and generated tokens).
		 * @return the longest length
		 */
		int maxLength();

		/**
		 * Called on the loop thread once, when the sequence is first admitted.
		 * @param sink where to emit items
		 */
		void start(FluxSink<T> sink);

		/**
		 * Called on the loop thread with the logits after the last token fed: chooses and
		 * emits what comes next.
		 * @param logits the logits of the last token fed (the sequence may change them)
		 * @param sink where to emit items
		 * @return the tokens to feed next (one sampled token, or a run of forced ones);
		 * empty when the sequence is finished (the scheduler then completes the sink,
		 * unless the sequence terminated it itself)
		 * @throws Exception if the step fails (the stream then fails with it)
		 */
		int[] next(float[] logits, FluxSink<T> sink) throws Exception;

	}

	private final DecoderBackend backend;

	private final KvBlockPool pool;

	private final int maxActive;

	private final int maxQueued;

	private final Duration maxWait;

	private final int stepTokens;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition work = this.lock.newCondition();

	private final Deque<Request<?>> queue = new ArrayDeque<>();

	/** Active sequences in admission order (the last is the newest); loop thread. */
	private final List<Request<?>> running = new ArrayList<>();

	private final Thread loop;

	private final ScheduledExecutorService timer;

	private final long[] rateTimes = new long[256];

	private final int[] rateTokens = new int[256];

	private int rateNext;

	private volatile int activeCount;

	private long preemptions;

	private volatile long steps;

	private boolean closed;

	/**
	 * Creates a scheduler and starts its loop thread.
	 * @param backend executes the steps and owns the KV block pool
	 * @param maxActive how many sequences run in one batch, at least 1
	 * @param maxQueued how many requests may wait, at least 0
	 * @param maxWait how long a request may wait before it fails (positive)
	 */
	public GenerationScheduler(DecoderBackend backend, int maxActive, int maxQueued, Duration maxWait) {
		this(backend, maxActive, maxQueued, maxWait, DEFAULT_STEP_TOKENS);
	}

	/**
	 * Creates a scheduler and starts its loop thread.
	 * @param backend executes the steps and owns the KV block pool
	 * @param maxActive how many sequences run in one batch, at least 1
	 * @param maxQueued how many requests may wait, at least 0
	 * @param maxWait how long a request may wait before it fails (positive)
	 * @param stepTokens the most prompt tokens one step feeds besides one token per
	 * active sequence, at least 1
	 */
	public GenerationScheduler(DecoderBackend backend, int maxActive, int maxQueued, Duration maxWait, int stepTokens) {
		this.backend = Objects.requireNonNull(backend, "'backend' must not be null");
		this.pool = backend.pool();
		if (maxActive < 1) {
			throw new IllegalArgumentException("The pool size must be at least 1 but was " + maxActive);
		}
		if (maxQueued < 0) {
			throw new IllegalArgumentException("The queue bound must be at least 0 but was " + maxQueued);
		}
		Objects.requireNonNull(maxWait, "'maxWait' must not be null");
		if (maxWait.isNegative() || maxWait.isZero()) {
			throw new IllegalArgumentException("The longest wait must be positive but was " + maxWait);
		}
		if (stepTokens < 1) {
			throw new IllegalArgumentException("The step token budget must be at least 1 but was " + stepTokens);
		}
		this.maxActive = maxActive;
		this.maxQueued = maxQueued;
		this.maxWait = maxWait;
		this.stepTokens = stepTokens;
		this.timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "cohere-local-queue-timer");
			thread.setDaemon(true);
			return thread;
		});
		this.loop = new Thread(this::loop, "cohere-local-scheduler");
		this.loop.setDaemon(true);
		this.loop.start();
	}

	/**
	 * Returns the most sequences one batch holds.
	 * @return the pool size
	 */
	public int poolSize() {
		return this.maxActive;
	}

	/**
	 * Returns how many more sequences could join the batch now (cancelled ones count as
	 * gone at once, though their blocks are freed at the next step).
	 * @return the free slots
	 */
	public int freeSlots() {
		this.lock.lock();
		try {
			int live = 0;
			for (Request<?> request : this.running) {
				if (!request.cancelled.get()) {
					live++;
				}
			}
			return this.maxActive - live;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Returns how many requests wait now.
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
	 * A snapshot of the queue, the batch, the decode rate and the KV pool.
	 * @return the statistics
	 */
	public SchedulerStats stats() {
		int queued;
		double rate;
		long preempted;
		this.lock.lock();
		try {
			queued = this.queue.size();
			rate = decodeRate(System.nanoTime());
			preempted = this.preemptions;
		}
		finally {
			this.lock.unlock();
		}
		return new SchedulerStats(queued, this.activeCount, this.maxActive, rate, this.pool.blocksInUse(),
				this.pool.totalBlocks(), this.pool.bytesAllocated(), this.pool.prefixHitRate(), preempted, this.steps);
	}

	/**
	 * Schedules a sequence. Nothing happens before subscription; each subscription makes
	 * a fresh sequence and runs it once.
	 * @param <T> the type of the items
	 * @param sequences makes the sequence of a subscription
	 * @return a cold {@code Flux} of what the sequence emits
	 */
	public <T> Flux<T> submit(Supplier<? extends Sequence<T>> sequences) {
		Objects.requireNonNull(sequences, "'sequences' must not be null");
		return Flux.create((sink) -> {
			Sequence<T> sequence = sequences.get();
			Request<T> request = new Request<>(sequence, sink);
			sink.onDispose(request::cancel);
			enqueue(request);
		});
	}

	private void enqueue(Request<?> request) {
		int blocks = this.pool.blocksFor(request.sequence.maxLength());
		if (blocks > this.pool.totalBlocks()) {
			request.sink.error(new LocalBackendException("The request needs up to " + request.sequence.maxLength()
					+ " tokens of KV cache (" + blocks + " blocks of " + this.pool.blockTokens()
					+ ") but the KV cache memory budget of " + this.pool.budgetBytes() + " bytes holds only "
					+ this.pool.totalBlocks() + " blocks (" + (long) this.pool.totalBlocks() * this.pool.blockTokens()
					+ " tokens); raise cohere.local.kv-cache-memory (--kv-cache-memory), or ask for fewer tokens"));
			return;
		}
		this.lock.lock();
		try {
			if (this.closed) {
				request.sink
					.error(new LocalBackendException("The local backend is closed; it accepts no more requests"));
				return;
			}
			if (request.cancelled.get()) {
				return;
			}
			int live = 0;
			for (Request<?> other : this.running) {
				if (!other.cancelled.get()) {
					live++;
				}
			}
			if (live + this.queue.size() >= this.maxActive + this.maxQueued) {
				request.sink.error(busy("The local model is busy: all " + this.maxActive
						+ " generation slot(s) are in use and " + this.queue.size()
						+ " request(s) already wait (the limit, cohere.local.max-queued); retry later, or raise "
						+ "cohere.local.pool-size or cohere.local.max-queued"));
				return;
			}
			this.queue.addLast(request);
			request.timeout = this.timer.schedule(() -> expire(request), this.maxWait.toMillis(),
					TimeUnit.MILLISECONDS);
			this.work.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void awaitQuietly(long millis) {
		try {
			this.work.await(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.closed = true;
		}
	}

	private void expire(Request<?> request) {
		this.lock.lock();
		try {
			if (request.admitted || !this.queue.remove(request)) {
				return;
			}
		}
		finally {
			this.lock.unlock();
		}
		request.sink.error(busy("The request waited longer than " + this.maxWait.toMillis()
				+ " ms to start on the local model (cohere.local.max-wait): all generation slots or all KV cache "
				+ "blocks were in use; retry later, or raise cohere.local.pool-size or cohere.local.kv-cache-memory"));
	}

	private void loop() {
		while (true) {
			List<Request<?>> admitted;
			this.lock.lock();
			try {
				while (!this.closed && this.running.isEmpty() && this.queue.isEmpty()) {
					this.work.awaitUninterruptibly();
				}
				if (this.closed) {
					return;
				}
				dropCancelled();
				admitted = admit();
				this.activeCount = this.running.size();
				if (this.running.isEmpty() && !this.queue.isEmpty()) {
					// the head waits for blocks that a stats reader or a late release
					// holds: look again shortly instead of spinning
					awaitQuietly(10);
					continue;
				}
			}
			finally {
				this.lock.unlock();
			}
			for (Request<?> request : admitted) {
				if (!request.started) {
					request.started = true;
					try {
						request.start();
					}
					catch (RuntimeException ex) {
						finish(request, ex);
					}
				}
			}
			if (!this.running.isEmpty()) {
				try {
					step();
				}
				catch (RuntimeException | Error ex) {
					// a fault of the loop itself: fail the batch rather than stop serving
					for (Request<?> request : List.copyOf(this.running)) {
						finish(request, ex);
					}
				}
			}
		}
	}

	/** Frees the cancelled sequences; lock held. */
	private void dropCancelled() {
		for (int i = this.running.size() - 1; i >= 0; i--) {
			Request<?> request = this.running.get(i);
			if (request.cancelled.get()) {
				this.running.remove(i);
				request.releaseBlocks();
			}
		}
		this.queue.removeIf((request) -> {
			if (request.cancelled.get()) {
				request.releaseBlocks();
				return true;
			}
			return false;
		});
	}

	/** Moves queued requests into the batch while there is room; lock held. */
	private List<Request<?>> admit() {
		List<Request<?>> admitted = new ArrayList<>();
		while (this.running.size() < this.maxActive && !this.queue.isEmpty()) {
			Request<?> head = this.queue.peekFirst();
			int length = head.length;
			// reuse whole blocks of a cached prefix, leaving at least one token to feed
			List<KvBlock> hits = this.pool.lookup(head.tokens, length, (length - 1) / this.pool.blockTokens());
			int needed = this.pool.blocksFor(length) - hits.size();
			if (needed > this.pool.available()) {
				hits.forEach(this.pool::release);
				break;
			}
			this.pool.recordLookup(length, hits.size());
			this.queue.pollFirst();
			head.admitted = true;
			if (head.timeout != null) {
				head.timeout.cancel(false);
			}
			head.blocks.addAll(hits);
			head.fed = hits.size() * this.pool.blockTokens();
			head.registered = hits.size();
			this.running.add(head);
			admitted.add(head);
		}
		return admitted;
	}

	private void step() {
		int[] counts = plan();
		List<BatchEntry> entries = new ArrayList<>(this.running.size());
		List<Request<?>> members = new ArrayList<>(this.running.size());
		for (int i = 0; i < this.running.size(); i++) {
			if (counts[i] == 0) {
				continue;
			}
			Request<?> request = this.running.get(i);
			int n = counts[i];
			boolean last = request.fed + n == request.length;
			entries.add(new BatchEntry(Arrays.copyOfRange(request.tokens, request.fed, request.fed + n), request.fed,
					List.copyOf(request.blocks), last ? BatchEntry.Logits.LAST : BatchEntry.Logits.NONE));
			members.add(request);
		}
		if (entries.isEmpty()) {
			return;
		}
		List<float @Nullable []> logits;
		try {
			logits = this.backend.step(entries);
			this.steps++;
		}
		catch (RuntimeException | Error ex) {
			for (Request<?> request : members) {
				finish(request, ex);
			}
			return;
		}
		int generated = 0;
		for (int e = 0; e < members.size(); e++) {
			Request<?> request = members.get(e);
			request.fed += entries.get(e).tokens().length;
			registerFullBlocks(request);
			float[] out = logits.get(e);
			if (out == null || request.cancelled.get()) {
				continue;
			}
			int[] next;
			try {
				next = request.next(out);
			}
			catch (Exception ex) {
				finish(request, ex);
				continue;
			}
			if (next.length == 0) {
				finish(request, null);
				continue;
			}
			generated += next.length;
			if ((long) request.length + next.length > request.sequence.maxLength()) {
				finish(request,
						new LocalBackendException("The sequence asked to feed " + next.length
								+ " more token(s) at length " + request.length + ", past its longest length of "
								+ request.sequence.maxLength()));
				continue;
			}
			request.append(next);
		}
		recordRate(generated);
	}

	/**
	 * Tokens per active sequence for the next step: one each, then the budget to the
	 * oldest sequences with more pending; allocates their blocks, preempting the newest
	 * sequence when the pool is out of blocks.
	 */
	private int[] plan() {
		while (true) {
			int n = this.running.size();
			int[] counts = new int[n];
			int budget = this.stepTokens;
			for (int i = 0; i < n; i++) {
				counts[i] = Math.min(1, this.running.get(i).pending());
			}
			for (int i = 0; i < n && budget > 0; i++) {
				int extra = Math.min(this.running.get(i).pending() - counts[i], budget);
				counts[i] += extra;
				budget -= extra;
			}
			Request<?> victim = null;
			for (int i = 0; i < n && victim == null; i++) {
				Request<?> request = this.running.get(i);
				int end = request.fed + counts[i];
				while (request.blocks.size() * this.pool.blockTokens() < end) {
					KvBlock block = this.pool.allocate();
					if (block == null) {
						int covered = request.blocks.size() * this.pool.blockTokens() - request.fed;
						if (covered > 0) {
							// a prompt chunk shrinks to the blocks it has
							counts[i] = covered;
						}
						else if (i == n - 1 || n == 1) {
							counts[i] = 0;
							victim = (n > 1) ? request : null;
						}
						else {
							victim = this.running.get(n - 1);
						}
						break;
					}
					request.blocks.add(block);
				}
			}
			if (victim == null) {
				return counts;
			}
			preempt(victim);
		}
	}

	private void preempt(Request<?> victim) {
		victim.releaseBlocks();
		this.lock.lock();
		try {
			this.running.remove(victim);
			this.preemptions++;
			victim.admitted = false;
			this.queue.addFirst(victim);
			this.activeCount = this.running.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void registerFullBlocks(Request<?> request) {
		int full = request.fed / this.pool.blockTokens();
		for (int b = request.registered; b < full; b++) {
			this.pool.register(request.blocks.get(b), (b > 0) ? request.blocks.get(b - 1) : null, request.tokens,
					b * this.pool.blockTokens());
		}
		request.registered = Math.max(request.registered, full);
	}

	/** Ends a sequence: frees its blocks, then completes or fails its stream. */
	private void finish(Request<?> request, @Nullable Throwable failure) {
		this.lock.lock();
		try {
			this.running.remove(request);
			this.activeCount = this.running.size();
		}
		finally {
			this.lock.unlock();
		}
		request.releaseBlocks();
		if (request.cancelled.get()) {
			return;
		}
		if (failure != null) {
			request.sink.error(failure);
		}
		else {
			request.sink.complete();
		}
	}

	private void recordRate(int tokens) {
		if (tokens == 0) {
			return;
		}
		this.lock.lock();
		try {
			this.rateTimes[this.rateNext] = System.nanoTime();
			this.rateTokens[this.rateNext] = tokens;
			this.rateNext = (this.rateNext + 1) % this.rateTimes.length;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Tokens per second over the recent window; lock held. */
	private double decodeRate(long now) {
		long total = 0;
		long oldest = now;
		for (int i = 0; i < this.rateTimes.length; i++) {
			long at = this.rateTimes[i];
			if (this.rateTokens[i] > 0 && now - at <= RATE_WINDOW_NANOS) {
				total += this.rateTokens[i];
				oldest = Math.min(oldest, at);
			}
		}
		if (total == 0) {
			return 0;
		}
		double seconds = Math.max((now - oldest) / 1e9, 1e-3);
		return total / Math.max(seconds, 1.0);
	}

	/**
	 * Fails the queued and running requests, stops the loop after its current step (up to
	 * 30 seconds) and frees every block.
	 */
	@Override
	public void close() {
		List<Request<?>> pending;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			pending = new ArrayList<>(this.queue);
			this.queue.clear();
			this.work.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		for (Request<?> request : pending) {
			if (request.cancelled.compareAndSet(false, true)) {
				request.sink.error(new LocalBackendException("The local backend was closed while the request waited"));
			}
		}
		try {
			this.loop.join(TimeUnit.SECONDS.toMillis(30));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (Request<?> request : List.copyOf(this.running)) {
			this.running.remove(request);
			request.releaseBlocks();
			if (request.cancelled.compareAndSet(false, true)) {
				request.sink.error(new LocalBackendException("The local backend was closed during the generation"));
			}
		}
		this.timer.shutdownNow();
	}

	/**
	 * A request turned away for capacity: a 429 ({@link CohereRateLimitException}), which
	 * {@code serve} answers with {@code Retry-After} and clients retry after a pause.
	 */
	private static CohereRateLimitException busy(String message) {
		return (CohereRateLimitException) CohereApiExceptions.forStatus(429, message,
				new CohereApiException.Details(429, message, "", null, null));
	}

	/** One request, from queuing until it ends; the token state belongs to the loop. */
	private final class Request<T> {

		final Sequence<T> sequence;

		final FluxSink<T> sink;

		final AtomicBoolean cancelled = new AtomicBoolean();

		final List<KvBlock> blocks = new ArrayList<>();

		/** Every token of the sequence so far: prompt, then the ones chosen to feed. */
		int[] tokens;

		int length;

		/** Tokens whose keys and values are in the blocks. */
		int fed;

		/** Leading blocks already offered to the prefix cache. */
		int registered;

		boolean admitted;

		boolean started;

		@Nullable ScheduledFuture<?> timeout;

		Request(Sequence<T> sequence, FluxSink<T> sink) {
			this.sequence = sequence;
			this.sink = sink;
			int[] prompt = sequence.prompt();
			if (prompt.length == 0) {
				throw new IllegalArgumentException("The prompt must hold at least one token");
			}
			this.tokens = Arrays.copyOf(prompt, Math.max(prompt.length + 16, prompt.length * 5 / 4));
			this.length = prompt.length;
		}

		int pending() {
			return this.length - this.fed;
		}

		void start() {
			this.sequence.start(this.sink);
		}

		int[] next(float[] logits) throws Exception {
			return this.sequence.next(logits, this.sink);
		}

		void append(int[] next) {
			if (this.length + next.length > this.tokens.length) {
				this.tokens = Arrays.copyOf(this.tokens, Math.max(this.length + next.length, this.tokens.length * 2));
			}
			System.arraycopy(next, 0, this.tokens, this.length, next.length);
			this.length += next.length;
		}

		void releaseBlocks() {
			for (KvBlock block : this.blocks) {
				GenerationScheduler.this.pool.release(block);
			}
			this.blocks.clear();
			this.fed = 0;
			this.registered = 0;
		}

		void cancel() {
			if (this.cancelled.compareAndSet(false, true)) {
				GenerationScheduler.this.lock.lock();
				try {
					if (!this.admitted && GenerationScheduler.this.queue.remove(this) && this.timeout != null) {
						this.timeout.cancel(false);
					}
					GenerationScheduler.this.work.signalAll();
				}
				finally {
					GenerationScheduler.this.lock.unlock();
				}
			}
		}

	}

}
