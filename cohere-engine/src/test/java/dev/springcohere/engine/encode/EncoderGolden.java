package dev.springcohere.engine.encode;

import java.nio.file.Path;

import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.model.SafetensorsFile;
import dev.springcohere.engine.model.Tensor;

/**
 * Reference tensors of an encoder fixture.
 */
record EncoderGolden(Path dir, int[][] inputIds, int[][] attentionMask, float[] lastHiddenState, float[] pooler,
		float[] logits) {

	static EncoderGolden of(String fixture) {
		Path dir = Fixtures.engine(fixture);
		try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("golden.safetensors"))) {
			return new EncoderGolden(dir, ints(file.tensor("input_ids")), ints(file.tensor("attention_mask")),
					floats(file, "last_hidden_state"), floats(file, "pooler_output"), floats(file, "logits"));
		}
	}

	private static float[] floats(SafetensorsFile file, String name) {
		Tensor t = file.find(name);
		return t == null ? new float[0] : t.toFloatArray();
	}

	private static int[][] ints(Tensor t) {
		int rows = (int) t.dim(0);
		int cols = (int) t.dim(1);
		int[][] out = new int[rows][cols];
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < cols; c++) {
				out[r][c] = (int) t.getLong((long) r * cols + c);
			}
		}
		return out;
	}

	EncoderBatch batch() {
		return EncoderBatch.of(this.inputIds, this.attentionMask, null);
	}

	/**
	 * The real (unpadded) tokens of one row.
	 */
	int[] row(int r) {
		int n = 0;
		for (int m : this.attentionMask[r]) {
			n += m;
		}
		return java.util.Arrays.copyOf(this.inputIds[r], n);
	}

}
