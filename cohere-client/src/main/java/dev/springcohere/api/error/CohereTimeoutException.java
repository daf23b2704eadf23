package dev.springcohere.api.error;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A configured time limit ran out: connecting took longer than the connect timeout, or
 * the server stayed silent (no response headers, no body bytes, no stream event) for
 * longer than the read timeout.
 * <p>
 * The read timeout is an idle timeout, not a limit on the whole call, so long answers and
 * long streams that keep sending data are never cut. Only {@link Phase#CONNECT} timeouts
 * are retried, since the server has not seen the request yet.
 *
 * @since 0.1.0
 */
public class CohereTimeoutException extends CohereException {

	private static final long serialVersionUID = 1L;

	private final Phase phase;

	private final Duration timeout;

	/**
	 * Creates a timeout exception.
	 * @param message what timed out, where, and which setting controls it
	 * @param phase the phase of the call that timed out
	 * @param timeout the limit that ran out
	 * @param cause the underlying failure, or {@code null}
	 */
	public CohereTimeoutException(String message, Phase phase, Duration timeout, @Nullable Throwable cause) {
		super(message, cause);
		this.phase = Objects.requireNonNull(phase, "'phase' must not be null");
		this.timeout = Objects.requireNonNull(timeout, "'timeout' must not be null");
	}

	/**
	 * Returns the phase of the call that timed out.
	 * @return the phase
	 */
	public Phase getPhase() {
		return this.phase;
	}

	/**
	 * Returns the limit that ran out.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * The phase of a call in which a timeout happened.
	 */
	public enum Phase {

		/** Opening the connection (connect timeout). */
		CONNECT,

		/** Waiting for the response status and headers (read timeout). */
		RESPONSE_HEADERS,

		/**
		 * Waiting for the next bytes of the body or the next stream event (read timeout,
		 * idle).
		 */
		READ,

		/**
		 * The whole of one attempt of a call, from sending to the last byte of the answer
		 * (a per-call timeout of {@code dev.springcohere.api.RequestOptions}).
		 */
		CALL

	}

}
