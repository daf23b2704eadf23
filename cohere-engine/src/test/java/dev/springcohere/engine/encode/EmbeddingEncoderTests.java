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
import dev.springcohere.engine.model.Fixtures;
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
		Fixtures.checkpointWithTokenizer("tiny-bert", this.dir);
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
		Fixtures.checkpointWithTokenizer("tiny-bert", this.dir);
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
		Fixtures.checkpointWithTokenizer("tiny-bert", this.dir);
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
	void olderLayoutWithTheEncoderInATransformerFolderIsFollowed() throws IOException {
		Path model = Files.createDirectories(this.dir.resolve("0_Transformer"));
		Fixtures.checkpointWithTokenizer("tiny-bert", model);
		clsNormalizedMetadata();
		Files.writeString(this.dir.resolve("modules.json"),
				CLS_NORMALIZED_MODULES.replace("\"path\": \"\"", "\"path\": \"0_Transformer\""));
		Files.writeString(model.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 12}");
		try (EmbeddingEncoder embedder = EmbeddingEncoder.open(this.dir, new ScalarKernels())) {
			assertThat(embedder.pooling()).isEqualTo(Pooling.of(true, PoolingMode.CLS));
			assertThat(embedder.maxLength()).isEqualTo(12);
			assertThat(embedder.embed("hello")).hasSize(64);
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
	void manySequencesOfMixedLengthsKeepTheirOrderAcrossBatches() {
		EncoderGolden golden = EncoderGolden.of("tiny-bert");
		try (ModelWeights weights = ModelWeights.open(golden.dir())) {
			EmbeddingEncoder embedder = new EmbeddingEncoder(new BertEncoder(weights, new ScalarKernels()), null,
					Pooling.of(false, PoolingMode.MEAN), 16);
			List<int[]> many = new java.util.ArrayList<>();
			for (int i = 0; i < 2 * Batching.MAX_BATCH + 3; i++) {
				int[] row = golden.row(i % 2);
				many.add(Arrays.copyOf(row, 1 + (i * 7) % row.length));
			}
			List<float[]> embeddings = embedder.embedTokens(many);
			assertThat(embeddings).hasSize(many.size());
			for (int i = 0; i < many.size(); i += 5) {
				BertEncoderTests.assertClose(embeddings.get(i), embedder.embedTokens(List.of(many.get(i))).getFirst(),
						1e-5f, "sequence " + i);
			}
		}
	}

	@Test
	void truncationKeepsTheClosingSpecialToken() throws IOException {
		Fixtures.checkpointWithTokenizer("tiny-bert", this.dir);
		Path file = this.dir.resolve("tokenizer.json");
		tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
		tools.jackson.databind.node.ObjectNode root = (tools.jackson.databind.node.ObjectNode) mapper
			.readTree(Files.readString(file));
		root.set("post_processor", mapper.readTree(
				"""
						{"type": "TemplateProcessing",
						 "single": [{"SpecialToken": {"id": "<BOS_TOKEN>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
						            {"SpecialToken": {"id": "<|END_OF_TURN_TOKEN|>", "type_id": 0}}],
						 "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 0}}],
						 "special_tokens": {
						   "<BOS_TOKEN>": {"id": "<BOS_TOKEN>", "ids": [5], "tokens": ["<BOS_TOKEN>"]},
						   "<|END_OF_TURN_TOKEN|>": {"id": "<|END_OF_TURN_TOKEN|>", "ids": [3], "tokens": ["<|END_OF_TURN_TOKEN|>"]}}}
						"""));
		Files.writeString(file, mapper.writeValueAsString(root));
		Files.writeString(this.dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 6}");
		String text = "one two three four five six seven eight nine ten";
		try (EmbeddingEncoder embedder = EmbeddingEncoder.open(this.dir, new ScalarKernels());
				HfTokenizer tokenizer = HfTokenizer.load(this.dir)) {
			int[] ids = tokenizer.encode(text, true);
			assertThat(ids[0]).isEqualTo(5);
			assertThat(ids[ids.length - 1]).isEqualTo(3);
			int[] kept = Arrays.copyOf(ids, 6);
			kept[5] = 3;
			float[] expected = embedder.embedTokens(List.of(kept)).getFirst();
			BertEncoderTests.assertClose(embedder.embed(text), expected, 1e-6f, "truncated with closing token");
		}
	}

}
