package dev.springcohere.api.error;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a wait for an asynchronous job when it did not end within the wait's timeout;
 * the job itself goes on (cancel it if it is no longer wanted).
 *
 * @since 0.1.0
 */
public class CohereWaitTimeoutException extends CohereException {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable Object lastState;

	private final Duration timeout;

	/**
	 * Creates an exception.
	 * @param message the message
	 * @param lastState the last state read, or {@code null} when none arrived
	 * @param timeout the timeout that passed
	 */
	public CohereWaitTimeoutException(String message, @Nullable Object lastState, Duration timeout) {
		super(message);
		this.lastState = lastState;
		this.timeout = Objects.requireNonNull(timeout, "'timeout' must not be null");
	}

	/**
	 * Returns the last state of the job read before the timeout.
	 * @return the state, or {@code null} when none arrived
	 */
	public @Nullable Object getLastState() {
		return this.lastState;
	}

	/**
	 * Returns the timeout that passed.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
