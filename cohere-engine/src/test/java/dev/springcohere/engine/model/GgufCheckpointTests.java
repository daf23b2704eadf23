package dev.springcohere.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GgufCheckpointTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "tiny-cohere", "tiny-cohere-qknorm", "tiny-cohere2" })
	void configAndTensorsEqualTheSafetensorsCheckpoint(String fixture) {
		Path file = GgufFixtures.write(fixture, DType.F32, 0, this.dir.resolve(fixture + ".gguf"));
		try (ModelWeights gguf = ModelWeights.open(file);
				ModelWeights safetensors = ModelWeights.open(Fixtures.engine(fixture))) {
			assertThat(gguf.config()).isEqualTo(safetensors.config());
			assertThat(gguf.directory()).isEqualTo(file);
			assertThat(gguf.stopTokenIds()).containsExactly(3);
			assertThat(gguf.tensorNames()).containsExactlyInAnyOrderElementsOf(safetensors.tensorNames());
			for (String name : safetensors.tensorNames()) {
				Tensor expected = safetensors.tensor(name);
				Tensor actual = gguf.tensor(name);
				assertThat(actual.shape()).as(name).isEqualTo(expected.shape());
				assertThat(actual.toFloatArray()).as(name).containsExactly(expected.toFloatArray());
			}
		}
	}

	@Test
	void quantizedTensorsKeepGgmlsBlocksUnderTheHuggingFaceNames() {
		Path path = GgufFixtures.write("tiny-cohere-qknorm", DType.Q8_0, 0, this.dir.resolve("q8.gguf"));
		try (GgufFile file = GgufFile.open(path);
				ModelWeights safetensors = ModelWeights.open(Fixtures.engine("tiny-cohere-qknorm"))) {
			ModelConfig config = GgufCheckpoint.config(file);
			assertThat(config).isEqualTo(safetensors.config());
			java.util.Map<String, Tensor> tensors = GgufCheckpoint.tensors(file, config);
			Tensor q = tensors.get("model.layers.0.self_attn.q_proj.weight");
			assertThat(q.dtype()).isEqualTo(DType.Q8_0);
			assertThat(q.shape()).isEqualTo(safetensors.tensor("model.layers.0.self_attn.q_proj.weight").shape());
			assertThat(q.data().byteSize()).isEqualTo(64 * 64 / 32 * 34);
			// the first block dequantizes to the original values within half a step
			java.nio.ByteBuffer block = q.data().asByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
			float scale = Float.float16ToFloat(block.getShort(0));
			float[] original = safetensors.tensor("model.layers.0.self_attn.q_proj.weight").toFloatArray();
			assertThat(scale).isPositive();
			for (int i = 0; i < 32; i++) {
				assertThat(block.get(2 + i) * scale).isCloseTo(original[i],
						org.assertj.core.api.Assertions.within(scale));
			}
			assertThat(tensors.get("model.layers.0.self_attn.q_norm.weight").dtype()).isEqualTo(DType.F32);
			assertThat(tensors.get("model.norm.weight").dtype()).isEqualTo(DType.F32);
			assertThat(tensors.get("model.embed_tokens.weight").dtype()).isEqualTo(DType.Q8_0);
		}
	}

	@Test
	void isGgufNeedsAnExistingFileWithTheExtension() throws Exception {
		Path file = GgufFixtures.write("tiny-cohere", DType.BF16, 0, this.dir.resolve("Model.GGUF"));
		assertThat(ModelWeights.isGguf(file)).isTrue();
		assertThat(ModelWeights.isGguf(this.dir.resolve("absent.gguf"))).isFalse();
		assertThat(ModelWeights.isGguf(this.dir)).isFalse();
		assertThat(ModelWeights.isGguf(Fixtures.engine("tiny-cohere").resolve("model.safetensors"))).isFalse();
	}

	private ModelConfig cohere2(GgufWriter writer) {
		try (ModelWeights weights = ModelWeights.open(writer.write(this.dir.resolve("c2.gguf")))) {
			return weights.config();
		}
	}

	@Test
	void cohere2SlidingPatternDefaultsToLlamaCppsPeriodOfFour() {
		ModelConfig config = cohere2(GgufFixtures.model("tiny-cohere2", DType.BF16, 0));
		assertThat(config.layerTypes()).containsExactly(LayerType.SLIDING_ATTENTION, LayerType.SLIDING_ATTENTION,
				LayerType.SLIDING_ATTENTION, LayerType.FULL_ATTENTION);
		assertThat(config.usesRope(0)).isTrue();
		assertThat(config.usesRope(3)).isFalse();
	}

	@Test
	void cohere2SlidingPatternIsReadAsPeriodOrPerLayerFlags() {
		ModelConfig period = cohere2(
				GgufFixtures.model("tiny-cohere2", DType.BF16, 0).u32("cohere2.attention.sliding_window_pattern", 2));
		assertThat(period.layerTypes()).containsExactly(LayerType.SLIDING_ATTENTION, LayerType.FULL_ATTENTION,
				LayerType.SLIDING_ATTENTION, LayerType.FULL_ATTENTION);
		ModelConfig flags = cohere2(GgufFixtures.model("tiny-cohere2", DType.BF16, 0)
			.bools("cohere2.attention.sliding_window_pattern", new boolean[] { false, true, true, false }));
		assertThat(flags.layerTypes()).containsExactly(LayerType.FULL_ATTENTION, LayerType.SLIDING_ATTENTION,
				LayerType.SLIDING_ATTENTION, LayerType.FULL_ATTENTION);
		GgufWriter wrongLength = GgufFixtures.model("tiny-cohere2", DType.BF16, 0)
			.bools("cohere2.attention.sliding_window_pattern", new boolean[] { true });
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> cohere2(wrongLength))
			.withMessageContaining("sliding_window_pattern has 1 entries but block_count is 4");
	}

	@Test
	void cohere2RopeBaseOfTheSlidingLayersWins() {
		ModelConfig config = cohere2(
				GgufFixtures.model("tiny-cohere2", DType.BF16, 0).f32("cohere2.rope.freq_base_swa", 50000));
		assertThat(config.ropeTheta()).isEqualTo(50000.0);
	}

	@Test
	void separateOutputMatrixUntiesTheEmbeddings() {
		GgufWriter writer = GgufFixtures.model("tiny-cohere", DType.F32, 0)
			.tensor("output.weight", 0, new byte[512 * 64 * 4], 64, 512);
		try (ModelWeights weights = ModelWeights.open(writer.write(this.dir.resolve("untied.gguf")))) {
			assertThat(weights.config().tieWordEmbeddings()).isFalse();
			assertThat(weights.tensor("lm_head.weight").shape()).containsExactly(512L, 64L);
		}
	}

	@Test
	void otherArchitecturesAreRefusedByName() {
		Path file = new GgufWriter().string("general.architecture", "llama").write(this.dir.resolve("llama.gguf"));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> ModelWeights.open(file))
			.withMessageContaining("holds a 'llama' model")
			.withMessageContaining("command-r")
			.withMessageContaining("cohere2");
	}

	@Test
	void settingsTheEngineCannotHonourAreRefused() {
		GgufWriter scaled = GgufFixtures.model("tiny-cohere", DType.BF16, 0)
			.string("command-r.rope.scaling.type", "yarn");
		assertThatExceptionOfType(ModelFormatException.class)
			.isThrownBy(() -> ModelWeights.open(scaled.write(this.dir.resolve("yarn.gguf"))))
			.withMessageContaining("'command-r.rope.scaling.type' = yarn");
		GgufWriter partial = GgufFixtures.model("tiny-cohere", DType.BF16, 0).u32("command-r.rope.dimension_count", 8);
		assertThatExceptionOfType(ModelFormatException.class)
			.isThrownBy(() -> ModelWeights.open(partial.write(this.dir.resolve("partial.gguf"))))
			.withMessageContaining("'command-r.rope.dimension_count' = 8")
			.withMessageContaining("partial rotary");
	}

	@Test
	void missingOrWrongKeysAreNamed() {
		GgufWriter noEps = new GgufWriter();
		noEps.string("general.architecture", "command-r")
			.u32("command-r.context_length", 256)
			.u32("command-r.embedding_length", 64)
			.u32("command-r.block_count", 2)
			.u32("command-r.feed_forward_length", 128)
			.u32("command-r.attention.head_count", 4)
			.f32("command-r.logit_scale", 0.0625)
			.tensor("token_embd.weight", 0, new byte[512 * 64 * 4], 64, 512);
		assertThatExceptionOfType(ModelFormatException.class)
			.isThrownBy(() -> ModelWeights.open(noEps.write(this.dir.resolve("noeps.gguf"))))
			.withMessageContaining("missing metadata key 'command-r.attention.layer_norm_epsilon'");
		GgufWriter vocab = GgufFixtures.model("tiny-cohere2", DType.BF16, 0).u32("cohere2.vocab_size", 1000);
		assertThatExceptionOfType(ModelFormatException.class)
			.isThrownBy(() -> ModelWeights.open(vocab.write(this.dir.resolve("vocab.gguf"))))
			.withMessageContaining("cohere2.vocab_size is 1000 but token_embd.weight has 512 rows");
	}

	@Test
	void tensorsOutsideTheCohereLayoutAreRefused() {
		GgufWriter fused = GgufFixtures.model("tiny-cohere", DType.BF16, 0)
			.tensor("blk.0.attn_qkv.weight", 0, new byte[4], 1);
		assertThatExceptionOfType(ModelFormatException.class)
			.isThrownBy(() -> ModelWeights.open(fused.write(this.dir.resolve("fused.gguf"))))
			.withMessageContaining(
					"tensor 'blk.0.attn_qkv.weight' is not part of llama.cpp's command-r/cohere2 layout");
		GgufWriter bias = GgufFixtures.model("tiny-cohere", DType.BF16, 0)
			.tensor("blk.0.attn_q.bias", 0, new byte[4], 1);
		assertThatExceptionOfType(ModelFormatException.class)
			.isThrownBy(() -> ModelWeights.open(bias.write(this.dir.resolve("bias.gguf"))))
			.withMessageContaining("tensor 'blk.0.attn_q.bias'");
	}

	@Test
	void missingLayerTensorIsNamedWithTheFile() {
		GgufWriter writer = GgufFixtures.model("tiny-cohere", DType.BF16, 0).u32("command-r.block_count", 4);
		Path file = writer.write(this.dir.resolve("layers.gguf"));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> ModelWeights.open(file))
			.withMessageContaining("Missing tensor 'model.layers.3.input_layernorm.weight' in " + file);
		GgufWriter fewer = GgufFixtures.model("tiny-cohere", DType.BF16, 0).u32("command-r.block_count", 2);
		Path extra = fewer.write(this.dir.resolve("fewer.gguf"));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> ModelWeights.open(extra))
			.withMessageContaining("tensor 'blk.2.attn_norm.weight' belongs to layer 2 but command-r.block_count is 2");
	}

}
