package dev.springcohere.engine.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.cpu.ScalarKernels;
import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.model.ModelWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BertEncoderTests {

	static VectorKernels vector;

	@BeforeAll
	static void start() {
		vector = new VectorKernels(2);
	}

	@AfterAll
	static void stop() {
		vector.close();
	}

	static void assertClose(float[] actual, float[] expected, float tolerance, String what) {
		assertThat(actual).as(what).hasSameSizeAs(expected);
		for (int i = 0; i < expected.length; i++) {
			assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(tolerance));
		}
	}

	@Test
	void bertLastHiddenStateAndPoolerMatchGoldenOnBothKernelPaths() {
		EncoderGolden golden = EncoderGolden.of("tiny-bert");
		try (ModelWeights weights = ModelWeights.open(golden.dir())) {
			for (Kernels kernels : List.<Kernels>of(new ScalarKernels(), vector)) {
				BertEncoder encoder = new BertEncoder(weights, kernels);
				assertThat(encoder.weightPrefix()).isEmpty();
				assertThat(encoder.hasPooler()).isTrue();
				EncoderOutput out = encoder.encode(golden.batch());
				assertClose(out.lastHiddenState(), golden.lastHiddenState(), 1e-4f, "last_hidden_state");
				assertClose(out.poolerOutput(), golden.pooler(), 1e-4f, "pooler_output");
			}
		}
	}

	@Test
	void scalarAndVectorPathsAgreeClosely() {
		EncoderGolden golden = EncoderGolden.of("tiny-bert");
		try (ModelWeights weights = ModelWeights.open(golden.dir())) {
			float[] scalar = new BertEncoder(weights, new ScalarKernels()).encode(golden.batch()).lastHiddenState();
			float[] fast = new BertEncoder(weights, vector).encode(golden.batch()).lastHiddenState();
			assertClose(fast, scalar, 1e-5f, "vector vs scalar");
		}
	}

	@Test
	void paddedRowEqualsTheSequenceEncodedAlone() {
		for (String fixture : List.of("tiny-bert", "tiny-xlmr-reranker")) {
			EncoderGolden golden = EncoderGolden.of(fixture);
			try (ModelWeights weights = ModelWeights.open(golden.dir())) {
				BertEncoder encoder = new BertEncoder(weights, vector);
				int padId = weights.config().padTokenId();
				EncoderOutput batched = encoder.encode(golden.batch());
				int[] shortRow = golden.row(1);
				assertThat(shortRow.length).as("the fixture pads its second row")
					.isLessThan(golden.inputIds()[1].length);
				EncoderOutput alone = encoder.encode(EncoderBatch.padded(List.of(shortRow), null, padId));
				for (int t = 0; t < shortRow.length; t++) {
					assertClose(batched.hiddenState(1, t), alone.hiddenState(0, t), 1e-5f, fixture + " token " + t);
				}
				EncoderOutput repadded = encoder
					.encode(EncoderBatch.padded(List.of(golden.row(0), shortRow), null, padId));
				assertClose(repadded.lastHiddenState(), batched.lastHiddenState(), 1e-5f, fixture + " re-padded");
			}
		}
	}

	@Test
	void xlmRobertaPrefixIsDetectedAndSequenceTooLongIsRejected() {
		EncoderGolden golden = EncoderGolden.of("tiny-xlmr-reranker");
		try (ModelWeights weights = ModelWeights.open(golden.dir())) {
			BertEncoder encoder = new BertEncoder(weights, vector);
			assertThat(encoder.weightPrefix()).isEqualTo("roberta.");
			assertThat(encoder.hasPooler()).isFalse();
			assertThat(encoder.maxSequenceLength())
				.isEqualTo(weights.config().maxPositionEmbeddings() - weights.config().padTokenId() - 1);
			int[] tooLong = new int[encoder.maxSequenceLength() + 1];
			Arrays.fill(tooLong, 7);
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> encoder.encode(EncoderBatch.padded(List.of(tooLong), null, 1)))
				.withMessageContaining("longer than the " + encoder.maxSequenceLength() + " tokens");
			int[] fits = Arrays.copyOf(tooLong, encoder.maxSequenceLength());
			assertThat(encoder.encode(EncoderBatch.padded(List.of(fits), null, 1)).lastHiddenState()).isNotEmpty();
		}
	}

}
