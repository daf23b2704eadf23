package dev.springcohere.benchmarks.jlama;

/**
 * One timed run: a prompt prefilled, then tokens decoded greedily, one at a time.
 *
 * @param prefillTokensPerSecond prompt tokens over the prefill time (which includes the
 * LM head and the choice of the first token)
 * @param decodeTokensPerSecond decoded tokens over the decode time (each a forward pass
 * of one token, the LM head and the argmax)
 */
public record Timing(double prefillTokensPerSecond, double decodeTokensPerSecond) {

	/**
	 * Turns nanosecond timestamps into rates.
	 * @param promptTokens the prompt length
	 * @param newTokens the tokens decoded
	 * @param start before the prefill
	 * @param prefilled after the prefill
	 * @param decoded after the decode
	 * @return the rates
	 */
	static Timing of(int promptTokens, int newTokens, long start, long prefilled, long decoded) {
		return new Timing(promptTokens / ((prefilled - start) / 1e9), newTokens / ((decoded - prefilled) / 1e9));
	}

}
