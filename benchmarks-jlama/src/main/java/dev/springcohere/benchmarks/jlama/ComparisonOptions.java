package dev.springcohere.benchmarks.jlama;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The options of {@link JlamaComparison}, each {@code --name value}.
 *
 * @param config the engine's benchmark config whose shape both engines run
 * @param engineJar the engine's CLI jar
 * @param checkpointDir where the synthetic Llama checkpoint is written (and reused)
 * @param pairs alternating runs per format
 * @param promptTokens the prompt length
 * @param newTokens the tokens decoded
 * @param threads the threads of both engines
 * @param formats the engine format and the jlama format run against each other
 */
public record ComparisonOptions(Path config, Path engineJar, Path checkpointDir, int pairs, int promptTokens,
		int newTokens, int threads, List<FormatPair> formats) {

	static final String USAGE = """
			java --add-modules jdk.incubator.vector -jar benchmarks-jlama/target/benchmarks-jlama.jar \\
			  [--config cohere-engine/bench/cohere2-1b.json] [--engine-jar cohere-engine/target/cohere-engine-*-cli.jar] \\
			  [--checkpoint-dir benchmarks-jlama/target/synthetic-llama] [--pairs 5] [--prompt-tokens 128] \\
			  [--new-tokens 32] [--threads 2] [--formats q4_0:q4,q8_0:bf16]
			  --formats: ENGINE:JLAMA pairs; ENGINE is q8_0, q4_0 or bf16 (the engine's --quantize), JLAMA is q4
			  (Q4 weights, I8 activations), bf16 or i8 (jlama 0.8.4 has no kernel for I8 weights: it fails)""";

	private static final Set<String> NAMES = Set.of("--config", "--engine-jar", "--checkpoint-dir", "--pairs",
			"--prompt-tokens", "--new-tokens", "--threads", "--formats");

	/**
	 * One engine format against one jlama format.
	 *
	 * @param engine the engine's {@code --quantize} value, or {@code bf16}
	 * @param jlama jlama's format
	 */
	public record FormatPair(String engine, JlamaFormat jlama) {

		static FormatPair parse(String spec) {
			String[] parts = spec.split(":");
			if (parts.length != 2 || !List.of("q8_0", "q4_0", "bf16").contains(parts[0].trim())) {
				throw new IllegalArgumentException(
						"--formats takes ENGINE:JLAMA pairs such as q4_0:q4 (ENGINE one of q8_0, q4_0, bf16), not '"
								+ spec + "'");
			}
			return new FormatPair(parts[0].trim(), JlamaFormat.parse(parts[1]));
		}

		@Override
		public String toString() {
			return this.engine + " vs jlama " + this.jlama.name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * Parses the command line; paths are relative to the working directory (the
	 * repository root).
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException naming the bad option and the usage
	 */
	public static ComparisonOptions parse(String... args) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!NAMES.contains(args[i]) || i + 1 == args.length) {
				throw new IllegalArgumentException(
						"unknown option or missing value at '" + args[i] + "'; usage:\n" + USAGE);
			}
			values.put(args[i], args[++i]);
		}
		Path config = Path.of(values.getOrDefault("--config", "cohere-engine/bench/cohere2-1b.json"));
		if (!Files.isRegularFile(config)) {
			throw new IllegalArgumentException(
					"--config " + config + " is not a file; run from the repository root or pass the config's path");
		}
		Path jar = values.containsKey("--engine-jar") ? Path.of(values.get("--engine-jar")) : findCliJar();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalArgumentException("--engine-jar " + jar + " is not a file; build it with "
					+ "./mvnw -o -B -q -pl cohere-engine package -DskipTests");
		}
		List<FormatPair> formats = new ArrayList<>();
		for (String spec : values.getOrDefault("--formats", "q4_0:q4,q8_0:bf16").split(",")) {
			formats.add(FormatPair.parse(spec));
		}
		return new ComparisonOptions(config, jar,
				Path.of(values.getOrDefault("--checkpoint-dir", "benchmarks-jlama/target/synthetic-llama")),
				positive(values, "--pairs", 5), positive(values, "--prompt-tokens", 128),
				positive(values, "--new-tokens", 32), positive(values, "--threads", 2), List.copyOf(formats));
	}

	private static int positive(Map<String, String> values, String name, int fallback) {
		String value = values.get(name);
		if (value == null) {
			return fallback;
		}
		String message = name + " must be a whole number of at least 1 but was '" + value + "'";
		int n;
		try {
			n = Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(message, ex);
		}
		if (n < 1) {
			throw new IllegalArgumentException(message);
		}
		return n;
	}

	private static Path findCliJar() {
		Path target = Path.of("cohere-engine/target");
		if (Files.isDirectory(target)) {
			try (Stream<Path> files = Files.list(target)) {
				List<Path> jars = files.filter((p) -> p.getFileName().toString().matches("cohere-engine-.*-cli\\.jar"))
					.toList();
				if (jars.size() == 1) {
					return jars.getFirst();
				}
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException("cannot list " + target, ex);
			}
		}
		throw new IllegalArgumentException("no single cohere-engine/target/cohere-engine-*-cli.jar; build it with "
				+ "./mvnw -o -B -q -pl cohere-engine package -DskipTests, or pass --engine-jar");
	}

}
