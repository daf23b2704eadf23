package dev.springcohere.engine.constrain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link GrammarMasker#applyTo} against a token-by-token reference, on masks mixing words
 * with nothing, everything, a few and most tokens allowed, logit counts that end inside a
 * word, and masks shorter than the logits.
 */
class GrammarMaskerApplyTests {

	@ParameterizedTest
	@CsvSource({ "1000, 16, 1", "1000, 15, 2", "64, 1, 3", "65, 2, 4", "5000, 79, 5", "130, 1, 6", "3000, 47, 7" })
	void applyingAMaskDisallowsExactlyTheTokensOutsideIt(int vocab, int maskWords, long seed) {
		Random random = new Random(seed);
		for (int round = 0; round < 50; round++) {
			long[] mask = new long[maskWords];
			for (int w = 0; w < maskWords; w++) {
				mask[w] = switch (random.nextInt(6)) {
					case 0 -> 0L;
					case 1 -> -1L;
					case 2 -> random.nextLong() & random.nextLong() & random.nextLong();
					case 3 -> random.nextLong() | random.nextLong() | random.nextLong();
					case 4 -> 1L << random.nextInt(64);
					default -> random.nextLong();
				};
			}
			float[] logits = new float[vocab];
			for (int i = 0; i < vocab; i++) {
				logits[i] = (float) random.nextGaussian();
			}
			float[] expected = logits.clone();
			boolean expectedAny = false;
			for (int id = 0; id < vocab; id++) {
				boolean allowed = (id >>> 6) < mask.length && (mask[id >>> 6] & (1L << id)) != 0;
				if (allowed) {
					expectedAny = true;
				}
				else {
					expected[id] = Float.NEGATIVE_INFINITY;
				}
			}
			boolean any = GrammarMasker.applyTo(mask, logits);
			assertThat(logits).as("round %d", round).containsExactly(expected);
			assertThat(any).as("round %d", round).isEqualTo(expectedAny);
		}
	}

	@ParameterizedTest
	@CsvSource({ "200, 4", "64, 1", "63, 1" })
	void aMaskWithNothingAllowedDisallowsEverything(int vocab, int maskWords) {
		float[] logits = new float[vocab];
		assertThat(GrammarMasker.applyTo(new long[maskWords], logits)).isFalse();
		for (float logit : logits) {
			assertThat(logit).isEqualTo(Float.NEGATIVE_INFINITY);
		}
	}

}
