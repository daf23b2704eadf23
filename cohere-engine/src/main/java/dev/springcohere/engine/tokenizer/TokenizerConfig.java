package dev.springcohere.engine.tokenizer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a checkpoint's {@code tokenizer_config.json} says about special tokens and chat
 * templates.
 *
 * @param bosToken the {@code bos_token}, or {@code null}
 * @param eosToken the {@code eos_token}, or {@code null}
 * @param padToken the {@code pad_token}, or {@code null}
 * @param unkToken the {@code unk_token}, or {@code null}
 * @param addBosToken the {@code add_bos_token} flag (informative: the ids come from
 * {@code tokenizer.json}'s post-processor), {@code false} when absent
 * @param addEosToken the {@code add_eos_token} flag, {@code false} when absent
 * @param additionalSpecialTokens the {@code additional_special_tokens}
 * @param chatTemplates the chat templates by name, in file order: {@code default} for a
 * single template, or the names of a list of templates ({@code default},
 * {@code tool_use}, {@code rag}...)
 */
public record TokenizerConfig(@Nullable String bosToken, @Nullable String eosToken, @Nullable String padToken,
		@Nullable String unkToken, boolean addBosToken, boolean addEosToken, List<String> additionalSpecialTokens,
		Map<String, String> chatTemplates) {

	/** The file name of a checkpoint's tokenizer configuration. */
	public static final String FILE_NAME = "tokenizer_config.json";

	/** The name of the template used when none is asked for. */
	public static final String DEFAULT_TEMPLATE = "default";

	/**
	 * Copies the collections.
	 * @param bosToken the {@code bos_token}
	 * @param eosToken the {@code eos_token}
	 * @param padToken the {@code pad_token}
	 * @param unkToken the {@code unk_token}
	 * @param addBosToken the {@code add_bos_token} flag
	 * @param addEosToken the {@code add_eos_token} flag
	 * @param additionalSpecialTokens the {@code additional_special_tokens}
	 * @param chatTemplates the chat templates by name
	 */
	public TokenizerConfig {
		additionalSpecialTokens = List.copyOf(additionalSpecialTokens);
		chatTemplates = Collections.unmodifiableMap(new LinkedHashMap<>(chatTemplates));
	}

	/**
	 * A configuration with no special tokens and no chat template, for checkpoints
	 * without {@code tokenizer_config.json}.
	 * @return the empty configuration
	 */
	public static TokenizerConfig empty() {
		return new TokenizerConfig(null, null, null, null, false, false, List.of(), Map.of());
	}

	/**
	 * Reads the configuration of a checkpoint directory: {@code tokenizer_config.json},
	 * plus the chat templates newer checkpoints keep beside it
	 * ({@code chat_template.jinja}, {@code chat_template.json},
	 * {@code additional_chat_templates/*.jinja}) when the configuration has none.
	 * @param directory the checkpoint directory
	 * @return the configuration, {@link #empty()} plus any template files when there is
	 * no {@code tokenizer_config.json}
	 * @throws TokenizerException if a file is malformed or unreadable
	 */
	public static TokenizerConfig read(Path directory) {
		Objects.requireNonNull(directory, "'directory' must not be null");
		Path file = directory.resolve(FILE_NAME);
		JsonMapper mapper = JsonMapper.builder().build();
		TokenizerConfig config = empty();
		if (Files.isRegularFile(file)) {
			JsonNode root = readJson(mapper, file);
			if (!root.isObject()) {
				throw new TokenizerException("Malformed " + file + ": expected a JSON object at the top level");
			}
			config = new TokenizerConfig(token(root, "bos_token", file), token(root, "eos_token", file),
					token(root, "pad_token", file), token(root, "unk_token", file),
					root.path("add_bos_token").asBoolean(false), root.path("add_eos_token").asBoolean(false),
					tokens(root.path("additional_special_tokens"), file), templates(root.get("chat_template"), file));
		}
		if (config.chatTemplates().isEmpty()) {
			config = config.withChatTemplates(templateFiles(mapper, directory));
		}
		return config;
	}

	private TokenizerConfig withChatTemplates(Map<String, String> templates) {
		return new TokenizerConfig(this.bosToken, this.eosToken, this.padToken, this.unkToken, this.addBosToken,
				this.addEosToken, this.additionalSpecialTokens, templates);
	}

	private static JsonNode readJson(JsonMapper mapper, Path file) {
		try {
			return mapper.readTree(Files.readString(file));
		}
		catch (IOException ex) {
			throw new TokenizerException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (JacksonException ex) {
			throw new TokenizerException("Malformed JSON in " + file + ": " + ex.getOriginalMessage() + " (line "
					+ ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr()
					+ "); fix or re-download the file", ex);
		}
	}

	/**
	 * A special token is a string, or an {@code AddedToken} object with a {@code content}
	 * field.
	 */
	private static @Nullable String token(JsonNode root, String field, Path file) {
		JsonNode node = root.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isString()) {
			return node.asString();
		}
		if (node.isObject() && node.path("content").isString()) {
			return node.path("content").asString();
		}
		throw new TokenizerException("Malformed '" + field + "' in " + file
				+ ": expected a string or an object with a 'content' string, got " + node);
	}

	private static List<String> tokens(JsonNode node, Path file) {
		List<String> tokens = new ArrayList<>();
		if (node.isArray()) {
			for (JsonNode item : node) {
				if (item.isString()) {
					tokens.add(item.asString());
				}
				else if (item.path("content").isString()) {
					tokens.add(item.path("content").asString());
				}
				else {
					throw new TokenizerException("Malformed 'additional_special_tokens' in " + file
							+ ": expected strings or objects with a 'content' string, got " + item);
				}
			}
		}
		return tokens;
	}

	private static Map<String, String> templates(@Nullable JsonNode node, Path file) {
		Map<String, String> templates = new LinkedHashMap<>();
		if (node == null || node.isNull()) {
			return templates;
		}
		if (node.isString()) {
			templates.put(DEFAULT_TEMPLATE, node.asString());
			return templates;
		}
		if (node.isArray()) {
			for (JsonNode item : node) {
				if (!item.path("name").isString() || !item.path("template").isString()) {
					throw new TokenizerException("Malformed 'chat_template' in " + file
							+ ": a list of templates needs objects with 'name' and 'template' strings, got " + item);
				}
				templates.put(item.path("name").asString(), item.path("template").asString());
			}
			return templates;
		}
		throw new TokenizerException("Malformed 'chat_template' in " + file
				+ ": expected a string or a list of {name, template} objects, got a " + node.getNodeType());
	}

	private static Map<String, String> templateFiles(JsonMapper mapper, Path directory) {
		Map<String, String> templates = new LinkedHashMap<>();
		try {
			Path jinja = directory.resolve("chat_template.jinja");
			Path json = directory.resolve("chat_template.json");
			if (Files.isRegularFile(jinja)) {
				templates.put(DEFAULT_TEMPLATE, Files.readString(jinja));
			}
			else if (Files.isRegularFile(json)) {
				templates.putAll(templates(readJson(mapper, json).get("chat_template"), json));
			}
			Path additional = directory.resolve("additional_chat_templates");
			if (Files.isDirectory(additional)) {
				try (DirectoryStream<Path> files = Files.newDirectoryStream(additional, "*.jinja")) {
					List<Path> sorted = new ArrayList<>();
					files.forEach(sorted::add);
					Collections.sort(sorted);
					for (Path f : sorted) {
						String name = f.getFileName().toString();
						templates.put(name.substring(0, name.length() - ".jinja".length()), Files.readString(f));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new TokenizerException("Cannot read the chat template files in " + directory + ": " + ex.getMessage(),
					ex);
		}
		return templates;
	}

}
