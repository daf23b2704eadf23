package dev.springcohere.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.springcohere.api.CheckApiKeyResponse;
import dev.springcohere.api.error.CohereApiException;
import dev.springcohere.api.error.CohereAuthenticationException;
import dev.springcohere.api.error.CohereInvalidTokenException;
import dev.springcohere.api.error.CoherePermissionDeniedException;
import dev.springcohere.backend.CohereBackend;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Checks a backend's API key with {@link CohereBackend#checkApiKey()} for its health
 * indicator: at most once per cache period (the answer, a failure included, is reused
 * until then), waiting at most the timeout. A valid key keeps the status; an invalid,
 * inactive or rejected key is {@code DOWN}; a failed call is {@code DOWN} with the
 * error's class; no answer in time is {@code UNKNOWN}. The details never carry the key
 * nor the error messages (which could quote a request), only classes and status codes.
 *
 * @since 0.1.0
 */
public final class CohereApiKeyCheck {

	private final CohereBackend backend;

	private final Duration cache;

	private final Duration timeout;

	private final Clock clock;

	private final Object lock = new Object();

	private @Nullable Outcome last;

	private Instant checkedAt = Instant.MIN;

	/**
	 * Creates a check.
	 * @param backend the backend whose key is checked
	 * @param cache how long an answer is reused (zero: check on every health request)
	 * @param timeout how long to wait for an answer (positive)
	 */
	public CohereApiKeyCheck(CohereBackend backend, Duration cache, Duration timeout) {
		this(backend, cache, timeout, Clock.systemUTC());
	}

	CohereApiKeyCheck(CohereBackend backend, Duration cache, Duration timeout, Clock clock) {
		this.backend = Objects.requireNonNull(backend, "'backend' must not be null");
		this.cache = Objects.requireNonNull(cache, "'cache' must not be null");
		this.timeout = Objects.requireNonNull(timeout, "'timeout' must not be null");
		this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
		if (cache.isNegative()) {
			throw new IllegalArgumentException("'cohere.health.check-key-cache' must not be negative, but was " + cache
					+ ": use 0 to disable caching");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("'cohere.health.check-key-timeout' must be positive, but was " + timeout
					+ ": set how long the health check may wait for check-api-key, such as 5s");
		}
	}

	/**
	 * Adds the outcome of the (possibly cached) check to a health builder: its status
	 * unless the key is valid, and its details.
	 * @param health the builder
	 */
	void contribute(Health.Builder health) {
		Outcome outcome = outcome();
		if (outcome.status() != null) {
			health.status(outcome.status());
		}
		health.withDetails(outcome.details());
	}

	private Outcome outcome() {
		synchronized (this.lock) {
			Instant now = this.clock.instant();
			Outcome cached = this.last;
			if (cached != null && now.isBefore(this.checkedAt.plus(this.cache))) {
				return cached;
			}
			Outcome fresh = check();
			this.last = fresh;
			this.checkedAt = now;
			return fresh;
		}
	}

	private Outcome check() {
		Executor ownThread = (task) -> {
			Thread thread = new Thread(task, "cohere-check-api-key");
			thread.setDaemon(true);
			thread.start();
		};
		CompletableFuture<CheckApiKeyResponse> call = CompletableFuture.supplyAsync(this.backend::checkApiKey,
				ownThread);
		try {
			CheckApiKeyResponse response = call.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (!response.valid()) {
				return new Outcome(Status.DOWN,
						details("invalid", "check-api-key answered that the API key is not valid or not active"));
			}
			Map<String, Object> details = details("valid", null);
			if (response.organizationId() != null) {
				details.put("organizationId", response.organizationId());
			}
			return new Outcome(null, details);
		}
		catch (TimeoutException ex) {
			call.cancel(true);
			return new Outcome(Status.UNKNOWN, details("unknown", "check-api-key gave no answer within " + this.timeout
					+ " (raise 'cohere.health.check-key-timeout' if the network is slow)"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome(Status.UNKNOWN, details("unknown", "interrupted while waiting for check-api-key"));
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			Map<String, Object> details = details(rejected(cause) ? "rejected" : "unknown", null);
			details.put("error", cause.getClass().getName());
			if (cause instanceof CohereApiException api) {
				details.put("statusCode", api.getStatusCode());
			}
			return new Outcome(Status.DOWN, details);
		}
	}

	private static boolean rejected(Throwable error) {
		return error instanceof CohereAuthenticationException || error instanceof CoherePermissionDeniedException
				|| error instanceof CohereInvalidTokenException;
	}

	private static Map<String, Object> details(String apiKey, @Nullable String reason) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("apiKey", apiKey);
		if (reason != null) {
			details.put("reason", reason);
		}
		return details;
	}

	/**
	 * The outcome of one check.
	 *
	 * @param status the status to report, or {@code null} to keep the indicator's own
	 * @param details the details to add
	 */
	private record Outcome(@Nullable Status status, Map<String, Object> details) {

		Outcome {
			details = Map.copyOf(details);
		}

	}

}
