package dev.springcohere.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The vocabulary of a {@code tokenizer.json}: every id's token string, which ids are
 * special added tokens, and the raw bytes each token stands for.
 */
final class Vocabulary {

	private static final Pattern BYTE_FALLBACK = Pattern.compile("<0x([0-9A-Fa-f]{2})>");

	private final @Nullable String[] tokens;

	private final Map<String, Integer> ids;

	private final BitSet special;

	private final byte[][] bytes;

	private final boolean byteLevel;

	private Vocabulary(@Nullable String[] tokens, Map<String, Integer> ids, BitSet special, boolean byteLevel) {
		this.tokens = tokens;
		this.ids = ids;
		this.special = special;
		this.byteLevel = byteLevel;
		this.bytes = new byte[tokens.length][];
		ByteLevelAlphabet alphabet = byteLevel ? new ByteLevelAlphabet() : null;
		for (int id = 0; id < tokens.length; id++) {
			String token = tokens[id];
			if (token == null) {
				this.bytes[id] = new byte[0];
			}
			else if (alphabet != null) {
				this.bytes[id] = alphabet.bytesOf(token);
			}
			else {
				this.bytes[id] = plainBytes(token);
			}
		}
	}

	/**
	 * Reads the vocabulary of a parsed {@code tokenizer.json}.
	 * @param root the parsed file
	 * @param file the file, for messages
	 * @return the vocabulary
	 * @throws TokenizerException if the model's vocabulary is missing or malformed
	 */
	static Vocabulary of(JsonNode root, Path file) {
		JsonNode model = root.path("model");
		JsonNode vocab = model.path("vocab");
		Map<String, Integer> ids = new HashMap<>();
		if (vocab.isObject()) {
			for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
				if (!entry.getValue().isIntegralNumber()) {
					throw new TokenizerException("Malformed vocabulary in " + file + ": the id of token '"
							+ entry.getKey() + "' is not an integer");
				}
				ids.put(entry.getKey(), entry.getValue().asInt());
			}
		}
		else if (vocab.isArray()) {
			// Unigram: [[token, score], ...], the id being the position
			int id = 0;
			for (JsonNode item : vocab) {
				ids.put(item.path(0).asString(), id++);
			}
		}
		else {
			throw new TokenizerException("Malformed " + file + ": 'model.vocab' is missing; expected the vocabulary"
					+ " of a BPE, WordPiece or Unigram model");
		}
		Map<Integer, String> addedById = new HashMap<>();
		BitSet special = new BitSet();
		for (JsonNode added : root.path("added_tokens")) {
			if (!added.path("id").isIntegralNumber() || !added.path("content").isString()) {
				throw new TokenizerException("Malformed 'added_tokens' entry in " + file + ": " + added);
			}
			int id = added.path("id").asInt();
			addedById.put(id, added.path("content").asString());
			if (added.path("special").asBoolean(false)) {
				special.set(id);
			}
		}
		int size = Math.max(ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1),
				addedById.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1)) + 1;
		String[] tokens = new String[size];
		for (Map.Entry<String, Integer> entry : ids.entrySet()) {
			if (entry.getValue() < 0) {
				throw new TokenizerException(
						"Malformed " + file + ": token '" + entry.getKey() + "' has a negative id " + entry.getValue());
			}
			tokens[entry.getValue()] = entry.getKey();
		}
		// added tokens take precedence over model tokens, as in the Rust library
		addedById.forEach((id, content) -> {
			if (id < 0) {
				throw new TokenizerException("Malformed " + file + ": added token '" + content + "' has a negative id");
			}
			tokens[id] = content;
			ids.put(content, id);
		});
		return new Vocabulary(tokens, Map.copyOf(ids), special, isByteLevel(root.path("decoder")));
	}

	private static boolean isByteLevel(JsonNode decoder) {
		if ("ByteLevel".equals(decoder.path("type").asString(""))) {
			return true;
		}
		for (JsonNode d : decoder.path("decoders")) {
			if (isByteLevel(d)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Bytes of a token of a non-byte-level vocabulary: {@code <0xAB>} byte fallbacks, and
	 * {@code ▁} as a space.
	 */
	private static byte[] plainBytes(String token) {
		Matcher m = BYTE_FALLBACK.matcher(token);
		if (m.matches()) {
			return new byte[] { (byte) Integer.parseInt(m.group(1), 16) };
		}
		return token.replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
	}

	int size() {
		return this.tokens.length;
	}

	@Nullable String token(int id) {
		return (id >= 0 && id < this.tokens.length) ? this.tokens[id] : null;
	}

	@Nullable Integer id(String token) {
		return this.ids.get(token);
	}

	boolean isSpecial(int id) {
		return this.special.get(id);
	}

	boolean isByteLevel() {
		return this.byteLevel;
	}

	/** The bytes of a token; the array is shared and must not be modified. */
	byte[] bytes(int id) {
		return this.bytes[id];
	}

}
