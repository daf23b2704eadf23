package dev.springcohere.engine.model;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What quantize-on-load makes of a checkpoint: the block type of its projection matrices
 * and that of its output matrix (the token embedding, which Cohere ties to the LM head,
 * or an untied {@code lm_head}).
 *
 * @param projections the type of {@code q/k/v/o_proj} and {@code gate/up/down_proj}
 * @param output the type of the embedding / LM head
 */
public record QuantizationPlan(WeightQuantization projections, WeightQuantization output) {

	/** Every weight as the checkpoint has it. */
	public static final QuantizationPlan NONE = new QuantizationPlan(WeightQuantization.NONE, WeightQuantization.NONE);

	/**
	 * Checks the types.
	 * @param projections the type of the projection matrices
	 * @param output the type of the embedding / LM head
	 */
	public QuantizationPlan {
		Objects.requireNonNull(projections, "'projections' must not be null");
		Objects.requireNonNull(output, "'output' must not be null");
	}

	/**
	 * A plan with the output matrix at its default for these projections.
	 * @param projections the type of the projection matrices
	 * @return the plan
	 * @see #of(WeightQuantization, WeightQuantization)
	 */
	public static QuantizationPlan of(WeightQuantization projections) {
		return of(projections, null);
	}

	/**
	 * A plan.
	 * @param projections the type of the projection matrices
	 * @param output the type of the embedding / LM head, or null for the default: Q8_0
	 * when the projections are quantized (llama.cpp too keeps the output matrix at a
	 * higher precision than Q4_0: a 256k vocabulary makes it the most sensitive matrix),
	 * else the checkpoint's own
	 * @return the plan
	 */
	public static QuantizationPlan of(WeightQuantization projections, @Nullable WeightQuantization output) {
		if (output != null) {
			return new QuantizationPlan(projections, output);
		}
		return new QuantizationPlan(projections,
				(projections == WeightQuantization.NONE) ? WeightQuantization.NONE : WeightQuantization.Q8_0);
	}

	/**
	 * Whether the plan keeps every weight as it is.
	 * @return true when neither type quantizes
	 */
	public boolean isNone() {
		return this.projections == WeightQuantization.NONE && this.output == WeightQuantization.NONE;
	}

}
