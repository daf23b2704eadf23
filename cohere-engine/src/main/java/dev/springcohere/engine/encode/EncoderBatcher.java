package dev.springcohere.engine.encode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs the inputs of concurrent callers through one encoder pass: each call's inputs wait
 * in a queue, and a worker thread takes every waiting call (up to {@code maxBatch} inputs
 * in all, and always at least one call whatever its size), runs the pass over all their
 * inputs at once and hands each caller its own outputs.
 * <p>
 * A lone call starts at once (the worker waits for nothing), so it only ever waits for a
 * pass already running. When a joint pass fails, each of its calls is run again alone, so
 * that one caller's bad input fails that caller only, with its own exception. A caller
 * interrupted while waiting gets a {@link CancellationException}, and its inputs are
 * skipped if their pass has not started.
 * <p>
 * The pass must be a pure function of its inputs, returning one output per input in order
 * (as {@link EmbeddingEncoder#embedTokens} and {@link CrossEncoderReranker#scoreTokens}
 * do). Thread-safe.
 *
 * @param <I> an input, such as the token ids of one text
 * @param <O> its output, such as its embedding
 * @since 0.1.0
 */
public final class EncoderBatcher<I, O> implements AutoCloseable {

	private final String name;

	private final int maxBatch;

	private final Function<List<I>, List<O>> pass;

	private final BlockingQueue<Call<I, O>> queue = new LinkedBlockingQueue<>();

	private final Thread worker;

	private volatile boolean closed;

	/**
	 * Starts a batcher and its worker thread.
	 * @param name the encoder's name, for the thread and messages
	 * @param maxBatch the most inputs joined into one pass (a larger call runs alone)
	 * @param pass the encoder pass
	 * @throws IllegalArgumentException if {@code maxBatch} is below 1
	 */
	public EncoderBatcher(String name, int maxBatch, Function<List<I>, List<O>> pass) {
		this.name = Objects.requireNonNull(name, "'name' must not be null");
		this.pass = Objects.requireNonNull(pass, "'pass' must not be null");
		if (maxBatch < 1) {
			throw new IllegalArgumentException("'maxBatch' must be at least 1 but was " + maxBatch);
		}
		this.maxBatch = maxBatch;
		this.worker = Thread.ofPlatform().daemon().name(name + "-batcher").start(this::work);
	}

	/**
	 * Runs inputs through the encoder, together with other callers' inputs.
	 * @param inputs the inputs
	 * @return one output per input, in order
	 * @throws CancellationException if the calling thread is interrupted while waiting
	 * (its interrupt status is kept)
	 * @throws IllegalStateException if the batcher is closed
	 * @throws RuntimeException the pass's own exception for these inputs
	 */
	public List<O> run(List<I> inputs) {
		Objects.requireNonNull(inputs, "'inputs' must not be null");
		if (inputs.isEmpty()) {
			return List.of();
		}
		Call<I, O> call = new Call<>(List.copyOf(inputs), new CompletableFuture<>());
		if (this.closed) {
			throw closedException();
		}
		this.queue.add(call);
		if (this.closed) {
			// close() may have drained the queue before this call was added
			call.result().completeExceptionally(closedException());
		}
		try {
			return call.result().get();
		}
		catch (InterruptedException ex) {
			call.result().cancel(false);
			Thread.currentThread().interrupt();
			CancellationException cancelled = new CancellationException(
					"Interrupted while waiting for the " + this.name + " encoder");
			cancelled.initCause(ex);
			throw cancelled;
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("The " + this.name + " encoder failed: " + cause, cause);
		}
	}

	private void work() {
		while (true) {
			Call<I, O> first;
			try {
				first = this.queue.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			if (first.isStop()) {
				return;
			}
			List<Call<I, O>> batch = new ArrayList<>();
			batch.add(first);
			int size = first.inputs().size();
			Call<I, O> next;
			while ((next = this.queue.peek()) != null && !next.isStop()
					&& size + next.inputs().size() <= this.maxBatch) {
				this.queue.poll();
				batch.add(next);
				size += next.inputs().size();
			}
			// calls whose callers gave up are skipped
			batch.removeIf((call) -> call.result().isDone());
			if (!batch.isEmpty()) {
				runBatch(batch, size);
			}
		}
	}

	private void runBatch(List<Call<I, O>> batch, int size) {
		if (batch.size() == 1) {
			runAlone(batch.getFirst());
			return;
		}
		List<I> inputs = new ArrayList<>(size);
		for (Call<I, O> call : batch) {
			inputs.addAll(call.inputs());
		}
		List<O> outputs;
		try {
			outputs = checked(this.pass.apply(inputs), inputs.size());
		}
		catch (RuntimeException | Error ex) {
			// one call's input may be at fault: each call runs alone, getting its own
			// answer or exception
			for (Call<I, O> call : batch) {
				runAlone(call);
			}
			return;
		}
		int from = 0;
		for (Call<I, O> call : batch) {
			int to = from + call.inputs().size();
			call.result().complete(List.copyOf(outputs.subList(from, to)));
			from = to;
		}
	}

	private void runAlone(Call<I, O> call) {
		if (call.result().isDone()) {
			return;
		}
		try {
			call.result().complete(checked(this.pass.apply(call.inputs()), call.inputs().size()));
		}
		catch (RuntimeException | Error ex) {
			call.result().completeExceptionally(ex);
		}
	}

	private List<O> checked(List<O> outputs, int expected) {
		if (outputs.size() != expected) {
			throw new IllegalStateException("The " + this.name + " encoder returned " + outputs.size() + " outputs for "
					+ expected + " inputs");
		}
		return outputs;
	}

	private IllegalStateException closedException() {
		return new IllegalStateException("The " + this.name + " encoder is closed");
	}

	/**
	 * Stops the worker after the pass it is running, failing the calls still waiting with
	 * an {@link IllegalStateException}. Closing again does nothing.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.queue.add(Call.stop());
		try {
			this.worker.join(TimeUnit.MINUTES.toMillis(1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Call<I, O> left;
		while ((left = this.queue.poll()) != null) {
			left.result().completeExceptionally(closedException());
		}
	}

	/**
	 * The calls waiting for a pass (tests).
	 * @return the number of calls in the queue
	 */
	int waiting() {
		return this.queue.size();
	}

	@Override
	public String toString() {
		return "EncoderBatcher[" + this.name + ", maxBatch=" + this.maxBatch + ", waiting=" + this.queue.size() + "]";
	}

	/**
	 * One caller's inputs and the answer it waits for.
	 */
	private record Call<I, O>(List<I> inputs, CompletableFuture<List<O>> result) {

		private static final Call<?, ?> STOP = new Call<>(List.of(), new CompletableFuture<>());

		@SuppressWarnings("unchecked")
		static <I, O> Call<I, O> stop() {
			return (Call<I, O>) STOP;
		}

		boolean isStop() {
			return this == STOP;
		}

	}

}
