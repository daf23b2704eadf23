package dev.springcohere.backend;

import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * One figure a backend reports about itself, read when a metrics system asks (the local
 * engine's queue depth, active sequences, KV cache use, prefix-cache hit rate). The
 * starter registers each one with Micrometer, tagged with the backend's id; plain-Java
 * users can read them from {@link CohereBackend#gauges()}.
 *
 * @param name the metric's name, dot-separated (e.g. {@code cohere.local.queued})
 * @param description what it measures
 * @param baseUnit its unit (e.g. {@code requests}, {@code tokens/s}), or an empty string
 * @param kind whether it goes up and down or only counts up
 * @param value reads the current value
 * @since 0.1.0
 */
public record BackendGauge(String name, String description, String baseUnit, Kind kind, DoubleSupplier value) {

	/**
	 * Checks the parts.
	 * @param name the name
	 * @param description the description
	 * @param baseUnit the unit
	 * @param kind the kind
	 * @param value the reader
	 */
	public BackendGauge {
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(description, "'description' must not be null");
		Objects.requireNonNull(baseUnit, "'baseUnit' must not be null");
		Objects.requireNonNull(kind, "'kind' must not be null");
		Objects.requireNonNull(value, "'value' must not be null");
	}

	/** How a figure behaves over time. */
	public enum Kind {

		/** A value that goes up and down (a queue's depth). */
		GAUGE,

		/** A total that only grows (requests served). */
		COUNTER

	}

}
