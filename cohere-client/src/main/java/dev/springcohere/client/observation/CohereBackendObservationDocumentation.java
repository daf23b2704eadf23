package dev.springcohere.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations springcohere records around backend calls. Keys follow OpenTelemetry's
 * GenAI semantic conventions where they have one.
 *
 * @since 0.1.0
 */
public enum CohereBackendObservationDocumentation implements ObservationDocumentation {

	/**
	 * One chat, chat stream, embed (per batch) or rerank call to a backend.
	 */
	BACKEND_OPERATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultCohereBackendObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeys.values();
		}

	};

	/**
	 * Low-cardinality keys: tags of the timer.
	 */
	public enum LowCardinalityKeys implements KeyName {

		/** The operation: {@code chat}, {@code embeddings} or {@code rerank}. */
		OPERATION_NAME {
			@Override
			public String asString() {
				return "gen_ai.operation.name";
			}
		},

		/** The provider, always {@code cohere}. */
		SYSTEM {
			@Override
			public String asString() {
				return "gen_ai.system";
			}
		},

		/** The model of the request. */
		REQUEST_MODEL {
			@Override
			public String asString() {
				return "gen_ai.request.model";
			}
		},

		/** Whether the answer is streamed. */
		STREAM {
			@Override
			public String asString() {
				return "gen_ai.request.stream";
			}
		},

		/** The id of the backend, such as {@code platform} or {@code bedrock}. */
		BACKEND {
			@Override
			public String asString() {
				return "springcohere.backend";
			}
		}

	}

	/**
	 * High-cardinality keys: span attributes, not tags.
	 */
	public enum HighCardinalityKeys implements KeyName {

		/** Input tokens: chat usage, or the billed input tokens of embed and rerank. */
		INPUT_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.input_tokens";
			}
		},

		/** Output tokens of chat. */
		OUTPUT_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.output_tokens";
			}
		}

	}

}
