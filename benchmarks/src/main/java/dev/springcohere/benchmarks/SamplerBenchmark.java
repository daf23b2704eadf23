package dev.springcohere.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.springcohere.engine.decode.Sampler;
import dev.springcohere.engine.decode.SamplingParams;

/**
 * Time of one sampling step over a Cohere-sized vocabulary (256,000 logits, normally
 * distributed with a standard deviation of {@code spread}: 2.5, a peaked distribution, or
 * 0.3, a flat one like a random model's, where the top-p nucleus holds most of the
 * vocabulary) at temperature 0.7, per path of {@link Sampler}: the whole distribution
 * ({@code topK=0, topP=1}), top-p only (0.75, the local backend's default), top-k (40).
 * Compare with the time of a decode step ({@code bench}) to see what sampling adds. Run
 * with {@code java -jar benchmarks/target/benchmarks.jar SamplerBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SamplerBenchmark {

	/** {@code topK:topP}. */
	@Param({ "0:1.0", "0:0.75", "40:1.0" })
	public String cut;

	/** The standard deviation of the logits. */
	@Param({ "2.5", "0.3" })
	public double spread;

	private float[] logits;

	private Sampler sampler;

	/**
	 * Builds the logits and the sampler.
	 */
	@Setup
	public void setUp() {
		SplittableRandom random = new SplittableRandom(42);
		this.logits = new float[256_000];
		for (int i = 0; i < this.logits.length; i++) {
			this.logits[i] = (float) (random.nextGaussian() * this.spread);
		}
		String[] parts = this.cut.split(":");
		this.sampler = new Sampler(
				new SamplingParams(0.7, Integer.parseInt(parts[0]), Double.parseDouble(parts[1]), 7));
	}

	/**
	 * One sampling step.
	 * @return the token id
	 */
	@Benchmark
	public int sample() {
		return this.sampler.sample(this.logits);
	}

}
