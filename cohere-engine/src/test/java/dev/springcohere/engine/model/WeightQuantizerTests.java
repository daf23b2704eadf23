package dev.springcohere.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import org.junit.jupiter.api.Test;

class WeightQuantizerTests {

	@Test
	void quantizesProjectionsToTheModeAndEmbeddingToQ8_0KeepingNorms() {
		try (ModelWeights bf16 = ModelWeights.open(Fixtures.engine("tiny-cohere-qknorm"));
				ModelWeights q4 = WeightQuantizer.quantize(ModelWeights.open(Fixtures.engine("tiny-cohere-qknorm")),
						WeightQuantization.Q4_0)) {
			for (String name : bf16.tensorNames()) {
				Tensor original = bf16.tensor(name);
				Tensor quantized = q4.tensor(name);
				assertThat(quantized.shape()).isEqualTo(original.shape());
				DType expected = name.endsWith("_proj.weight") ? DType.Q4_0
						: name.equals("model.embed_tokens.weight") ? DType.Q8_0 : original.dtype();
				assertThat(quantized.dtype()).as(name).isEqualTo(expected);
				float[] a = original.toFloatArray();
				float[] b = quantized.toFloatArray();
				float max = 0;
				for (float v : a) {
					max = Math.max(max, Math.abs(v));
				}
				for (int i = 0; i < a.length; i++) {
					// one Q4_0 step is at most max / 8
					assertThat(b[i]).as("%s[%d]", name, i).isCloseTo(a[i], within(max / 8 * 1.01f));
				}
			}
			assertThat(q4.directory()).isEqualTo(bf16.directory());
			assertThat(q4.stopTokenIds()).isEqualTo(bf16.stopTokenIds());
		}
	}

	@Test
	void quantizingClosesTheSourceCheckpoint() {
		ModelWeights source = ModelWeights.open(Fixtures.engine("tiny-cohere"));
		Tensor embed = source.tensor("model.embed_tokens.weight");
		try (ModelWeights q8 = WeightQuantizer.quantize(source, WeightQuantization.Q8_0)) {
			assertThat(q8.tensor("model.norm.weight").toFloatArray()).hasSize(64);
			assertThatThrownBy(() -> embed.getFloat(0)).isInstanceOf(IllegalStateException.class);
		}
	}

	@Test
	void matrixWithRowsNotAWholeNumberOfBlocksStaysUnquantized() {
		try (Arena arena = Arena.ofConfined()) {
			Tensor odd = new Tensor("model.layers.0.mlp.down_proj.weight", DType.BF16, List.of(4L, 40L),
					arena.allocate(4 * 40 * 2));
			Tensor even = new Tensor("model.layers.0.mlp.up_proj.weight", DType.BF16, List.of(4L, 64L),
					arena.allocate(4 * 64 * 2));
			Tensor norm = new Tensor("model.layers.0.self_attn.q_norm.weight", DType.BF16, List.of(2L, 64L),
					arena.allocate(2 * 64 * 2));
			assertThat(WeightQuantizer.targetType(odd.name(), odd, WeightQuantization.Q4_0)).isEqualTo(DType.BF16);
			assertThat(WeightQuantizer.targetType(even.name(), even, WeightQuantization.Q4_0)).isEqualTo(DType.Q4_0);
			assertThat(WeightQuantizer.targetType(norm.name(), norm, WeightQuantization.Q8_0)).isEqualTo(DType.BF16);
			assertThat(WeightQuantizer.targetType(even.name(), even, WeightQuantization.NONE)).isEqualTo(DType.BF16);
		}
	}

