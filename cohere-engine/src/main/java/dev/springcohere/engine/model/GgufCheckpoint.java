package dev.springcohere.engine.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads a Cohere decoder out of a GGUF file as llama.cpp's converter writes it:
 * architectures {@code command-r} (Command R / R+ / Aya) and {@code cohere2} (Command R7B
 * / Command A). The {@code <arch>.*} metadata becomes a {@link ModelConfig}, and
 * llama.cpp's tensor names ({@code token_embd.weight}, {@code blk.N.attn_q.weight}...)
 * become the Hugging Face names {@link ModelWeights} uses. The q/k projections need no
 * un-permuting: llama.cpp runs these architectures with its "normal" RoPE, which rotates
 * adjacent pairs exactly as Cohere's interleaved RoPE does, so the converter writes them
 * unchanged.
 * <p>
 * cohere2 layers: {@code cohere2.attention.sliding_window_pattern} when present (a period
 * {@code n}: layer {@code i} slides when {@code i % n < n - 1}; or one boolean per
 * layer), else llama.cpp's fixed period of 4 (three sliding layers with RoPE, then a full
 * one without).
 */
final class GgufCheckpoint {

	private static final Pattern BLOCK = Pattern.compile("blk\\.(\\d{1,6})\\.(\\w+)\\.weight");

	private static final Map<String, String> GLOBAL_NAMES = Map.of("token_embd.weight", "model.embed_tokens.weight",
			"output_norm.weight", "model.norm.weight", "output.weight", "lm_head.weight");

	private static final Map<String, String> BLOCK_NAMES = Map.ofEntries(
			Map.entry("attn_norm", "input_layernorm.weight"), Map.entry("attn_q", "self_attn.q_proj.weight"),
			Map.entry("attn_k", "self_attn.k_proj.weight"), Map.entry("attn_v", "self_attn.v_proj.weight"),
			Map.entry("attn_output", "self_attn.o_proj.weight"), Map.entry("attn_q_norm", "self_attn.q_norm.weight"),
			Map.entry("attn_k_norm", "self_attn.k_norm.weight"), Map.entry("ffn_gate", "mlp.gate_proj.weight"),
			Map.entry("ffn_up", "mlp.up_proj.weight"), Map.entry("ffn_down", "mlp.down_proj.weight"));

	/** llama.cpp's sliding-window period of cohere2 when the file does not state one. */
	static final int DEFAULT_COHERE2_PATTERN = 4;

	private GgufCheckpoint() {
	}

