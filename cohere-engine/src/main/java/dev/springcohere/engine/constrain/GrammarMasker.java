package dev.springcohere.engine.constrain;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes which tokens of a vocabulary a grammar allows in a state: a depth-first walk
 * of the {@link TokenTrie} that stops at the first refused byte. Masks are cached per
 * grammar state (equal states allow the same tokens), up to {@link #MAX_CACHED} masks,
 * after which the cache starts over. Thread-safe.
 *
 * @since 0.1.0
 */
public final class GrammarMasker {

	/** The most masks kept. */
	public static final int MAX_CACHED = 4096;

	private final JsonGrammar grammar;

	private final TokenTrie trie;

	private final Map<GrammarState, long[]> cache = new ConcurrentHashMap<>();

	/**
	 * Creates a masker.
	 * @param grammar the grammar
	 * @param trie the vocabulary
	 */
	public GrammarMasker(JsonGrammar grammar, TokenTrie trie) {
		this.grammar = Objects.requireNonNull(grammar, "'grammar' must not be null");
		this.trie = Objects.requireNonNull(trie, "'trie' must not be null");
	}

	/**
	 * The grammar.
	 * @return the grammar
	 */
	public JsonGrammar grammar() {
		return this.grammar;
	}

	/**
	 * The vocabulary.
	 * @return the trie
	 */
	public TokenTrie trie() {
		return this.trie;
	}

	/**
	 * The allowed tokens in a state, from the cache when it was computed before.
	 * @param state the grammar state
	 * @return a bitset over token ids (bit {@code id % 64} of word {@code id / 64});
	 * shared, do not modify
	 */
	public long[] mask(GrammarState state) {
		long[] cached = this.cache.get(state);
		if (cached != null) {
			return cached;
		}
		long[] mask = computeMask(state);
		if (this.cache.size() >= MAX_CACHED) {
			this.cache.clear();
		}
		this.cache.put(state, mask);
		return mask;
	}

	/**
	 * Computes the allowed tokens without the cache (benchmarks, tests).
	 * @param state the grammar state
	 * @return a new bitset over token ids
	 */
	public long[] computeMask(GrammarState state) {
		long[] mask = new long[(this.trie.vocabSize() + 63) >>> 6];
		this.trie.allowed(state, mask);
		return mask;
	}

	/**
	 * Sets the logit of every token outside a mask to negative infinity, a 64-token word
	 * at a time: a run of words with no token allowed is filled at once, a word with all
	 * allowed is skipped, and in the others only the minority is touched (the disallowed
	 * tokens when most are allowed; otherwise the few allowed logits are kept aside, the
	 * word is filled and they are put back).
	 * @param mask the allowed tokens
	 * @param logits the logits, changed in place; ids beyond the mask are disallowed
	 * @return whether any token is allowed
	 */
	public static boolean applyTo(long[] mask, float[] logits) {
		boolean any = false;
		int words = (logits.length + 63) >>> 6;
		float[] kept = new float[64];
		int word = 0;
		while (word < words) {
			int base = word << 6;
			int end = Math.min(base + 64, logits.length);
			long valid = (end - base < 64) ? (1L << (end - base)) - 1 : -1L;
			long bits = ((word < mask.length) ? mask[word] : 0L) & valid;
			if (bits == 0L) {
				int last = word;
				while (last + 1 < words && (last + 1 >= mask.length || mask[last + 1] == 0L)) {
					last++;
				}
				Arrays.fill(logits, base, Math.min((last + 1) << 6, logits.length), Float.NEGATIVE_INFINITY);
				word = last + 1;
				continue;
			}
			any = true;
			if (bits == valid) {
				word++;
				continue;
			}
			if (Long.bitCount(bits) >= 32) {
				for (long off = ~bits & valid; off != 0; off &= off - 1) {
					logits[base + Long.numberOfTrailingZeros(off)] = Float.NEGATIVE_INFINITY;
				}
			}
			else {
				int n = 0;
				for (long on = bits; on != 0; on &= on - 1) {
					kept[n++] = logits[base + Long.numberOfTrailingZeros(on)];
				}
				Arrays.fill(logits, base, end, Float.NEGATIVE_INFINITY);
				n = 0;
				for (long on = bits; on != 0; on &= on - 1) {
					logits[base + Long.numberOfTrailingZeros(on)] = kept[n++];
				}
			}
			word++;
		}
		return any;
	}

	/**
	 * The state after a token.
	 * @param state the current state
	 * @param tokenId the token
	 * @return the next state
	 * @throws IllegalArgumentException if the grammar does not allow the token here
	 */
	public GrammarState advance(GrammarState state, int tokenId) {
		GrammarState next = this.trie.contains(tokenId) ? this.grammar.advance(state, this.trie.bytes(tokenId)) : null;
		if (next == null) {
			throw new IllegalArgumentException("Token " + tokenId + " is not allowed by the grammar in " + state);
		}
		return next;
	}

	/**
	 * The number of cached masks.
	 * @return the cache size
	 */
	public int cachedMasks() {
		return this.cache.size();
	}

}
