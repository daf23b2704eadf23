package dev.springcohere.engine.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts the tiny safetensors fixtures into GGUF files the way llama.cpp's converter
 * does: {@code <arch>.*} keys from {@code config.json}, tensors under llama.cpp's names
 * with ggml's innermost-first dimensions, and the tiny tokenizer's vocabulary, merges,
 * token types, special ids and chat template as {@code tokenizer.*} keys.
 */
public final class GgufFixtures {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern LAYER = Pattern.compile("model\\.layers\\.(\\d+)\\.(.+)");

	private static final Map<String, String> LAYER_NAMES = Map.ofEntries(
			Map.entry("input_layernorm.weight", "attn_norm"), Map.entry("self_attn.q_proj.weight", "attn_q"),
			Map.entry("self_attn.k_proj.weight", "attn_k"), Map.entry("self_attn.v_proj.weight", "attn_v"),
			Map.entry("self_attn.o_proj.weight", "attn_output"), Map.entry("self_attn.q_norm.weight", "attn_q_norm"),
			Map.entry("self_attn.k_norm.weight", "attn_k_norm"), Map.entry("mlp.gate_proj.weight", "ffn_gate"),
			Map.entry("mlp.up_proj.weight", "ffn_up"), Map.entry("mlp.down_proj.weight", "ffn_down"));

	private GgufFixtures() {
	}

	/**
	 * The GGUF name of a Hugging Face tensor name.
	 * @param hfName e.g. {@code model.layers.0.self_attn.q_proj.weight}
	 * @return e.g. {@code blk.0.attn_q.weight}
	 */
	public static String ggufName(String hfName) {
		switch (hfName) {
			case "model.embed_tokens.weight":
				return "token_embd.weight";
			case "model.norm.weight":
				return "output_norm.weight";
			case "lm_head.weight":
				return "output.weight";
			default:
				Matcher m = LAYER.matcher(hfName);
				if (!m.matches() || !LAYER_NAMES.containsKey(m.group(2))) {
					throw new IllegalArgumentException("No GGUF name for " + hfName);
				}
				return "blk." + m.group(1) + "." + LAYER_NAMES.get(m.group(2)) + ".weight";
		}
	}

	/**
	 * A writer holding a tiny decoder fixture (architecture keys and tensors) and the
	 * tiny tokenizer, ready for more keys or {@link GgufWriter#write(Path)}.
	 * @param fixture {@code tiny-cohere}, {@code tiny-cohere-qknorm} or
	 * {@code tiny-cohere2}
	 * @param dtype F32, F16, BF16 or Q8_0 (norms stay F32)
	 * @param maxPositions the context length to write, or 0 for the fixture's
	 * @return the writer
	 */
	public static GgufWriter model(String fixture, DType dtype, int maxPositions) {
		Path dir = Fixtures.engine(fixture);
		ModelConfig c = ModelConfig.read(dir);
		String arch = (c.modelType() == ModelType.COHERE2) ? "cohere2" : "command-r";
		GgufWriter w = new GgufWriter().string("general.architecture", arch)
			.string("general.name", fixture)
			.u32(arch + ".context_length", (maxPositions > 0) ? maxPositions : c.maxPositionEmbeddings())
			.u32(arch + ".embedding_length", c.hiddenSize())
			.u32(arch + ".block_count", c.numHiddenLayers())
			.u32(arch + ".feed_forward_length", c.intermediateSize())
			.u32(arch + ".attention.head_count", c.numAttentionHeads())
			.u32(arch + ".attention.head_count_kv", c.numKeyValueHeads())
			.f32(arch + ".rope.freq_base", c.ropeTheta())
			.f32(arch + ".attention.layer_norm_epsilon", c.layerNormEps())
			.f32(arch + ".logit_scale", c.logitScale())
			.string(arch + ".rope.scaling.type", "none");
		if (c.modelType() == ModelType.COHERE2) {
			w.u32(arch + ".attention.sliding_window", c.slidingWindow())
				.u32(arch + ".vocab_size", c.vocabSize())
				.u32(arch + ".rope.dimension_count", c.headDim());
		}
		tokenizer(w);
		try (SafetensorsFile weights = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
			for (String name : weights.tensorNames()) {
				Tensor t = weights.tensor(name);
				long[] ne = new long[t.shape().size()];
				for (int i = 0; i < ne.length; i++) {
					ne[i] = t.shape().get(ne.length - 1 - i);
				}
				// like llama.cpp, norms stay F32 in a quantized file
				DType type = (dtype.isQuantized() && name.endsWith("norm.weight")) ? DType.F32 : dtype;
				w.tensor(ggufName(name), GgmlType.id(type), encode(t.toFloatArray(), type), ne);
			}
		}
		return w;
	}

