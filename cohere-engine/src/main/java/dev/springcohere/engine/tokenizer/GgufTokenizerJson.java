package dev.springcohere.engine.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.springcohere.engine.model.GgufMetadata;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rebuilds a Hugging Face {@code tokenizer.json} and the {@link TokenizerConfig} of
 * {@code tokenizer_config.json} from the {@code tokenizer.*} metadata of a GGUF file, so
 * that one {@code .gguf} file is a complete model: byte-level BPE
 * ({@code tokenizer.ggml.model = gpt2}) with {@code tokenizer.ggml.tokens},
 * {@code .merges} and {@code .token_type} (control tokens become special added tokens,
 * user-defined ones plain added tokens); the pre-tokenizer of {@code tokenizer.ggml.pre}
 * ({@code command-r}: NFC, single digits, then GPT-2's byte-level split, as Cohere's own
 * {@code tokenizer.json} has it; {@code gpt-2}: the byte-level split alone); the BOS/EOS
 * ids and {@code add_bos_token}/{@code add_eos_token} as the post-processor; and
 * {@code tokenizer.chat_template} (plus named {@code tokenizer.chat_template.NAME}
 * templates such as {@code tool_use} and {@code rag}).
 */
final class GgufTokenizerJson {

	/** llama.cpp's token types. */
	private static final int TYPE_CONTROL = 3;

	private static final int TYPE_USER_DEFINED = 4;

	private static final int TYPE_UNKNOWN = 2;

	private static final String TEMPLATE_KEY = "tokenizer.chat_template";

	private final GgufMetadata metadata;

	private final String source;

	/**
	 * The rebuilt files.
	 *
	 * @param root the {@code tokenizer.json} tree
	 * @param json the same as text
	 * @param config what {@code tokenizer_config.json} would say
	 */
	record Result(JsonNode root, String json, TokenizerConfig config) {
	}

	private GgufTokenizerJson(GgufMetadata metadata, String source) {
		this.metadata = metadata;
		this.source = source;
	}

	/**
	 * Rebuilds the tokenizer files from GGUF metadata.
	 * @param metadata the metadata
	 * @param source the file, for messages
	 * @return the files
	 * @throws TokenizerException when the tokenizer kind or pre-tokenizer is one the
	 * engine does not rebuild, or the vocabulary is inconsistent
	 */
	static Result build(GgufMetadata metadata, String source) {
		return new GgufTokenizerJson(metadata, source).build();
	}

	private Result build() {
		String model = this.metadata.string("tokenizer.ggml.model");
		if (!model.equals("gpt2")) {
			throw new TokenizerException(this.source + " has a '" + model + "' tokenizer (tokenizer.ggml.model); the"
					+ " engine rebuilds only byte-level BPE ('gpt2'), which every Cohere model uses");
		}
		List<String> tokens = this.metadata.strings("tokenizer.ggml.tokens");
		List<Long> types = this.metadata.has("tokenizer.ggml.token_type")
				? this.metadata.integers("tokenizer.ggml.token_type") : List.of();
		if (!types.isEmpty() && types.size() != tokens.size()) {
			throw new TokenizerException(this.source + ": tokenizer.ggml.token_type has " + types.size()
					+ " entries but tokenizer.ggml.tokens has " + tokens.size());
		}
		String bos = token(tokens, "tokenizer.ggml.bos_token_id");
		String eos = token(tokens, "tokenizer.ggml.eos_token_id");
		boolean addBos = this.metadata.bool("tokenizer.ggml.add_bos_token", false);
		boolean addEos = this.metadata.bool("tokenizer.ggml.add_eos_token", false);
		if ((addBos && bos == null) || (addEos && eos == null)) {
			throw new TokenizerException(this.source + ": tokenizer.ggml.add_" + (addBos && bos == null ? "bos" : "eos")
					+ "_token is true but the token id is absent");
		}
		JsonMapper mapper = JsonMapper.builder().build();
		ObjectNode root = mapper.createObjectNode();
		root.put("version", "1.0");
		root.putNull("truncation");
		root.putNull("padding");
		root.set("added_tokens", addedTokens(mapper, tokens, types));
		preTokenizer(mapper, root);
		root.set("post_processor", postProcessor(mapper, addBos ? bos : null, addEos ? eos : null, tokens));
		ObjectNode decoder = root.putObject("decoder");
		decoder.put("type", "ByteLevel").put("add_prefix_space", true).put("trim_offsets", true).put("use_regex", true);
		root.set("model", bpe(mapper, tokens));
		TokenizerConfig config = new TokenizerConfig(bos, eos, token(tokens, "tokenizer.ggml.padding_token_id"),
				token(tokens, "tokenizer.ggml.unknown_token_id"), addBos, addEos, List.of(), chatTemplates());
		return new Result(root, mapper.writeValueAsString(root), config);
	}

	private @Nullable String token(List<String> tokens, String key) {
		if (!this.metadata.has(key)) {
			return null;
		}
		int id = this.metadata.integer(key);
		if (id < 0 || id >= tokens.size()) {
			throw new TokenizerException(this.source + ": " + key + " is " + id + ", outside the vocabulary of "
					+ tokens.size() + " tokens");
		}
		return tokens.get(id);
	}

