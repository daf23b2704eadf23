package dev.springcohere.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Masked logits (negative infinity, as constrained decoding sets them) are never sampled,
 * whatever the settings.
 */
class SamplerMaskTests {

	@Test
	void maskedTokensAreNeverChosen() {
		float[] logits = new float[4096];
		Arrays.fill(logits, Float.NEGATIVE_INFINITY);
		int[] allowed = { 3, 1000, 1001, 4095 };
		for (int i = 0; i < allowed.length; i++) {
			logits[allowed[i]] = -2f + i * 0.5f;
		}
		Set<Integer> seen = new HashSet<>();
		for (SamplingParams params : new SamplingParams[] { new SamplingParams(1.0, 0, 1.0, 7),
				new SamplingParams(2.5, 0, 1.0, 8), new SamplingParams(0.7, 50, 0.9, 9), SamplingParams.greedy() }) {
			Sampler sampler = new Sampler(params);
			for (int n = 0; n < 2000; n++) {
				int id = sampler.sample(logits.clone());
				assertThat(id).isIn(3, 1000, 1001, 4095);
				seen.add(id);
			}
		}
		assertThat(seen).containsExactlyInAnyOrder(3, 1000, 1001, 4095);
	}

}
