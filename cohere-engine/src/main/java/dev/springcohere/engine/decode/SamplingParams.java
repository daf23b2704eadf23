package dev.springcohere.engine.decode;

/**
 * How the next token is chosen. A temperature of 0 means greedy.
 *
 * @param temperature softmax temperature, 0 for greedy
 * @param topK keep only the k most likely tokens (0 = all)
 * @param topP keep the smallest set whose probability reaches p (1 = all)
 * @param seed seed of the random generator
 */
public record SamplingParams(double temperature, int topK, double topP, long seed) {

	/**
	 * Validates the components.
	 */
	public SamplingParams {
		if (temperature < 0 || Double.isNaN(temperature)) {
			throw new IllegalArgumentException("'temperature' must be >= 0 but was " + temperature);
		}
		if (topK < 0) {
			throw new IllegalArgumentException("'topK' must be >= 0 but was " + topK);
		}
		if (!(topP > 0 && topP <= 1)) {
			throw new IllegalArgumentException("'topP' must be in (0, 1] but was " + topP);
		}
	}

	/**
	 * Greedy decoding.
	 * @return params that always pick the most likely token
	 */
	public static SamplingParams greedy() {
		return new SamplingParams(0, 0, 1, 0);
	}

}