	private static ArrayNode addedTokens(JsonMapper mapper, List<String> tokens, List<Long> types) {
		ArrayNode added = mapper.createArrayNode();
		for (int id = 0; id < types.size(); id++) {
			long type = types.get(id);
			if (type == TYPE_CONTROL || type == TYPE_USER_DEFINED || type == TYPE_UNKNOWN) {
				added.addObject()
					.put("id", id)
					.put("content", tokens.get(id))
					.put("single_word", false)
					.put("lstrip", false)
					.put("rstrip", false)
					.put("normalized", false)
					.put("special", type != TYPE_USER_DEFINED);
			}
		}
		return added;
	}

	private void preTokenizer(JsonMapper mapper, ObjectNode root) {
		String pre = this.metadata.has("tokenizer.ggml.pre") ? this.metadata.string("tokenizer.ggml.pre") : "gpt-2";
		ObjectNode byteLevel = mapper.createObjectNode()
			.put("type", "ByteLevel")
			.put("add_prefix_space", false)
			.put("trim_offsets", true)
			.put("use_regex", true);
		switch (pre) {
			case "command-r" -> {
				root.putObject("normalizer").put("type", "NFC");
				ObjectNode sequence = root.putObject("pre_tokenizer").put("type", "Sequence");
				ArrayNode steps = sequence.putArray("pretokenizers");
				steps.addObject().put("type", "Digits").put("individual_digits", true);
				steps.add(byteLevel);
			}
			case "gpt-2", "default" -> {
				root.putNull("normalizer");
				root.set("pre_tokenizer", byteLevel);
			}
			default -> throw new TokenizerException(this.source + " uses the pre-tokenizer '" + pre
					+ "' (tokenizer.ggml.pre); the engine rebuilds 'command-r' (Cohere's) and 'gpt-2'");
		}
	}

	private static ObjectNode postProcessor(JsonMapper mapper, @Nullable String bos, @Nullable String eos,
			List<String> tokens) {
		ObjectNode processor = mapper.createObjectNode().put("type", "TemplateProcessing");
		ArrayNode single = processor.putArray("single");
		ArrayNode pair = processor.putArray("pair");
		if (bos != null) {
			special(single, bos);
			special(pair, bos);
		}
		sequence(single, "A");
		sequence(pair, "A");
		sequence(pair, "B");
		if (eos != null) {
			special(single, eos);
			special(pair, eos);
		}
		ObjectNode specials = processor.putObject("special_tokens");
		for (String token : new String[] { bos, eos }) {
			if (token != null) {
				ObjectNode entry = specials.putObject(token).put("id", token);
				entry.putArray("ids").add(tokens.indexOf(token));
				entry.putArray("tokens").add(token);
			}
		}
		return processor;
	}

	private static void special(ArrayNode template, String token) {
		template.addObject().putObject("SpecialToken").put("id", token).put("type_id", 0);
	}

	private static void sequence(ArrayNode template, String id) {
		template.addObject().putObject("Sequence").put("id", id).put("type_id", 0);
	}

	private ObjectNode bpe(JsonMapper mapper, List<String> tokens) {
		ObjectNode bpe = mapper.createObjectNode();
		bpe.put("type", "BPE")
			.putNull("dropout")
			.putNull("unk_token")
			.putNull("continuing_subword_prefix")
			.putNull("end_of_word_suffix")
			.put("fuse_unk", false)
			.put("byte_fallback", false)
			.put("ignore_merges", false);
		ObjectNode vocab = bpe.putObject("vocab");
		Map<String, Integer> seen = new HashMap<>();
		for (int id = 0; id < tokens.size(); id++) {
			Integer previous = seen.putIfAbsent(tokens.get(id), id);
			if (previous != null) {
				throw new TokenizerException(this.source + ": tokenizer.ggml.tokens holds '" + tokens.get(id)
						+ "' twice (ids " + previous + " and " + id + "); a BPE vocabulary needs distinct tokens");
			}
			vocab.put(tokens.get(id), id);
		}
		ArrayNode merges = bpe.putArray("merges");
		if (this.metadata.has("tokenizer.ggml.merges")) {
			List<String> lines = this.metadata.strings("tokenizer.ggml.merges");
			for (int i = 0; i < lines.size(); i++) {
				String line = lines.get(i);
				int space = line.indexOf(' ');
				if (space <= 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
					throw new TokenizerException(this.source + ": merge #" + i + " '" + line
							+ "' of tokenizer.ggml.merges is not two tokens separated by one space");
				}
				merges.addArray().add(line.substring(0, space)).add(line.substring(space + 1));
			}
		}
		return bpe;
	}

	private Map<String, String> chatTemplates() {
		Map<String, String> templates = new LinkedHashMap<>();
		if (this.metadata.has(TEMPLATE_KEY)) {
			templates.put(TokenizerConfig.DEFAULT_TEMPLATE, this.metadata.string(TEMPLATE_KEY));
		}
		List<String> named = new ArrayList<>();
		for (String key : this.metadata.keys()) {
			if (key.startsWith(TEMPLATE_KEY + ".")) {
				named.add(key);
			}
		}
		for (String key : named) {
			templates.put(key.substring(TEMPLATE_KEY.length() + 1), this.metadata.string(key));
		}
		return templates;
	}

}
