package dev.springcohere.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how often to poll an asynchronous job (embed jobs, batches, dataset
 * validation): at once, then after {@code initialInterval}, each interval doubling up to
 * {@code maxInterval}, until the job ends or {@code timeout} passes.
 *
 * @param timeout the longest wait
 * @param initialInterval the pause after the first read
 * @param maxInterval the longest pause between two reads
 * @since 0.1.0
 */
public record WaitOptions(Duration timeout, Duration initialInterval, Duration maxInterval) {

	/** The default first pause: one second. */
	public static final Duration DEFAULT_INITIAL_INTERVAL = Duration.ofSeconds(1);

	/** The default longest pause: thirty seconds. */
	public static final Duration DEFAULT_MAX_INTERVAL = Duration.ofSeconds(30);

	/**
	 * Checks the components.
	 */
	public WaitOptions {
		Objects.requireNonNull(timeout, "'timeout' must not be null");
		Objects.requireNonNull(initialInterval, "'initialInterval' must not be null");
		Objects.requireNonNull(maxInterval, "'maxInterval' must not be null");
		requirePositive("timeout", timeout);
		requirePositive("initialInterval", initialInterval);
		if (maxInterval.compareTo(initialInterval) < 0) {
			throw new IllegalArgumentException("WaitOptions.maxInterval (" + maxInterval
					+ ") must not be shorter than initialInterval (" + initialInterval + ")");
		}
	}

	/**
	 * Returns options with a timeout and the default intervals (1 s doubling up to 30 s).
	 * @param timeout the longest wait
	 * @return the options
	 */
	public static WaitOptions of(Duration timeout) {
		return new WaitOptions(timeout, DEFAULT_INITIAL_INTERVAL, DEFAULT_MAX_INTERVAL);
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException("WaitOptions." + name + " must be positive but was " + value);
		}
	}

}
