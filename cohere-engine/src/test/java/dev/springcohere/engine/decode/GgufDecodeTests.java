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
			CohereModel model = new CohereModel(weights, kernels);
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

}
