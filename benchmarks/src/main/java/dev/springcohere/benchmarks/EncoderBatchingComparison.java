package dev.springcohere.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.encode.EmbeddingEncoder;
import dev.springcohere.engine.encode.EncoderBatcher;

/**
 * A companion to {@link EncoderBatchingBenchmark} for a machine shared with other work:
 * in one JVM, in alternating rounds, N callers on virtual threads (as {@code serve} runs
 * requests) each send embed requests of one text, every request its own encoder call
 * (before) or through an {@link EncoderBatcher} (after), on the {@link SyntheticEncoder}
 * model; then one caller alone, both ways. Prints the median of the per-round request
 * rates and of the per-round ratios, over the rounds after the first (warm-up) third.
 * <p>
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.springcohere.benchmarks.EncoderBatchingComparison [rounds] [callers] [requests-per-caller] [tokens] [max-batch]}
 */
public final class EncoderBatchingComparison {

	private EncoderBatchingComparison() {
	}

	/**
	 * Runs the comparison.
	 * @param args rounds (default 15), concurrent callers (default 16), requests per
	 * caller per round (default 4), tokens per text (default 32), the batcher's bound
	 * (default 64, the local backend's)
	 * @throws Exception if the checkpoint cannot be written or a request fails
	 */
	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 15;
		int callers = (args.length > 1) ? Integer.parseInt(args[1]) : 16;
		int requests = (args.length > 2) ? Integer.parseInt(args[2]) : 4;
		int tokens = (args.length > 3) ? Integer.parseInt(args[3]) : 32;
		int maxBatch = (args.length > 4) ? Integer.parseInt(args[4]) : 64;
		Path dir = Files.createTempDirectory("encoder-batching");
		try {
			SyntheticEncoder.write(dir);
			try (VectorKernels kernels = new VectorKernels(Runtime.getRuntime().availableProcessors());
					EmbeddingEncoder encoder = EmbeddingEncoder.open(dir, kernels);
					EncoderBatcher<int[], float[]> batcher = new EncoderBatcher<>("embed", maxBatch,
							encoder::embedTokens)) {
				List<Function<List<int[]>, List<float[]>>> modes = List.of(encoder::embedTokens, batcher::run);
				double[][] concurrent = new double[2][rounds];
				double[][] lone = new double[2][rounds];
				for (int round = 0; round < rounds; round++) {
					for (int mode = 0; mode < 2; mode++) {
						concurrent[mode][round] = rate(modes.get(mode), callers, requests, tokens, round);
						lone[mode][round] = rate(modes.get(mode), 1, requests * 2, tokens, round);
					}
				}
				int from = rounds / 3;
				System.out.printf("machine: %d processors; %d rounds (first %d not counted); batcher bound %d texts%n",
						Runtime.getRuntime().availableProcessors(), rounds, from, maxBatch);
				report(callers + " callers", concurrent, from);
				report("1 caller", lone, from);
			}
		}
		finally {
			try (Stream<Path> files = Files.walk(dir)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
		}
	}

	private static double rate(Function<List<int[]>, List<float[]>> embed, int callers, int requests, int tokens,
			int round) throws InterruptedException, ExecutionException {
		long start = System.nanoTime();
		List<Future<?>> done = new ArrayList<>(callers);
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int caller = 0; caller < callers; caller++) {
				SplittableRandom random = new SplittableRandom(round * 1000L + caller);
				done.add(executor.submit(() -> {
					for (int r = 0; r < requests; r++) {
						embed.apply(List.of(text(random, tokens)));
					}
				}));
			}
		}
		for (Future<?> future : done) {
			future.get();
		}
		return callers * requests / ((System.nanoTime() - start) / 1e9);
	}

	private static int[] text(SplittableRandom random, int tokens) {
		int[] ids = new int[tokens];
		ids[0] = 101;
		for (int i = 1; i < tokens - 1; i++) {
			ids[i] = 1000 + random.nextInt(SyntheticEncoder.VOCAB - 1000);
		}
		ids[tokens - 1] = 102;
		return ids;
	}

	private static void report(String name, double[][] rates, int from) {
		int n = rates[0].length - from;
		double[] before = Arrays.copyOfRange(rates[0], from, rates[0].length);
		double[] after = Arrays.copyOfRange(rates[1], from, rates[1].length);
		double[] ratios = new double[n];
		for (int i = 0; i < n; i++) {
			ratios[i] = after[i] / before[i];
		}
		System.out.printf("%s: per call %.1f req/s, batched %.1f req/s, batched/per call %.2fx (median of %d rounds)%n",
				name, Median.of(before), Median.of(after), Median.of(ratios), n);
	}

}
