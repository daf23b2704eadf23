package dev.springcohere.engine.backend;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;

import dev.springcohere.api.ChatRequest;
import dev.springcohere.api.ChatResponse;
import dev.springcohere.api.StreamEvent;
import dev.springcohere.api.UserMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Several callers on one loaded model: parallel slots give the same answers as one at a
 * time, a cancelled stream frees its slot at once, and a full queue fails clearly.
 */
class LocalBackendConcurrencyTests {

	@TempDir
	Path dir;

	private static ChatRequest greedy(String text, int maxTokens) {
		return ChatRequest.builder().messages(UserMessage.of(text)).temperature(0.0).maxTokens(maxTokens).build();
	}

	@Test
	void parallelSlotsGiveTheSameAnswersAsSequentialOnes() {
		try (LocalBackend backend = LocalBackend.builder(LocalBackendTests.checkpoint(this.dir.resolve("m")))
			.threads(1)
			.poolSize(2)
			.build()) {
			ChatResponse first = backend.chat(greedy("Hello", 8));
			ChatResponse second = backend.chat(greedy("Good morning", 8));
			CompletableFuture<ChatResponse> a = CompletableFuture.supplyAsync(() -> backend.chat(greedy("Hello", 8)));
			CompletableFuture<ChatResponse> b = CompletableFuture
				.supplyAsync(() -> backend.chat(greedy("Good morning", 8)));
			assertThat(a.join().message()).isEqualTo(first.message());
			assertThat(b.join().message()).isEqualTo(second.message());
			assertThat(backend.freeSlots()).isEqualTo(2);
		}
	}

	/** Holds the generation thread at its first token until released. */
	private static IntConsumer holdAtFirstToken(CountDownLatch reached, CountDownLatch release) {
		return (id) -> {
			reached.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
	}

	@Test
	void cancellingAStreamFreesItsSlotAtOnceAndStopsTheGeneration() throws Exception {
		try (LocalBackend backend = LocalBackend.builder(LocalBackendTests.checkpoint(this.dir.resolve("m")))
			.threads(1)
			.poolSize(1)
			.build()) {
			CountDownLatch reached = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			List<Integer> tokens = new CopyOnWriteArrayList<>();
			IntConsumer hold = holdAtFirstToken(reached, release);
			Disposable stream = backend.rawStream(greedy("Hello", 1000), (id) -> {
				tokens.add(id);
				hold.accept(id);
			}).subscribe(null, (error) -> {
			});
			assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();
			assertThat(backend.freeSlots()).isZero();
			stream.dispose();
			assertThat(backend.freeSlots()).isEqualTo(1);
			// the scheduler's one loop thread is held in the listener: let it go on
			release.countDown();
			List<StreamEvent> next = backend.chatStream(greedy("Hello", 2)).collectList().block();
			assertThat(next).last().isInstanceOf(StreamEvent.MessageEnd.class);
			backend.close();
			assertThat(tokens).hasSize(1);
		}
	}

	@Test
	void aFullQueueFailsClearly() throws Exception {
		try (LocalBackend backend = LocalBackend.builder(LocalBackendTests.checkpoint(this.dir.resolve("m")))
			.threads(1)
			.poolSize(1)
			.maxQueued(0)
			.build()) {
			CountDownLatch reached = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			Disposable stream = backend.rawStream(greedy("Hello", 1000), holdAtFirstToken(reached, release))
				.subscribe(null, (error) -> {
				});
			assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();
			assertThatThrownBy(() -> backend.chat(greedy("Hello", 2)))
				.isInstanceOf(dev.springcohere.api.error.CohereRateLimitException.class)
				.hasMessageContaining("busy");
			stream.dispose();
			release.countDown();
		}
	}

}
