package dev.springcohere.api.finetuning;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The stage of a fine-tuned model's life-cycle. Values this version does not know are
 * kept as they arrived ({@link #isKnown()} tells them apart), never fatal.
 *
 * @param value the wire value
 * @since 0.1.0
 */
public record Status(String value) {

	/** {@code STATUS_UNSPECIFIED}. */
	public static final Status UNSPECIFIED = new Status("STATUS_UNSPECIFIED");

	/** {@code STATUS_FINETUNING}. */
	public static final Status FINETUNING = new Status("STATUS_FINETUNING");

	/** {@code STATUS_DEPLOYING_API}. */
	public static final Status DEPLOYING_API = new Status("STATUS_DEPLOYING_API");

	/** {@code STATUS_READY}. */
	public static final Status READY = new Status("STATUS_READY");

	/** {@code STATUS_FAILED}. */
	public static final Status FAILED = new Status("STATUS_FAILED");

	/** {@code STATUS_DELETED}. */
	public static final Status DELETED = new Status("STATUS_DELETED");

	/** {@code STATUS_TEMPORARILY_OFFLINE}. */
	public static final Status TEMPORARILY_OFFLINE = new Status("STATUS_TEMPORARILY_OFFLINE");

	/** {@code STATUS_PAUSED}. */
	public static final Status PAUSED = new Status("STATUS_PAUSED");

	/** {@code STATUS_QUEUED}. */
	public static final Status QUEUED = new Status("STATUS_QUEUED");

	private static final List<Status> KNOWN = List.of(UNSPECIFIED, FINETUNING, DEPLOYING_API, READY, FAILED, DELETED,
			TEMPORARILY_OFFLINE, PAUSED, QUEUED);

	/**
	 * Checks the value.
	 */
	public Status {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A Status must not be blank");
		}
	}

	/**
	 * Returns the constant of a wire value, or a new instance for a value this version
	 * does not know.
	 * @param value the wire value
	 * @return the instance
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static Status of(String value) {
		for (Status known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new Status(value);
	}

	/**
	 * Returns the values this version knows.
	 * @return the known values
	 */
	public static List<Status> knownValues() {
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
