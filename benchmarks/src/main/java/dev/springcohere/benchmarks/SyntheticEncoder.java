package dev.springcohere.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * A BERT embedding checkpoint of all-MiniLM-L6-v2's shape (6 layers, hidden 384, 12
 * heads, intermediate 1536, vocabulary 30522, 512 positions) with random bf16 weights,
 * for the encoder benchmarks (no tokenizer: they embed token ids).
 */
final class SyntheticEncoder {

	static final int HIDDEN = 384;

	static final int LAYERS = 6;

	static final int INTERMEDIATE = 1536;

	static final int VOCAB = 30522;

	static final int MAX_POSITIONS = 512;

	private SyntheticEncoder() {
	}

	/**
	 * Writes {@code config.json} and {@code model.safetensors} (random bf16 weights, unit
	 * LayerNorm weights, zero biases) into a folder.
	 * @param dir the folder
	 * @throws IOException if a file cannot be written
	 */
	static void write(Path dir) throws IOException {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("architectures", List.of("BertModel"));
		config.put("model_type", "bert");
		config.put("hidden_act", "gelu");
		config.put("hidden_size", HIDDEN);
		config.put("intermediate_size", INTERMEDIATE);
		config.put("num_attention_heads", 12);
		config.put("num_hidden_layers", LAYERS);
		config.put("max_position_embeddings", MAX_POSITIONS);
		config.put("vocab_size", VOCAB);
		config.put("type_vocab_size", 2);
		config.put("layer_norm_eps", 1e-12);
		config.put("pad_token_id", 0);
		config.put("dtype", "bfloat16");
		JsonMapper json = JsonMapper.builder().build();
		Files.writeString(dir.resolve("config.json"), json.writeValueAsString(config));
		Map<String, long[]> shapes = new LinkedHashMap<>();
		shapes.put("embeddings.word_embeddings.weight", new long[] { VOCAB, HIDDEN });
		shapes.put("embeddings.position_embeddings.weight", new long[] { MAX_POSITIONS, HIDDEN });
		shapes.put("embeddings.token_type_embeddings.weight", new long[] { 2, HIDDEN });
		shapes.put("embeddings.LayerNorm.weight", new long[] { HIDDEN });
		shapes.put("embeddings.LayerNorm.bias", new long[] { HIDDEN });
		for (int layer = 0; layer < LAYERS; layer++) {
			String p = "encoder.layer." + layer + ".";
			for (String name : List.of("query", "key", "value")) {
				shapes.put(p + "attention.self." + name + ".weight", new long[] { HIDDEN, HIDDEN });
				shapes.put(p + "attention.self." + name + ".bias", new long[] { HIDDEN });
			}
			shapes.put(p + "attention.output.dense.weight", new long[] { HIDDEN, HIDDEN });
			shapes.put(p + "attention.output.dense.bias", new long[] { HIDDEN });
			shapes.put(p + "attention.output.LayerNorm.weight", new long[] { HIDDEN });
			shapes.put(p + "attention.output.LayerNorm.bias", new long[] { HIDDEN });
			shapes.put(p + "intermediate.dense.weight", new long[] { INTERMEDIATE, HIDDEN });
			shapes.put(p + "intermediate.dense.bias", new long[] { INTERMEDIATE });
			shapes.put(p + "output.dense.weight", new long[] { HIDDEN, INTERMEDIATE });
			shapes.put(p + "output.dense.bias", new long[] { HIDDEN });
			shapes.put(p + "output.LayerNorm.weight", new long[] { HIDDEN });
			shapes.put(p + "output.LayerNorm.bias", new long[] { HIDDEN });
		}
		List<RandomBf16Safetensors.Tensor> tensors = new ArrayList<>();
		shapes.forEach((name, shape) -> tensors.add(new RandomBf16Safetensors.Tensor(name, shape, fill(name))));
		RandomBf16Safetensors.write(dir.resolve("model.safetensors"), tensors, 42);
	}

	/** Unit LayerNorm weights, zero biases, the rest uniform in (-0.05, 0.05). */
	private static RandomBf16Safetensors.Fill fill(String name) {
		if (name.contains("LayerNorm.weight")) {
			return RandomBf16Safetensors.Fill.constant(1.0f);
		}
		if (name.endsWith(".bias")) {
			return RandomBf16Safetensors.Fill.constant(0.0f);
		}
		return RandomBf16Safetensors.Fill.uniform(1, 0.05);
	}

}
