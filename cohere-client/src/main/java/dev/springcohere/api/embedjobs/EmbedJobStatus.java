package dev.springcohere.api.embedjobs;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The status of an embed job. Values this version does not know are kept as they arrived
 * ({@link #isKnown()} tells them apart), never fatal.
 *
 * @param value the wire value
 * @since 0.1.0
 */
public record EmbedJobStatus(String value) {

	/** {@code processing}. */
	public static final EmbedJobStatus PROCESSING = new EmbedJobStatus("processing");

	/** {@code complete}. */
	public static final EmbedJobStatus COMPLETE = new EmbedJobStatus("complete");

	/** {@code cancelling}. */
	public static final EmbedJobStatus CANCELLING = new EmbedJobStatus("cancelling");

	/** {@code cancelled}. */
	public static final EmbedJobStatus CANCELLED = new EmbedJobStatus("cancelled");

	/** {@code failed}. */
	public static final EmbedJobStatus FAILED = new EmbedJobStatus("failed");

	private static final List<EmbedJobStatus> KNOWN = List.of(PROCESSING, COMPLETE, CANCELLING, CANCELLED, FAILED);

	/**
	 * Checks the value.
	 */
	public EmbedJobStatus {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A EmbedJobStatus must not be blank");
		}
	}

	/**
	 * Returns the constant of a wire value, or a new instance for a value this version
	 * does not know.
	 * @param value the wire value
	 * @return the instance
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static EmbedJobStatus of(String value) {
		for (EmbedJobStatus known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new EmbedJobStatus(value);
	}

	/**
	 * Returns the values this version knows.
	 * @return the known values
	 */
	public static List<EmbedJobStatus> knownValues() {
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
