package dev.springcohere.engine.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.springcohere.engine.cpu.ScalarKernels;
import dev.springcohere.engine.model.ModelConfig;
import dev.springcohere.engine.model.ModelFormatException;
import dev.springcohere.engine.model.ModelType;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.Tensor;
import org.junit.jupiter.api.Test;

class EncoderValidationTests {

	private static final Path BERT = EncoderGolden.of("tiny-bert").dir();

	/**
	 * Rebuilds the tiny-bert weights in memory after editing the tensor map and the
	 * config text.
	 */
	private static void withEdited(UnaryOperator<Map<String, Tensor>> tensors, UnaryOperator<String> config,
			java.util.function.Consumer<ModelWeights> check) throws Exception {
		try (ModelWeights original = ModelWeights.open(BERT)) {
			Map<String, Tensor> map = new LinkedHashMap<>();
			for (String name : original.tensorNames()) {
				map.put(name, original.tensor(name));
			}
			ModelConfig edited = ModelConfig.parse(config.apply(Files.readString(BERT.resolve("config.json"))),
					"edited config");
			try (ModelWeights weights = ModelWeights.of(edited, tensors.apply(map), List.of(), () -> {
			})) {
				check.accept(weights);
			}
		}
	}

	@Test
	void missingTensorIsNamed() throws Exception {
		withEdited(map -> {
			map.remove("encoder.layer.0.attention.self.key.bias");
			return map;
		}, UnaryOperator.identity(),
				weights -> assertThatExceptionOfType(ModelFormatException.class)
					.isThrownBy(() -> new BertEncoder(weights, new ScalarKernels()))
					.withMessageContaining("Missing tensor 'encoder.layer.0.attention.self.key.bias'"));
	}

	@Test
	void wrongShapeIsNamedWithBothShapes() throws Exception {
		String name = "encoder.layer.1.intermediate.dense.weight";
		withEdited(map -> {
			Tensor t = map.get(name);
			map.put(name, new Tensor(name, t.dtype(), List.of(t.dim(1), t.dim(0)), t.data()));
			return map;
		}, UnaryOperator.identity(),
				weights -> assertThatExceptionOfType(ModelFormatException.class)
					.isThrownBy(() -> new BertEncoder(weights, new ScalarKernels()))
					.withMessageContaining("Tensor '" + name + "'")
					.withMessageContaining("[64, 128]")
					.withMessageContaining("[128, 64]"));
	}

	@Test
	void prefixedWeightsAreFound() throws Exception {
		withEdited(map -> {
			Map<String, Tensor> prefixed = new LinkedHashMap<>();
			map.forEach((name, t) -> prefixed.put("bert." + name,
					new Tensor("bert." + name, t.dtype(), t.shape(), t.data())));
			return prefixed;
		}, UnaryOperator.identity(), weights -> {
			BertEncoder encoder = new BertEncoder(weights, new ScalarKernels());
			assertThat(encoder.weightPrefix()).isEqualTo("bert.");
			EncoderGolden golden = EncoderGolden.of("tiny-bert");
			BertEncoderTests.assertClose(encoder.encode(golden.batch()).poolerOutput(), golden.pooler(), 1e-4f,
					"pooler_output");
		});
	}

	@Test
	void weightsWithoutEmbeddingsAreRejected() throws Exception {
		withEdited(map -> {
			map.remove("embeddings.word_embeddings.weight");
			return map;
		}, UnaryOperator.identity(),
				weights -> assertThatExceptionOfType(ModelFormatException.class)
					.isThrownBy(() -> new BertEncoder(weights, new ScalarKernels()))
					.withMessageContaining("embeddings.word_embeddings.weight")
					.withMessageContaining("roberta."));
	}

	@Test
	void unsupportedActivationIsRejected() throws Exception {
		withEdited(UnaryOperator.identity(),
				json -> json.replace("\"hidden_act\": \"gelu\"", "\"hidden_act\": \"quick_gelu_2\""),
				weights -> assertThatExceptionOfType(ModelFormatException.class)
					.isThrownBy(() -> new BertEncoder(weights, new ScalarKernels()))
					.withMessageContaining("Unsupported hidden_act 'quick_gelu_2'"));
	}

