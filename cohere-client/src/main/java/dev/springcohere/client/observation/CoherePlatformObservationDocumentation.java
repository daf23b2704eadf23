package dev.springcohere.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations springcohere records around calls of Cohere's platform API beyond
 * chat, embed and rerank (those are
 * {@link CohereBackendObservationDocumentation#BACKEND_OPERATION}).
 *
 * @since 0.1.0
 */
public enum CoherePlatformObservationDocumentation implements ObservationDocumentation {

	/**
	 * One call of Cohere's platform API: fine-tuning, datasets, embed jobs, batches,
	 * connectors, a model's details, classify, audio or check-api-key.
	 */
	PLATFORM_OPERATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultCoherePlatformObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

	};

	/**
	 * Low-cardinality keys: tags of the timer.
	 */
	public enum LowCardinalityKeys implements KeyName {

		/** The capability, such as {@code fine-tuning} or {@code datasets}. */
		CAPABILITY {
			@Override
			public String asString() {
				return "springcohere.capability";
			}
		},

		/**
		 * The operation: {@code capability.operationId}, such as
		 * {@code fine-tuning.CreateFinetunedModel}.
		 */
		OPERATION {
			@Override
			public String asString() {
				return "springcohere.operation";
			}
		},

		/** The id of the backend, such as {@code platform}. */
		BACKEND {
			@Override
			public String asString() {
				return "springcohere.backend";
			}
		},

		/**
		 * The outcome: {@code SUCCESS}, {@code CLIENT_ERROR}, {@code SERVER_ERROR} or
		 * {@code UNKNOWN} (no answer: a network failure, a timeout, a refused
		 * capability).
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The HTTP status of the answer, or {@code NONE}. */
		STATUS {
			@Override
			public String asString() {
				return "http.response.status_code";
			}
		}

	}

}
