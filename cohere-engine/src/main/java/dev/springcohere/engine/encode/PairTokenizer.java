package dev.springcohere.engine.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.springcohere.engine.model.ModelFormatException;

/**
 * Encodes (query, document) pairs for a cross-encoder the way the checkpoint's
 * {@code tokenizer.json} says (its post-processor's pair template:
 * {@code [CLS] q [SEP] d [SEP]} with segment ids 0/1 for BERT,
 * {@code <s> q </s></s> d </s>} for XLM-RoBERTa), run by Hugging Face's Rust tokenizers
 * through DJL. Pairs longer than the limit are truncated longest-first, as
 * sentence-transformers' {@code CrossEncoder} does.
 * <p>
 * Thread-safe; {@link #close()} waits for calls in progress and frees the native
 * tokenizer.
 */
public final class PairTokenizer implements AutoCloseable {

	private final Path file;

	private final HuggingFaceTokenizer tokenizer;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private boolean closed;

	/**
	 * One encoded pair.
	 *
	 * @param inputIds the token ids, special tokens included
	 * @param tokenTypeIds the segment id of each token
	 */
	public record EncodedPair(int[] inputIds, int[] tokenTypeIds) {

		/**
		 * Checks the lengths agree.
		 */
		public EncodedPair {
			Objects.requireNonNull(inputIds, "'inputIds' must not be null");
			Objects.requireNonNull(tokenTypeIds, "'tokenTypeIds' must not be null");
			if (inputIds.length != tokenTypeIds.length) {
				throw new IllegalArgumentException(
						"A pair has " + inputIds.length + " ids but " + tokenTypeIds.length + " token type ids");
			}
		}

	}

	private PairTokenizer(Path file, HuggingFaceTokenizer tokenizer) {
		this.file = file;
		this.tokenizer = tokenizer;
	}

	/**
	 * Loads {@code tokenizer.json} from a checkpoint directory.
	 * @param directory the directory
	 * @param maxLength the longest encoded pair, special tokens included
	 * @return the tokenizer
	 * @throws ModelFormatException if the file is missing or cannot be loaded
	 */
	public static PairTokenizer load(Path directory, int maxLength) {
		Objects.requireNonNull(directory, "'directory' must not be null");
		if (maxLength < 4) {
			throw new IllegalArgumentException("'maxLength' must be at least 4 but was " + maxLength);
		}
		Path file = directory.resolve("tokenizer.json");
		if (!Files.isRegularFile(file)) {
			throw new ModelFormatException("No tokenizer.json in " + directory
					+ "; a cross-encoder needs the checkpoint's fast tokenizer file to encode text pairs");
		}
		try {
			return new PairTokenizer(file, HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "true",
					"truncation", "longest_first", "maxLength", Integer.toString(maxLength), "padding", "false")));
		}
		catch (IOException ex) {
			throw new ModelFormatException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException | UnsatisfiedLinkError ex) {
			throw new ModelFormatException("Hugging Face tokenizers could not load " + file + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Encodes a (query, document) pair.
	 * @param query the first text
	 * @param document the second text
	 * @return the ids and segment ids
	 * @throws IllegalStateException if the tokenizer is closed
	 */
	public EncodedPair encode(String query, String document) {
		Objects.requireNonNull(query, "'query' must not be null");
		Objects.requireNonNull(document, "'document' must not be null");
		this.lock.readLock().lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("The pair tokenizer of " + this.file + " is closed");
			}
			Encoding encoding = this.tokenizer.encode(query, document, true, false);
			return new EncodedPair(toInts(encoding.getIds()), toInts(encoding.getTypeIds()));
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Cuts a text after its first tokens, as tokenized alone (without special tokens),
	 * keeping the original characters up to the end of the last kept token (a character
	 * whose bytes straddle the cut is left out, so the result has at most
	 * {@code maxTokens} tokens); used to apply a per-document token budget before
	 * pairing.
	 * @param text the text
	 * @param maxTokens how many tokens to keep, at least 1
	 * @return the text itself when it has at most {@code maxTokens} tokens (or at least
	 * the tokenizer's length limit, which pairing enforces anyway), else its start
	 * @throws IllegalStateException if the tokenizer is closed
	 */
	public String truncate(String text, int maxTokens) {
		Objects.requireNonNull(text, "'text' must not be null");
		if (maxTokens < 1) {
			throw new IllegalArgumentException("'maxTokens' must be at least 1 but was " + maxTokens);
		}
		this.lock.readLock().lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("The pair tokenizer of " + this.file + " is closed");
			}
			CharSpan[] spans = this.tokenizer.encode(text, false, false).getCharTokenSpans();
			if (spans.length <= maxTokens) {
				return text;
			}
			CharSpan last = spans[maxTokens - 1];
			CharSpan next = spans[maxTokens];
			if (last == null || next == null) {
				return text;
			}
			// a character split over two tokens (byte-level BPE) is left out whole: at
			// most maxTokens tokens remain
			int end = Math.min(last.getEnd(), next.getStart());
			int codePoints = Math.min(Math.max(end, 0), text.codePointCount(0, text.length()));
			return text.substring(0, text.offsetByCodePoints(0, codePoints));
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	private static int[] toInts(long[] values) {
		int[] out = new int[values.length];
		for (int i = 0; i < values.length; i++) {
			out[i] = Math.toIntExact(values[i]);
		}
		return out;
	}

	/**
	 * Frees the native tokenizer.
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

}
