package dev.springcohere.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.springcohere.api.error.CohereRateLimitException;
import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.decode.BatchEntry;
import dev.springcohere.engine.decode.CohereModel;
import dev.springcohere.engine.decode.CpuDecoderBackend;
import dev.springcohere.engine.decode.DecoderBackend;
import dev.springcohere.engine.decode.Generator;
import dev.springcohere.engine.decode.KvBlockPool;
import dev.springcohere.engine.decode.KvCacheType;
import dev.springcohere.engine.decode.Sampler;
import dev.springcohere.engine.decode.SamplingParams;
import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.model.ModelWeights;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.FluxSink;

/**
 * Continuous batching on the tiny Cohere fixture: requests joining and leaving the batch,
 * cancellation in the middle of a prefill, waiting for KV blocks, preemption and prefix
 * reuse, each checked against unbatched greedy generation.
 */
class GenerationSchedulerTests {

	private VectorKernels kernels;

	private ModelWeights weights;

	private CohereModel model;

	private @Nullable GenerationScheduler scheduler;

	@BeforeEach
	void load() {
		this.kernels = new VectorKernels(2);
		this.weights = ModelWeights.open(Fixtures.engine("tiny-cohere"));
		this.model = new CohereModel(this.weights, this.kernels, KvCacheType.F32);
	}

	@AfterEach
	void close() {
		if (this.scheduler != null) {
			this.scheduler.close();
		}
		this.weights.close();
		this.kernels.close();
	}

	/** Greedy decoding that emits each token id; hooks let a test hold or watch it. */
	private static final class Greedy implements GenerationScheduler.Sequence<Integer> {

		final int[] prompt;

		final int maxNew;

		int generated;

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch firstToken = new CountDownLatch(1);

		@Nullable CountDownLatch holdAtFirstToken;

		Runnable onToken = () -> {
		};

		Greedy(int[] prompt, int maxNew) {
			this.prompt = prompt;
			this.maxNew = maxNew;
		}

		@Override
		public int[] prompt() {
			return this.prompt;
		}

		@Override
		public int maxLength() {
			return this.prompt.length + this.maxNew - 1;
		}

		@Override
		public void start(FluxSink<Integer> sink) {
			this.started.countDown();
		}

		@Override
		public int[] next(float[] logits, FluxSink<Integer> sink) throws InterruptedException {
			int id = Sampler.argmax(logits);
			sink.next(id);
			this.generated++;
			this.onToken.run();
			this.firstToken.countDown();
			if (this.holdAtFirstToken != null) {
				this.holdAtFirstToken.await(30, TimeUnit.SECONDS);
			}
			return (this.generated >= this.maxNew) ? new int[0] : new int[] { id };
		}

	}

	/** The real CPU backend, counting the tokens it is fed. */
	private static final class Counting implements DecoderBackend {

		final DecoderBackend delegate;

		final AtomicLong fed = new AtomicLong();

		Counting(DecoderBackend delegate) {
			this.delegate = delegate;
		}

		@Override
		public KvBlockPool pool() {
			return this.delegate.pool();
		}

		@Override
		public int vocabSize() {
			return this.delegate.vocabSize();
		}

		@Override
		public List<float @Nullable []> step(List<BatchEntry> entries) {
			entries.forEach((entry) -> this.fed.addAndGet(entry.tokens().length));
			List<float @Nullable []> out = this.delegate.step(entries);
			assertThat(pool().bytesAllocated()).isLessThanOrEqualTo(pool().budgetBytes());
			return out;
		}

	}

	private Counting backend(int blockTokens, int blocks) {
		KvBlockPool pool = new KvBlockPool(this.weights.config(), KvCacheType.F32, blockTokens,
				blocks * KvBlockPool.bytesPerToken(this.weights.config(), KvCacheType.F32) * blockTokens);
		assertThat(pool.totalBlocks()).isEqualTo(blocks);
		return new Counting(new CpuDecoderBackend(this.model, pool));
	}

	private List<Integer> unbatched(int[] prompt, int maxNew) {
		return new Generator(this.model).generate(prompt, maxNew, SamplingParams.greedy(), Set.of());
	}

