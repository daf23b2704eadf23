package dev.springcohere.engine.hub;

import java.time.Duration;

/**
 * Waits between retries; tests replace it to record the waits instead of sleeping.
 */
@FunctionalInterface
public interface RetrySleeper {

	/**
	 * Waits for the given time.
	 * @param duration how long to wait
	 * @throws InterruptedException when the thread is interrupted while waiting
	 */
	void sleep(Duration duration) throws InterruptedException;

	/**
	 * Returns the sleeper that really sleeps ({@link Thread#sleep(Duration)}).
	 * @return the system sleeper
	 */
	static RetrySleeper system() {
		return Thread::sleep;
	}

}
