package dev.springcohere.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereBrokenBodyException;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.api.error.CohereTimeoutException;

/**
 * The one retry policy of the client, immutable and thread-safe: which failures are
 * retried, how often, and how long to wait in between. The same object drives blocking
 * calls (through Spring Framework's {@link RetryTemplate}, see {@link #execute(Supplier)}
 * and {@link #toSpringRetryPolicy()}) and reactive calls (through Reactor's
 * {@code retryWhen}, see {@link #toReactorRetry()}).
 * <p>
 * Retried: API errors with status 408, 429 and 5xx except 501,
 * {@link CohereNetworkException}s (connection refused, reset, closed before a response)
 * and connect timeouts. Never retried: other 4xx, read timeouts (the server may still be
 * working on the request), malformed answers, and anything after a stream emitted its
 * first event (the transport applies the policy only before that point).
 * <p>
 * The wait before retry {@code n} (1-based) is the server's {@code Retry-After} (else
 * {@code X-RateLimit-Reset}) when the error carried one, else
 * {@code initialBackoff × multiplier^(n-1)} reduced by a random fraction of up to
 * {@code jitter}; in every case at most {@code maxBackoff}.
 *
 * @since 0.1.0
 */
public final class CohereRetryPolicy {

	/** Default number of attempts (the first call included). */
	public static final int DEFAULT_MAX_ATTEMPTS = 3;

