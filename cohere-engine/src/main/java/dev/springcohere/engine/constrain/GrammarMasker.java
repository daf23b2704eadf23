package dev.springcohere.engine.constrain;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Computes which tokens of a vocabulary a grammar allows in a state: a depth-first walk of the {@link TokenTrie}
 * that stops at the first refused byte. Masks are cached per grammar state (equal states allow the same tokens),
 * up to {@link #MAX_CACHED} masks, after which the cache starts over. Thread-safe.
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
	 * @return a bitset over token ids (bit {@code id % 64} of word {@code id / 64}); shared, do not modify
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
	 * The state after a token.
	 * @param state the current state
	 * @param tokenId the token
	 * @return the next state
	 * @throws IllegalArgumentException if the grammar does not allow the token here
	 */
	public GrammarState advance(GrammarState state, int tokenId) {
		GrammarState next = this.trie.contains(tokenId) ? this.grammar.advance(state, this.trie.bytes(tokenId))
				: null;
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
