package dev.springcohere.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.QuantizationPlan;
import dev.springcohere.engine.model.WeightQuantization;
import dev.springcohere.engine.model.WeightQuantizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The quality gate of quantize-on-load: logits of the quantized fixtures (Q8_0 and Q4_0
 * weights, embedding Q8_0, through the vector kernels) against the float32 goldens
 * computed by the reference implementation on the original weights. Per position the
 * relative error is {@code max|logit - golden| / max|golden|}; the test reports its mean
 * and maximum over all positions and the share of positions whose arg-max token agrees,
 * and holds each format to the thresholds documented in docs/engine.md.
 */
class QuantizedQualityTests {

	static VectorKernels kernels;

	@BeforeAll
	static void start() {
		kernels = new VectorKernels(2);
	}

	@AfterAll
	static void stop() {
		kernels.close();
	}

	private static int argMax(float[] v, int from, int n) {
		int best = 0;
		for (int i = 1; i < n; i++) {
			if (v[from + i] > v[from + best]) {
				best = i;
			}
		}
		return best;
	}

	@ParameterizedTest
	@CsvSource({ "tiny-cohere, Q8_0, Q8_0, 0.08, 0.04, 0.9", "tiny-cohere-qknorm, Q8_0, Q8_0, 0.08, 0.04, 0.9",
			"tiny-cohere2, Q8_0, Q8_0, 0.08, 0.04, 0.9", "tiny-cohere, Q4_0, Q8_0, 0.8, 0.4, 0.5",
			"tiny-cohere-qknorm, Q4_0, Q8_0, 0.8, 0.4, 0.5", "tiny-cohere2, Q4_0, Q8_0, 0.8, 0.4, 0.5",
			"tiny-cohere, Q4_0, Q4_0, 0.9, 0.5, 0.4", "tiny-cohere-qknorm, Q4_0, Q4_0, 0.9, 0.5, 0.4",
			"tiny-cohere2, Q4_0, Q4_0, 0.9, 0.5, 0.4" })
	void quantizedLogitsStayCloseToFloatGoldens(String fixture, String format, String outputFormat, double maxRelative,
			double meanRelative, double top1) {
		Golden golden = Golden.of(fixture);
		QuantizationPlan plan = QuantizationPlan.of(WeightQuantization.parse(format),
				WeightQuantization.parse(outputFormat));
		try (ModelWeights weights = WeightQuantizer.quantize(ModelWeights.open(golden.dir()), plan)) {
			assertThat(weights.tensor("model.layers.0.mlp.down_proj.weight").dtype())
				.isEqualTo(plan.projections().dtype());
			assertThat(weights.tensor("model.embed_tokens.weight").dtype()).isEqualTo(plan.output().dtype());
			float[] logits = new CohereModel(weights, kernels).newSession().forwardAll(golden.inputIds());
			int vocab = weights.config().vocabSize();
			int positions = golden.inputIds().length;
			double max = 0;
			double sum = 0;
			int agree = 0;
			for (int p = 0; p < positions; p++) {
				float scale = 0;
				float diff = 0;
				for (int i = 0; i < vocab; i++) {
					scale = Math.max(scale, Math.abs(golden.logits()[p * vocab + i]));
					diff = Math.max(diff, Math.abs(logits[p * vocab + i] - golden.logits()[p * vocab + i]));
				}
				double rel = diff / scale;
				max = Math.max(max, rel);
				sum += rel;
				if (argMax(logits, p * vocab, vocab) == argMax(golden.logits(), p * vocab, vocab)) {
					agree++;
				}
			}
			double mean = sum / positions;
			double agreement = (double) agree / positions;
			System.out
				.printf(Locale.ROOT,
						"quality %s %s (output %s): max relative error %.4f, mean %.4f, top-1 agreement %.3f "
								+ "over %d positions%n",
						fixture, format, outputFormat, max, mean, agreement, positions);
			assertThat(max).as("max relative error").isLessThanOrEqualTo(maxRelative);
			assertThat(mean).as("mean relative error").isLessThanOrEqualTo(meanRelative);
			assertThat(agreement).as("top-1 agreement").isGreaterThanOrEqualTo(top1);
		}
	}

}
