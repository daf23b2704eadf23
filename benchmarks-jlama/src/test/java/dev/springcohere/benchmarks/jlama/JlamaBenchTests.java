package dev.springcohere.benchmarks.jlama;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * jlama itself on a tiny synthetic checkpoint: the formats the harness compares load and
 * decode; the 8-bit one fails as its report says.
 */
class JlamaBenchTests {

	@TempDir
	static Path dir;

	static Path checkpoint;

	static final int[] PROMPT = JlamaComparison.syntheticTokens(12, SyntheticLlamaCheckpointTests.TINY.vocabSize());

	@BeforeAll
	static void writeCheckpoint() throws IOException {
		checkpoint = dir.resolve("tiny");
		new SyntheticLlamaCheckpoint(SyntheticLlamaCheckpointTests.TINY, 3).writeTo(checkpoint);
		JlamaBench.useThreads(2);
	}

	@Test
	void decodesGreedilyAndRepeatablyInBf16AndQ4() throws IOException {
		for (JlamaFormat format : new JlamaFormat[] { JlamaFormat.BF16, JlamaFormat.Q4, JlamaFormat.Q4_BF16_HEAD }) {
			try (JlamaBench jlama = JlamaBench.load(checkpoint, format)) {
				int[] first = jlama.greedy(PROMPT, 6);
				int[] second = jlama.greedy(PROMPT, 6);
				assertThat(first).as(format.name()).isEqualTo(second);
				assertThat(Arrays.stream(first)).allSatisfy((id) -> assertThat(id).isBetween(0, 1023));
				assertThat(jlama.warmUp(PROMPT)).as("warm-up steps, as the engine's bench").isBetween(8, 64);
				Timing timing = jlama.time(PROMPT, 4);
				assertThat(timing.prefillTokensPerSecond()).isPositive().isFinite();
				assertThat(timing.decodeTokensPerSecond()).isPositive().isFinite();
			}
		}
	}

	@Test
	void writesTheQuantizedCopyOnceNextToTheCheckpoint() throws IOException {
		Path q4 = JlamaFormat.Q4.checkpoint(checkpoint);
		long written = q4.resolve("model.safetensors").toFile().lastModified();

		assertThat(q4.getFileName().toString()).isEqualTo("tiny-jq4");
		assertThat(JlamaFormat.Q4.checkpoint(checkpoint)).isEqualTo(q4);
		assertThat(q4.resolve("model.safetensors").toFile().lastModified()).isEqualTo(written);
		assertThat(JlamaFormat.BF16.checkpoint(checkpoint)).isEqualTo(checkpoint);
	}

	@Test
	void jlamaHasNoKernelForEightBitWeights() throws IOException {
		try (JlamaBench jlama = JlamaBench.load(checkpoint, JlamaFormat.I8)) {
			assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> jlama.greedy(PROMPT, 1))
				.withStackTraceContaining("I8");
		}
	}

	@Test
	void fixesTheThreadCountOnce() {
		JlamaBench.useThreads(2);
		assertThat(JlamaBench.threads()).isEqualTo(2);
		assertThatIllegalStateException().isThrownBy(() -> JlamaBench.useThreads(1))
			.withMessageContaining("fixed at 2");
	}

}
