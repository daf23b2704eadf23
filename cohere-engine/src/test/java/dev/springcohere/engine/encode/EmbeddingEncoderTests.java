package dev.springcohere.engine.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.springcohere.engine.cpu.ScalarKernels;
import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingEncoderTests {

	private static final String CLS_NORMALIZED_MODULES = """
			[{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
			 {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
			 {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]""";

	@TempDir
	Path dir;

	private void clsNormalizedMetadata() throws IOException {
		Files.writeString(this.dir.resolve("modules.json"), CLS_NORMALIZED_MODULES);
		Files.createDirectories(this.dir.resolve("1_Pooling"));
		Files.writeString(this.dir.resolve("1_Pooling/config.json"),
				"{\"pooling_mode_cls_token\": true, \"pooling_mode_mean_tokens\": false}");
	}

	@Test
	void clsNormalizedEmbeddingsOfTokenIdsMatchGoldenHiddenState() throws IOException {
		EncoderCheckpoints.withTokenizer("tiny-bert", this.dir);
		clsNormalizedMetadata();
		EncoderGolden golden = EncoderGolden.of("tiny-bert");
		try (VectorKernels vector = new VectorKernels(2);
				EmbeddingEncoder embedder = EmbeddingEncoder.open(this.dir, vector)) {
			assertThat(embedder.pooling()).isEqualTo(Pooling.of(true, PoolingMode.CLS));
			assertThat(embedder.dimension()).isEqualTo(64);
			List<float[]> embeddings = embedder.embedTokens(List.of(golden.row(0), golden.row(1)));
			int seq = golden.inputIds()[0].length;
			for (int row = 0; row < 2; row++) {
				float[] cls = Arrays.copyOfRange(golden.lastHiddenState(), row * seq * 64, row * seq * 64 + 64);
				Pooling.normalizeInPlace(cls);
				BertEncoderTests.assertClose(embeddings.get(row), cls, 1e-4f, "embedding " + row);
			}
		}
	}

	@Test
	void textsAreTokenizedWithSpecialTokensAndBatchedLikeSingleTexts() throws IOException {
		EncoderCheckpoints.withTokenizer("tiny-bert", this.dir);
		List<String> texts = List.of("Hello, world!", "A somewhat longer sentence about rerankers and embeddings.",
				"x");
		try (EmbeddingEncoder embedder = EmbeddingEncoder.open(this.dir, new ScalarKernels());
				HfTokenizer tokenizer = HfTokenizer.load(this.dir)) {
			assertThat(embedder.pooling()).isEqualTo(Pooling.fallback());
			List<float[]> together = embedder.embed(texts);
			assertThat(together).hasSize(3);
			for (int i = 0; i < texts.size(); i++) {
				float[] alone = embedder.embedTokens(List.of(tokenizer.encode(texts.get(i), true))).getFirst();
				BertEncoderTests.assertClose(together.get(i), alone, 1e-5f, "text " + i);
				BertEncoderTests.assertClose(embedder.embed(texts.get(i)), alone, 1e-5f, "single text " + i);
			}
			assertThat(together.get(0)).isNotEqualTo(together.get(1));
		}
	}

	@Test
	void longTextsAreTruncatedToMaxSeqLength() throws IOException {
		EncoderCheckpoints.withTokenizer("tiny-bert", this.dir);
		Files.writeString(this.dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 8}");
		String text = "one two three four five six seven eight nine ten eleven twelve";
		try (EmbeddingEncoder embedder = EmbeddingEncoder.open(this.dir, new ScalarKernels());
				HfTokenizer tokenizer = HfTokenizer.load(this.dir)) {
			assertThat(embedder.maxLength()).isEqualTo(8);
			int[] ids = tokenizer.encode(text, true);
			assertThat(ids.length).isGreaterThan(8);
			float[] expected = embedder.embedTokens(List.of(Arrays.copyOf(ids, 8))).getFirst();
			BertEncoderTests.assertClose(embedder.embed(text), expected, 1e-6f, "truncated");
		}
	}

	@Test
	void withoutTokenizerOnlyTokenIdsCanBeEmbedded() {
		EncoderGolden golden = EncoderGolden.of("tiny-bert");
		try (EmbeddingEncoder embedder = EmbeddingEncoder.open(golden.dir(), new ScalarKernels())) {
			assertThat(embedder.embedTokens(List.of(golden.row(0))).getFirst()).hasSize(64);
			assertThatIllegalStateException().isThrownBy(() -> embedder.embed("hello"))
				.withMessageContaining("no tokenizer")
				.withMessageContaining("embedTokens");
		}
	}

	@Test
	void manyTextsAreSplitIntoBatches() {
		EncoderGolden golden = EncoderGolden.of("tiny-bert");
		try (ModelWeights weights = ModelWeights.open(golden.dir())) {
			EmbeddingEncoder embedder = new EmbeddingEncoder(new BertEncoder(weights, new ScalarKernels()), null,
					Pooling.of(false, PoolingMode.MEAN), 16);
			List<int[]> many = new java.util.ArrayList<>();
			for (int i = 0; i < EmbeddingEncoder.MAX_BATCH + 3; i++) {
				many.add(i % 2 == 0 ? golden.row(0) : golden.row(1));
			}
			List<float[]> embeddings = embedder.embedTokens(many);
			assertThat(embeddings).hasSize(many.size());
			BertEncoderTests.assertClose(embeddings.getLast(), embeddings.get(0), 1e-5f, "same row, other batch");
		}
	}

}
