package dev.springcohere.api.batches;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The status of a batch. Values this version does not know are kept as they arrived
 * ({@link #isKnown()} tells them apart), never fatal.
 *
 * @param value the wire value
 * @since 0.1.0
 */
public record BatchStatus(String value) {

	/** {@code BATCH_STATUS_UNSPECIFIED}. */
	public static final BatchStatus UNSPECIFIED = new BatchStatus("BATCH_STATUS_UNSPECIFIED");

	/** {@code BATCH_STATUS_QUEUED}. */
	public static final BatchStatus QUEUED = new BatchStatus("BATCH_STATUS_QUEUED");

	/** {@code BATCH_STATUS_IN_PROGRESS}. */
	public static final BatchStatus IN_PROGRESS = new BatchStatus("BATCH_STATUS_IN_PROGRESS");

	/** {@code BATCH_STATUS_CANCELING}. */
	public static final BatchStatus CANCELING = new BatchStatus("BATCH_STATUS_CANCELING");

	/** {@code BATCH_STATUS_COMPLETED}. */
	public static final BatchStatus COMPLETED = new BatchStatus("BATCH_STATUS_COMPLETED");

	/** {@code BATCH_STATUS_FAILED}. */
	public static final BatchStatus FAILED = new BatchStatus("BATCH_STATUS_FAILED");

	/** {@code BATCH_STATUS_CANCELED}. */
	public static final BatchStatus CANCELED = new BatchStatus("BATCH_STATUS_CANCELED");

	private static final List<BatchStatus> KNOWN = List.of(UNSPECIFIED, QUEUED, IN_PROGRESS, CANCELING, COMPLETED,
			FAILED, CANCELED);

	/**
	 * Checks the value.
	 */
	public BatchStatus {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A BatchStatus must not be blank");
		}
	}

	/**
	 * Returns the constant of a wire value, or a new instance for a value this version
	 * does not know.
	 * @param value the wire value
	 * @return the instance
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static BatchStatus of(String value) {
		for (BatchStatus known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new BatchStatus(value);
	}

	/**
	 * Returns the values this version knows.
	 * @return the known values
	 */
	public static List<BatchStatus> knownValues() {
		return KNOWN;
	}

	/**
	 * Tells whether this version knows the value.
	 * @return {@code true} for one of the constants
	 */
	public boolean isKnown() {
		return KNOWN.contains(this);
	}

	@Override
	@JsonValue
	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

}
