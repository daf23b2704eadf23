package dev.springcohere.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereApiExceptions;
import dev.springcohere.api.error.CohereInvalidRequestException;
import dev.springcohere.api.error.CohereMalformedResponseException;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.api.error.CohereNotFoundException;
import dev.springcohere.api.error.CohereServerException;
import dev.springcohere.api.error.CohereTimeoutException;
import dev.springcohere.http.CohereRetryPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CohereRetryPolicyTests {

	private final CohereRetryPolicy policy = CohereRetryPolicy.builder()
		.maxAttempts(3)
		.initialBackoff(Duration.ofMillis(10))
		.maxBackoff(Duration.ofMillis(40))
		.multiplier(2)
		.jitter(0)
		.build();

	@Test
	void isRetryableShouldAcceptOnlyTransientFailures() {
		assertThat(this.policy.isRetryable(api(408))).isTrue();
		assertThat(this.policy.isRetryable(api(429))).isTrue();
		assertThat(this.policy.isRetryable(api(500))).isTrue();
		assertThat(this.policy.isRetryable(api(503))).isTrue();
		assertThat(this.policy.isRetryable(api(504))).isTrue();
		assertThat(this.policy.isRetryable(api(501))).isFalse();
		for (int status : new int[] { 400, 401, 402, 403, 404, 409, 422, 498, 499 }) {
			assertThat(this.policy.isRetryable(api(status))).as("status %d", status).isFalse();
		}
		assertThat(this.policy.isRetryable(new CohereNetworkException("reset", null))).isTrue();
		assertThat(this.policy.isRetryable(timeout(CohereTimeoutException.Phase.CONNECT))).isTrue();
		assertThat(this.policy.isRetryable(timeout(CohereTimeoutException.Phase.READ))).isFalse();
		assertThat(this.policy.isRetryable(timeout(CohereTimeoutException.Phase.RESPONSE_HEADERS))).isFalse();
		assertThat(this.policy.isRetryable(new CohereMalformedResponseException("bad", "", null))).isFalse();
		assertThat(this.policy.isRetryable(new IllegalStateException())).isFalse();
	}

	@Test
	void backoffShouldGrowAndBeCapped() {
		Throwable failure = api(503);
		assertThat(this.policy.backoffBeforeRetry(1, failure)).isEqualTo(Duration.ofMillis(10));
		assertThat(this.policy.backoffBeforeRetry(2, failure)).isEqualTo(Duration.ofMillis(20));
		assertThat(this.policy.backoffBeforeRetry(3, failure)).isEqualTo(Duration.ofMillis(40));
		assertThat(this.policy.backoffBeforeRetry(10, failure)).isEqualTo(Duration.ofMillis(40));
	}

	@Test
	void backoffWithJitterShouldStayWithinTheJitterBand() {
		CohereRetryPolicy jittered = this.policy.mutate()
			.initialBackoff(Duration.ofMillis(1000))
			.maxBackoff(Duration.ofSeconds(10))
			.jitter(0.5)
			.build();
		for (int i = 0; i < 200; i++) {
			assertThat(jittered.backoffBeforeRetry(1, api(503)).toMillis()).isBetween(500L, 1000L);
		}
	}

	@Test
	void backoffShouldHonourTheServerDelayCappedByMaxBackoff() {
		assertThat(this.policy.backoffBeforeRetry(1, api(429, Duration.ofMillis(25)))).isEqualTo(Duration.ofMillis(25));
		assertThat(this.policy.backoffBeforeRetry(1, api(429, Duration.ofSeconds(60))))
			.isEqualTo(Duration.ofMillis(40));
	}

	@Test
	void builderShouldRejectNonsense() {
		assertThatIllegalArgumentException().isThrownBy(() -> CohereRetryPolicy.builder().maxAttempts(0))
			.withMessageContaining("maxAttempts");
		assertThatIllegalArgumentException().isThrownBy(() -> CohereRetryPolicy.builder().multiplier(0.5))
			.withMessageContaining("multiplier");
		assertThatIllegalArgumentException().isThrownBy(() -> CohereRetryPolicy.builder().jitter(2))
			.withMessageContaining("jitter");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CohereRetryPolicy.builder()
				.initialBackoff(Duration.ofSeconds(5))
				.maxBackoff(Duration.ofSeconds(1))
				.build())
			.withMessageContaining("initialBackoff");
	}

	@Test
	void executeShouldRetryTransientFailuresUntilSuccess() {
		AtomicInteger calls = new AtomicInteger();
		String result = this.policy.execute(() -> {
			if (calls.incrementAndGet() < 3) {
				throw api(503);
			}
			return "ok";
		});
		assertThat(result).isEqualTo("ok");
		assertThat(calls).hasValue(3);
	}

	@Test
	void executeShouldRethrowTheLastFailureWhenAttemptsAreExhausted() {
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(CohereServerException.class).isThrownBy(() -> this.policy.execute(() -> {
			throw (CohereServerException) api(503, null, "attempt " + calls.incrementAndGet());
		})).withMessageContaining("attempt 3");
		assertThat(calls).hasValue(3);
	}

	@Test
	void executeShouldNotRetryPermanentFailures() {
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(CohereInvalidRequestException.class).isThrownBy(() -> this.policy.execute(() -> {
			calls.incrementAndGet();
			throw api(400);
		}));
		assertThat(calls).hasValue(1);
	}

	@Test
	void sharedSpringRetryTemplateShouldRetryInEachCall() throws Exception {
		var template = this.policy.toRetryTemplate();
		for (int round = 0; round < 2; round++) {
			AtomicInteger calls = new AtomicInteger();
			String result = template.execute(() -> {
				if (calls.incrementAndGet() < 2) {
					throw api(429, Duration.ofMillis(5));
				}
				return "ok";
			});
			assertThat(result).isEqualTo("ok");
			assertThat(calls).hasValue(2);
		}
	}

	@Test
	void reactorRetryShouldRetryTransientFailuresAndPropagateTheLastOneUnwrapped() {
		AtomicInteger calls = new AtomicInteger();
		Mono<String> failing = Mono.defer(() -> Mono.error(api(503, null, "attempt " + calls.incrementAndGet())));
		StepVerifier.withVirtualTime(() -> failing.retryWhen(this.policy.toReactorRetry()))
			.thenAwait(Duration.ofSeconds(1))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(CohereServerException.class).hasMessageContaining("attempt 3"))
			.verify(Duration.ofSeconds(5));
		assertThat(calls).hasValue(3);
	}

	@Test
	void reactorRetryShouldWaitTheServerDelay() {
		AtomicInteger calls = new AtomicInteger();
		CohereRetryPolicy patient = this.policy.mutate().maxBackoff(Duration.ofSeconds(30)).build();
		Mono<String> flaky = Mono.defer(
				() -> (calls.incrementAndGet() == 1) ? Mono.error(api(429, Duration.ofSeconds(20))) : Mono.just("ok"));
		StepVerifier.withVirtualTime(() -> flaky.retryWhen(patient.toReactorRetry()))
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(19))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext("ok")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(calls).hasValue(2);
	}

	@Test
	void reactorRetryShouldNotRetryPermanentFailures() {
		AtomicInteger calls = new AtomicInteger();
		Mono<String> failing = Mono.defer(() -> {
			calls.incrementAndGet();
			return Mono.error(api(404));
		});
		StepVerifier.create(failing.retryWhen(this.policy.toReactorRetry()))
			.expectError(CohereNotFoundException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(calls).hasValue(1);
	}

	@Test
	void noneShouldNeverRetry() {
		AtomicInteger calls = new AtomicInteger();
		assertThatExceptionOfType(CohereServerException.class).isThrownBy(() -> CohereRetryPolicy.none().execute(() -> {
			calls.incrementAndGet();
			throw api(503);
		}));
		assertThat(calls).hasValue(1);
	}

	private static CohereApiException api(int status) {
		return api(status, null);
	}

	private static CohereApiException api(int status, Duration retryAfter) {
		return api(status, retryAfter, "failure");
	}

	private static CohereApiException api(int status, Duration retryAfter, String message) {
		Map<String, String> headers = (retryAfter != null)
				? Map.of("Retry-After", String.valueOf(retryAfter.toMillis() / 1000.0)) : Map.of();
		return CohereApiExceptions.fromResponse(status, CohereApiExceptionsTests.headers(headers),
				"{\"message\":\"" + message + "\"}");
	}

	private static CohereTimeoutException timeout(CohereTimeoutException.Phase phase) {
		return new CohereTimeoutException("timeout", phase, Duration.ofSeconds(1), null);
	}

}
