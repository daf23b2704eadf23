package dev.springcohere.benchmarks.jlama;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The engine against jlama on one synthetic model shape, in alternating pairs: per format
 * pair, jlama loads the synthetic Llama checkpoint once in this JVM, then each pair runs
 * jlama's timed prefill and decode and the engine's {@code bench} in a child JVM (the
 * order alternating from pair to pair), and prints both rates and the engine / jlama
 * ratios; at the end of a format, the medians (of the rates and of the per-pair ratios)
 * as a Markdown table. Built with {@code ./mvnw -B -Pjlama -pl benchmarks-jlama package},
 * run from the repository root (usage: {@link ComparisonOptions#USAGE}).
 */
public final class JlamaComparison {

	private JlamaComparison() {
	}

	/**
	 * Runs the comparison.
	 * @param args the options of {@link ComparisonOptions}
	 * @throws Exception if the checkpoint cannot be written or a run fails
	 */
	public static void main(String[] args) throws Exception {
		ComparisonOptions options;
		try {
			options = ComparisonOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		run(options);
	}

	static void run(ComparisonOptions options) throws IOException, InterruptedException {
		LlamaShape shape = LlamaShape.read(options.config());
		long t0 = System.nanoTime();
		boolean written = new SyntheticLlamaCheckpoint(shape, 1234).writeTo(options.checkpointDir());
		System.out.printf(Locale.ROOT, "checkpoint %s: %s (%.0f s)%n", options.checkpointDir(),
				written ? "written" : "reused", (System.nanoTime() - t0) / 1e9);
		JlamaBench.useThreads(options.threads());
		System.out.printf(Locale.ROOT, "shape %s%njava %s, jlama kernels %s, jlama threads %d, engine threads %d%n",
				shape, Runtime.version(), JlamaBench.operations(), JlamaBench.threads(), options.threads());
		System.out.printf(Locale.ROOT, "cpu %s%n", cpuModel());
		int[] prompt = syntheticTokens(options.promptTokens(), shape.vocabSize());
		EngineBench engine = new EngineBench(Path.of(System.getProperty("java.home"), "bin", "java"),
				options.engineJar(), options.config(), options.threads());
		List<String> tables = new ArrayList<>();
		for (ComparisonOptions.FormatPair format : options.formats()) {
			System.out.printf(Locale.ROOT, "%n== %s; engine: %s%n", format,
					String.join(" ", engine.command(format.engine(), options.promptTokens(), options.newTokens())));
			long load = System.nanoTime();
			List<Timing[]> pairs = new ArrayList<>();
			try (JlamaBench jlama = JlamaBench.load(options.checkpointDir(), format.jlama())) {
				System.out.printf(Locale.ROOT, "jlama loaded in %.0f s%n", (System.nanoTime() - load) / 1e9);
				for (int p = 0; p < options.pairs(); p++) {
					String loadAverage = loadAverage();
					Timing ours;
					Timing theirs;
					if (p % 2 == 0) {
						theirs = jlama.time(prompt, options.newTokens());
						ours = engine.run(format.engine(), options.promptTokens(), options.newTokens());
					}
					else {
						ours = engine.run(format.engine(), options.promptTokens(), options.newTokens());
						theirs = jlama.time(prompt, options.newTokens());
					}
					pairs.add(new Timing[] { ours, theirs });
					System.out.printf(Locale.ROOT,
							"pair %d (load %s): engine decode %.2f prefill %.2f | jlama decode %.2f prefill %.2f"
									+ " | engine/jlama decode %.2fx prefill %.2fx%n",
							p + 1, loadAverage, ours.decodeTokensPerSecond(), ours.prefillTokensPerSecond(),
							theirs.decodeTokensPerSecond(), theirs.prefillTokensPerSecond(),
							ours.decodeTokensPerSecond() / theirs.decodeTokensPerSecond(),
							ours.prefillTokensPerSecond() / theirs.prefillTokensPerSecond());
				}
			}
			tables.add(table(format, pairs));
		}
		System.out.printf(Locale.ROOT, "%nload at the end: %s%n", loadAverage());
		tables.forEach(System.out::println);
	}

	/**
	 * A Markdown table of the pairs of one format and their medians.
	 * @param format the formats compared
	 * @param pairs per pair, the engine's timing then jlama's
	 * @return the table
	 */
	static String table(ComparisonOptions.FormatPair format, List<Timing[]> pairs) {
		StringBuilder out = new StringBuilder();
		out.append("\n").append(format).append("\n\n");
		out.append("| pair | engine decode | jlama decode | decode ratio | engine prefill | jlama prefill |"
				+ " prefill ratio |\n");
		out.append("|---|---|---|---|---|---|---|\n");
		double[][] columns = new double[6][pairs.size()];
		for (int i = 0; i < pairs.size(); i++) {
			Timing ours = pairs.get(i)[0];
			Timing theirs = pairs.get(i)[1];
			double[] row = { ours.decodeTokensPerSecond(), theirs.decodeTokensPerSecond(),
					ours.decodeTokensPerSecond() / theirs.decodeTokensPerSecond(), ours.prefillTokensPerSecond(),
					theirs.prefillTokensPerSecond(), ours.prefillTokensPerSecond() / theirs.prefillTokensPerSecond() };
			for (int c = 0; c < row.length; c++) {
				columns[c][i] = row[c];
			}
			out.append(row(Integer.toString(i + 1), row, "")).append("\n");
		}
		double[] medians = Arrays.stream(columns).mapToDouble(JlamaComparison::median).toArray();
		out.append(row("median", medians, "**")).append("\n");
		return out.toString();
	}

	private static String row(String label, double[] v, String bold) {
		return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %s%.2fx%s | %.2f | %.2f | %s%.2fx%s |", label, v[0],
				v[1], bold, v[2], bold, v[3], v[4], bold, v[5], bold);
	}

	/**
	 * The median of some values (the mean of the middle two for an even count).
	 * @param values the values
	 * @return their median
	 */
	static double median(double[] values) {
		if (values.length == 0) {
			throw new IllegalArgumentException("no values to take the median of");
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int mid = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
	}

	/**
	 * The engine's synthetic prompt ({@code bench}'s own formula), so both engines read
	 * the same token ids.
	 * @param count the prompt length
	 * @param vocab the vocabulary size
	 * @return the ids
	 */
	static int[] syntheticTokens(int count, int vocab) {
		int[] tokens = new int[count];
		for (int i = 0; i < count; i++) {
			tokens[i] = (i * 7919 + 11) % vocab;
		}
		return tokens;
	}

	private static String loadAverage() throws IOException {
		Path loadavg = Path.of("/proc/loadavg");
		if (!Files.isReadable(loadavg)) {
			return "n/a";
		}
		String[] fields = Files.readString(loadavg).trim().split("\\s+");
		return fields[0] + " " + fields[1] + " " + fields[2];
	}

	private static String cpuModel() throws IOException {
		Path cpuinfo = Path.of("/proc/cpuinfo");
		if (!Files.isReadable(cpuinfo)) {
			return "n/a";
		}
		return Files.readAllLines(cpuinfo)
			.stream()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.findFirst()
			.orElse("n/a") + ", " + Runtime.getRuntime().availableProcessors() + " cpus";
	}

}
