package dev.springcohere.engine.decode;

import java.util.List;
import java.util.Objects;

/**
 * One sequence's part of a batched step ({@link DecoderBackend#step}).
 *
 * @param tokens the new token ids, at least one
 * @param start the position of the first of them (the tokens already in the cache)
 * @param blocks the sequence's block table: block {@code i} holds positions
 * {@code i x blockTokens} onwards; it must cover {@code start + tokens.length} positions
 * @param logits which logits the sequence needs back
 * @since 0.1.0
 */
public record BatchEntry(int[] tokens, int start, List<KvBlock> blocks, Logits logits) {

	/** Which logits an entry wants. */
	public enum Logits {

		/** None (a prompt chunk that is not the last one). */
		NONE,

		/** Those of the last token fed: {@code vocab} floats. */
		LAST,

		/**
		 * Those of every token fed, {@code tokens.length x vocab} row-major (verifying
		 * drafted tokens).
		 */
		ALL

	}

	/**
	 * Checks the entry.
	 */
	public BatchEntry {
		Objects.requireNonNull(tokens, "'tokens' must not be null");
		Objects.requireNonNull(blocks, "'blocks' must not be null");
		Objects.requireNonNull(logits, "'logits' must not be null");
		if (tokens.length == 0) {
			throw new IllegalArgumentException("A batch entry needs at least one token");
		}
		if (start < 0) {
			throw new IllegalArgumentException("'start' must be at least 0 but was " + start);
		}
	}

}
