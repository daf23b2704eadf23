package dev.springcohere.engine.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.springcohere.engine.hub.ConsoleDownloadProgress;
import dev.springcohere.engine.hub.HubClient;
import dev.springcohere.engine.hub.HubSettings;
import dev.springcohere.engine.hub.ModelLocator;
import dev.springcohere.engine.model.ModelWeights;

/**
 * What every command reads and writes: the standard streams and the environment (for the
 * Hugging Face variables).
 *
 * @param out standard output
 * @param err standard error
 * @param environment the environment variables
 */
record CliContext(PrintStream out, PrintStream err, Map<String, String> environment) {

	/**
	 * Resolves {@code --model}: an existing checkpoint directory or {@code .gguf} file as
	 * it is, or a Hugging Face model id ({@code org/name[@revision]}, or
	 * {@code org/name[@revision]:FILE.gguf} for one GGUF file) downloaded into the
	 * Hugging Face cache (or found there when offline).
	 * @param model the option's value
	 * @return the local directory or file
	 */
	Path modelDirectory(String model) {
		Path dir = Path.of(model);
		if (Files.isDirectory(dir) || ModelWeights.isGguf(dir)) {
			return dir;
		}
		HubClient hub = HubClient.builder()
			.settings(HubSettings.fromEnvironment(this.environment))
			.progress(new ConsoleDownloadProgress(this.err, System.console() != null, System::nanoTime))
			.build();
		return new ModelLocator(hub).resolve(model);
	}

}
