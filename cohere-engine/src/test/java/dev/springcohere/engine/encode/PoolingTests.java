package dev.springcohere.engine.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.springcohere.engine.cpu.ScalarKernels;
import dev.springcohere.engine.model.ModelFormatException;
import dev.springcohere.engine.model.ModelWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolingTests {

	private static final String TRANSFORMER = """
			{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"}""";

	private static final String POOLING = """
			{"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}""";

	private static final String NORMALIZE = """
			{"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}""";

	@TempDir
	Path dir;

	private void write(String modules, String poolingConfig) throws IOException {
		Files.writeString(this.dir.resolve("modules.json"), "[" + modules + "]");
		if (poolingConfig != null) {
			Files.createDirectories(this.dir.resolve("1_Pooling"));
			Files.writeString(this.dir.resolve("1_Pooling/config.json"), poolingConfig);
		}
	}

	private static String modes(boolean cls, boolean mean, boolean max) {
		return """
				{"word_embedding_dimension": 64, "pooling_mode_cls_token": %s, "pooling_mode_mean_tokens": %s,
				 "pooling_mode_max_tokens": %s, "pooling_mode_mean_sqrt_len_tokens": false,
				 "pooling_mode_weightedmean_tokens": false, "pooling_mode_lasttoken": false, "include_prompt": true}
				""".formatted(cls, mean, max);
	}

	@Test
	void withoutModulesJsonFallsBackToUnnormalizedMean() {
		assertThat(Pooling.read(this.dir)).isEqualTo(new Pooling(java.util.List.of(PoolingMode.MEAN), false));
	}

	@Test
	void clsPoolingWithNormalizeModule() throws IOException {
		write(TRANSFORMER + "," + POOLING + "," + NORMALIZE, modes(true, false, false));
		assertThat(Pooling.read(this.dir)).isEqualTo(Pooling.of(true, PoolingMode.CLS));
	}

	@Test
	void meanPoolingWithoutNormalizeModule() throws IOException {
		write(TRANSFORMER + "," + POOLING, modes(false, true, false));
		assertThat(Pooling.read(this.dir)).isEqualTo(Pooling.of(false, PoolingMode.MEAN));
	}

	@Test
	void severalModesAreConcatenatedInSentenceTransformersOrder() throws IOException {
		write(TRANSFORMER + "," + POOLING, modes(true, true, true));
		Pooling pooling = Pooling.read(this.dir);
		assertThat(pooling.modes()).containsExactly(PoolingMode.CLS, PoolingMode.MAX, PoolingMode.MEAN);
		assertThat(pooling.dimension(64)).isEqualTo(192);
	}

	@Test
	void namedPoolingModeIsUnderstood() throws IOException {
		write(POOLING + "," + NORMALIZE, "{\"pooling_mode\": \"lasttoken\"}");
		assertThat(Pooling.read(this.dir)).isEqualTo(Pooling.of(true, PoolingMode.LAST_TOKEN));
	}

	@Test
	void normalizeWithoutPoolingModuleKeepsMeanPooling() throws IOException {
		write(TRANSFORMER + "," + NORMALIZE, null);
		assertThat(Pooling.read(this.dir)).isEqualTo(Pooling.of(true, PoolingMode.MEAN));
	}

	@Test
	void unsupportedModulesAndModesAreRejected() throws IOException {
		write(TRANSFORMER + "," + POOLING + ", {\"idx\": 2, \"path\": \"2_Dense\", \"type\":"
				+ " \"sentence_transformers.models.Dense\"}", modes(true, false, false));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> Pooling.read(this.dir))
			.withMessageContaining("Unsupported sentence-transformers module 'sentence_transformers.models.Dense'")
			.withMessageContaining("2_Dense");
		write(POOLING, "{\"pooling_mode_weightedmean_tokens\": true}");
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> Pooling.read(this.dir))
			.withMessageContaining("weightedmean");
		write(POOLING, modes(false, false, false));
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> Pooling.read(this.dir))
			.withMessageContaining("No pooling mode enabled");
		write(POOLING, "{\"pooling_mode\": \"median\"}");
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> Pooling.read(this.dir))
			.withMessageContaining("Unsupported pooling_mode 'median'");
	}

	@Test
	void brokenMetadataIsRejected() throws IOException {
		Files.writeString(this.dir.resolve("modules.json"), "[" + POOLING + "]");
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> Pooling.read(this.dir))
			.withMessageContaining("1_Pooling")
			.withMessageContaining("config.json is absent");
		Files.writeString(this.dir.resolve("modules.json"), "[{\"type\": ");
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> Pooling.read(this.dir))
			.withMessageContaining("Invalid JSON")
			.withMessageContaining("modules.json");
		Files.writeString(this.dir.resolve("modules.json"), "{}");
		assertThatExceptionOfType(ModelFormatException.class).isThrownBy(() -> Pooling.read(this.dir))
			.withMessageContaining("Expected a JSON array");
	}

	@Test
	void poolingComputesOverRealTokensOnly() {
		EncoderGolden golden = EncoderGolden.of("tiny-bert");
		int h = 64;
		int seq = golden.inputIds()[1].length;
		int real = golden.row(1).length;
		float[] reference = golden.lastHiddenState();
		float[] mean = new float[h];
		float[] max = new float[h];
		Arrays.fill(max, Float.NEGATIVE_INFINITY);
		for (int t = 0; t < real; t++) {
			for (int i = 0; i < h; i++) {
				float v = reference[(seq + t) * h + i];
				mean[i] += v / real;
				max[i] = Math.max(max[i], v);
			}
		}
		float[] cls = Arrays.copyOfRange(reference, seq * h, seq * h + h);
		float[] last = Arrays.copyOfRange(reference, (seq + real - 1) * h, (seq + real) * h);
		try (ModelWeights weights = ModelWeights.open(golden.dir())) {
			EncoderOutput out = new BertEncoder(weights, new ScalarKernels()).encode(golden.batch());
			BertEncoderTests.assertClose(Pooling.of(false, PoolingMode.MEAN).pool(out, 1), mean, 1e-4f, "mean");
			BertEncoderTests.assertClose(Pooling.of(false, PoolingMode.MAX).pool(out, 1), max, 1e-4f, "max");
			BertEncoderTests.assertClose(Pooling.of(false, PoolingMode.CLS).pool(out, 1), cls, 1e-4f, "cls");
			BertEncoderTests.assertClose(Pooling.of(false, PoolingMode.LAST_TOKEN).pool(out, 1), last, 1e-4f,
					"last token");
			float[] sqrtLen = Pooling.of(false, PoolingMode.MEAN_SQRT_LEN).pool(out, 1);
			float factor = (float) Math.sqrt(real);
			for (int i = 0; i < h; i++) {
				assertThat(sqrtLen[i]).isCloseTo(mean[i] * factor, org.assertj.core.api.Assertions.within(1e-4f));
			}
			float[] normalized = Pooling.of(true, PoolingMode.CLS, PoolingMode.MEAN).pool(out, 1);
			double norm = 0;
			for (float v : normalized) {
				norm += v * v;
			}
			assertThat(normalized).hasSize(2 * h);
			assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
		}
	}

}
