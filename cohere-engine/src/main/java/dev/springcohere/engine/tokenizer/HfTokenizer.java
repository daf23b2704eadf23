package dev.springcohere.engine.tokenizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.springcohere.engine.model.GgufFile;
import dev.springcohere.engine.model.ModelWeights;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A checkpoint's Hugging Face tokenizer: {@code tokenizer.json} run by Hugging Face's own
 * Rust {@code tokenizers} library (through DJL, whose jar bundles the native library for
 * Linux, macOS and Windows, so nothing is downloaded), plus
 * {@code tokenizer_config.json}'s special tokens and chat templates.
 * <p>
 * Encoding and decoding are thread-safe; {@link #close()} waits for calls in progress and
 * frees the native tokenizer, after which every call fails.
 * <p>
 * The native library is extracted from the DJL jar into DJL's cache folder
 * ({@code ~/.djl.ai}, or {@code DJL_CACHE_DIR}) on first use; no network access is
 * needed. Note that DJL itself sends a telemetry request when it runs on an AWS EC2
 * instance; set the system property {@code offline=true} or the environment variable
 * {@code OPT_OUT_TRACKING=true} to prevent it.
 */
public final class HfTokenizer implements AutoCloseable {

	/** The file name of a checkpoint's tokenizer. */
	public static final String FILE_NAME = "tokenizer.json";

	private final Path directory;

	private final HuggingFaceTokenizer tokenizer;

	private final Vocabulary vocabulary;

	private final TokenizerConfig config;

	private final SpecialTokenIds specialTokens;

	private final Map<String, ChatTemplate> chatTemplates;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private boolean closed;

	private HfTokenizer(Path directory, HuggingFaceTokenizer tokenizer, Vocabulary vocabulary, TokenizerConfig config,
			Clock clock) {
		this.directory = directory;
		this.tokenizer = tokenizer;
		this.vocabulary = vocabulary;
		this.config = config;
		this.specialTokens = new SpecialTokenIds(idOf(config.bosToken()), idOf(config.eosToken()),
				idOf(config.padToken()), idOf(config.unkToken()), idOf(SpecialTokenIds.START_OF_TURN),
				idOf(SpecialTokenIds.END_OF_TURN), idOf(SpecialTokenIds.START_THINKING),
				idOf(SpecialTokenIds.END_THINKING), idOf(SpecialTokenIds.START_ACTION),
				idOf(SpecialTokenIds.END_ACTION), idOf(SpecialTokenIds.START_RESPONSE),
				idOf(SpecialTokenIds.END_RESPONSE));
		Map<String, ChatTemplate> templates = new LinkedHashMap<>();
		config.chatTemplates()
			.forEach((name, source) -> templates.put(name,
					new ChatTemplate(name, source, config.bosToken(), config.eosToken(), clock)));
		this.chatTemplates = java.util.Collections.unmodifiableMap(templates);
	}

	/**
	 * Loads the tokenizer of a checkpoint directory, or of a {@code .gguf} file (rebuilt
	 * from its {@code tokenizer.*} metadata, chat templates included).
	 * @param directory a directory holding {@code tokenizer.json} and, usually,
	 * {@code tokenizer_config.json}; or a {@code .gguf} file
	 * @return the tokenizer
	 * @throws TokenizerException if a file is missing, unreadable or malformed, or the
	 * native library fails to load
	 */
	public static HfTokenizer load(Path directory) {
		return load(directory, Clock.systemDefaultZone());
	}

	/**
	 * Loads the tokenizer of a checkpoint directory, with the clock its chat templates'
	 * {@code strftime_now} reads.
	 * @param directory a directory holding {@code tokenizer.json} and, usually,
	 * {@code tokenizer_config.json}; or a {@code .gguf} file
	 * @param clock the clock of {@code strftime_now}
	 * @return the tokenizer
	 * @throws TokenizerException if a file is missing, unreadable or malformed, or the
	 * native library fails to load
	 */
	public static HfTokenizer load(Path directory, Clock clock) {
		Objects.requireNonNull(directory, "'directory' must not be null");
		Objects.requireNonNull(clock, "'clock' must not be null");
		if (ModelWeights.isGguf(directory)) {
			return loadGguf(directory, clock);
		}
		if (!Files.isDirectory(directory)) {
			throw new TokenizerException("Tokenizer directory " + directory
					+ " does not exist or is not a directory; pass a Hugging Face checkpoint directory");
		}
		Path file = directory.resolve(FILE_NAME);
		if (!Files.isRegularFile(file)) {
			throw new TokenizerException("No " + FILE_NAME + " in " + directory
					+ "; the engine needs the Hugging Face 'fast' tokenizer file of the checkpoint (download it with"
					+ " the model, or convert a slow tokenizer with transformers' save_pretrained)");
		}
		String json;
		JsonNode root;
		try {
			json = Files.readString(file);
			root = JsonMapper.builder().build().readTree(json);
		}
		catch (IOException ex) {
			throw new TokenizerException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (JacksonException ex) {
			throw new TokenizerException(
					"Malformed JSON in " + file + ": " + ex.getOriginalMessage() + "; fix or re-download the file", ex);
		}
		Vocabulary vocabulary = Vocabulary.of(root, file);
		TokenizerConfig config = TokenizerConfig.read(directory);
		HuggingFaceTokenizer tokenizer;
		try {
			tokenizer = HuggingFaceTokenizer.newInstance(file,
					Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false"));
		}
		catch (IOException ex) {
			throw new TokenizerException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException | UnsatisfiedLinkError ex) {
			throw new TokenizerException("Hugging Face tokenizers could not load " + file + ": " + ex.getMessage(), ex);
		}
		try {
			return new HfTokenizer(directory, tokenizer, vocabulary, config, clock);
		}
		catch (RuntimeException ex) {
			tokenizer.close();
			throw ex;
		}
	}

	/**
	 * Builds the tokenizer of a GGUF file from its metadata (see
	 * {@link GgufTokenizerJson}): the rebuilt {@code tokenizer.json} runs in Hugging
	 * Face's tokenizers like a checkpoint's own.
	 */
	private static HfTokenizer loadGguf(Path file, Clock clock) {
		GgufTokenizerJson.Result rebuilt;
		try (GgufFile gguf = GgufFile.open(file)) {
			rebuilt = GgufTokenizerJson.build(gguf.metadata(), file.toString());
		}
		Vocabulary vocabulary = Vocabulary.of(rebuilt.root(), file);
		HuggingFaceTokenizer tokenizer;
		try (InputStream in = new ByteArrayInputStream(rebuilt.json().getBytes(StandardCharsets.UTF_8))) {
			tokenizer = HuggingFaceTokenizer.newInstance(in,
					Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false"));
		}
		catch (IOException ex) {
			throw new TokenizerException("Cannot build the tokenizer of " + file + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException | UnsatisfiedLinkError ex) {
			throw new TokenizerException("Hugging Face tokenizers could not load the tokenizer rebuilt from " + file
					+ ": " + ex.getMessage(), ex);
		}
		try {
			return new HfTokenizer(file, tokenizer, vocabulary, rebuilt.config(), clock);
		}
		catch (RuntimeException ex) {
			tokenizer.close();
			throw ex;
		}
	}

	/**
	 * Encodes text.
	 * @param text the text; special tokens written in it (such as
	 * {@code <|END_OF_TURN_TOKEN|>}) become their ids
	 * @param addSpecialTokens whether to add what {@code tokenizer.json}'s post-processor
	 * adds (the BOS token for Cohere); {@code false} for a rendered chat template, which
	 * already starts with it
	 * @return the token ids
	 * @throws IllegalStateException if the tokenizer is closed
	 */
	public int[] encode(String text, boolean addSpecialTokens) {
		Objects.requireNonNull(text, "'text' must not be null");
		this.lock.readLock().lock();
		try {
			checkOpen();
			Encoding encoding = this.tokenizer.encode(text, addSpecialTokens, false);
			long[] ids = encoding.getIds();
			int[] result = new int[ids.length];
			for (int i = 0; i < ids.length; i++) {
				result[i] = Math.toIntExact(ids[i]);
			}
			return result;
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Decodes token ids to text, as Hugging Face's {@code tokenizer.decode} does.
	 * @param ids the token ids
	 * @param skipSpecialTokens whether to leave out special tokens
	 * @return the text
	 * @throws IllegalArgumentException if an id is outside the vocabulary
	 * @throws IllegalStateException if the tokenizer is closed
	 */
	public String decode(int[] ids, boolean skipSpecialTokens) {
		Objects.requireNonNull(ids, "'ids' must not be null");
		long[] longIds = new long[ids.length];
		for (int i = 0; i < ids.length; i++) {
			checkId(ids[i]);
			longIds[i] = ids[i];
		}
		this.lock.readLock().lock();
		try {
			checkOpen();
			return this.tokenizer.decode(longIds, skipSpecialTokens);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Starts an incremental decoder for one generated sequence.
	 * @param skipSpecialTokens whether to leave out special tokens
	 * @return a new decoder
	 */
	public StreamingDecoder newStreamingDecoder(boolean skipSpecialTokens) {
		return new StreamingDecoder(this, skipSpecialTokens);
	}

	/**
	 * The id of a token string, including added and special tokens.
	 * @param token the token as written in the vocabulary ({@code "Ġworld"} for " world"
	 * in byte-level BPE)
	 * @return the id, or empty when the vocabulary lacks the token
	 */
	public OptionalInt tokenToId(String token) {
		Objects.requireNonNull(token, "'token' must not be null");
		Integer id = this.vocabulary.id(token);
		return (id != null) ? OptionalInt.of(id) : OptionalInt.empty();
	}

	/**
	 * The token string of an id, as written in the vocabulary.
	 * @param id the token id
	 * @return the token, or empty for an id outside the vocabulary or an unused id
	 */
	public Optional<String> idToToken(int id) {
		return Optional.ofNullable(this.vocabulary.token(id));
	}

	/**
	 * The number of ids, added tokens included ({@code len(tokenizer)} in Python): every
	 * id is in {@code [0, vocabSize())}.
	 * @return the vocabulary size
	 */
	public int vocabSize() {
		return this.vocabulary.size();
	}

	/**
	 * Whether an id is a special added token (left out by {@code skipSpecialTokens}).
	 * @param id the token id
	 * @return {@code true} for a special token
	 */
	public boolean isSpecial(int id) {
		return this.vocabulary.isSpecial(id);
	}

	/**
	 * The raw bytes a token stands for: for byte-level BPE, the token's characters mapped
	 * back through the GPT-2 byte-to-unicode alphabet (a token may hold part of a
	 * multi-byte character); for special and added tokens, their UTF-8 text. Other
	 * vocabularies map {@code <0xAB>} byte-fallback tokens to their byte and {@code ▁} to
	 * a space. Concatenating the bytes of a sequence's tokens and decoding them as UTF-8
	 * gives {@link #decode} of a byte-level tokenizer.
	 * @param id the token id
	 * @return a copy of the bytes, empty for an unused id
	 * @throws IllegalArgumentException if the id is outside the vocabulary
	 */
	public byte[] tokenBytes(int id) {
		checkId(id);
		return this.vocabulary.bytes(id).clone();
	}

	/**
	 * Whether the vocabulary is byte-level BPE, where {@link #tokenBytes(int)} is exact.
	 * @return {@code true} for a byte-level vocabulary
	 */
	public boolean isByteLevel() {
		return this.vocabulary.isByteLevel();
	}

	/**
	 * The ids of the configured and Cohere-specific special tokens.
	 * @return the special token ids
	 */
	public SpecialTokenIds specialTokens() {
		return this.specialTokens;
	}

	/**
	 * The id of a special or added token given by its text.
	 * @param token the token text, such as {@code "<|START_RESPONSE|>"}
	 * @return the id, or empty when the vocabulary lacks it
	 */
	public OptionalInt specialTokenId(String token) {
		return tokenToId(token);
	}

	/**
	 * The checkpoint's {@code tokenizer_config.json}.
	 * @return the configuration
	 */
	public TokenizerConfig config() {
		return this.config;
	}

	/**
	 * The names of the checkpoint's chat templates, in file order.
	 * @return the names, empty when the checkpoint has no chat template
	 */
	public Set<String> chatTemplateNames() {
		return this.chatTemplates.keySet();
	}

	/**
	 * A chat template by name.
	 * @param name {@code default}, {@code tool_use}, {@code rag}...
	 * @return the template, or empty when the checkpoint has none of that name
	 */
	public Optional<ChatTemplate> chatTemplate(String name) {
		Objects.requireNonNull(name, "'name' must not be null");
		return Optional.ofNullable(this.chatTemplates.get(name));
	}

	/**
	 * The template Hugging Face picks for a request: {@code tool_use} when tools are
	 * given and the checkpoint has one, otherwise {@code default}, otherwise the only
	 * template.
	 * @param request the request
	 * @return the template
	 * @throws ChatTemplateException if the checkpoint has no suitable chat template
	 */
	public ChatTemplate chatTemplateFor(ChatTemplateRequest request) {
		Objects.requireNonNull(request, "'request' must not be null");
		if (request.tools() != null && this.chatTemplates.containsKey("tool_use")) {
			return this.chatTemplates.get("tool_use");
		}
		ChatTemplate template = this.chatTemplates.get(TokenizerConfig.DEFAULT_TEMPLATE);
		if (template != null) {
			return template;
		}
		if (this.chatTemplates.size() == 1) {
			return this.chatTemplates.values().iterator().next();
		}
		throw new ChatTemplateException(this.chatTemplates.isEmpty()
				? "The checkpoint in " + this.directory + " has no chat template (no 'chat_template' in "
						+ TokenizerConfig.FILE_NAME + " and no chat_template.jinja); format the prompt yourself"
				: "The checkpoint in " + this.directory + " has chat templates " + this.chatTemplates.keySet()
						+ " but no 'default'; choose one with chatTemplate(name)");
	}

	/**
	 * Renders a request with {@link #chatTemplateFor(ChatTemplateRequest) its template}.
	 * @param request the request
	 * @return the prompt
	 * @throws ChatTemplateException if there is no template or rendering fails
	 */
	public String applyChatTemplate(ChatTemplateRequest request) {
		return chatTemplateFor(request).render(request);
	}

	/**
	 * Renders a request and encodes the prompt without adding special tokens again, as
	 * {@code apply_chat_template(..., tokenize=True)} does.
	 * @param request the request
	 * @return the prompt's token ids
	 * @throws ChatTemplateException if there is no template or rendering fails
	 */
	public int[] encodeChat(ChatTemplateRequest request) {
		return encode(applyChatTemplate(request), false);
	}

	/**
	 * Frees the native tokenizer, once calls in progress have finished.
	 */
	@Override
	public void close() {
		this.lock.writeLock().lock();
		try {
			if (!this.closed) {
				this.closed = true;
				this.tokenizer.close();
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Override
	public String toString() {
		return "HfTokenizer[" + this.directory + ", " + vocabSize() + " tokens]";
	}

	void checkId(int id) {
		if (id < 0 || id >= this.vocabulary.size()) {
			throw new IllegalArgumentException(
					"Token id " + id + " is outside the vocabulary [0, " + this.vocabulary.size() + ")");
		}
	}

	byte[] sharedTokenBytes(int id) {
		return this.vocabulary.bytes(id);
	}

	private OptionalInt idOf(@Nullable String token) {
		return (token != null) ? tokenToId(token) : OptionalInt.empty();
	}

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException("The tokenizer of " + this.directory + " is closed");
		}
	}

}
