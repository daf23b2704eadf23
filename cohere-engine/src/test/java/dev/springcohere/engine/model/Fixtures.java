package dev.springcohere.engine.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Locates the shared engine fixtures.
 */
public final class Fixtures {

	private Fixtures() {
	}

	/**
	 * Returns the directory of an engine fixture, failing clearly when the shared folder
	 * is missing.
	 * @param name e.g. {@code tiny-cohere}
	 * @return the directory
	 */
	public static Path engine(String name) {
		String shared = System.getProperty("springcohere.shared.dir");
		if (shared == null) {
			throw new IllegalStateException("System property 'springcohere.shared.dir' is not set; run the tests "
					+ "through Maven (the root pom sets it to <repo root>/../shared)");
		}
		Path dir = Path.of(shared, "fixtures", "engine", name);
		if (!Files.isDirectory(dir)) {
			throw new IllegalStateException("Engine fixture folder " + dir
					+ " is missing; the shared fixtures must be at <repo root>/../shared/fixtures/engine");
		}
		return dir;
	}

	/**
	 * Assembles a complete checkpoint in a folder: a model fixture's files (config,
	 * weights, generation config when present) plus the tiny tokenizer's files.
	 * @param fixture the model fixture, such as {@code tiny-bert} or {@code tiny-cohere2}
	 * @param target the folder (created when missing)
	 * @return the folder
	 */
	public static Path checkpointWithTokenizer(String fixture, Path target) {
		return checkpointWithTokenizer(fixture, target, 0);
	}

	/**
	 * Like {@link #checkpointWithTokenizer(String, Path)}, with
	 * {@code max_position_embeddings} raised in the copied {@code config.json}: Cohere's
	 * chat templates render over a thousand tokens with the tiny 512-token vocabulary
	 * (over four thousand with tools and documents), more than the tiny models declare.
	 * The tiny decoders use RoPE or no positions at all, so nothing else depends on that
	 * value.
	 * @param fixture the model fixture
	 * @param target the folder (created when missing)
	 * @param maxPositions the new {@code max_position_embeddings}, or 0 to keep the
	 * fixture's
	 * @return the folder
	 */
	public static Path checkpointWithTokenizer(String fixture, Path target, int maxPositions) {
		try {
			Files.createDirectories(target);
			Path model = engine(fixture);
			for (String name : List.of("model.safetensors", "generation_config.json")) {
				if (Files.exists(model.resolve(name))) {
					Files.copy(model.resolve(name), target.resolve(name));
				}
			}
			String config = Files.readString(model.resolve("config.json"));
			if (maxPositions > 0) {
				String raised = config.replaceFirst("\"max_position_embeddings\": \\d+",
						"\"max_position_embeddings\": " + maxPositions);
				if (raised.equals(config)) {
					throw new IllegalStateException("No max_position_embeddings in " + model.resolve("config.json"));
				}
				config = raised;
			}
			Files.writeString(target.resolve("config.json"), config);
			for (String name : List.of("tokenizer.json", "tokenizer_config.json")) {
				Files.copy(engine("tiny-tokenizer").resolve(name), target.resolve(name));
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
