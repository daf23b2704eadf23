package dev.springcohere.engine.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.springcohere.engine.model.Fixtures;

/**
 * Assembles complete checkpoints (model files plus the tiny tokenizer) in temporary folders.
 */
final class EncoderCheckpoints {

	private EncoderCheckpoints() {
	}

	static Path withTokenizer(String fixture, Path target) throws IOException {
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

}
