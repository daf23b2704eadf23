package dev.springcohere.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.model.DType;

/**
 * A companion to {@link ReadBandwidthBenchmark} and {@link DecodeStepGemvBenchmark} for a
 * machine whose memory bandwidth is shared with other work: in one JVM, in alternating
 * rounds, one read of {@link MemoryRead}'s memory (the roofline) and one decode step's
 * matmuls per format ({@link DecodeStepWeights}), the formats' order rotated from round
 * to round. Each round gives each format's share of that round's read rate, so that a
 * neighbour taking bandwidth for a minute lowers both sides of the ratio; prints the
 * medians of the rates and of the shares over the rounds after the warm-up ones.
 * <p>
 * {@code java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar dev.springcohere.benchmarks.RooflineComparison [rounds] [threads] [formats] [read-MiB]}
 */
public final class RooflineComparison {

	private static final int WARM_UP_ROUNDS = 5;

	private RooflineComparison() {
	}

	/**
	 * Runs the comparison.
	 * @param args measured rounds (default 15), threads (default 2), formats (default
	 * {@code BF16,Q8_0,Q4_0}), MiB read per round (default 1024)
	 */
	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 15;
		int threads = (args.length > 1) ? Integer.parseInt(args[1]) : 2;
		List<DType> formats = Arrays.stream(((args.length > 2) ? args[2] : "BF16,Q8_0,Q4_0").split(","))
			.map(DType::valueOf)
			.toList();
		int mebibytes = (args.length > 3) ? Integer.parseInt(args[3]) : 1024;
		List<DecodeStepWeights> steps = new ArrayList<>();
		try (VectorKernels kernels = new VectorKernels(threads); MemoryRead memory = new MemoryRead(mebibytes)) {
			for (DType format : formats) {
				steps.add(new DecodeStepWeights(format, kernels));
			}
			int n = formats.size();
			double[] read = new double[rounds];
			double[][] rate = new double[n][rounds];
			double[][] share = new double[n][rounds];
			long sink = 0;
			for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
				long start = System.nanoTime();
				sink += memory.read(kernels);
				double readRate = memory.bytes() / (double) (System.nanoTime() - start);
				StringBuilder line = new StringBuilder(
						String.format(Locale.ROOT, "round %d: read %.1f GB/s", round, readRate));
				for (int k = 0; k < n; k++) {
					int f = Math.floorMod(k + round, n);
					DecodeStepWeights step = steps.get(f);
					start = System.nanoTime();
					sink += (long) step.step(kernels);
					double stepRate = step.bytes() / (double) (System.nanoTime() - start);
					line.append(String.format(Locale.ROOT, ", %s %.1f GB/s (%.0f %%)", formats.get(f), stepRate,
							100 * stepRate / readRate));
					if (round >= 0) {
						rate[f][round] = stepRate;
						share[f][round] = stepRate / readRate;
					}
				}
				if (round >= 0) {
					read[round] = readRate;
				}
				System.out.println(line);
			}
			System.out.printf(Locale.ROOT, "%nmedians over %d rounds, %d threads: read %.1f GB/s%n", rounds, threads,
					Median.of(read));
			for (int f = 0; f < n; f++) {
				System.out.printf(Locale.ROOT,
						"  %s: %.1f GB/s, %.0f %% of the same round's read rate (%d bytes a step)%n", formats.get(f),
						Median.of(rate[f]), 100 * Median.of(share[f]), steps.get(f).bytes());
			}
			System.out.println("(checksum " + sink + ")");
		}
		finally {
			steps.forEach(DecodeStepWeights::close);
		}
	}

}
