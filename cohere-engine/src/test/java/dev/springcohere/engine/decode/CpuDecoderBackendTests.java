package dev.springcohere.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.decode.BatchEntry.Logits;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.model.WeightQuantization;
import dev.springcohere.engine.model.WeightQuantizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuDecoderBackendTests {

	static VectorKernels vector;

	@BeforeAll
	static void start() {
		vector = new VectorKernels(2);
	}

	@AfterAll
	static void stop() {
		vector.close();
	}

	/** A sequence's tokens and its block table, grown as the test feeds it. */
	private static final class Seq {

		final int[] ids;

		final List<KvBlock> blocks = new ArrayList<>();

		int fed;

		Seq(int[] ids) {
			this.ids = ids;
		}

		BatchEntry feed(KvBlockPool pool, int n, Logits logits) {
			while (this.blocks.size() * pool.blockTokens() < this.fed + n) {
				KvBlock block = pool.allocate();
				assertThat(block).as("a free block").isNotNull();
				this.blocks.add(block);
			}
			BatchEntry entry = new BatchEntry(Arrays.copyOfRange(this.ids, this.fed, this.fed + n), this.fed,
					List.copyOf(this.blocks), logits);
			this.fed += n;
			return entry;
		}

	}

	private static void assertClose(float[] actual, float[] expected, float tolerance, String what) {
		assertThat(actual).as(what).hasSameSizeAs(expected);
		for (int i = 0; i < expected.length; i++) {
			assertThat(actual[i]).as("%s, logit %d", what, i).isCloseTo(expected[i], within(tolerance));
		}
	}

	@ParameterizedTest
	@CsvSource({ "tiny-cohere, f32, none", "tiny-cohere-qknorm, f32, none", "tiny-cohere2, f32, none",
			"tiny-cohere, bf16, none", "tiny-cohere-qknorm, f16, none", "tiny-cohere2, bf16, none",
			"tiny-cohere2, bf16, q8_0", "tiny-cohere, f32, q4_0" })
	void batchedLogitsOfSequencesOfDifferentLengthsEqualUnbatchedOnes(String fixture, String kvType, String quantize) {
		Golden golden = Golden.of(fixture);
		KvCacheType type = KvCacheType.of(kvType);
		try (ModelWeights weights = WeightQuantizer.quantize(ModelWeights.open(golden.dir()),
				WeightQuantization.parse(quantize))) {
			CohereModel model = new CohereModel(weights, vector, type);
			KvBlockPool pool = new KvBlockPool(weights.config(), type, 4, 1L << 24);
			CpuDecoderBackend backend = new CpuDecoderBackend(model, pool);
			int[] input = golden.inputIds();
			int vocab = weights.config().vocabSize();
			Seq a = new Seq(input);
			Seq b = new Seq(Arrays.copyOfRange(input, 3, 20));
			Seq c = new Seq(Arrays.copyOfRange(input, 10, 13));
			// step 1: a prompt chunk (all logits), a whole prompt (last logits), one
			// token
			List<float[]> first = backend.step(
					List.of(a.feed(pool, 25, Logits.ALL), b.feed(pool, 17, Logits.LAST), c.feed(pool, 1, Logits.ALL)));
			// step 2: a's second chunk, c's two decode tokens one after the other
			List<float[]> second = backend.step(List.of(c.feed(pool, 1, Logits.LAST), a.feed(pool, 15, Logits.ALL)));
			List<float[]> third = backend.step(List.of(c.feed(pool, 1, Logits.NONE)));
			assertThat(third).containsExactly((float[]) null);
			float[] aAll = new float[input.length * vocab];
			System.arraycopy(first.get(0), 0, aAll, 0, 25 * vocab);
			System.arraycopy(second.get(1), 0, aAll, 25 * vocab, 15 * vocab);
			// the GEMMs sum in another order with other row counts; a half-precision
			// cache
			// can then round a key one step differently
			float tolerance = (type == KvCacheType.F32) ? 2e-5f : 5e-4f;
			if ("q4_0".equals(quantize)) {
				// below four rows a Q4_0 matmul multiplies activations quantized to 8
				// bits
				// (the repacked decode GEMV), from four rows float ones: a lone decode
				// row
				// and the same row inside a batch differ by that quantization
				tolerance = 1e-2f;
			}
			assertClose(aAll, model.newSession().forwardAll(input), tolerance, "sequence a");
			if (type == KvCacheType.F32 && "none".equals(quantize)) {
				assertClose(aAll, golden.logits(), 1e-4f, "sequence a against the golden logits");
			}
			float[] bExpected = model.newSession().prefill(b.ids);
			assertClose(first.get(1), bExpected, tolerance, "sequence b");
			float[] cAll = model.newSession().forwardAll(Arrays.copyOf(c.ids, 2));
			assertClose(first.get(2), Arrays.copyOf(cAll, vocab), tolerance, "sequence c, first token");
			assertClose(second.get(0), Arrays.copyOfRange(cAll, vocab, 2 * vocab), tolerance,
					"sequence c, second token");
		}
	}

	@Test
	void slidingWindowLayersStayExactPastTheWindowTokenByToken() {
		Golden golden = Golden.of("tiny-cohere2");
		try (ModelWeights weights = ModelWeights.open(golden.dir())) {
			CohereModel model = new CohereModel(weights, vector, KvCacheType.F32);
			KvBlockPool pool = new KvBlockPool(weights.config(), KvCacheType.F32, 3, 1L << 22);
			CpuDecoderBackend backend = new CpuDecoderBackend(model, pool);
			int[] input = golden.inputIds();
			int vocab = weights.config().vocabSize();
			assertThat(input.length).isGreaterThan(3 * weights.config().slidingWindow());
			Seq one = new Seq(input);
			Seq other = new Seq(Arrays.copyOfRange(input, 1, input.length));
			for (int i = 0; i < input.length - 1; i++) {
				List<float[]> logits = backend
					.step(List.of(one.feed(pool, 1, Logits.LAST), other.feed(pool, 1, Logits.LAST)));
				assertClose(logits.get(0), Arrays.copyOfRange(golden.logits(), i * vocab, (i + 1) * vocab), 1e-4f,
						"position " + i);
			}
		}
	}

	@Test
	void rejectsATooShortBlockTableAndTokensOutsideTheVocabulary() {
		Golden golden = Golden.of("tiny-cohere");
		try (ModelWeights weights = ModelWeights.open(golden.dir())) {
			CohereModel model = new CohereModel(weights, vector, KvCacheType.F32);
			KvBlockPool pool = new KvBlockPool(weights.config(), KvCacheType.F32, 4, 1L << 20);
			CpuDecoderBackend backend = new CpuDecoderBackend(model, pool);
			KvBlock block = pool.allocate();
			assertThatThrownBy(() -> backend
				.step(List.of(new BatchEntry(new int[] { 1, 2, 3, 4, 5 }, 0, List.of(block), Logits.LAST))))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("covers only 4");
			assertThatThrownBy(
					() -> backend.step(List.of(new BatchEntry(new int[] { 100_000 }, 0, List.of(block), Logits.LAST))))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("outside the vocabulary");
			assertThatThrownBy(() -> new CpuDecoderBackend(new CohereModel(weights, vector, KvCacheType.BF16), pool))
				.hasMessageContaining("KV cache type is bf16");
		}
	}

}
