package dev.springcohere.api.finetuning;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The combination of LoRA modules to target. Values this version does not know are kept
 * as they arrived ({@link #isKnown()} tells them apart), never fatal.
 *
 * @param value the wire value
 * @since 0.1.0
 */
public record LoraTargetModules(String value) {

	/** {@code LORA_TARGET_MODULES_UNSPECIFIED}. */
	public static final LoraTargetModules UNSPECIFIED = new LoraTargetModules("LORA_TARGET_MODULES_UNSPECIFIED");

	/** {@code LORA_TARGET_MODULES_QV}. */
	public static final LoraTargetModules QV = new LoraTargetModules("LORA_TARGET_MODULES_QV");

	/** {@code LORA_TARGET_MODULES_QKVO}. */
	public static final LoraTargetModules QKVO = new LoraTargetModules("LORA_TARGET_MODULES_QKVO");

	/** {@code LORA_TARGET_MODULES_QKVO_FFN}. */
	public static final LoraTargetModules QKVO_FFN = new LoraTargetModules("LORA_TARGET_MODULES_QKVO_FFN");

	private static final List<LoraTargetModules> KNOWN = List.of(UNSPECIFIED, QV, QKVO, QKVO_FFN);

	/**
	 * Checks the value.
	 */
	public LoraTargetModules {
		Objects.requireNonNull(value, "'value' must not be null");
		if (value.isBlank()) {
			throw new IllegalArgumentException("A LoraTargetModules must not be blank");
		}
	}

	/**
	 * Returns the constant of a wire value, or a new instance for a value this version
	 * does not know.
	 * @param value the wire value
	 * @return the instance
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static LoraTargetModules of(String value) {
		for (LoraTargetModules known : KNOWN) {
			if (known.value.equals(value)) {
				return known;
			}
		}
		return new LoraTargetModules(value);
	}

	/**
	 * Returns the values this version knows.
	 * @return the known values
	 */
	public static List<LoraTargetModules> knownValues() {
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
