package dev.springcohere.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.springcohere.benchmarks.RandomBf16Safetensors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a Hugging Face style checkpoint directory of random bf16 weights in the shapes
 * of a Cohere decoder config (what {@code bench --synthetic} generates in memory), with a
 * byte-level tokenizer whose vocabulary is padded to the config's size, so that
 * {@code serve --model DIR} can serve a model of a real shape without a download. The
 * tokenizer and chat template come from a tokenizer directory (the tiny fixture
 * tokenizer: Cohere's special tokens and the Command R7B template); the ids past its own
 * vocabulary decode as {@code " t<id>"}. The weights are gibberish: this is for timing.
 */
final class SyntheticCheckpoint {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Standard deviation of the random matrices, as in the engine's synthetic weights.
	 */
	private static final float SCALE = 0.02f;

	private SyntheticCheckpoint() {
	}

	/**
	 * Writes the checkpoint unless {@code directory} already holds one for the same
	 * config.
	 * @param config the decoder's {@code config.json}
	 * @param tokenizerDir a directory with {@code tokenizer.json} and
	 * {@code tokenizer_config.json}
	 * @param directory where to write (created if missing)
	 * @param seed the random seed
	 * @throws IOException if a file cannot be read or written
	 */
	static void write(Path config, Path tokenizerDir, Path directory, long seed) throws IOException {
		byte[] configBytes = Files.readAllBytes(config);
		Path done = directory.resolve("config.json");
		if (Files.isRegularFile(done) && java.util.Arrays.equals(Files.readAllBytes(done), configBytes)
				&& Files.isRegularFile(directory.resolve("model.safetensors"))) {
			return;
		}
		Files.createDirectories(directory);
		JsonNode c = JSON.readTree(configBytes);
		long vocab = required(c, "vocab_size");
		writeTokenizer(tokenizerDir, directory, (int) vocab);
		writeWeights(c, directory.resolve("model.safetensors"), seed);
		Files.write(done, configBytes);
	}

	private static long required(JsonNode config, String key) {
		JsonNode node = config.get(key);
		if (node == null || !node.canConvertToLong()) {
			throw new IllegalArgumentException("The config has no integer '" + key + "'");
		}
		return node.asLong();
	}

	private static void writeTokenizer(Path from, Path to, int vocab) throws IOException {
		ObjectNode tokenizer = (ObjectNode) JSON.readTree(from.resolve("tokenizer.json").toFile());
		ObjectNode entries = (ObjectNode) tokenizer.get("model").get("vocab");
		int own = entries.size();
		if (own > vocab) {
			throw new IllegalArgumentException(
					"The tokenizer has " + own + " tokens, more than the config's vocab_size " + vocab);
		}
		for (int id = own; id < vocab; id++) {
			// 'Ġ' is a space in the byte-level alphabet
			entries.put("\u0120t" + id, id);
		}
		JSON.writeValue(to.resolve("tokenizer.json").toFile(), tokenizer);
		Files.copy(from.resolve("tokenizer_config.json"), to.resolve("tokenizer_config.json"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	private static void writeWeights(JsonNode c, Path file, long seed) throws IOException {
		long h = required(c, "hidden_size");
		long heads = required(c, "num_attention_heads");
		long headDim = (c.has("head_dim")) ? required(c, "head_dim") : h / heads;
		long q = heads * headDim;
		long kv = required(c, "num_key_value_heads") * headDim;
		long inter = required(c, "intermediate_size");
		long vocab = required(c, "vocab_size");
		Map<String, long[]> shapes = new LinkedHashMap<>();
		shapes.put("model.embed_tokens.weight", new long[] { vocab, h });
		shapes.put("model.norm.weight", new long[] { h });
		JsonNode tie = c.get("tie_word_embeddings");
		if (tie != null && !tie.asBoolean()) {
			shapes.put("lm_head.weight", new long[] { vocab, h });
		}
		for (long i = 0; i < required(c, "num_hidden_layers"); i++) {
			String p = "model.layers." + i + ".";
			shapes.put(p + "input_layernorm.weight", new long[] { h });
			shapes.put(p + "self_attn.q_proj.weight", new long[] { q, h });
			shapes.put(p + "self_attn.k_proj.weight", new long[] { kv, h });
			shapes.put(p + "self_attn.v_proj.weight", new long[] { kv, h });
			shapes.put(p + "self_attn.o_proj.weight", new long[] { h, q });
			shapes.put(p + "mlp.gate_proj.weight", new long[] { inter, h });
			shapes.put(p + "mlp.up_proj.weight", new long[] { inter, h });
			shapes.put(p + "mlp.down_proj.weight", new long[] { h, inter });
		}
		List<RandomBf16Safetensors.Tensor> tensors = new ArrayList<>();
		shapes.forEach((name, shape) -> tensors.add(new RandomBf16Safetensors.Tensor(name, shape, (shape.length == 1)
				? RandomBf16Safetensors.Fill.constant(1f) : RandomBf16Safetensors.Fill.uniform(1.7320508, SCALE))));
		RandomBf16Safetensors.write(file, tensors, seed);
	}

}
