package dev.springcohere.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The sampler draws from the distribution a full sort of the vocabulary defines (the
 * reference below: sort by logit, keep top-k, cut at top-p, renormalise), on every path
 * (top-k heap, top-p buckets, whole distribution), reproducibly per seed, never picking a
 * masked token and without allocating per token.
 */
class SamplerTests {

	private static final int VOCAB = 3000;

	static List<Arguments> settings() {
		List<Arguments> out = new ArrayList<>();
		double[][] settings = { { 0.7, 0, 1.0 }, { 0.7, 0, 0.75 }, { 1.0, 40, 1.0 }, { 1.3, 40, 0.9 }, { 0.5, 0, 0.3 },
				{ 2.0, 5, 0.5 }, { 1.0, 0, 0.999 }, { 0.9, 5000, 0.8 } };
		for (double[] s : settings) {
			for (String shape : List.of("peaked", "flat", "masked", "ties")) {
				out.add(Arguments.of(shape, s[0], (int) s[1], s[2]));
			}
		}
		return out;
	}

	@ParameterizedTest(name = "{0} logits, temperature {1}, top-k {2}, top-p {3}")
	@MethodSource("settings")
	void drawsFromTheFullSortDistributionOverManySeeds(String shape, double temperature, int topK, double topP) {
		float[] logits = logits(shape, 99);
		double[] expected = referenceDistribution(logits, temperature, topK, topP);
		int[] counts = new int[logits.length];
		int draws = 0;
		for (long seed = 0; seed < 200; seed++) {
			Sampler sampler = new Sampler(new SamplingParams(temperature, topK, topP, seed));
			for (int i = 0; i < 60; i++) {
				int id = sampler.sample(logits);
				assertThat(expected[id]).as("probability of the sampled token %d", id).isGreaterThan(0);
				counts[id]++;
				draws++;
			}
		}
		assertChiSquareAgrees(counts, draws, expected);
	}

	@Test
	void sameSeedSameTokensOnEveryPathAndOtherSeedsDiffer() {
		float[] logits = logits("flat", 5);
		for (SamplingParams params : List.of(new SamplingParams(0.7, 0, 1.0, 11), new SamplingParams(0.7, 0, 0.9, 11),
				new SamplingParams(0.7, 50, 0.9, 11))) {
			int[] a = draw(new Sampler(params), logits, 64);
			int[] b = draw(new Sampler(params), logits, 64);
			int[] c = draw(new Sampler(new SamplingParams(params.temperature(), params.topK(), params.topP(), 12)),
					logits, 64);
			assertThat(a).as("%s", params).isEqualTo(b).isNotEqualTo(c);
		}
	}

	@Test
	void everyTokenMaskedIsAClearErrorOnEveryPath() {
		float[] logits = new float[100];
		Arrays.fill(logits, Float.NEGATIVE_INFINITY);
		for (SamplingParams params : List.of(new SamplingParams(0.7, 0, 1.0, 1), new SamplingParams(0.7, 0, 0.9, 1),
				new SamplingParams(0.7, 10, 0.9, 1))) {
			assertThatIllegalStateException().isThrownBy(() -> new Sampler(params).sample(logits))
				.withMessageContaining("Every one of the 100 logits is negative infinity");
		}
	}

	@Test
	void topKKeepsOnlyTheKBestWithTheLowerIdFirstOnTies() {
		float[] logits = new float[1000];
		Arrays.fill(logits, -5f);
		logits[700] = 3f;
		logits[10] = 2f;
		logits[20] = 2f;
		logits[30] = 2f;
		Sampler sampler = new Sampler(new SamplingParams(50.0, 3, 1.0, 3));
		boolean[] seen = new boolean[logits.length];
		for (int i = 0; i < 3000; i++) {
			seen[sampler.sample(logits)] = true;
		}
		assertThat(IntStream.range(0, seen.length).filter(i -> seen[i]).toArray()).containsExactly(10, 20, 700);
	}