	/** Default wait before the first retry. */
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);

	/** Default longest wait between attempts. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

	/** Default growth factor of the wait between attempts. */
	public static final double DEFAULT_MULTIPLIER = 2.0;

	/** Default jitter: waits are shortened by a random fraction of up to this much. */
	public static final double DEFAULT_JITTER = 0.2;

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final double multiplier;

	private final double jitter;

	private final boolean retryOnBrokenBody;

	private CohereRetryPolicy(Builder builder) {
		this.retryOnBrokenBody = builder.retryOnBrokenBody;
		this.maxAttempts = builder.maxAttempts;
		this.initialBackoff = builder.initialBackoff;
		this.maxBackoff = builder.maxBackoff;
		this.multiplier = builder.multiplier;
		this.jitter = builder.jitter;
		if (this.initialBackoff.compareTo(this.maxBackoff) > 0) {
			throw new IllegalArgumentException("'initialBackoff' (" + this.initialBackoff
					+ ") must not be longer than 'maxBackoff' (" + this.maxBackoff + ")");
		}
	}

	/**
	 * Returns the default policy: {@value #DEFAULT_MAX_ATTEMPTS} attempts, 500 ms initial
	 * backoff, 30 s maximum, multiplier 2, jitter 0.2.
	 * @return the default policy
	 */
	public static CohereRetryPolicy defaults() {
		return builder().build();
	}

	/**
	 * Returns a policy that never retries.
	 * @return a single-attempt policy
	 */
	public static CohereRetryPolicy none() {
		return builder().maxAttempts(1).build();
	}

	/**
	 * Starts a builder with the default values.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts a builder with the values of this policy.
	 * @return a new builder
	 */
	public Builder mutate() {
		return new Builder().maxAttempts(this.maxAttempts)
			.initialBackoff(this.initialBackoff)
			.maxBackoff(this.maxBackoff)
			.multiplier(this.multiplier)
			.jitter(this.jitter)
			.retryOnBrokenBody(this.retryOnBrokenBody);
	}

	/**
	 * Tells whether an answer whose body broke after a successful status is asked for
	 * again.
	 * @return false by default: the first generation may already be billed
	 */
	public boolean isRetryOnBrokenBody() {
		return this.retryOnBrokenBody;
	}

	/**
	 * Returns the number of attempts, the first call included.
	 * @return the maximum number of attempts (at least 1)
	 */
	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Returns the wait before the first retry (before jitter).
	 * @return the initial backoff
	 */
	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	/**
	 * Returns the longest wait between two attempts, server-requested waits included.
	 * @return the maximum backoff
	 */
	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	/**
	 * Returns the growth factor of the wait between attempts.
	 * @return the multiplier (at least 1)
	 */
	public double getMultiplier() {
		return this.multiplier;
	}

	/**
	 * Returns the largest fraction by which a computed wait is randomly shortened.
	 * @return the jitter, between 0 and 1
	 */
	public double getJitter() {
		return this.jitter;
	}

	/**
	 * Tells whether a failure may be retried (ignoring the number of attempts).
	 * @param failure the failure of an attempt
	 * @return {@code true} for 408, 429 and 5xx (not 501) API errors, network failures
	 * and connect timeouts; {@code false} for failures of the connection's setup that a
	 * new attempt cannot fix (an untrusted or mismatched certificate, a proxy refusing
	 * the credentials)
	 */
	public boolean isRetryable(Throwable failure) {
		Objects.requireNonNull(failure, "'failure' must not be null");
		if (failure instanceof CohereApiException apiException) {
			return isRetryableStatus(apiException.getStatusCode());
		}
		if (failure instanceof CohereTimeoutException timeout) {
			return timeout.getPhase() == CohereTimeoutException.Phase.CONNECT;
		}
		if (failure instanceof CohereBrokenBodyException) {
			return this.retryOnBrokenBody;
		}
		return failure instanceof CohereNetworkException && !(failure instanceof CohereConnectionSetupException);
	}

	/**
	 * Tells whether an HTTP status may be retried: 408, 429 and 5xx except 501. Every
	 * HTTP client of the project (the API transport, the engine's model download) retries
	 * by this rule.
	 * @param status the HTTP status code
	 * @return true when a retry may succeed
	 */
	public static boolean isRetryableStatus(int status) {
		return status == 408 || status == 429 || (status >= 500 && status <= 599 && status != 501);
	}

	/**
	 * Computes the wait before a retry.
	 * @param retry the number of the retry, 1 for the first retry
	 * @param failure the failure that triggers the retry
	 * @return the wait, between zero and {@link #getMaxBackoff()}
	 */
	public Duration backoffBeforeRetry(int retry, Throwable failure) {
		Objects.requireNonNull(failure, "'failure' must not be null");
		return backoffBeforeRetry(retry,
				(failure instanceof CohereApiException apiException) ? apiException.getRetryAfter() : null);
	}

	/**
	 * Computes the wait before a retry: the server's {@code Retry-After} when it sent
	 * one, else the jittered exponential backoff; never more than
	 * {@link #getMaxBackoff()}.
	 * @param retry the number of the retry, 1 for the first retry
	 * @param retryAfter the delay the server asked for (see
	 * {@link dev.springcohere.api.error.CohereApiExceptions#retryAfter}), or {@code null}
	 * @return the wait, between zero and {@link #getMaxBackoff()}
	 */
	public Duration backoffBeforeRetry(int retry, @Nullable Duration retryAfter) {
		if (retry < 1) {
			throw new IllegalArgumentException("'retry' must be 1 or more, but was " + retry);
		}
		if (retryAfter != null) {
			return min(retryAfter, this.maxBackoff);
		}
		double millis = this.initialBackoff.toMillis() * Math.pow(this.multiplier, retry - 1);
		millis = Math.min(millis, this.maxBackoff.toMillis());
		if (this.jitter > 0) {
			millis = millis * (1.0 - this.jitter * ThreadLocalRandom.current().nextDouble());
		}
		return Duration.ofMillis(Math.max(0, Math.round(millis)));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * Returns this policy as a Reactor {@link Retry} for
	 * {@code Mono.retryWhen}/{@code Flux.retryWhen}. A failure that is not retried, or
	 * the last one, is propagated unchanged (not wrapped in Reactor's retry-exhausted
	 * exception).
	 * @return a new Reactor retry spec
	 */
	public Retry toReactorRetry() {
		return Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			long attemptsSoFar = signal.totalRetries() + 1;
			if (attemptsSoFar >= this.maxAttempts || !isRetryable(failure)) {
				return Mono.error(failure);
			}
			Duration backoff = backoffBeforeRetry((int) attemptsSoFar, failure);
			return Mono.delay(backoff).thenReturn(attemptsSoFar);
		}));
	}

	/**
	 * Returns this policy as a Spring Framework
	 * {@link org.springframework.core.retry.RetryPolicy}; the returned object is
	 * thread-safe and may back a shared {@link RetryTemplate}.
	 * @return a Spring retry policy that decides and waits like this policy
	 */
	public org.springframework.core.retry.RetryPolicy toSpringRetryPolicy() {
		return new SpringRetryPolicy(this);
	}

	/**
	 * Returns a new {@link RetryTemplate} driven by {@link #toSpringRetryPolicy()}.
	 * @return a new retry template
	 */
	public RetryTemplate toRetryTemplate() {
		return new RetryTemplate(toSpringRetryPolicy());
	}

	/**
	 * Runs a blocking call with retries through a {@link RetryTemplate}. The failure of
	 * the last attempt (or the first failure that is not retried) is rethrown as it was,
	 * not wrapped.
	 * @param <T> the result type
	 * @param call the call to run; it signals failures by throwing unchecked exceptions
	 * @return the result of the first successful attempt
	 */
	public <T> T execute(Supplier<T> call) {
		Objects.requireNonNull(call, "'call' must not be null");
		try {
			return toRetryTemplate().execute(call::get);
		}
		catch (RetryException ex) {
			Throwable last = ex.getLastException();
			if (last instanceof RuntimeException runtimeException) {
				throw runtimeException;
			}
			if (last instanceof Error error) {
				throw error;
			}
			throw new CohereException("The call failed after " + (ex.getRetryCount() + 1) + " attempt(s)", ex);
		}
	}

	@Override
	public String toString() {
		return "CohereRetryPolicy[maxAttempts=" + this.maxAttempts + ", initialBackoff=" + this.initialBackoff
				+ ", maxBackoff=" + this.maxBackoff + ", multiplier=" + this.multiplier + ", jitter=" + this.jitter
				+ ", retryOnBrokenBody=" + this.retryOnBrokenBody + "]";
	}

	/**
	 * Adapts a {@link CohereRetryPolicy} to Spring's retry SPI. {@code RetryTemplate}
	 * asks {@link #shouldRetry(Throwable)} and then, on the same thread, the back-off
	 * execution for the wait; the failure is handed over through a thread-local so that
	 * the wait can honour the server's {@code Retry-After}.
	 */
	private static final class SpringRetryPolicy implements org.springframework.core.retry.RetryPolicy {

		private final CohereRetryPolicy policy;

		private final ThreadLocal<@Nullable Throwable> lastFailure = new ThreadLocal<>();

		SpringRetryPolicy(CohereRetryPolicy policy) {
			this.policy = policy;
		}

		@Override
		public boolean shouldRetry(Throwable throwable) {
			boolean retry = this.policy.isRetryable(throwable);
			if (retry) {
				this.lastFailure.set(throwable);
			}
			else {
				this.lastFailure.remove();
			}
			return retry;
		}

		@Override
		public BackOff getBackOff() {
			return () -> new BackOffExecution() {

				private int retries;

				@Override
				public long nextBackOff() {
					Throwable failure = SpringRetryPolicy.this.lastFailure.get();
					SpringRetryPolicy.this.lastFailure.remove();
					this.retries++;
					if (failure == null || this.retries >= SpringRetryPolicy.this.policy.maxAttempts) {
						return STOP;
					}
					return SpringRetryPolicy.this.policy.backoffBeforeRetry(this.retries, failure).toMillis();
				}

			};
		}

		@Override
		public String toString() {
			return "SpringRetryPolicy[" + this.policy + "]";
		}

	}

	/**
	 * Builds a {@link CohereRetryPolicy}; starts with the default values.
	 */
	public static final class Builder {

		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;

		private Duration maxBackoff = DEFAULT_MAX_BACKOFF;

		private double multiplier = DEFAULT_MULTIPLIER;

		private double jitter = DEFAULT_JITTER;

		private boolean retryOnBrokenBody;

		private Builder() {
		}

		/**
		 * Sets the number of attempts, the first call included; 1 disables retries.
		 * @param maxAttempts at least 1
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			if (maxAttempts < 1) {
				throw new IllegalArgumentException(
						"'maxAttempts' must be at least 1 (1 means no retry), but was " + maxAttempts);
			}
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Sets the wait before the first retry.
		 * @param initialBackoff zero or positive
		 * @return this builder
		 */
		public Builder initialBackoff(Duration initialBackoff) {
			this.initialBackoff = notNegative(initialBackoff, "initialBackoff");
			return this;
		}

		/**
		 * Sets the longest wait between two attempts (server-requested waits are capped
		 * to it too).
		 * @param maxBackoff zero or positive
		 * @return this builder
		 */
		public Builder maxBackoff(Duration maxBackoff) {
			this.maxBackoff = notNegative(maxBackoff, "maxBackoff");
			return this;
		}

		/**
		 * Sets the growth factor of the wait between attempts.
		 * @param multiplier at least 1
		 * @return this builder
		 */
		public Builder multiplier(double multiplier) {
			if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
				throw new IllegalArgumentException(
						"'multiplier' must be a finite number of at least 1, but was " + multiplier);
			}
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * Sets the largest fraction by which a computed wait is randomly shortened; 0
		 * disables jitter.
		 * @param jitter between 0 and 1
		 * @return this builder
		 */
		public Builder jitter(double jitter) {
			if (!(jitter >= 0.0 && jitter <= 1.0)) {
				throw new IllegalArgumentException("'jitter' must be between 0 and 1, but was " + jitter);
			}
			this.jitter = jitter;
			return this;
		}

		/**
		 * Sets whether an answer whose body broke after a successful status is asked for
		 * again ({@link CohereBrokenBodyException}); off by default, since the first
		 * generation may already be billed.
		 * @param retryOnBrokenBody true to retry such answers
		 * @return this builder
		 */
		public Builder retryOnBrokenBody(boolean retryOnBrokenBody) {
			this.retryOnBrokenBody = retryOnBrokenBody;
			return this;
		}

		/**
		 * Builds the policy.
		 * @return the immutable policy
		 * @throws IllegalArgumentException if the initial backoff is longer than the
		 * maximum backoff
		 */
		public CohereRetryPolicy build() {
			return new CohereRetryPolicy(this);
		}

		private static Duration notNegative(Duration value, String name) {
			Objects.requireNonNull(value, "'" + name + "' must not be null");
			if (value.isNegative()) {
				throw new IllegalArgumentException("'" + name + "' must not be negative, but was " + value);
			}
			return value;
		}

	}

}