	@Test
	void encoderConfigWithoutPositionEmbeddingsIsRejected() throws Exception {
		withEdited(UnaryOperator.identity(), json -> json.replace("\"max_position_embeddings\": 64,", ""),
				weights -> assertThatExceptionOfType(ModelFormatException.class)
					.isThrownBy(() -> new BertEncoder(weights, new ScalarKernels()))
					.withMessageContaining("max_position_embeddings"));
	}

	@Test
	void decoderCheckpointIsRejected() {
		try (ModelWeights weights = ModelWeights.open(dev.springcohere.engine.model.Fixtures.engine("tiny-cohere"))) {
			assertThatExceptionOfType(ModelFormatException.class)
				.isThrownBy(() -> new BertEncoder(weights, new ScalarKernels()))
				.withMessageContaining("model_type 'cohere'")
				.withMessageContaining("expected bert or xlm-roberta");
		}
	}

	@Test
	void encoderConfigDefaultsFollowTransformers() {
		ModelConfig bert = ModelConfig.parse("""
				{"model_type": "bert", "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 1,
				 "num_attention_heads": 4, "vocab_size": 512}""", "test");
		assertThat(bert.modelType()).isEqualTo(ModelType.BERT);
		assertThat(bert.hiddenAct()).isEqualTo("gelu");
		assertThat(bert.layerNormEps()).isCloseTo(1e-12, within(1e-20));
		assertThat(bert.typeVocabSize()).isEqualTo(2);
		assertThat(bert.padTokenId()).isZero();
		ModelConfig xlmr = ModelConfig
			.parse("{\"model_type\": \"xlm-roberta\", \"hidden_size\": 64, \"intermediate_size\": 128,"
					+ " \"num_hidden_layers\": 1, \"num_attention_heads\": 4, \"vocab_size\": 512}", "test");
		assertThat(xlmr.padTokenId()).isEqualTo(1);
	}

	@Test
	void badBatchesAreRejectedClearly() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EncoderBatch.of(new int[][] { { 1, 2 }, { 3 } }, new int[][] { { 1, 1 }, { 1 } }, null))
			.withMessageContaining("Row 1 of 'inputIds' has 1 entries");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EncoderBatch.of(new int[][] { { 1, 2 } }, new int[][] { { 0, 0 } }, null))
			.withMessageContaining("no real token");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EncoderBatch.of(new int[][] { { 1, 2 } }, new int[][] { { 1, 2 } }, null))
			.withMessageContaining("attentionMask[0][1] is 2");
		assertThatIllegalArgumentException().isThrownBy(() -> EncoderBatch.padded(List.of(new int[] { 1 }), null, -1))
			.withMessageContaining("'padTokenId' must be a vocabulary id");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EncoderBatch.padded(List.of(new int[] { 1, 2 }), List.of(new int[] { 0 }), 0))
			.withMessageContaining("Sequence 0 has 2 tokens but 1 token type ids");
		try (ModelWeights weights = ModelWeights.open(BERT)) {
			BertEncoder encoder = new BertEncoder(weights, new ScalarKernels());
			assertThatIllegalArgumentException()
				.isThrownBy(() -> encoder.encode(EncoderBatch.padded(List.of(new int[] { 3, 512 }), null, 0)))
				.withMessageContaining("Token id 512 at [0][1]");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> encoder
					.encode(EncoderBatch.padded(List.of(new int[] { 3, 4 }), List.of(new int[] { 0, 2 }), 0)))
				.withMessageContaining("Token type id 2");
		}
	}

	@Test
	void erfIsAccurateToFloatPrecision() {
		double[][] cases = { { 0.0, 0.0 }, { 0.5, 0.5204998778130465 }, { 1.0, 0.8427007929497149 },
				{ -2.0, -0.9953222650189527 }, { 3.5, 0.9999992569016276 } };
		for (double[] c : cases) {
			assertThat(Activation.erf(c[0])).as("erf(%s)", c[0]).isCloseTo(c[1], within(3e-7));
		}
		assertThat(Activation.GELU.apply(1.0f)).isCloseTo(0.8413447f, within(1e-6f));
		assertThat(Activation.GELU_TANH.apply(1.0f)).isCloseTo(0.8411920f, within(1e-6f));
	}

}