	/**
	 * Writes a complete GGUF model (weights, tokenizer, chat template) of a fixture.
	 * @param fixture the decoder fixture
	 * @param dtype F32, F16 or BF16
	 * @param maxPositions the context length, or 0 for the fixture's
	 * @param file the target file
	 * @return the file
	 */
	public static Path write(String fixture, DType dtype, int maxPositions, Path file) {
		return model(fixture, dtype, maxPositions).write(file);
	}

	/**
	 * Adds the tiny tokenizer's {@code tokenizer.*} keys as llama.cpp's converter writes
	 * them (byte-level BPE, pre-tokenizer {@code command-r}).
	 * @param w the writer
	 * @return the writer
	 */
	public static GgufWriter tokenizer(GgufWriter w) {
		Path dir = Fixtures.engine("tiny-tokenizer");
		try {
			JsonNode tokenizer = JSON.readTree(Files.readString(dir.resolve("tokenizer.json")));
			JsonNode config = JSON.readTree(Files.readString(dir.resolve("tokenizer_config.json")));
			JsonNode vocab = tokenizer.path("model").path("vocab");
			String[] tokens = new String[vocab.size()];
			int[] types = new int[vocab.size()];
			Arrays.fill(types, 1);
			for (Map.Entry<String, JsonNode> e : vocab.properties()) {
				tokens[e.getValue().asInt()] = e.getKey();
			}
			for (JsonNode added : tokenizer.path("added_tokens")) {
				types[added.path("id").asInt()] = added.path("special").asBoolean() ? 3 : 4;
			}
			List<String> merges = new ArrayList<>();
			for (JsonNode merge : tokenizer.path("model").path("merges")) {
				merges
					.add(merge.isArray() ? merge.get(0).asString() + " " + merge.get(1).asString() : merge.asString());
			}
			List<String> tokenList = Arrays.asList(tokens);
			return w.string("tokenizer.ggml.model", "gpt2")
				.string("tokenizer.ggml.pre", "command-r")
				.strings("tokenizer.ggml.tokens", tokenList)
				.i32s("tokenizer.ggml.token_type", types)
				.strings("tokenizer.ggml.merges", merges)
				.u32("tokenizer.ggml.bos_token_id", tokenList.indexOf(config.path("bos_token").asString()))
				.u32("tokenizer.ggml.eos_token_id", tokenList.indexOf(config.path("eos_token").asString()))
				.u32("tokenizer.ggml.unknown_token_id", tokenList.indexOf(config.path("unk_token").asString()))
				.u32("tokenizer.ggml.padding_token_id", tokenList.indexOf(config.path("pad_token").asString()))
				.bool("tokenizer.ggml.add_bos_token", config.path("add_bos_token").asBoolean())
				.bool("tokenizer.ggml.add_eos_token", config.path("add_eos_token").asBoolean())
				.string("tokenizer.chat_template", config.path("chat_template").asString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Encodes floats as F32, F16 or BF16 (exact for values representable in bf16), or
	 * quantizes them to Q8_0 blocks as ggml does (an f16 scale {@code max|x| / 127}, then
	 * 32 values rounded to signed bytes).
	 * @param values the values
	 * @param dtype the target type
	 * @return the little-endian bytes
	 */
	public static byte[] encode(float[] values, DType dtype) {
		if (dtype == DType.Q8_0) {
			return q8(values);
		}
		ByteBuffer out = ByteBuffer.allocate(values.length * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
		for (float v : values) {
			switch (dtype) {
				case F32 -> out.putFloat(v);
				case F16 -> out.putShort(Float.floatToFloat16(v));
				case BF16 -> out.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
				default -> throw new IllegalArgumentException("Cannot encode " + dtype);
			}
		}
		return out.array();
	}

	private static byte[] q8(float[] values) {
		ByteBuffer out = ByteBuffer.allocate((int) DType.Q8_0.byteSize(values.length)).order(ByteOrder.LITTLE_ENDIAN);
		for (int block = 0; block < values.length; block += 32) {
			float max = 0;
			for (int i = 0; i < 32; i++) {
				max = Math.max(max, Math.abs(values[block + i]));
			}
			float scale = max / 127;
			float inverse = (scale != 0) ? 1 / scale : 0;
			out.putShort(Float.floatToFloat16(scale));
			for (int i = 0; i < 32; i++) {
				out.put((byte) Math.round(values[block + i] * inverse));
			}
		}
		return out.array();
	}

}
