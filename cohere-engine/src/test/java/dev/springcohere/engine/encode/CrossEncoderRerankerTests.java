package dev.springcohere.engine.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import dev.springcohere.engine.cpu.ScalarKernels;
import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.model.ModelFormatException;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class CrossEncoderRerankerTests {

	@TempDir
	Path dir;

	/**
	 * Gives the tiny tokenizer a pair template {@code <BOS> A <EOT> B <EOT>}, with
	 * segment id {@code typeB} for B.
	 */
	private void pairTemplate(int typeB) throws IOException {
		Path file = this.dir.resolve("tokenizer.json");
		JsonMapper mapper = JsonMapper.builder().build();
		ObjectNode root = (ObjectNode) mapper.readTree(Files.readString(file));
		ObjectNode post = (ObjectNode) mapper.readTree(
				"""
						{"type": "TemplateProcessing",
						 "single": [{"SpecialToken": {"id": "<BOS_TOKEN>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
						 "pair": [{"SpecialToken": {"id": "<BOS_TOKEN>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
						          {"SpecialToken": {"id": "<|END_OF_TURN_TOKEN|>", "type_id": 0}},
						          {"Sequence": {"id": "B", "type_id": %d}},
						          {"SpecialToken": {"id": "<|END_OF_TURN_TOKEN|>", "type_id": %d}}],
						 "special_tokens": {
						   "<BOS_TOKEN>": {"id": "<BOS_TOKEN>", "ids": [5], "tokens": ["<BOS_TOKEN>"]},
						   "<|END_OF_TURN_TOKEN|>": {"id": "<|END_OF_TURN_TOKEN|>", "ids": [3], "tokens": ["<|END_OF_TURN_TOKEN|>"]}}}
						"""
					.formatted(typeB, typeB));
		root.set("post_processor", post);
		Files.writeString(file, mapper.writeValueAsString(root));
	}

	private static int[] concat(int[]... parts) {
		return java.util.Arrays.stream(parts).flatMapToInt(java.util.Arrays::stream).toArray();
	}

	@Test
	void scoresOfTokenIdsAreSigmoidsOfGoldenLogits() {
		EncoderGolden golden = EncoderGolden.of("tiny-xlmr-reranker");
		try (VectorKernels vector = new VectorKernels(2);
				CrossEncoderReranker reranker = CrossEncoderReranker.open(golden.dir(), vector)) {
			float[] scores = reranker.scoreTokens(List.of(golden.row(0), golden.row(1)), null);
			for (int i = 0; i < 2; i++) {
				double expected = 1.0 / (1.0 + Math.exp(-golden.logits()[i]));
				assertThat((double) scores[i]).as("score %d", i).isCloseTo(expected, within(3e-5));
				assertThat(scores[i]).isBetween(0f, 1f);
			}
			List<int[]> many = IntStream.range(0, 2 * Batching.MAX_BATCH + 1).mapToObj(i -> golden.row(i % 2)).toList();
			float[] manyScores = reranker.scoreTokens(many, null);
			for (int i = 0; i < many.size(); i++) {
				assertThat(manyScores[i]).as("pair %d", i).isCloseTo(scores[i % 2], within(1e-5f));
			}
			assertThatIllegalStateException().isThrownBy(() -> reranker.score("q", List.of("d")))
				.withMessageContaining("no tokenizer");
		}
	}

	@Test
	void textPairsAreEncodedWithThePairTemplate() throws IOException {
		Fixtures.checkpointWithTokenizer("tiny-xlmr-reranker", this.dir);
		pairTemplate(0);
		String query = "what is a reranker?";
		List<String> documents = List.of("A reranker scores documents.", "Bananas are yellow.", "");
		try (CrossEncoderReranker reranker = CrossEncoderReranker.open(this.dir, new ScalarKernels());
				HfTokenizer tokenizer = HfTokenizer.load(this.dir)) {
			int[] q = tokenizer.encode(query, false);
			List<int[]> expectedPairs = documents.stream()
				.map(d -> concat(new int[] { 5 }, q, new int[] { 3 }, tokenizer.encode(d, false), new int[] { 3 }))
				.toList();
			float[] scores = reranker.score(query, documents);
			float[] expected = reranker.scoreTokens(expectedPairs, null);
			assertThat(scores).hasSize(3);
			IntStream.range(0, 3)
				.forEach(i -> assertThat(scores[i]).as("document %d", i).isCloseTo(expected[i], within(1e-6f)));
			assertThat(scores[0]).isNotEqualTo(scores[1]);
		}
	}

	@Test
	void pairTokenizerReportsSegmentIdsAndTruncatesLongestFirst() throws IOException {
		Fixtures.checkpointWithTokenizer("tiny-bert", this.dir);
		pairTemplate(1);
		try (PairTokenizer pairs = PairTokenizer.load(this.dir, 12);
				HfTokenizer tokenizer = HfTokenizer.load(this.dir)) {
			PairTokenizer.EncodedPair pair = pairs.encode("short q", "doc");
			int[] q = tokenizer.encode("short q", false);
			int[] d = tokenizer.encode("doc", false);
			assertThat(pair.inputIds())
				.containsExactly(concat(new int[] { 5 }, q, new int[] { 3 }, d, new int[] { 3 }));
			int[] types = pair.tokenTypeIds();
			assertThat(types).hasSize(pair.inputIds().length);
			assertThat(java.util.Arrays.copyOf(types, q.length + 2)).containsOnly(0);
			assertThat(java.util.Arrays.copyOfRange(types, q.length + 2, types.length)).containsOnly(1);
			PairTokenizer.EncodedPair truncated = pairs.encode("a query that goes on and on and on and on",
					"and a document that is just as long as the query is, or longer still");
			assertThat(truncated.inputIds()).hasSize(12);
			assertThat(truncated.inputIds()[0]).isEqualTo(5);
			assertThat(truncated.inputIds()[11]).isEqualTo(3);
		}
	}

	@Test
	void encoderWithoutClassificationHeadIsNotAReranker() {
		assertThatExceptionOfType(ModelFormatException.class)
			.isThrownBy(() -> CrossEncoderReranker.open(EncoderGolden.of("tiny-bert").dir(), new ScalarKernels()))
			.withMessageContaining("No sequence-classification head");
	}

}
