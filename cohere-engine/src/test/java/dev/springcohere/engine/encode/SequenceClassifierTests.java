package dev.springcohere.engine.encode;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.cpu.ScalarKernels;
import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.model.ModelFormatException;
import dev.springcohere.engine.model.ModelWeights;
import org.junit.jupiter.api.Test;

class SequenceClassifierTests {

	@Test
	void xlmRobertaLogitsMatchGoldenOnBothKernelPaths() {
		EncoderGolden golden = EncoderGolden.of("tiny-xlmr-reranker");
		try (ModelWeights weights = ModelWeights.open(golden.dir()); VectorKernels vector = new VectorKernels(2)) {
			for (Kernels kernels : List.<Kernels>of(new ScalarKernels(), vector)) {
				SequenceClassifier classifier = new SequenceClassifier(weights, kernels);
				org.assertj.core.api.Assertions.assertThat(classifier.numLabels()).isEqualTo(1);
				BertEncoderTests.assertClose(classifier.logits(golden.batch()), golden.logits(), 1e-4f, "logits");
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
