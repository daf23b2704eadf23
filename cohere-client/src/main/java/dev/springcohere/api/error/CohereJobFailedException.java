package dev.springcohere.api.error;

import java.util.Objects;

/**
 * Thrown by a wait for an asynchronous job (an embed job, a batch, a dataset validation,
 * a fine-tuning) when the job ended in a state other than success: failed or cancelled.
 *
 * @since 0.1.0
 */
public class CohereJobFailedException extends CohereException {

	private static final long serialVersionUID = 1L;

	private final transient Object job;

	private final String status;

	/**
	 * Creates an exception.
	 * @param message the message
	 * @param job the last state of the job, as the API reported it
	 * @param status the status it ended with
	 */
	public CohereJobFailedException(String message, Object job, String status) {
		super(message);
		this.job = Objects.requireNonNull(job, "'job' must not be null");
		this.status = Objects.requireNonNull(status, "'status' must not be null");
	}

	/**
	 * Returns the last state of the job (an {@code EmbedJob}, a {@code Batch}, a
	 * {@code Dataset} or a {@code FinetunedModel}).
	 * @return the job
	 */
	public Object getJob() {
		return this.job;
	}

	/**
	 * Returns the status the job ended with.
	 * @return the status, such as {@code failed}
	 */
	public String getStatus() {
		return this.status;
	}

}
