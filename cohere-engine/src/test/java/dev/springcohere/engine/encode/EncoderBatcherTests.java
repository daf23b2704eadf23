package dev.springcohere.engine.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.model.Fixtures;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EncoderBatcher} in front of the real tiny BERT encoder: concurrent calls share
 * passes and get exactly what they would get alone; failures and cancellations reach only
 * their own caller.
 */
class EncoderBatcherTests {

	/**
	 * A sequence's vector depends on the batch it is padded in only through float
	 * rounding (the summation order of the kernels).
	 */
	private static final Offset<Float> ROUNDING = within(1e-5f);

	@TempDir
	static Path dir;

	private static VectorKernels kernels;

	private static EmbeddingEncoder encoder;

	@BeforeAll
	static void open() {
		Fixtures.checkpointWithTokenizer("tiny-bert", dir);
		kernels = new VectorKernels(2);
		encoder = EmbeddingEncoder.open(dir, kernels);
	}

	@AfterAll
	static void close() {
		encoder.close();
		kernels.close();
	}

	/** Token id sequences of different lengths: [CLS] … [SEP] of the tiny vocabulary. */
	private static List<int[]> sequences(int call, int count) {
		List<int[]> sequences = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int length = 3 + (call * 7 + i * 3) % 11;
			int[] ids = new int[length];
			for (int t = 0; t < length; t++) {
				ids[t] = 5 + (call * 31 + i * 17 + t * 13) % 90;
			}
			sequences.add(ids);
		}
		return sequences;
	}

	/**
	 * A pass that records its sizes and, for its first call, waits until released, so
	 * that calls queue up behind it.
	 */
	private static final class GatedPass implements Function<List<int[]>, List<float[]>> {

		final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public List<float[]> apply(List<int[]> inputs) {
			this.sizes.add(inputs.size());
			this.started.countDown();
			try {
				assertThat(this.release.await(30, TimeUnit.SECONDS)).isTrue();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
			return encoder.embedTokens(inputs);
		}

	}

	@Test
	void concurrentCallsShareOnePassAndGetWhatTheyWouldGetAlone() throws Exception {
		GatedPass pass = new GatedPass();
		int calls = 8;
		try (EncoderBatcher<int[], float[]> batcher = new EncoderBatcher<>("test", 64, pass);
				ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<List<float[]>> blocker = callers.submit(() -> batcher.run(sequences(100, 1)));
			assertThat(pass.started.await(30, TimeUnit.SECONDS)).isTrue();
			List<Future<List<float[]>>> results = new ArrayList<>();
			for (int call = 0; call < calls; call++) {
				int c = call;
				results.add(callers.submit(() -> batcher.run(sequences(c, 1 + c % 3))));
			}
			awaitQueued(batcher, calls);
			pass.release.countDown();
			assertThat(blocker.get(30, TimeUnit.SECONDS)).hasSize(1);
			for (int call = 0; call < calls; call++) {
				List<float[]> expected = encoder.embedTokens(sequences(call, 1 + call % 3));
				List<float[]> actual = results.get(call).get(30, TimeUnit.SECONDS);
				assertThat(actual).hasSameSizeAs(expected);
				for (int i = 0; i < expected.size(); i++) {
					assertThat(actual.get(i)).containsExactly(expected.get(i), ROUNDING);
				}
			}
		}
		// the blocker's pass, then one pass for every call that queued behind it
		int queuedInputs = 0;
		for (int call = 0; call < calls; call++) {
			queuedInputs += 1 + call % 3;
		}
		assertThat(pass.sizes).containsExactly(1, queuedInputs);
	}

	@Test
	void aBatchIsBoundedButALargerCallStillRuns() throws Exception {
		GatedPass pass = new GatedPass();
		try (EncoderBatcher<int[], float[]> batcher = new EncoderBatcher<>("test", 4, pass);
				ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<List<float[]>> blocker = callers.submit(() -> batcher.run(sequences(100, 1)));
			assertThat(pass.started.await(30, TimeUnit.SECONDS)).isTrue();
			Future<List<float[]>> first = callers.submit(() -> batcher.run(sequences(1, 3)));
			awaitQueued(batcher, 1);
			Future<List<float[]>> second = callers.submit(() -> batcher.run(sequences(2, 3)));
			awaitQueued(batcher, 2);
			Future<List<float[]>> large = callers.submit(() -> batcher.run(sequences(3, 9)));
			awaitQueued(batcher, 3);
			pass.release.countDown();
			blocker.get(30, TimeUnit.SECONDS);
			assertThat(first.get(30, TimeUnit.SECONDS)).hasSize(3);
			assertThat(second.get(30, TimeUnit.SECONDS)).hasSize(3);
			assertThat(large.get(30, TimeUnit.SECONDS)).hasSize(9);
		}
		assertThat(pass.sizes).containsExactly(1, 3, 3, 9);
	}

	@Test
	void aFailingInputFailsOnlyItsOwnCall() throws Exception {
		GatedPass pass = new GatedPass();
		try (EncoderBatcher<int[], float[]> batcher = new EncoderBatcher<>("test", 64, pass);
				ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<List<float[]>> blocker = callers.submit(() -> batcher.run(sequences(100, 1)));
			assertThat(pass.started.await(30, TimeUnit.SECONDS)).isTrue();
			Future<List<float[]>> good = callers.submit(() -> batcher.run(sequences(1, 2)));
			awaitQueued(batcher, 1);
			// an id far outside the vocabulary
			Future<List<float[]>> bad = callers.submit(() -> batcher.run(List.of(new int[] { 101, 1_000_000, 102 })));
			awaitQueued(batcher, 2);
			Future<List<float[]>> alsoGood = callers.submit(() -> batcher.run(sequences(2, 1)));
			awaitQueued(batcher, 3);
			pass.release.countDown();
			blocker.get(30, TimeUnit.SECONDS);
			assertThat(good.get(30, TimeUnit.SECONDS).get(1))
				.containsExactly(encoder.embedTokens(sequences(1, 2)).get(1), ROUNDING);
			assertThat(alsoGood.get(30, TimeUnit.SECONDS).get(0))
				.containsExactly(encoder.embedTokens(sequences(2, 1)).get(0), ROUNDING);
			AtomicReference<Throwable> failure = new AtomicReference<>();
			try {
				bad.get(30, TimeUnit.SECONDS);
			}
			catch (java.util.concurrent.ExecutionException ex) {
				failure.set(ex.getCause());
			}
			assertThat(failure.get()).isInstanceOf(IllegalArgumentException.class);
		}
		// the joint pass failed, then each call ran alone
		assertThat(pass.sizes).containsExactly(1, 4, 2, 1, 1);
	}

	@Test
	void theCallersOwnExceptionIsThrownToIt() {
		try (EncoderBatcher<int[], float[]> batcher = new EncoderBatcher<>("test", 64, encoder::embedTokens)) {
			assertThatIllegalArgumentException().isThrownBy(() -> batcher.run(List.of(new int[0])));
			assertThat(batcher.run(sequences(1, 1)).get(0))
				.containsExactly(encoder.embedTokens(sequences(1, 1)).get(0));
			assertThat(batcher.run(List.of())).isEmpty();
		}
	}

	@Test
	void anInterruptedCallerIsCancelledAndItsInputsSkipped() throws Exception {
		GatedPass pass = new GatedPass();
		try (EncoderBatcher<int[], float[]> batcher = new EncoderBatcher<>("test", 64, pass);
				ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<List<float[]>> blocker = callers.submit(() -> batcher.run(sequences(100, 1)));
			assertThat(pass.started.await(30, TimeUnit.SECONDS)).isTrue();
			AtomicReference<Throwable> thrown = new AtomicReference<>();
			CountDownLatch done = new CountDownLatch(1);
			Thread waiter = Thread.ofVirtual().start(() -> {
				try {
					batcher.run(sequences(1, 5));
				}
				catch (RuntimeException ex) {
					thrown.set(ex);
				}
				done.countDown();
			});
			awaitQueued(batcher, 1);
			waiter.interrupt();
			assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
			assertThat(thrown.get()).isInstanceOf(CancellationException.class).hasMessageContaining("test");
			Future<List<float[]>> after = callers.submit(() -> batcher.run(sequences(2, 2)));
			awaitQueued(batcher, 2);
			pass.release.countDown();
			blocker.get(30, TimeUnit.SECONDS);
			assertThat(after.get(30, TimeUnit.SECONDS)).hasSize(2);
		}
		// the cancelled call's 5 inputs never ran
		assertThat(pass.sizes).containsExactly(1, 2);
	}

	@Test
	void closingFailsLaterCalls() {
		EncoderBatcher<int[], float[]> batcher = new EncoderBatcher<>("test", 64, encoder::embedTokens);
		batcher.close();
		batcher.close();
		assertThatIllegalStateException().isThrownBy(() -> batcher.run(sequences(1, 1)))
			.withMessage("The test encoder is closed");
		assertThatIllegalArgumentException().isThrownBy(() -> new EncoderBatcher<>("test", 0, encoder::embedTokens))
			.withMessageContaining("'maxBatch' must be at least 1");
	}

	/** Waits until the batcher's queue holds {@code count} calls. */
	private static void awaitQueued(EncoderBatcher<?, ?> batcher, int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (batcher.waiting() != count) {
			assertThat(System.nanoTime()).as("calls queued: " + batcher).isLessThan(deadline);
			Thread.sleep(1);
		}
	}

}
