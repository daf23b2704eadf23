package dev.springcohere.benchmarks.jlama;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The dimensions a synthetic Llama model shares with one of the engine's benchmark
 * configs ({@code cohere-engine/bench/*.json}, a Hugging Face {@code config.json} of a
 * Cohere model): hidden size, MLP size, layers, heads, KV heads, head size, vocabulary
 * and context length.
 *
 * @param hiddenSize the model width
 * @param intermediateSize the MLP width
 * @param layers the decoder layers
 * @param heads the attention (query) heads
 * @param kvHeads the key/value heads
 * @param headDim the size of one head
 * @param vocabSize the vocabulary (rows of the embedding and the tied LM head)
 * @param contextLength the longest sequence
 * @param ropeTheta the rotary base
 * @param normEps the norms' epsilon
 */
public record LlamaShape(int hiddenSize, int intermediateSize, int layers, int heads, int kvHeads, int headDim,
		int vocabSize, int contextLength, double ropeTheta, double normEps) {

	/**
	 * Checks the dimensions.
	 */
	public LlamaShape {
		if (hiddenSize < 1 || intermediateSize < 1 || layers < 1 || heads < 1 || kvHeads < 1 || vocabSize < 1
				|| contextLength < 1) {
			throw new IllegalArgumentException("every dimension must be at least 1: " + this);
		}
		if (heads * headDim != hiddenSize) {
			throw new IllegalArgumentException("jlama's Llama needs num_attention_heads x head_dim = hidden_size, but "
					+ heads + " x " + headDim + " != " + hiddenSize);
		}
		if (heads % kvHeads != 0) {
			throw new IllegalArgumentException(
					"num_attention_heads (" + heads + ") must be a multiple of num_key_value_heads (" + kvHeads + ")");
		}
	}

	/**
	 * Reads the shape of one of the engine's configs.
	 * @param config a {@code config.json} (e.g.
	 * {@code cohere-engine/bench/cohere2-1b.json})
	 * @return its dimensions
	 * @throws IOException if the file cannot be read
	 * @throws IllegalArgumentException if a dimension is missing or not a number
	 */
	public static LlamaShape read(Path config) throws IOException {
		JsonNode root = new ObjectMapper().readTree(config.toFile());
		int hidden = required(root, config, "hidden_size");
		int heads = required(root, config, "num_attention_heads");
		return new LlamaShape(hidden, required(root, config, "intermediate_size"),
				required(root, config, "num_hidden_layers"), heads,
				root.has("num_key_value_heads") ? required(root, config, "num_key_value_heads") : heads,
				root.has("head_dim") ? required(root, config, "head_dim") : hidden / heads,
				required(root, config, "vocab_size"), required(root, config, "max_position_embeddings"),
				root.path("rope_theta").asDouble(10000.0), root.path("layer_norm_eps").asDouble(1e-5));
	}

	private static int required(JsonNode root, Path config, String field) {
		JsonNode node = root.get(field);
		if (node == null || !node.canConvertToInt()) {
			throw new IllegalArgumentException(config + " has no integer '" + field + "' (found " + node
					+ "); pass a Hugging Face config.json of a decoder, e.g. cohere-engine/bench/cohere2-1b.json");
		}
		return node.intValue();
	}

	/**
	 * The Llama {@code config.json} jlama reads for this shape (tied embeddings, SiLU
	 * MLP, bf16 weights).
	 * @return the config's fields
	 */
	public Map<String, Object> llamaConfig() {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("architectures", List.of("LlamaForCausalLM"));
		config.put("model_type", "llama");
		config.put("hidden_size", this.hiddenSize);
		config.put("intermediate_size", this.intermediateSize);
		config.put("num_hidden_layers", this.layers);
		config.put("num_attention_heads", this.heads);
		config.put("num_key_value_heads", this.kvHeads);
		config.put("head_dim", this.headDim);
		config.put("vocab_size", this.vocabSize);
		config.put("max_position_embeddings", this.contextLength);
		config.put("rope_theta", this.ropeTheta);
		config.put("rms_norm_eps", this.normEps);
		config.put("hidden_act", "silu");
		config.put("tie_word_embeddings", true);
		config.put("bos_token_id", 1);
		config.put("eos_token_id", 2);
		config.put("torch_dtype", "bfloat16");
		return config;
	}

	/**
	 * Parameters of the projection matrices (attention and MLP) of all layers.
	 * @return the count
	 */
	public long projectionParameters() {
		long h = this.hiddenSize;
		long q = (long) this.heads * this.headDim;
		long kv = (long) this.kvHeads * this.headDim;
		return this.layers * (h * q + 2 * h * kv + q * h + 3 * h * this.intermediateSize);
	}

	/**
	 * Parameters of the token embedding (tied to the LM head).
	 * @return the count
	 */
	public long embeddingParameters() {
		return (long) this.vocabSize * this.hiddenSize;
	}

}
