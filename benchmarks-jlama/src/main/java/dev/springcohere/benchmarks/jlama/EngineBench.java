package dev.springcohere.benchmarks.jlama;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine's {@code bench --synthetic} in a child JVM (the same java as this one):
 * random bf16 weights of the config's shape, quantized as {@code --quantize} says, a
 * warm-up, then one timed prefill and greedy decode, reported as one JSON line.
 *
 * @param java the java launcher
 * @param cliJar the engine's CLI jar
 * ({@code cohere-engine/target/cohere-engine-*-cli.jar})
 * @param config the shape ({@code cohere-engine/bench/cohere2-1b.json})
 * @param threads the engine's kernel threads ({@code --threads})
 */
public record EngineBench(Path java, Path cliJar, Path config, int threads) {

	/**
	 * Checks the arguments.
	 */
	public EngineBench {
		Objects.requireNonNull(java, "'java' must not be null");
		Objects.requireNonNull(cliJar, "'cliJar' must not be null");
		Objects.requireNonNull(config, "'config' must not be null");
	}

	/**
	 * The command line of one run.
	 * @param quantize {@code q8_0}, {@code q4_0} or {@code bf16} (no {@code --quantize})
	 * @param promptTokens the prompt length
	 * @param newTokens the tokens decoded
	 * @return the command
	 */
	public List<String> command(String quantize, int promptTokens, int newTokens) {
		List<String> command = new ArrayList<>(List.of(this.java.toString(), "--add-modules", "jdk.incubator.vector",
				"--enable-native-access=ALL-UNNAMED", "-jar", this.cliJar.toString(), "bench", "--synthetic",
				this.config.toString(), "--device", "cpu", "--prompt-tokens", Integer.toString(promptTokens),
				"--new-tokens", Integer.toString(newTokens), "--threads", Integer.toString(this.threads)));
		if (!quantize.equals("bf16")) {
			command.add("--quantize");
			command.add(quantize);
		}
		return command;
	}

	/**
	 * Runs one bench in a child JVM (its standard error goes to this one's).
	 * @param quantize {@code q8_0}, {@code q4_0} or {@code bf16}
	 * @param promptTokens the prompt length
	 * @param newTokens the tokens decoded
	 * @return the rates it printed
	 * @throws IOException if the process cannot start, fails, or prints no JSON line
	 * @throws InterruptedException if interrupted while waiting
	 */
	public Timing run(String quantize, int promptTokens, int newTokens) throws IOException, InterruptedException {
		List<String> command = command(quantize, promptTokens, newTokens);
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = process.waitFor();
		if (exit != 0) {
			throw new IOException("the engine's bench exited with " + exit + ": " + String.join(" ", command)
					+ "\nits output: " + out);
		}
		return parse(out);
	}

	/**
	 * Reads the rates from the bench's output (the last line that is a JSON object).
	 * @param output what the bench printed
	 * @return the rates
	 * @throws IOException if no line holds both rates
	 */
	static Timing parse(String output) throws IOException {
		List<String> lines = output.lines().map(String::trim).filter((line) -> line.startsWith("{")).toList();
		if (lines.isEmpty()) {
			throw new IOException("the engine's bench printed no JSON line: " + output);
		}
		JsonNode json = new ObjectMapper().readTree(lines.getLast());
		JsonNode prefill = json.get("prefill_tokens_per_s");
		JsonNode decode = json.get("decode_tokens_per_s");
		if (prefill == null || decode == null || !prefill.isNumber() || !decode.isNumber()) {
			throw new IOException(
					"the engine's bench line has no prefill_tokens_per_s and decode_tokens_per_s: " + lines.getLast());
		}
		return new Timing(prefill.doubleValue(), decode.doubleValue());
	}

}
