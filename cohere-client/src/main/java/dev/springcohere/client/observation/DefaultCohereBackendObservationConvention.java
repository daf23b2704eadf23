package dev.springcohere.client.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.springcohere.client.observation.CohereBackendObservationDocumentation.HighCardinalityKeys;
import dev.springcohere.client.observation.CohereBackendObservationDocumentation.LowCardinalityKeys;

/**
 * The default {@link CohereBackendObservationConvention}: the name {@value #NAME}, a
 * contextual name such as {@code chat command-a-03-2025}, and the keys of
 * {@link CohereBackendObservationDocumentation}.
 *
 * @since 0.1.0
 */
public class DefaultCohereBackendObservationConvention implements CohereBackendObservationConvention {

	/**
	 * The observation name (distinct from Spring AI's model-level
	 * {@code gen_ai.client.operation}).
	 */
	public static final String NAME = "cohere.backend.operation";

	/** The value of {@code gen_ai.system}. */
	public static final String SYSTEM = "cohere";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(CohereBackendObservationContext context) {
		String model = context.getRequestModel();
		return context.getOperation() + ((model != null) ? " " + model : "");
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CohereBackendObservationContext context) {
		String model = context.getRequestModel();
		return KeyValues.of(KeyValue.of(LowCardinalityKeys.OPERATION_NAME, context.getOperation()),
				KeyValue.of(LowCardinalityKeys.SYSTEM, SYSTEM),
				KeyValue.of(LowCardinalityKeys.REQUEST_MODEL, (model != null) ? model : "unknown"),
				KeyValue.of(LowCardinalityKeys.STREAM, Boolean.toString(context.isStream())),
				KeyValue.of(LowCardinalityKeys.BACKEND, context.getBackendId()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(CohereBackendObservationContext context) {
		KeyValues values = KeyValues.empty();
		if (context.getInputTokens() != null) {
			values = values.and(KeyValue.of(HighCardinalityKeys.INPUT_TOKENS, context.getInputTokens().toString()));
		}
		if (context.getOutputTokens() != null) {
			values = values.and(KeyValue.of(HighCardinalityKeys.OUTPUT_TOKENS, context.getOutputTokens().toString()));
		}
		return values;
	}

}
