package dev.springcohere.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DemandExactFlatten}: elements in order, the next list asked for only when the
 * demand outruns the elements at hand, errors after the elements already decoded.
 */
class DemandExactFlattenTests {

	@Test
	void flattensListsInOrderSkippingEmptyOnes() {
		Flux<List<String>> lists = Flux.just(List.of("a", "b"), List.of(), List.of("c"), List.of(), List.of("d", "e"));
		StepVerifier.create(DemandExactFlatten.flatten(lists)).expectNext("a", "b", "c", "d", "e").verifyComplete();
	}

	@Test
	void asksForTheNextListOnlyWhenTheElementsAtHandDoNotCoverTheDemand() {
		List<Long> requests = new CopyOnWriteArrayList<>();
		Flux<List<String>> lists = Flux.just(List.of("a", "b"), List.of("c"), List.of("d")).doOnRequest(requests::add);
		StepVerifier.create(DemandExactFlatten.flatten(lists), 0)
			.expectSubscription()
			.then(() -> assertThat(requests).as("nothing asked for before any demand").isEmpty())
			.thenRequest(1)
			.expectNext("a")
			.then(() -> assertThat(requests).containsExactly(1L))
			.thenRequest(1)
			// "b" was at hand: no new list asked for, even though "a", "b" is now emitted
			.expectNext("b")
			.then(() -> assertThat(requests).containsExactly(1L))
			.thenRequest(2)
			.expectNext("c", "d")
			.then(() -> assertThat(requests).containsExactly(1L, 1L, 1L))
			.thenRequest(1)
			.verifyComplete();
	}

	@Test
	void theElementsAtHandComeBeforeTheSourcesError() {
		Flux<List<String>> lists = Flux.just(List.of("a", "b"))
			.concatWith(Flux.error(new IllegalStateException("broken stream")));
		StepVerifier.create(DemandExactFlatten.flatten(lists))
			.expectNext("a", "b")
			.expectErrorMessage("broken stream")
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void cancellingCancelsTheSource() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Flux<List<Integer>> lists = Flux.range(0, 1000).map(List::of).doOnCancel(() -> cancelled.set(true));
		StepVerifier.create(DemandExactFlatten.flatten(lists).take(3)).expectNext(0, 1, 2).verifyComplete();
		assertThat(cancelled).isTrue();
	}

	@Test
	void aSourceOnOtherThreadsDeliversEverything() {
		Flux<List<Integer>> lists = Flux.range(0, 2000)
			.map((i) -> (i % 3 == 0) ? List.<Integer>of() : List.of(i, -i))
			.publishOn(Schedulers.boundedElastic(), 1);
		List<Integer> flattened = DemandExactFlatten.flatten(lists).limitRate(7).collectList().block();
		List<Integer> expected = Flux.range(0, 2000)
			.filter((i) -> i % 3 != 0)
			.concatMapIterable((i) -> List.of(i, -i))
			.collectList()
			.block();
		assertThat(flattened).isEqualTo(expected);
	}

}