	private static int[] prompt(int length, int seed) {
		int[] ids = new int[length];
		for (int i = 0; i < length; i++) {
			ids[i] = 5 + (i * 31 + seed * 17) % 400;
		}
		return ids;
	}

	@Test
	void requestsJoinAndLeaveTheBatchBetweenStepsWithTheirUnbatchedAnswers() throws Exception {
		Counting backend = backend(4, 64);
		this.scheduler = new GenerationScheduler(backend, 4, 8, Duration.ofSeconds(30), 8);
		Greedy longer = new Greedy(prompt(30, 1), 24);
		Greedy shorter = new Greedy(prompt(9, 2), 4);
		AtomicInteger mostActive = new AtomicInteger();
		GenerationScheduler running = this.scheduler;
		longer.onToken = () -> mostActive.accumulateAndGet(running.stats().active(), Math::max);
		List<Integer> longOut = new CopyOnWriteArrayList<>();
		List<Integer> shortOut = new CopyOnWriteArrayList<>();
		CountDownLatch joined = new CountDownLatch(1);
		longer.onToken = () -> {
			mostActive.accumulateAndGet(running.stats().active(), Math::max);
			if (longer.generated == 3) {
				running.submit(() -> shorter).doOnNext(shortOut::add).doOnComplete(joined::countDown).subscribe();
			}
		};
		List<Integer> first = this.scheduler.submit(() -> longer).doOnNext(longOut::add).collectList().block();
		assertThat(joined.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(first).isEqualTo(unbatched(longer.prompt, 24));
		assertThat(shortOut).isEqualTo(unbatched(shorter.prompt, 4));
		assertThat(mostActive.get()).as("both sequences in one batch at some step").isEqualTo(2);
		assertThat(backend.pool().blocksInUse()).isZero();
		assertThat(this.scheduler.stats().active()).isZero();
	}

	@Test
	void cancellingInTheMiddleOfAPrefillFreesTheSequenceAndItsBlocksAtTheNextStep() throws Exception {
		Counting backend = backend(4, 64);
		// 4 prompt tokens a step: a 200-token prompt takes 50 steps to prefill
		this.scheduler = new GenerationScheduler(backend, 2, 8, Duration.ofSeconds(30), 4);
		Greedy slow = new Greedy(prompt(200, 3), 8);
		List<Integer> tokens = new CopyOnWriteArrayList<>();
		Disposable stream = this.scheduler.submit(() -> slow).subscribe(tokens::add);
		assertThat(slow.started.await(30, TimeUnit.SECONDS)).isTrue();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (backend.fed.get() < 12 && System.nanoTime() < deadline) {
			Thread.sleep(1);
		}
		stream.dispose();
		long fedAtCancel = backend.fed.get();
		assertThat(fedAtCancel).as("cancelled during the prefill").isLessThan(200);
		List<Integer> after = this.scheduler.submit(() -> new Greedy(prompt(6, 4), 3)).collectList().block();
		assertThat(after).isEqualTo(unbatched(prompt(6, 4), 3));
		assertThat(tokens).isEmpty();
		// at most the one step of 4 tokens that was planned before the cancel was seen,
		// then the next request's 6 prompt tokens and its generated ones
		assertThat(backend.fed.get()).as("the cancelled prompt was not fed to the end")
			.isLessThanOrEqualTo(fedAtCancel + 4 + 6 + 3);
		assertThat(backend.pool().blocksInUse()).isZero();
	}

	@Test
	void aRequestWhosePromptDoesNotFitWaitsForBlocksThenFailsWith429AfterMaxWait() throws Exception {
		Counting backend = backend(4, 10);
		this.scheduler = new GenerationScheduler(backend, 4, 8, Duration.ofMillis(300), 16);
		Greedy big = new Greedy(prompt(32, 5), 8);
		big.holdAtFirstToken = new CountDownLatch(1);
		List<Integer> bigOut = new CopyOnWriteArrayList<>();
		CountDownLatch bigDone = new CountDownLatch(1);
		this.scheduler.submit(() -> big).doOnNext(bigOut::add).doOnComplete(bigDone::countDown).subscribe();
		assertThat(big.firstToken.await(30, TimeUnit.SECONDS)).isTrue();
		assertThatThrownBy(() -> this.scheduler.submit(() -> new Greedy(prompt(12, 6), 2)).blockLast())
			.isInstanceOf(CohereRateLimitException.class)
			.hasMessageContaining("waited longer than 300 ms")
			.hasMessageContaining("cohere.local.kv-cache-memory");
		Greedy waiting = new Greedy(prompt(12, 7), 3);
		List<Integer> waited = new CopyOnWriteArrayList<>();
		CountDownLatch waitedDone = new CountDownLatch(1);
		GenerationScheduler patient = new GenerationScheduler(backend, 4, 8, Duration.ofSeconds(30), 16);
		try {
			big.holdAtFirstToken.countDown();
			assertThat(bigDone.await(30, TimeUnit.SECONDS)).isTrue();
			assertThat(bigOut).isEqualTo(unbatched(big.prompt, 8));
			patient.submit(() -> waiting).doOnNext(waited::add).doOnComplete(waitedDone::countDown).subscribe();
			assertThat(waitedDone.await(30, TimeUnit.SECONDS)).isTrue();
			assertThat(waited).isEqualTo(unbatched(waiting.prompt, 3));
		}
		finally {
			patient.close();
		}
		assertThat(backend.pool().bytesAllocated()).isLessThanOrEqualTo(backend.pool().budgetBytes());
	}

	@Test
	void theNewestSequenceIsPreemptedWhenBlocksRunOutAndRecomputedWithTheSameAnswer() throws Exception {
		Counting backend = backend(4, 10);
		this.scheduler = new GenerationScheduler(backend, 2, 8, Duration.ofSeconds(30), 16);
		Greedy older = new Greedy(prompt(8, 8), 24);
		Greedy newer = new Greedy(prompt(8, 9), 24);
		List<Integer> a = new CopyOnWriteArrayList<>();
		List<Integer> b = new CopyOnWriteArrayList<>();
		// the older sequence waits at its first token until the newer one is queued, so
		// that both decode together (2 x 32 tokens of a 40-token cache) however the
		// threads are scheduled: submitted together, a loaded machine could let the older
		// one finish alone before the newer one arrived, and nothing was preempted
		older.holdAtFirstToken = new CountDownLatch(1);
		CountDownLatch bothDone = new CountDownLatch(2);
		this.scheduler.submit(() -> older).doOnNext(a::add).doOnTerminate(bothDone::countDown).subscribe();
		assertThat(older.firstToken.await(60, TimeUnit.SECONDS)).isTrue();
		this.scheduler.submit(() -> newer).doOnNext(b::add).doOnTerminate(bothDone::countDown).subscribe();
		older.holdAtFirstToken.countDown();
		assertThat(bothDone.await(60, TimeUnit.SECONDS)).isTrue();
		assertThat(this.scheduler.stats().preemptions()).isPositive();
		assertThat(a).isEqualTo(unbatched(older.prompt, 24));
		assertThat(b).isEqualTo(unbatched(newer.prompt, 24));
		assertThat(backend.pool().blocksInUse()).isZero();
	}

	@Test
	void aSecondRequestSharingAPrefixPrefillsOnlyWhatIsNew() {
		Counting backend = backend(4, 64);
		this.scheduler = new GenerationScheduler(backend, 2, 8, Duration.ofSeconds(30), 64);
		int[] first = prompt(41, 10);
		int[] second = Arrays.copyOf(first, 46);
		for (int i = 37; i < 46; i++) {
			second[i] = 7 + i;
		}
		assertThat(this.scheduler.submit(() -> new Greedy(first, 4)).collectList().block())
			.isEqualTo(unbatched(first, 4));
		long before = backend.fed.get();
		assertThat(this.scheduler.submit(() -> new Greedy(second, 4)).collectList().block())
			.isEqualTo(unbatched(second, 4));
		// 36 tokens (9 blocks of 4) are shared; the remaining 10 prompt tokens and 3
		// generated ones are fed
		assertThat(backend.fed.get() - before).isEqualTo(46 - 36 + 3);
		assertThat(this.scheduler.stats().prefixHitRate()).isCloseTo(36.0 / (41 + 46),
				org.assertj.core.api.Assertions.within(1e-9));
	}

	@Test
	void aFullQueueAndARequestLargerThanTheWholeCacheFailAtOnce() throws Exception {
		Counting backend = backend(4, 10);
		this.scheduler = new GenerationScheduler(backend, 1, 0, Duration.ofSeconds(30), 16);
		Greedy held = new Greedy(prompt(5, 11), 3);
		held.holdAtFirstToken = new CountDownLatch(1);
		this.scheduler.submit(() -> held).subscribe();
		assertThat(held.firstToken.await(30, TimeUnit.SECONDS)).isTrue();
		assertThatThrownBy(() -> this.scheduler.submit(() -> new Greedy(prompt(5, 12), 2)).blockLast())
			.isInstanceOf(CohereRateLimitException.class)
			.hasMessageContaining("busy");
		held.holdAtFirstToken.countDown();
		assertThatThrownBy(() -> this.scheduler.submit(() -> new Greedy(prompt(30, 13), 20)).blockLast())
			.isInstanceOf(LocalBackendException.class)
			.hasMessageContaining("needs up to 49 tokens of KV cache")
			.hasMessageContaining("holds only 10 blocks (40 tokens)");
	}

	@Test
	void sixteenConcurrentStreamsEachGetATokenEveryStepOnceDecoding() {
		Counting backend = backend(4, 256);
		this.scheduler = new GenerationScheduler(backend, 16, 16, Duration.ofSeconds(30), 32);
		GenerationScheduler running = this.scheduler;
		List<reactor.core.publisher.Flux<Integer>> streams = new ArrayList<>();
		List<List<Long>> stepsAtToken = new ArrayList<>();
		List<Greedy> sequences = new ArrayList<>();
		for (int s = 0; s < 16; s++) {
			Greedy sequence = new Greedy(prompt(10 + s, 20 + s), 12);
			List<Long> steps = new CopyOnWriteArrayList<>();
			sequence.onToken = () -> steps.add(running.stats().steps());
			sequences.add(sequence);
			stepsAtToken.add(steps);
			streams.add(this.scheduler.submit(() -> sequence));
		}
		List<List<Integer>> outputs = new ArrayList<>();
		for (reactor.core.publisher.Flux<Integer> stream : streams) {
			List<Integer> out = new CopyOnWriteArrayList<>();
			outputs.add(out);
		}
		reactor.core.publisher.Flux
			.merge(java.util.stream.IntStream.range(0, 16)
				.mapToObj((i) -> streams.get(i).doOnNext(outputs.get(i)::add))
				.toList())
			.blockLast(Duration.ofSeconds(60));
		for (int s = 0; s < 16; s++) {
			List<Long> steps = stepsAtToken.get(s);
			assertThat(steps).hasSize(12);
			for (int i = 1; i < steps.size(); i++) {
				assertThat(steps.get(i) - steps.get(i - 1))
					.as("steps between tokens %d and %d of stream %d", i - 1, i, s)
					.isBetween(1L, 2L);
			}
			assertThat(outputs.get(s)).isEqualTo(unbatched(sequences.get(s).prompt, 12));
		}
	}

	@Test
	void statsReportTheBatchTheRateAndTheBlocks() {
		Counting backend = backend(4, 32);
		this.scheduler = new GenerationScheduler(backend, 3, 8, Duration.ofSeconds(30), 16);
		List<Integer> out = new ArrayList<>();
		Greedy one = new Greedy(prompt(10, 14), 6);
		GenerationScheduler running = this.scheduler;
		List<SchedulerStats> seen = new CopyOnWriteArrayList<>();
		one.onToken = () -> seen.add(running.stats());
		out.addAll(this.scheduler.submit(() -> one).collectList().block());
		assertThat(out).hasSize(6);
		assertThat(seen).allSatisfy((stats) -> {
			assertThat(stats.active()).isEqualTo(1);
			assertThat(stats.maxActive()).isEqualTo(3);
			assertThat(stats.kvBlocksTotal()).isEqualTo(32);
			assertThat(stats.kvBlocksInUse()).isBetween(3, 4);
		});
		SchedulerStats after = this.scheduler.stats();
		assertThat(after.decodeTokensPerSecond()).isPositive();
		assertThat(after.kvBlocksInUse()).isZero();
		assertThat(after.queued()).isZero();
	}

}
