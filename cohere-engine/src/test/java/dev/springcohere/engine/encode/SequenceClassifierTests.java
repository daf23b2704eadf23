package dev.springcohere.engine.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.cpu.ScalarKernels;
import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.ModelFormatException;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.Tensor;
import org.junit.jupiter.api.Test;

class SequenceClassifierTests {

	@Test
	void xlmRobertaLogitsMatchGoldenOnBothKernelPaths() {
		EncoderGolden golden = EncoderGolden.of("tiny-xlmr-reranker");
		try (ModelWeights weights = ModelWeights.open(golden.dir()); VectorKernels vector = new VectorKernels(2)) {
			for (Kernels kernels : List.<Kernels>of(new ScalarKernels(), vector)) {
				SequenceClassifier classifier = new SequenceClassifier(weights, kernels);
				assertThat(classifier.numLabels()).isEqualTo(1);
				BertEncoderTests.assertClose(classifier.logits(golden.batch()), golden.logits(), 1e-4f, "logits");
			}
		}
	}

	private static Tensor f32(Arena arena, String name, float[] values, long... shape) {
		MemorySegment data = arena.allocate(4L * values.length);
		MemorySegment.copy(values, 0, data, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0,
				values.length);
		return new Tensor(name, DType.F32, Arrays.stream(shape).boxed().toList(), data);
	}

	@Test
	void bertHeadClassifiesThePoolerOutput() {
		EncoderGolden golden = EncoderGolden.of("tiny-bert");
		int h = 64;
		int labels = 2;
		float[] w = new float[labels * h];
		for (int i = 0; i < w.length; i++) {
			w[i] = (float) Math.sin(i * 0.37) * 0.2f;
		}
		float[] b = { 0.5f, -0.25f };
		Arena arena = Arena.ofConfined();
		try (ModelWeights original = ModelWeights.open(golden.dir())) {
			Map<String, Tensor> tensors = new LinkedHashMap<>();
			for (String name : original.tensorNames()) {
				tensors.put("bert." + name, original.tensor(name));
			}
			tensors.put("classifier.weight", f32(arena, "classifier.weight", w, labels, h));
			tensors.put("classifier.bias", f32(arena, "classifier.bias", b, labels));
			try (ModelWeights weights = ModelWeights.of(original.config(), tensors, List.of(), arena::close)) {
				SequenceClassifier classifier = new SequenceClassifier(weights, new ScalarKernels());
				assertThat(classifier.numLabels()).isEqualTo(labels);
				float[] pooler = golden.pooler();
				float[] expected = new float[2 * labels];
				for (int row = 0; row < 2; row++) {
					for (int l = 0; l < labels; l++) {
						float sum = b[l];
						for (int i = 0; i < h; i++) {
							sum += w[l * h + i] * pooler[row * h + i];
						}
						expected[row * labels + l] = sum;
					}
				}
				BertEncoderTests.assertClose(classifier.logits(golden.batch()), expected, 1e-4f, "logits");
				assertThatExceptionOfType(ModelFormatException.class)
					.isThrownBy(() -> new CrossEncoderReranker(classifier, null))
					.withMessageContaining("one label")
					.withMessageContaining("2 labels");
				tensors.remove("bert.pooler.dense.weight");
				tensors.remove("bert.pooler.dense.bias");
				try (ModelWeights noPooler = ModelWeights.of(original.config(), tensors, List.of(), () -> {
				})) {
					assertThatExceptionOfType(ModelFormatException.class)
						.isThrownBy(() -> new SequenceClassifier(noPooler, new ScalarKernels()))
						.withMessageContaining("Missing tensor 'bert.pooler.dense.weight'");
				}
			}
		}
	}

	@Test
	void bareEncoderWithoutHeadIsRejectedWithTheExpectedTensorNames() {
		try (ModelWeights weights = ModelWeights.open(EncoderGolden.of("tiny-bert").dir())) {
			assertThatExceptionOfType(ModelFormatException.class)
				.isThrownBy(() -> new SequenceClassifier(weights, new ScalarKernels()))
				.withMessageContaining("No sequence-classification head")
				.withMessageContaining("classifier.out_proj.weight");
		}
	}

}