	@Test
	void aStepAllocatesNothingOnceWarm() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		float[] logits = logits("peaked", 7);
		float[] big = Arrays.copyOf(logits, 64_000);
		for (SamplingParams params : List.of(new SamplingParams(0.7, 0, 1.0, 1), new SamplingParams(0.7, 0, 0.75, 1),
				new SamplingParams(0.7, 40, 0.9, 1))) {
			Sampler sampler = new Sampler(params);
			draw(sampler, big, 200);
			long before = threads.getCurrentThreadAllocatedBytes();
			int sum = 0;
			for (int i = 0; i < 200; i++) {
				sum += sampler.sample(big);
			}
			long allocated = threads.getCurrentThreadAllocatedBytes() - before;
			assertThat(sum).isNotNegative();
			assertThat(allocated).as("bytes allocated by 200 steps with %s", params).isLessThan(16 * 1024);
		}
	}

	private static int[] draw(Sampler sampler, float[] logits, int n) {
		int[] out = new int[n];
		for (int i = 0; i < n; i++) {
			out[i] = sampler.sample(logits);
		}
		return out;
	}

	private static float[] logits(String shape, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		float[] logits = new float[VOCAB];
		for (int i = 0; i < VOCAB; i++) {
			logits[i] = switch (shape) {
				case "peaked" -> (float) (random.nextGaussian() * 3 - (i % 97 == 0 ? 0 : 4));
				case "flat" -> (float) (random.nextGaussian() * 0.3);
				case "masked" -> (i % 3 == 0) ? (float) random.nextGaussian() * 2 : Float.NEGATIVE_INFINITY;
				case "ties" -> (float) Math.floor(random.nextGaussian() * 2);
				default -> throw new IllegalArgumentException(shape);
			};
		}
		return logits;
	}

	/**
	 * The reference: a full sort of every token (descending logit, lower id first),
	 * top-k, then the shortest prefix reaching top-p, renormalised.
	 */
	private static double[] referenceDistribution(float[] logits, double temperature, int topK, double topP) {
		Integer[] order = IntStream.range(0, logits.length).boxed().toArray(Integer[]::new);
		Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -logits[i]));
		int keep = topK > 0 ? Math.min(topK, logits.length) : logits.length;
		double max = logits[order[0]] / temperature;
		double[] probs = new double[keep];
		double sum = 0;
		for (int i = 0; i < keep; i++) {
			probs[i] = Math.exp(logits[order[i]] / temperature - max);
			sum += probs[i];
		}
		double cumulative = 0;
		int cut = keep;
		for (int i = 0; i < keep; i++) {
			cumulative += probs[i] / sum;
			if (cumulative >= topP) {
				cut = i + 1;
				break;
			}
		}
		double total = 0;
		for (int i = 0; i < cut; i++) {
			total += probs[i];
		}
		double[] distribution = new double[logits.length];
		for (int i = 0; i < cut; i++) {
			distribution[order[i]] = probs[i] / total;
		}
		return distribution;
	}

	/**
	 * Pearson's chi-square test over the tokens with probability, pooling the rare ones
	 * into bins of an expected count of at least 5; fails at a significance of about 1e-6
	 * (Wilson-Hilferty approximation of the quantile).
	 */
	private static void assertChiSquareAgrees(int[] counts, int draws, double[] expected) {
		Integer[] ids = IntStream.range(0, expected.length)
			.filter(i -> expected[i] > 0)
			.boxed()
			.sorted(Comparator.comparingDouble((Integer i) -> -expected[i]))
			.toArray(Integer[]::new);
		List<double[]> bins = new ArrayList<>();
		double binExpected = 0;
		double binObserved = 0;
		for (int id : ids) {
			binExpected += expected[id] * draws;
			binObserved += counts[id];
			if (binExpected >= 5) {
				bins.add(new double[] { binExpected, binObserved });
				binExpected = 0;
				binObserved = 0;
			}
		}
		if (binExpected > 0 || binObserved > 0) {
			if (bins.isEmpty()) {
				bins.add(new double[] { binExpected, binObserved });
			}
			else {
				bins.getLast()[0] += binExpected;
				bins.getLast()[1] += binObserved;
			}
		}
		double chi = 0;
		for (double[] bin : bins) {
			chi += (bin[1] - bin[0]) * (bin[1] - bin[0]) / bin[0];
		}
		int df = Math.max(1, bins.size() - 1);
		double z = 4.75;
		double critical = df * Math.pow(1 - 2.0 / (9 * df) + z * Math.sqrt(2.0 / (9 * df)), 3);
		assertThat(chi).as("chi-square over %d bins", bins.size()).isLessThan(critical);
	}

}
