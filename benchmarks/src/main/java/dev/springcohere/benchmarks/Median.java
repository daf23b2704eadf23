package dev.springcohere.benchmarks;

import java.util.Arrays;

/** The median the comparison programs report. */
final class Median {

	private Median() {
	}

	/**
	 * The median of some values.
	 * @param values the values, not changed
	 * @return the middle value, or the mean of the two middle ones for an even count
	 */
	static double of(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

}
