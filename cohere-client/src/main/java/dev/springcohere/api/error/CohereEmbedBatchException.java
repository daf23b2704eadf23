package dev.springcohere.api.error;

/**
 * One batch of an embed call that was split into batches failed, so the whole call
 * failed. The cause is the batch's own failure (for example a
 * {@link CohereRateLimitException}); the range tells which inputs it held.
 *
 * @since 0.1.0
 */
public class CohereEmbedBatchException extends CohereException {

	private static final long serialVersionUID = 1L;

	private final int batchIndex;

	private final int batchCount;

	private final int firstInput;

	private final int lastInput;

	/**
	 * Creates an exception for a failed batch.
	 * @param batchIndex the index of the failed batch, from 0
	 * @param batchCount how many batches the call was split into
	 * @param firstInput the index of the batch's first input in the original request
	 * @param lastInput the index of the batch's last input in the original request
	 * (inclusive)
	 * @param cause the batch's failure
	 */
	public CohereEmbedBatchException(int batchIndex, int batchCount, int firstInput, int lastInput, Throwable cause) {
		super("Embed batch " + (batchIndex + 1) + " of " + batchCount + " (inputs " + firstInput + ".." + lastInput
				+ ") failed, so the whole embed call failed: " + cause.getMessage(), cause);
		this.batchIndex = batchIndex;
		this.batchCount = batchCount;
		this.firstInput = firstInput;
		this.lastInput = lastInput;
	}

	/**
	 * Returns the index of the failed batch.
	 * @return the batch index, from 0
	 */
	public int getBatchIndex() {
		return this.batchIndex;
	}

	/**
	 * Returns how many batches the call was split into.
	 * @return the number of batches
	 */
	public int getBatchCount() {
		return this.batchCount;
	}

	/**
	 * Returns the index, in the original request, of the failed batch's first input.
	 * @return the first input index
	 */
	public int getFirstInput() {
		return this.firstInput;
	}

	/**
	 * Returns the index, in the original request, of the failed batch's last input
	 * (inclusive).
	 * @return the last input index
	 */
	public int getLastInput() {
		return this.lastInput;
	}

}