	/**
	 * The architecture of a GGUF decoder.
	 * @param file the open file
	 * @return the config
	 * @throws ModelFormatException for another architecture, missing keys or settings the
	 * engine cannot honour
	 */
	static ModelConfig config(GgufFile file) {
		GgufMetadata m = file.metadata();
		String source = file.path().toString();
		String arch = m.string("general.architecture");
		ModelType type = switch (arch) {
			case "command-r" -> ModelType.COHERE;
			case "cohere2" -> ModelType.COHERE2;
			default -> throw new ModelFormatException(source + " holds a '" + arch
					+ "' model; the engine runs GGUF architectures command-r (Command R, R+, Aya) and cohere2"
					+ " (Command R7B, Command A)");
		};
		String p = arch + ".";
		int hidden = m.integer(p + "embedding_length");
		int layers = m.integer(p + "block_count");
		int heads = m.integer(p + "attention.head_count");
		int kvHeads = m.integer(p + "attention.head_count_kv", heads);
		if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0) {
			throw new ModelFormatException(source + ": attention.head_count " + heads
					+ " is not a positive multiple of attention.head_count_kv " + kvHeads);
		}
		if (!m.has(p + "attention.key_length") && hidden % heads != 0) {
			throw new ModelFormatException(source + ": embedding_length " + hidden
					+ " is not a multiple of attention.head_count " + heads + " and attention.key_length is absent");
		}
		int headDim = m.integer(p + "attention.key_length", hidden / heads);
		int valueDim = m.integer(p + "attention.value_length", headDim);
		if (valueDim != headDim) {
			throw unsupported(source, p + "attention.value_length", valueDim,
					"equal to attention.key_length " + headDim);
		}
		int ropeDims = m.integer(p + "rope.dimension_count", headDim);
		if (ropeDims != headDim) {
			throw unsupported(source, p + "rope.dimension_count", ropeDims,
					"the whole head (" + headDim + "): partial rotary embeddings are not implemented");
		}
		String scaling = m.optionalString(p + "rope.scaling.type");
		if (scaling != null && !scaling.equals("none")) {
			throw unsupported(source, p + "rope.scaling.type", scaling, "none (unscaled RoPE)");
		}
		double ropeTheta = m.number(p + "rope.freq_base", 10000.0);
		if (type == ModelType.COHERE2) {
			// only the sliding layers apply RoPE
			ropeTheta = m.number(p + "rope.freq_base_swa", ropeTheta);
		}
		Tensor embeddings = file.find("token_embd.weight");
		if (embeddings == null || embeddings.shape().size() != 2) {
			throw new ModelFormatException(source + ": missing two-dimensional tensor 'token_embd.weight'");
		}
		int vocab = Math.toIntExact(embeddings.dim(0));
		if (m.has(p + "vocab_size") && m.integer(p + "vocab_size") != vocab) {
			throw new ModelFormatException(source + ": " + p + "vocab_size is " + m.integer(p + "vocab_size")
					+ " but token_embd.weight has " + vocab + " rows");
		}
		int window = (type == ModelType.COHERE2) ? m.integer(p + "attention.sliding_window") : 0;
		List<LayerType> layerTypes = layerTypes(m, type, p, layers, source);
		if (window <= 0 && layerTypes.contains(LayerType.SLIDING_ATTENTION)) {
			throw new ModelFormatException(source + ": sliding-window layers need a positive " + p
					+ "attention.sliding_window but it is " + window);
		}
		List<Integer> eos = new ArrayList<>();
		if (m.has("tokenizer.ggml.eos_token_id")) {
			eos.add(m.integer("tokenizer.ggml.eos_token_id"));
		}
		return new ModelConfig(type, hidden, m.integer(p + "feed_forward_length"), layers, heads, kvHeads, headDim,
				vocab, m.integer(p + "context_length"), m.number(p + "attention.layer_norm_epsilon"), ropeTheta,
				m.number(p + "logit_scale"), file.find("blk.0.attn_q_norm.weight") != null,
				file.find("output.weight") == null, window, layerTypes, m.integer("tokenizer.ggml.bos_token_id", -1),
				eos, m.integer("tokenizer.ggml.padding_token_id", -1), "silu", 0);
	}

	private static List<LayerType> layerTypes(GgufMetadata m, ModelType type, String p, int layers, String source) {
		List<LayerType> result = new ArrayList<>(layers);
		if (type != ModelType.COHERE2) {
			for (int i = 0; i < layers; i++) {
				result.add(LayerType.FULL_ATTENTION);
			}
			return result;
		}
		String key = p + "attention.sliding_window_pattern";
		if (m.get(key) instanceof List<?>) {
			List<Boolean> sliding = m.booleans(key);
			if (sliding.size() != layers) {
				throw new ModelFormatException(
						source + ": " + key + " has " + sliding.size() + " entries but block_count is " + layers);
			}
			for (boolean s : sliding) {
				result.add(s ? LayerType.SLIDING_ATTENTION : LayerType.FULL_ATTENTION);
			}
			return result;
		}
		int period = m.integer(key, DEFAULT_COHERE2_PATTERN);
		if (period < 0) {
			throw new ModelFormatException(source + ": " + key + " is " + period + ", expected a period >= 0");
		}
		for (int i = 0; i < layers; i++) {
			boolean sliding = period == 0 || i % period < period - 1;
			result.add(sliding ? LayerType.SLIDING_ATTENTION : LayerType.FULL_ATTENTION);
		}
		return result;
	}

	/**
	 * The file's tensors under the Hugging Face names of {@link ModelWeights}.
	 * @param file the open file
	 * @param config the file's config (for the layer count)
	 * @return the tensors by Hugging Face name
	 * @throws ModelFormatException for a tensor the Cohere architectures do not have
	 * (such as biases or a fused {@code attn_qkv}) or a layer beyond the block count
	 */
	static Map<String, Tensor> tensors(GgufFile file, ModelConfig config) {
		Map<String, Tensor> result = new LinkedHashMap<>();
		for (String name : file.tensorNames()) {
			Matcher block = BLOCK.matcher(name);
			if (block.matches() && Long.parseLong(block.group(1)) >= config.numHiddenLayers()) {
				throw new ModelFormatException(file.path() + ": tensor '" + name + "' belongs to layer "
						+ block.group(1) + " but " + file.metadata().string("general.architecture") + ".block_count is "
						+ config.numHiddenLayers());
			}
			Tensor tensor = file.find(name);
			String hfName = hfName(name);
			if (tensor == null || hfName == null) {
				throw new ModelFormatException(file.path() + ": tensor '" + name
						+ "' is not part of llama.cpp's command-r/cohere2 layout (token_embd, output_norm, output,"
						+ " blk.N.{attn_norm, attn_q, attn_k, attn_v, attn_output, attn_q_norm, attn_k_norm, ffn_gate,"
						+ " ffn_up, ffn_down}.weight); the engine cannot run this file");
			}
			result.put(hfName, new Tensor(hfName, tensor.dtype(), tensor.shape(), tensor.data()));
		}
		return result;
	}

	private static @Nullable String hfName(String ggufName) {
		String global = GLOBAL_NAMES.get(ggufName);
		if (global != null) {
			return global;
		}
		Matcher matcher = BLOCK.matcher(ggufName);
		if (matcher.matches() && BLOCK_NAMES.containsKey(matcher.group(2))) {
			return "model.layers." + Integer.parseInt(matcher.group(1)) + "." + BLOCK_NAMES.get(matcher.group(2));
		}
		return null;
	}

	/**
	 * Stop token ids: {@code tokenizer.ggml.eos_token_id} and, when present,
	 * {@code tokenizer.ggml.eot_token_id}.
	 * @param file the open file
	 * @return the ids
	 */
	static List<Integer> stopTokenIds(GgufFile file) {
		Set<Integer> ids = new LinkedHashSet<>();
		for (String key : List.of("tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id")) {
			if (file.metadata().has(key)) {
				ids.add(file.metadata().integer(key));
			}
		}
		return new ArrayList<>(ids);
	}

	private static ModelFormatException unsupported(String source, String key, Object value, String supported) {
		return new ModelFormatException("The engine cannot honour '" + key + "' = " + value + " in " + source
				+ ": it supports only " + supported + "; this model needs a different implementation");
	}

}
