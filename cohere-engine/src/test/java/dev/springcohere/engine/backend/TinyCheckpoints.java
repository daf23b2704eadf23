package dev.springcohere.engine.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.springcohere.engine.model.Fixtures;

/**
 * Complete tiny checkpoints (model files plus the tiny tokenizer) assembled in a folder, for tests that go from
 * text to vectors and scores.
 */
public final class TinyCheckpoints {

	private TinyCheckpoints() {
	}

	/**
	 * Copies a model fixture and the tiny tokenizer into a folder.
	 * @param fixture the model fixture, such as {@code tiny-bert}
	 * @param target the folder
	 * @return the folder
	 */
	public static Path withTokenizer(String fixture, Path target) {
		try {
			Path model = Fixtures.engine(fixture);
			for (String name : new String[] { "config.json", "model.safetensors" }) {
				Files.copy(model.resolve(name), target.resolve(name));
			}
			Path tokenizer = Fixtures.engine("tiny-tokenizer");
			for (String name : new String[] { "tokenizer.json", "tokenizer_config.json" }) {
				Files.copy(tokenizer.resolve(name), target.resolve(name));
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
