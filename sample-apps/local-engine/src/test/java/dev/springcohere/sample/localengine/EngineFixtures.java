package dev.springcohere.sample.localengine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Assembles complete checkpoints from the shared tiny engine fixtures ({@code <shared>/fixtures/engine}, located by
 * the {@code springcohere.shared.dir} system property the root pom sets for surefire): a model's config and weights
 * plus the tiny tokenizer, as cohere-engine's own test helper does (its test classes are not published).
 */
final class EngineFixtures {

	private EngineFixtures() {
	}

	/**
	 * Returns a fixture folder, failing clearly when the shared folder is missing.
	 * @param name the fixture, such as {@code tiny-cohere2}
	 * @return the folder
	 */
	static Path fixture(String name) {
		String shared = System.getProperty("springcohere.shared.dir");
		if (shared == null || shared.isBlank()) {
			throw new IllegalStateException("System property 'springcohere.shared.dir' is not set; run the tests "
					+ "through Maven (the root pom sets it to <repo root>/../shared)");
		}
		Path dir = Path.of(shared, "fixtures", "engine", name);
		if (!Files.isDirectory(dir)) {
			throw new IllegalStateException("Engine fixture folder " + dir + " is missing; the shared fixtures must "
					+ "be at <repo root>/../shared/fixtures/engine");
		}
		return dir;
	}

	/**
	 * Copies a model fixture and the tiny tokenizer into a folder.
	 * @param name the model fixture
	 * @param target the folder, created when missing
	 * @param maxPositions a new {@code max_position_embeddings} (the chat template renders over a thousand tokens,
	 * more than the tiny models declare), or 0 to keep the fixture's
	 * @return the folder
	 */
	static Path checkpoint(String name, Path target, int maxPositions) {
		try {
			Files.createDirectories(target);
			Path model = fixture(name);
			for (String file : List.of("model.safetensors", "generation_config.json")) {
				if (Files.exists(model.resolve(file))) {
					Files.copy(model.resolve(file), target.resolve(file));
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
			for (String file : List.of("tokenizer.json", "tokenizer_config.json")) {
				Files.copy(fixture("tiny-tokenizer").resolve(file), target.resolve(file));
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
