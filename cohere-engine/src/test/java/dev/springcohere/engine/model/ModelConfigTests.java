package dev.springcohere.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;

import org.junit.jupiter.api.Test;

class ModelConfigTests {

	@Test
	void readsTransformers5LayoutOfCohere2() {
		ModelConfig c = ModelConfig.read(Fixtures.engine("tiny-cohere2"));
		assertThat(c.modelType()).isEqualTo(ModelType.COHERE2);
		assertThat(c.hiddenSize()).isEqualTo(64);
		assertThat(c.headDim()).isEqualTo(16);
		assertThat(c.numKeyValueHeads()).isEqualTo(2);
		assertThat(c.ropeTheta()).isEqualTo(10000.0);
		assertThat(c.slidingWindow()).isEqualTo(8);
		assertThat(c.logitScale()).isEqualTo(0.25);
		assertThat(c.layerTypes()).containsExactly(LayerType.SLIDING_ATTENTION, LayerType.SLIDING_ATTENTION,
				LayerType.SLIDING_ATTENTION, LayerType.FULL_ATTENTION);
		assertThat(c.usesRope(0)).isTrue();
		assertThat(c.usesRope(3)).isFalse();
		assertThat(c.eosTokenIds()).containsExactly(3);
	}

	@Test
	void readsOlderLayoutOfCommandR7b() {
		ModelConfig c = ModelConfig.read(Fixtures.engine("configs").resolve("command-r7b-12-2024.json"));
		assertThat(c.modelType()).isEqualTo(ModelType.COHERE2);
		assertThat(c.ropeTheta()).isEqualTo(50000.0);
		assertThat(c.numHiddenLayers()).isEqualTo(32);
		assertThat(c.slidingWindow()).isEqualTo(4096);
		for (int i = 0; i < 32; i++) {
			assertThat(c.layerTypes().get(i)).as("layer %d", i)
				.isEqualTo(i % 4 == 3 ? LayerType.FULL_ATTENTION : LayerType.SLIDING_ATTENTION);
		}
		assertThat(Collections.frequency(c.layerTypes(), LayerType.FULL_ATTENTION)).isEqualTo(8);
	}

	@Test
	void readsCohereAndQkNormAndBert() {
		assertThat(ModelConfig.read(Fixtures.engine("tiny-cohere")).useQkNorm()).isFalse();
		ModelConfig qk = ModelConfig.read(Fixtures.engine("tiny-cohere-qknorm"));
		assertThat(qk.useQkNorm()).isTrue();
		assertThat(qk.usesRope(0)).isTrue();
		assertThat(qk.logitScale()).isEqualTo(0.0625);
		ModelConfig bert = ModelConfig.read(Fixtures.engine("tiny-bert"));
		assertThat(bert.modelType()).isEqualTo(ModelType.BERT);
		assertThat(bert.typeVocabSize()).isEqualTo(2);
		assertThat(bert.layerNormEps()).isEqualTo(1e-12);
	}

	@Test
	void rejectsUnknownModelType() {
		assertThatThrownBy(() -> ModelConfig.parse("""
				{"model_type": "llama", "hidden_size": 8}""", "x/config.json")).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("llama")
			.hasMessageContaining("x/config.json");
	}

	@Test
	void rejectsMissingKeysAndBadJson() {
		assertThatThrownBy(() -> ModelConfig.parse("{\"model_type\": \"cohere\"}", "c.json"))
			.isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("hidden_size");
		assertThatThrownBy(() -> ModelConfig.parse("{not json", "c.json")).isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("c.json");
	}

	private static final String DECODER = """
			{"model_type": "cohere", "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
			"num_attention_heads": 4, "vocab_size": 100%s}""";

	@Test
	void decoderWithoutLogitScaleGetsTheTransformersDefault() {
		assertThat(ModelConfig.parse(DECODER.formatted(""), "c.json").logitScale()).isEqualTo(0.0625);
		assertThat(ModelConfig.parse(DECODER.formatted(", \"logit_scale\": 0.25"), "c.json").logitScale())
			.isEqualTo(0.25);
	}

	@Test
	void decoderKeysTheEngineCannotHonourAreRefusedByName() {
		assertThatThrownBy(() -> ModelConfig.parse(
				DECODER.formatted(", \"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4.0}"), "r/config.json"))
			.isInstanceOf(ModelFormatException.class)
			.hasMessageContaining("'rope_scaling.rope_type' = yarn")
			.hasMessageContaining("r/config.json")
			.hasMessageContaining("'default'");
		assertThatThrownBy(() -> ModelConfig
			.parse(DECODER.formatted(", \"rope_parameters\": {\"rope_type\": \"linear\"}"), "c.json"))
			.hasMessageContaining("'rope_parameters.rope_type' = linear");
		assertThatThrownBy(() -> ModelConfig.parse(DECODER.formatted(", \"attention_bias\": true"), "c.json"))
			.hasMessageContaining("'attention_bias' = true");
		assertThatThrownBy(() -> ModelConfig.parse(DECODER.formatted(", \"hidden_act\": \"gelu\""), "c.json"))
			.hasMessageContaining("'hidden_act' = gelu")
			.hasMessageContaining("'silu'");
		assertThat(ModelConfig
			.parse(DECODER.formatted(", \"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 5.0}"),
					"c.json")
			.ropeTheta()).isEqualTo(5.0);
	}

}
