package dev.springcohere.engine.cli;

import java.io.PrintStream;
import java.util.SplittableRandom;

import dev.springcohere.engine.decode.SamplingParams;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The sampling options of {@code generate} and {@code bench}: greedy by default, sampling
 * with {@code --temperature T} (then {@code --top-k}, {@code --top-p}, {@code --seed}
 * apply).
 */
final class SamplingOptions {

	@Option(names = "--temperature", paramLabel = "T",
			description = "Sample with this temperature (default 0: greedy decoding).")
	@Nullable Double temperature;

	@Option(names = "--top-k", paramLabel = "K",
			description = "Sample among the K most likely tokens (default 0: all); needs --temperature.")
	@Nullable Integer topK;

	@Option(names = "--top-p", paramLabel = "P",
			description = "Sample among the most likely tokens up to probability P, in (0, 1] (default 1); "
					+ "needs --temperature.")
	@Nullable Double topP;

	@Option(names = "--seed", paramLabel = "S",
			description = "The sampling seed (default: random, printed to standard error); needs --temperature.")
	@Nullable Long seed;

	/**
	 * The sampling parameters.
	 * @param err where the random seed is reported when none is given
	 * @return greedy, or sampling with the options' values
	 * @throws CliException if a value is out of range or a sampling option is given
	 * without a temperature
	 */
	SamplingParams sampling(PrintStream err) {
		double t = finite("--temperature", this.temperature, 0);
		if (t < 0) {
			throw new CliException("--temperature must be >= 0 (0 means greedy) but was " + t);
		}
		if (t == 0) {
			String given = (this.topK != null) ? "--top-k"
					: (this.topP != null) ? "--top-p" : (this.seed != null) ? "--seed" : null;
			if (given != null) {
				throw new CliException(given + " only applies to sampling; add --temperature T (T > 0) or drop " + given
						+ " for greedy decoding");
			}
			return SamplingParams.greedy();
		}
		int k = (this.topK != null) ? this.topK : 0;
		if (k < 0) {
			throw new CliException("--top-k must be >= 0 (0 keeps all tokens) but was " + k);
		}
		double p = finite("--top-p", this.topP, 1.0);
		if (!(p > 0 && p <= 1)) {
			throw new CliException("--top-p must be in (0, 1] but was " + p);
		}
		long s;
		if (this.seed != null) {
			s = this.seed;
		}
		else {
			s = new SplittableRandom().nextLong();
			err.println("sampling with --seed " + s + " (pass it to reproduce this output)");
		}
		return new SamplingParams(t, k, p, s);
	}

	private static double finite(String option, @Nullable Double value, double fallback) {
		if (value == null) {
			return fallback;
		}
		if (!Double.isFinite(value)) {
			throw new CliException("Option " + option + " needs a finite number but got '" + value + "'");
		}
		return value;
	}

}
