package dev.springcohere.benchmarks.jlama;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JlamaComparisonTests {

	@Test
	void takesMediansOfOddAndEvenCounts() {
		assertThat(JlamaComparison.median(new double[] { 3, 1, 2 })).isEqualTo(2);
		assertThat(JlamaComparison.median(new double[] { 4, 1, 3, 2 })).isCloseTo(2.5, within(1e-12));
	}

	@Test
	void tabulatesPairRatiosAndTheirMedians() {
		String table = JlamaComparison.table(new ComparisonOptions.FormatPair("q4_0", JlamaFormat.Q4),
				List.of(new Timing[] { new Timing(10, 8), new Timing(20, 4) },
						new Timing[] { new Timing(30, 6), new Timing(10, 6) },
						new Timing[] { new Timing(40, 9), new Timing(10, 3) }));

		assertThat(table).contains("q4_0 vs jlama q4")
			.contains("| 1 | 8.00 | 4.00 | 2.00x | 10.00 | 20.00 | 0.50x |")
			.contains("| median | 8.00 | 4.00 | **2.00x** | 30.00 | 10.00 | **3.00x** |");
	}

	@Test
	void promptsWithTheEnginesTokensInsideTheVocabulary() {
		int[] tokens = JlamaComparison.syntheticTokens(300, 1024);

		assertThat(tokens).hasSize(300);
		assertThat(Arrays.stream(tokens)).allSatisfy((id) -> assertThat(id).isBetween(0, 1023));
		assertThat(tokens[0]).isEqualTo(11);
		assertThat(tokens).isEqualTo(JlamaComparison.syntheticTokens(300, 1024));
	}

}
