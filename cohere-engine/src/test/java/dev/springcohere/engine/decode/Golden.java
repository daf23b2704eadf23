package dev.springcohere.engine.decode;

import java.nio.file.Path;

import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.model.SafetensorsFile;
import dev.springcohere.engine.model.Tensor;

/**
 * Reference tensors of one fixture.
 */
record Golden(Path dir, int[] inputIds, float[] logits, int[] promptIds, int[] generatedIds) {

	static Golden of(String fixture) {
		Path dir = Fixtures.engine(fixture);
		try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("golden.safetensors"))) {
			return new Golden(dir, ints(file.tensor("input_ids")), file.tensor("logits").toFloatArray(),
					ints(file.tensor("prompt_ids")), ints(file.tensor("generated_ids")));
		}
	}

	private static int[] ints(Tensor t) {
		int[] out = new int[(int) t.numel()];
		for (int i = 0; i < out.length; i++) {
			out[i] = (int) t.getLong(i);
		}
		return out;
	}

	int[] newIds() {
		return java.util.Arrays.copyOfRange(this.generatedIds, this.promptIds.length, this.generatedIds.length);
	}

}