	@Test
	void theOutputMatrixTakesThePlansOutputType() {
		List<Long> embedShape = List.of(256L, 64L);
		List<Long> projectionShape = List.of(64L, 64L);
		String embed = "model.embed_tokens.weight";
		String head = "lm_head.weight";
		String projection = "model.layers.0.self_attn.o_proj.weight";
		QuantizationPlan q4Default = QuantizationPlan.of(WeightQuantization.Q4_0);
		assertThat(q4Default.output()).isEqualTo(WeightQuantization.Q8_0);
		assertThat(WeightQuantizer.targetType(embed, DType.BF16, embedShape, q4Default)).isEqualTo(DType.Q8_0);
		assertThat(WeightQuantizer.targetType(head, DType.BF16, embedShape, q4Default)).isEqualTo(DType.Q8_0);
		QuantizationPlan allQ4 = QuantizationPlan.of(WeightQuantization.Q4_0, WeightQuantization.Q4_0);
		assertThat(WeightQuantizer.targetType(embed, DType.BF16, embedShape, allQ4)).isEqualTo(DType.Q4_0);
		assertThat(WeightQuantizer.targetType(projection, DType.BF16, projectionShape, allQ4)).isEqualTo(DType.Q4_0);
		QuantizationPlan keepOutput = QuantizationPlan.of(WeightQuantization.Q8_0, WeightQuantization.NONE);
		assertThat(WeightQuantizer.targetType(embed, DType.F16, embedShape, keepOutput)).isEqualTo(DType.F16);
		assertThat(WeightQuantizer.targetType(projection, DType.F16, projectionShape, keepOutput))
			.isEqualTo(DType.Q8_0);
		QuantizationPlan outputOnly = QuantizationPlan.of(WeightQuantization.NONE, WeightQuantization.Q8_0);
		assertThat(WeightQuantizer.targetType(embed, DType.BF16, embedShape, outputOnly)).isEqualTo(DType.Q8_0);
		assertThat(WeightQuantizer.targetType(projection, DType.BF16, projectionShape, outputOnly))
			.isEqualTo(DType.BF16);
		assertThat(QuantizationPlan.of(WeightQuantization.NONE)).isEqualTo(QuantizationPlan.NONE);
		assertThat(QuantizationPlan.NONE.isNone()).isTrue();
		assertThat(outputOnly.isNone()).isFalse();
	}

	@Test
	void quantizingTheOutputMatrixAloneKeepsTheProjections() {
		try (ModelWeights source = ModelWeights.open(Fixtures.engine("tiny-cohere"));
				ModelWeights weights = WeightQuantizer.quantize(ModelWeights.open(Fixtures.engine("tiny-cohere")),
						QuantizationPlan.of(WeightQuantization.NONE, WeightQuantization.Q4_0))) {
			assertThat(weights.tensor("model.embed_tokens.weight").dtype()).isEqualTo(DType.Q4_0);
			for (String name : source.tensorNames()) {
				if (!name.equals("model.embed_tokens.weight")) {
					assertThat(weights.tensor(name).dtype()).as(name).isEqualTo(source.tensor(name).dtype());
					assertThat(weights.tensor(name).toFloatArray()).as(name)
						.containsExactly(source.tensor(name).toFloatArray());
				}
			}
		}
	}

	@Test
	void quantizationNamesAreParsedCaseInsensitivelyAndUnknownOnesListTheChoices() {
		assertThat(WeightQuantization.parse("Q8_0")).isEqualTo(WeightQuantization.Q8_0);
		assertThat(WeightQuantization.parse(" q4_0 ")).isEqualTo(WeightQuantization.Q4_0);
		assertThat(WeightQuantization.parse("none")).isEqualTo(WeightQuantization.NONE);
		assertThatThrownBy(() -> WeightQuantization.parse("q4_k")).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Unknown quantization 'q4_k'; use one of none, q8_0, q4_0");
	}

	@Test
	void onlyQ8_0AndQ4_0AreProducedOnLoad() {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment seg = arena.allocate(256 * 2);
			Tensor t = new Tensor("w", DType.BF16, List.of(1L, 256L), seg);
			assertThatThrownBy(() -> WeightQuantizer.quantize(t, DType.Q4_K, arena))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("use Q8_0 or Q4_0");
		}
	}

}
