package dev.springcohere.engine.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The architecture parameters of a checkpoint, parsed from {@code config.json}. Both the
 * transformers-5 key layout ({@code rope_parameters.rope_theta}, {@code layer_types}) and
 * the older layout of published Cohere checkpoints ({@code rope_theta},
 * {@code sliding_window_pattern}, {@code order_of_interleaved_layers}) are accepted.
 *
 * @param modelType the architecture
 * @param hiddenSize model width
 * @param intermediateSize MLP width
 * @param numHiddenLayers number of layers
 * @param numAttentionHeads query heads
 * @param numKeyValueHeads key/value heads (GQA)
 * @param headDim size of one head
 * @param vocabSize vocabulary size
 * @param maxPositionEmbeddings longest supported context
 * @param layerNormEps LayerNorm epsilon (1e-5 for decoders and 1e-12 for encoders when
 * absent)
 * @param ropeTheta RoPE base (0 where the model has no RoPE)
 * @param logitScale factor applied to the logits (where absent:
 * {@value #DEFAULT_DECODER_LOGIT_SCALE} for decoders, 1 for encoders)
 * @param useQkNorm whether q and k get a per-head LayerNorm
 * @param tieWordEmbeddings whether the LM head reuses the embedding matrix
 * @param slidingWindow window of sliding layers (0 when none)
 * @param layerTypes attention kind per layer, {@code numHiddenLayers} entries
 * @param bosTokenId begin-of-sequence id, -1 when absent
 * @param eosTokenIds end-of-sequence ids from config.json (may be empty)
 * @param padTokenId padding id; when absent -1 for decoders, 0 for BERT and 1 for
 * XLM-RoBERTa (transformers' defaults)
 * @param hiddenAct activation function name; when absent {@code silu} for decoders,
 * {@code gelu} for encoders
 * @param typeVocabSize token type vocabulary size (encoders, 2 when absent; 0 for
 * decoders)
 */
public record ModelConfig(ModelType modelType, int hiddenSize, int intermediateSize, int numHiddenLayers,
		int numAttentionHeads, int numKeyValueHeads, int headDim, int vocabSize, int maxPositionEmbeddings,
		double layerNormEps, double ropeTheta, double logitScale, boolean useQkNorm, boolean tieWordEmbeddings,
		int slidingWindow, List<LayerType> layerTypes, int bosTokenId, List<Integer> eosTokenIds, int padTokenId,
		String hiddenAct, int typeVocabSize) {

	/**
	 * The {@code logit_scale} of a Cohere decoder whose config.json leaves it out (as
	 * transformers' {@code CohereConfig} and {@code Cohere2Config} default it).
	 */
	public static final double DEFAULT_DECODER_LOGIT_SCALE = 0.0625;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	/**
	 * Validates and copies the components.
	 */
	public ModelConfig {
		Objects.requireNonNull(modelType, "'modelType' must not be null");
		Objects.requireNonNull(hiddenAct, "'hiddenAct' must not be null");
		layerTypes = List.copyOf(layerTypes);
		eosTokenIds = List.copyOf(eosTokenIds);
		if (layerTypes.size() != numHiddenLayers) {
			throw new ModelFormatException(
					"layer_types has " + layerTypes.size() + " entries but num_hidden_layers is " + numHiddenLayers);
		}
	}

	/**
	 * Reads {@code config.json} from a checkpoint directory (or a config file path).
	 * @param path the directory or the file
	 * @return the config
	 * @throws ModelFormatException if the file is missing, not JSON, or lacks required
	 * keys
	 */
	public static ModelConfig read(Path path) {
		Objects.requireNonNull(path, "'path' must not be null");
		Path file = Files.isDirectory(path) ? path.resolve("config.json") : path;
		String json;
		try {
			json = Files.readString(file);
		}
		catch (NoSuchFileException ex) {
			throw new ModelFormatException("Missing " + file + ": a checkpoint directory needs a config.json", ex);
		}
		catch (IOException ex) {
			throw new ModelFormatException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
		return parse(json, file.toString());
	}

	/**
	 * Parses the JSON text of a {@code config.json}.
	 * @param json the text
	 * @param source where it came from, for error messages
	 * @return the config
	 * @throws ModelFormatException if the text is not valid or lacks required keys
	 */
	public static ModelConfig parse(String json, String source) {
		JsonNode root;
		try {
			root = MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new ModelFormatException("Invalid JSON in " + source + ": " + ex.getOriginalMessage(), ex);
		}
		if (root == null || !root.isObject()) {
			throw new ModelFormatException("Expected a JSON object in " + source);
		}
		JsonNode typeNode = root.get("model_type");
		if (typeNode == null || !typeNode.isString()) {
			throw new ModelFormatException("Missing string 'model_type' in " + source);
		}
		ModelType type = ModelType.fromId(typeNode.asString(), source);
		int hidden = requiredInt(root, "hidden_size", source);
		int layers = requiredInt(root, "num_hidden_layers", source);
		int heads = requiredInt(root, "num_attention_heads", source);
		int kvHeads = optionalInt(root, "num_key_value_heads", heads);
		int headDim = optionalInt(root, "head_dim", hidden / heads);
		if (hidden % heads != 0 && !root.has("head_dim")) {
			throw new ModelFormatException("hidden_size " + hidden + " is not a multiple of num_attention_heads "
					+ heads + " in " + source + " and head_dim is absent");
		}
		if (heads % kvHeads != 0) {
			throw new ModelFormatException("num_attention_heads " + heads + " is not a multiple of num_key_value_heads "
					+ kvHeads + " in " + source);
		}
		if (type.isDecoder()) {
			refuseUnsupportedDecoderKeys(root, source);
		}
		double ropeTheta = 0;
		JsonNode ropeParameters = root.get("rope_parameters");
		if (ropeParameters != null && ropeParameters.isObject() && ropeParameters.has("rope_theta")) {
			ropeTheta = ropeParameters.get("rope_theta").asDouble();
		}
		else if (root.has("rope_theta")) {
			ropeTheta = root.get("rope_theta").asDouble();
		}
		else if (type.isDecoder()) {
			ropeTheta = 10000.0;
		}
		int window = root.hasNonNull("sliding_window") ? root.get("sliding_window").asInt() : 0;
		List<LayerType> layerTypes = layerTypes(root, type, layers, source);
		if (window <= 0 && layerTypes.contains(LayerType.SLIDING_ATTENTION)) {
			throw new ModelFormatException("Sliding-window layers need a positive 'sliding_window' in " + source);
		}
		return new ModelConfig(type, hidden, requiredInt(root, "intermediate_size", source), layers, heads, kvHeads,
				headDim, requiredInt(root, "vocab_size", source), optionalInt(root, "max_position_embeddings", 0),
				optionalDouble(root, "layer_norm_eps", type.isDecoder() ? 1e-5 : 1e-12), ropeTheta,
				optionalDouble(root, "logit_scale", type.isDecoder() ? DEFAULT_DECODER_LOGIT_SCALE : 1.0),
				root.path("use_qk_norm").asBoolean(false), root.path("tie_word_embeddings").asBoolean(true), window,
				layerTypes, optionalInt(root, "bos_token_id", -1), tokenIds(root.get("eos_token_id")),
				optionalInt(root, "pad_token_id", defaultPadTokenId(type)),
				root.path("hidden_act").asString(type.isDecoder() ? "silu" : "gelu"),
				optionalInt(root, "type_vocab_size", type.isDecoder() ? 0 : 2));
	}

	/**
	 * Refuses, by name, the config keys of a decoder whose values the engine's forward
	 * pass does not implement, instead of silently computing something else: RoPE scaling
	 * other than {@code default}, biases on the attention projections, and activations
	 * other than SiLU.
	 */
	private static void refuseUnsupportedDecoderKeys(JsonNode root, String source) {
		for (String key : List.of("rope_scaling", "rope_parameters")) {
			JsonNode rope = root.get(key);
			if (rope != null && rope.isObject()) {
				String ropeType = rope.has("rope_type") ? rope.get("rope_type").asString("")
						: rope.path("type").asString("default");
				if (!"default".equals(ropeType)) {
					throw unsupported(source, key + ".rope_type", ropeType, "'default' (unscaled RoPE)");
				}
			}
		}
		if (root.path("attention_bias").asBoolean(false)) {
			throw unsupported(source, "attention_bias", "true", "false (Cohere's attention has no biases)");
		}
		String activation = root.path("hidden_act").asString("silu");
		if (!"silu".equals(activation)) {
			throw unsupported(source, "hidden_act", activation, "'silu' (SwiGLU)");
		}
	}

	private static ModelFormatException unsupported(String source, String key, String value, String supported) {
		return new ModelFormatException("The engine cannot honour '" + key + "' = " + value + " in " + source
				+ ": it supports only " + supported + "; this checkpoint needs a different implementation");
	}

	/**
	 * The {@code pad_token_id} transformers assumes when config.json leaves it out: 0 for
	 * BERT, 1 for XLM-RoBERTa, none (-1) for the decoders.
	 */
	private static int defaultPadTokenId(ModelType type) {
		return switch (type) {
			case BERT -> 0;
			case XLM_ROBERTA -> 1;
			default -> -1;
		};
	}

	/**
	 * Reads token ids that may be written as one number or as an array.
	 * @param node the JSON value, may be null
	 * @return the ids (empty when absent)
	 */
	static List<Integer> tokenIds(@Nullable JsonNode node) {
		List<Integer> ids = new ArrayList<>();
		if (node == null || node.isNull()) {
			return ids;
		}
		if (node.isArray()) {
			for (JsonNode element : node) {
				ids.add(element.asInt());
			}
		}
		else {
			ids.add(node.asInt());
		}
		return ids;
	}

	private static List<LayerType> layerTypes(JsonNode root, ModelType type, int layers, String source) {
		List<LayerType> result = new ArrayList<>(layers);
		JsonNode explicit = root.get("layer_types");
		if (explicit != null && explicit.isArray()) {
			for (JsonNode element : explicit) {
				String name = element.asString("");
				result.add(switch (name) {
					case "sliding_attention" -> LayerType.SLIDING_ATTENTION;
					case "full_attention" -> LayerType.FULL_ATTENTION;
					default -> throw new ModelFormatException("Unknown layer type '" + name + "' in layer_types of "
							+ source + ": expected sliding_attention or full_attention");
				});
			}
			return result;
		}
		if (type == ModelType.COHERE2) {
			if (!root.hasNonNull("sliding_window_pattern")) {
				throw new ModelFormatException(
						"cohere2 config " + source + " has neither 'layer_types' nor 'sliding_window_pattern'");
			}
			int pattern = root.get("sliding_window_pattern").asInt();
			String order = root.path("order_of_interleaved_layers").asString("local_attn_first");
			if (pattern <= 0 || !order.equals("local_attn_first")) {
				throw new ModelFormatException("Unsupported sliding_window_pattern " + pattern
						+ " / order_of_interleaved_layers '" + order + "' in " + source);
			}
			for (int i = 0; i < layers; i++) {
				result.add((i + 1) % pattern != 0 ? LayerType.SLIDING_ATTENTION : LayerType.FULL_ATTENTION);
			}
			return result;
		}
		for (int i = 0; i < layers; i++) {
			result.add(LayerType.FULL_ATTENTION);
		}
		return result;
	}

	private static int requiredInt(JsonNode root, String key, String source) {
		JsonNode node = root.get(key);
		if (node == null || !node.isNumber() || node.asInt() <= 0) {
			throw new ModelFormatException("Missing or non-positive integer '" + key + "' in " + source);
		}
		return node.asInt();
	}

	private static int optionalInt(JsonNode root, String key, int fallback) {
		JsonNode node = root.get(key);
		return (node == null || !node.isNumber()) ? fallback : node.asInt();
	}

	private static double optionalDouble(JsonNode root, String key, double fallback) {
		JsonNode node = root.get(key);
		return (node == null || !node.isNumber()) ? fallback : node.asDouble();
	}

	/**
	 * Number of query heads per key/value head.
	 * @return the GQA group size
	 */
	public int groupSize() {
		return this.numAttentionHeads / this.numKeyValueHeads;
	}

	/**
	 * Whether layer {@code layer} applies RoPE: every cohere layer, only the sliding
	 * layers of cohere2.
	 * @param layer the layer index
	 * @return true when RoPE is applied
	 */
	public boolean usesRope(int layer) {
		return this.modelType != ModelType.COHERE2 || this.layerTypes.get(layer) == LayerType.SLIDING_ATTENTION;
	}

}
