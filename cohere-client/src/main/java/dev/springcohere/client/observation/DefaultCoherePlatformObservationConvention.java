package dev.springcohere.client.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

import dev.springcohere.client.observation.CoherePlatformObservationDocumentation.LowCardinalityKeys;

/**
 * The default {@link CoherePlatformObservationConvention}: the name {@value #NAME}, a
 * contextual name such as {@code fine-tuning CreateFinetunedModel}, and the keys of
 * {@link CoherePlatformObservationDocumentation}.
 *
 * @since 0.1.0
 */
public class DefaultCoherePlatformObservationConvention implements CoherePlatformObservationConvention {

	/**
	 * The observation name (distinct from
	 * {@value DefaultCohereBackendObservationConvention#NAME} and Spring AI's
	 * {@code gen_ai.client.operation}).
	 */
	public static final String NAME = "cohere.platform.operation";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(CoherePlatformObservationContext context) {
		return context.getCapability() + " " + context.getOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CoherePlatformObservationContext context) {
		Integer status = context.getStatus();
		return KeyValues.of(KeyValue.of(LowCardinalityKeys.CAPABILITY, context.getCapability()),
				KeyValue.of(LowCardinalityKeys.OPERATION, context.getCapability() + "." + context.getOperation()),
				KeyValue.of(LowCardinalityKeys.BACKEND, context.getBackendId()),
				KeyValue.of(LowCardinalityKeys.OUTCOME, outcome(status)),
				KeyValue.of(LowCardinalityKeys.STATUS, (status != null) ? status.toString() : "NONE"));
	}

	private static String outcome(@Nullable Integer status) {
		if (status == null) {
			return "UNKNOWN";
		}
		if (status >= 200 && status < 300) {
			return "SUCCESS";
		}
		return (status >= 400 && status < 500) ? "CLIENT_ERROR" : (status >= 500) ? "SERVER_ERROR" : "UNKNOWN";
	}

}
