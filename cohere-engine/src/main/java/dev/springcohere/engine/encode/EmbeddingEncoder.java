package dev.springcohere.engine.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.springcohere.engine.cpu.Kernels;
import dev.springcohere.engine.model.ModelFormatException;
import dev.springcohere.engine.model.ModelWeights;
import dev.springcohere.engine.tokenizer.HfTokenizer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Text embeddings from a local BERT or XLM-RoBERTa embedding model (BGE, MiniLM, E5,
 * ...): tokenization with the checkpoint's {@link HfTokenizer} (special tokens added),
 * one {@link BertEncoder} pass per batch, then the checkpoint's {@link Pooling}
 * (sentence-transformers metadata, else mean pooling).
 * <p>
 * Texts longer than the model's limit (the smaller of the position embeddings' reach and
 * {@code max_seq_length} of {@code sentence_bert_config.json}) are truncated, as
 * sentence-transformers does: the first tokens are kept, and a closing special token
 * (such as {@code [SEP]} or {@code </s>}) stays last.
 * <p>
 * Sequences are encoded in batches of similar length. Thread-safe as long as its kernels
 * are; close it to release what {@link #open} loaded.
 */
public final class EmbeddingEncoder implements AutoCloseable {

	private final BertEncoder encoder;

	private final @Nullable HfTokenizer tokenizer;

	private final Pooling pooling;

	private final int maxLength;

	private final List<AutoCloseable> owned;

	/**
	 * Combines parts the caller owns (and closes).
	 * @param encoder the encoder
	 * @param tokenizer the tokenizer, or null to embed token ids only
	 * @param pooling the pooling
	 * @param maxLength longest tokenized text before truncation, at most
	 * {@link BertEncoder#maxSequenceLength()}
	 */
	public EmbeddingEncoder(BertEncoder encoder, @Nullable HfTokenizer tokenizer, Pooling pooling, int maxLength) {
		this(encoder, tokenizer, pooling, maxLength, List.of());
	}

	private EmbeddingEncoder(BertEncoder encoder, @Nullable HfTokenizer tokenizer, Pooling pooling, int maxLength,
			List<AutoCloseable> owned) {
		this.encoder = Objects.requireNonNull(encoder, "'encoder' must not be null");
		this.pooling = Objects.requireNonNull(pooling, "'pooling' must not be null");
		this.tokenizer = tokenizer;
		if (maxLength < 2 || maxLength > encoder.maxSequenceLength()) {
			throw new IllegalArgumentException("'maxLength' must be between 2 and " + encoder.maxSequenceLength()
					+ " (the model's limit) but was " + maxLength);
		}
		this.maxLength = maxLength;
		this.owned = List.copyOf(owned);
	}

	/**
	 * Loads an embedding model from a checkpoint directory: weights,
	 * {@code tokenizer.json} when present, pooling from sentence-transformers metadata
	 * ({@link Pooling#read(Path)}) and {@code max_seq_length} from
	 * {@code sentence_bert_config.json}. When the directory has no {@code config.json}
	 * but its {@code modules.json} puts the Transformer module in a folder (the older
	 * {@code 0_Transformer/} layout), the weights and tokenizer are read from that
	 * folder.
	 * @param directory the checkpoint directory
	 * @param kernels the kernels to compute with (not closed by this encoder)
	 * @return the encoder, owning the weights and tokenizer it loaded
	 * @throws ModelFormatException if the checkpoint or its metadata is invalid
	 */
	public static EmbeddingEncoder open(Path directory, Kernels kernels) {
		Objects.requireNonNull(directory, "'directory' must not be null");
		Objects.requireNonNull(kernels, "'kernels' must not be null");
		Path modelDirectory = Files.isRegularFile(directory.resolve("config.json")) ? directory
				: Pooling.transformerDirectory(directory);
		ModelWeights weights = ModelWeights.open(modelDirectory);
		HfTokenizer tokenizer = null;
		try {
			BertEncoder encoder = new BertEncoder(weights, kernels);
			Pooling pooling = Pooling.read(directory);
			int maxLength = Math.min(encoder.maxSequenceLength(),
					Math.min(sentenceMaxLength(directory), sentenceMaxLength(modelDirectory)));
			if (Files.isRegularFile(modelDirectory.resolve(HfTokenizer.FILE_NAME))) {
				tokenizer = HfTokenizer.load(modelDirectory);
			}
			List<AutoCloseable> owned = new ArrayList<>();
			owned.add(weights);
			if (tokenizer != null) {
				owned.add(tokenizer);
			}
			return new EmbeddingEncoder(encoder, tokenizer, pooling, maxLength, owned);
		}
		catch (RuntimeException ex) {
			if (tokenizer != null) {
				tokenizer.close();
			}
			weights.close();
			throw ex;
		}
	}

	private static int sentenceMaxLength(Path directory) {
		Path file = directory.resolve("sentence_bert_config.json");
		if (!Files.isRegularFile(file)) {
			return Integer.MAX_VALUE;
		}
		try {
			JsonNode root = JsonMapper.builder().build().readTree(Files.readString(file));
			JsonNode max = root == null ? null : root.get("max_seq_length");
			if (max == null || max.isNull()) {
				return Integer.MAX_VALUE;
			}
			if (!max.isNumber() || max.asInt() < 2) {
				throw new ModelFormatException("'max_seq_length' in " + file + " must be an integer of at least 2");
			}
			return max.asInt();
		}
		catch (IOException ex) {
			throw new ModelFormatException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (JacksonException ex) {
			throw new ModelFormatException("Invalid JSON in " + file + ": " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * The encoder.
	 * @return the encoder
	 */
	public BertEncoder encoder() {
		return this.encoder;
	}

	/**
	 * The pooling applied to the encoder output.
	 * @return the pooling
	 */
	public Pooling pooling() {
		return this.pooling;
	}

	/**
	 * Length of every embedding.
	 * @return the dimension
	 */
	public int dimension() {
		return this.pooling.dimension(this.encoder.config().hiddenSize());
	}

	/**
	 * Longest tokenized text; longer ones are truncated.
	 * @return the limit in tokens
	 */
	public int maxLength() {
		return this.maxLength;
	}

	/**
	 * The tokenizer that {@link #embed(List)} uses, for callers that count or truncate
	 * tokens themselves before calling {@link #embedTokens(List)}.
	 * @return the tokenizer, or empty when this encoder embeds token ids only
	 */
	public Optional<HfTokenizer> tokenizer() {
		return Optional.ofNullable(this.tokenizer);
	}

	/**
	 * Embeds one text.
	 * @param text the text
	 * @return its embedding
	 * @throws IllegalStateException if the checkpoint has no tokenizer
	 */
	public float[] embed(String text) {
		return embed(List.of(text)).getFirst();
	}

	/**
	 * Embeds texts.
	 * @param texts the texts
	 * @return one embedding per text, in order
	 * @throws IllegalStateException if the checkpoint has no tokenizer
	 */
	public List<float[]> embed(List<String> texts) {
		Objects.requireNonNull(texts, "'texts' must not be null");
		HfTokenizer tok = this.tokenizer;
		if (tok == null) {
			throw new IllegalStateException("This embedding model has no tokenizer (no " + HfTokenizer.FILE_NAME
					+ " beside its weights); add the file or embed token ids with embedTokens");
		}
		List<int[]> sequences = new ArrayList<>(texts.size());
		for (String text : texts) {
			int[] ids = tok.encode(Objects.requireNonNull(text, "'texts' must not contain null"), true);
			sequences.add(truncate(ids, tok));
		}
		return embedTokens(sequences);
	}

	private int[] truncate(int[] ids, HfTokenizer tok) {
		if (ids.length == 0) {
			throw new IllegalArgumentException("A text tokenized to no token at all; this tokenizer adds no special"
					+ " tokens, so pass non-empty text");
		}
		if (ids.length <= this.maxLength) {
			return ids;
		}
		int last = ids[ids.length - 1];
		int[] kept = Arrays.copyOf(ids, this.maxLength);
		if (tok.isSpecial(last)) {
			kept[this.maxLength - 1] = last;
		}
		return kept;
	}

	/**
	 * Embeds already tokenized sequences (special tokens included).
	 * @param sequences token ids per sequence, each at most
	 * {@link BertEncoder#maxSequenceLength()} long
	 * @return one embedding per sequence, in order
	 * @throws IllegalArgumentException if a sequence is empty, too long or holds ids
	 * outside the vocabulary
	 */
	public List<float[]> embedTokens(List<int[]> sequences) {
		Objects.requireNonNull(sequences, "'sequences' must not be null");
		float[][] result = new float[sequences.size()][];
		int pad = Math.max(0, this.encoder.config().padTokenId());
		for (int[] group : Batching.byLength(sequences)) {
			EncoderOutput output = this.encoder.encode(EncoderBatch.padded(Batching.pick(sequences, group), null, pad));
			for (int row = 0; row < group.length; row++) {
				result[group[row]] = this.pooling.pool(output, row);
			}
		}
		return List.of(result);
	}

	/**
	 * Releases the weights and tokenizer that {@link #open} loaded; parts given to the
	 * constructor stay open.
	 */
	@Override
	public void close() {
		Closeables.closeAll(this.owned, "embedding model");
	}

}
