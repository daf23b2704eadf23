package dev.springcohere.api.datasets;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The validation status of a dataset: {@link #VALIDATED} when it can be used,
 * {@link #FAILED} with {@link Dataset#validationError()} otherwise. Values this version
 * does not know are kept as they arrived ({@link #isKnown()} tells them apart), never
 * fatal.
 *
 * @param value the wire value
 * @since 0.1.0
 */
public record DatasetValidationStatus(String value) {

	/** {@code unknown}. */
	public static final DatasetValidationStatus UNKNOWN = new DatasetValidationStatus("unknown");

	/** {@code queued}. */
	public static final DatasetValidationStatus QUEUED = new DatasetValidationStatus("queued");

	/** {@code processing}. */
	public static final DatasetValidationStatus PROCESSING = new DatasetValidationStatus("processing");

	/** {@code failed}. */
	public static final DatasetValidationStatus FAILED = new DatasetValidationStatus("failed");

	/** {@code validated}. */
	public static final DatasetValidationStatus VALIDATED = new DatasetValidationStatus("validated");

	/** {@code skipped}. */
	public static final DatasetValidationStatus SKIPPED = new DatasetValidationStatus("skipped");

	private static final List<DatasetValidationStatus> KNOWN = List.of(UNKNOWN, QUEUED, PROCESSING, FAILED, VALIDATED,
			SKIPPED);

	/**
	 * Checks the value.
	 */
	public DatasetValidationStatus {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A DatasetValidationStatus must not be blank");
		}
	}

	/**
	 * Returns the constant of a wire value, or a new instance for a value this version
	 * does not know.
	 * @param value the wire value
	 * @return the instance
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static DatasetValidationStatus of(String value) {
		for (DatasetValidationStatus known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new DatasetValidationStatus(value);
	}

	/**
	 * Returns the values this version knows.
	 * @return the known values
	 */
	public static List<DatasetValidationStatus> knownValues() {
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
