package dev.springcohere.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.model.DType;
import dev.springcohere.engine.model.GgufFixtures;
import dev.springcohere.engine.model.ModelWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A GGUF file converted from each tiny decoder fixture (llama.cpp's names, ggml's
 * dimension order, F32/F16/BF16 tensors) decodes exactly as its safetensors checkpoint:
 * the golden logits and the golden greedy ids.
 */
class GgufDecodeTests {

	static VectorKernels kernels;

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		kernels = new VectorKernels(2);
	}

	@AfterAll
	static void stop() {
		kernels.close();
	}

	static Stream<Arguments> models() {
		return Stream.of("tiny-cohere", "tiny-cohere-qknorm", "tiny-cohere2")
			.flatMap((fixture) -> Stream.of(DType.F32, DType.F16, DType.BF16).map((d) -> Arguments.of(fixture, d)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("models")
	void ggufLogitsAndGreedyIdsMatchGolden(String fixture, DType dtype) {
		Golden golden = Golden.of(fixture);
		Path file = GgufFixtures.write(fixture, dtype, 0, this.dir.resolve(fixture + ".gguf"));
		try (ModelWeights weights = ModelWeights.open(file)) {
			assertThat(weights.tensor("model.layers.0.self_attn.q_proj.weight").dtype()).isEqualTo(dtype);
			CohereModel model = new CohereModel(weights, kernels, KvCacheType.F32);
			float[] logits = model.newSession().forwardAll(golden.inputIds());
			assertThat(logits).hasSameSizeAs(golden.logits());
			float tolerance = 1e-4f;
			for (int i = 0; i < logits.length; i++) {
				assertThat(logits[i]).as("logit %d", i).isCloseTo(golden.logits()[i], within(tolerance));
			}
			List<Integer> ids = new Generator(model).generate(golden.promptIds(), golden.newIds().length,
					SamplingParams.greedy(), Set.of());
			assertThat(ids).containsExactly(Arrays.stream(golden.newIds()).boxed().toArray(Integer[]::new));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void q8GgufFilesRunThroughTheQuantizedKernelsWithinTheQualityGate(String fixture) {
		Golden golden = Golden.of(fixture);
		Path file = GgufFixtures.write(fixture, DType.Q8_0, 0, this.dir.resolve(fixture + "-q8.gguf"));
		try (ModelWeights gguf = ModelWeights.open(file)) {
			assertThat(gguf.tensor("model.layers.0.mlp.down_proj.weight").dtype()).isEqualTo(DType.Q8_0);
			float[] fromFile = new CohereModel(gguf, kernels, KvCacheType.F32).newSession()
				.forwardAll(golden.inputIds());
			int vocab = gguf.config().vocabSize();
			int agree = 0;
			for (int p = 0; p < golden.inputIds().length; p++) {
				float scale = 0;
				float diff = 0;
				for (int i = 0; i < vocab; i++) {
					scale = Math.max(scale, Math.abs(golden.logits()[p * vocab + i]));
					diff = Math.max(diff, Math.abs(fromFile[p * vocab + i] - golden.logits()[p * vocab + i]));
				}
				assertThat((double) (diff / scale)).as("relative error at position %d", p).isLessThanOrEqualTo(0.08);
				if (argMax(fromFile, p * vocab, vocab) == argMax(golden.logits(), p * vocab, vocab)) {
					agree++;
				}
			}
			assertThat((double) agree / golden.inputIds().length).as("top-1 agreement").isGreaterThanOrEqualTo(0.9);
		}
	}

	static Stream<String> fixtures() {
		return Stream.of("tiny-cohere", "tiny-cohere2");
	}

	private static int argMax(float[] values, int from, int length) {
		int best = from;
		for (int i = from + 1; i < from + length; i++) {
			if (values[i] > values[best]) {
				best = i;
			}
		}
		return best - from;
	}

}
