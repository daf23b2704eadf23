package dev.springcohere.engine.constrain;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

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

	private final Map<GrammarState, BudgetProfile> profiles = new ConcurrentHashMap<>();

	private final Map<GrammarState, Integer> costs = new ConcurrentHashMap<>();

	private final Map<GrammarState, byte[]> forced = new ConcurrentHashMap<>();

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

	// ---------------------------------------------------------------- token budgets

	/** A token count standing for "the vocabulary cannot spell the completion". */
	static final int UNREACHABLE = Integer.MAX_VALUE / 4;

	/**
	 * The tokens of the shortest completion found from a state to a complete JSON value
	 * (empty when the value may end here): the completion's bytes, piece by piece, each
	 * spelled with the fewest tokens of the vocabulary.
	 * @param state the grammar state
	 * @return the token ids, or {@code null} when the vocabulary cannot spell them
	 */
	public int @Nullable [] completion(GrammarState state) {
		if (state.accepting()) {
			return new int[0];
		}
		int[] best = null;
		for (ParseStack stack : state.stacks) {
			int[] tokens = completion(stack);
			if (tokens != null && (best == null || tokens.length < best.length)) {
				best = tokens;
			}
		}
		return best;
	}

	private int @Nullable [] completion(ParseStack stack) {
		java.util.List<Integer> ids = new java.util.ArrayList<>();
		for (Completions.Piece piece : this.grammar.completions().complete(stack)) {
			int[] tokens = this.trie.segment(piece.bytes());
			if (tokens == null) {
				return null;
			}
			for (int t : tokens) {
				ids.add(t);
			}
		}
		return ids.stream().mapToInt(Integer::intValue).toArray();
	}

	/**
	 * How many tokens {@link #completion} takes from a state (cached;
	 * {@link #UNREACHABLE} when it cannot be spelled).
	 * @param state the grammar state
	 * @return the token count
	 */
	public int completionCost(GrammarState state) {
		Integer known = this.costs.get(state);
		if (known != null) {
			return known;
		}
		int best = UNREACHABLE;
		if (state.accepting()) {
			best = 0;
		}
		else {
			for (ParseStack stack : state.stacks) {
				best = Math.min(best, cost(stack));
			}
		}
		if (this.costs.size() >= MAX_CACHED * 16) {
			this.costs.clear();
		}
		this.costs.put(state, best);
		return best;
	}

	/**
	 * The cost of a stack: its first piece, plus the rest (cached on the stack below when
	 * it is shared).
	 */
	private int cost(ParseStack stack) {
		if (stack == ParseStack.DONE) {
			return 0;
		}
		Completions.Piece piece = this.grammar.completions().finishTop(stack);
		int[] tokens = this.trie.segment(piece.bytes());
		if (tokens == null) {
			return UNREACHABLE;
		}
		ParseStack parent = stack.parent;
		int rest;
		if (parent != null && !(stack.top instanceof Frame.Root) && !JsonMatcher.wantsValue(parent)) {
			ParseStack.Rest known = parent.rest;
			if (known != null && known.owner() == this) {
				rest = known.tokens();
			}
			else {
				rest = cost(piece.next());
				parent.rest = new ParseStack.Rest(this, rest);
			}
		}
		else {
			rest = cost(piece.next());
		}
		return (rest >= UNREACHABLE) ? UNREACHABLE : tokens.length + rest;
	}

	/**
	 * The tokens the grammar allows in a state after which the completion costs at most
	 * {@code limit} tokens (exit tokens are not in the vocabulary's trie and are left to
	 * the caller).
	 * @param state the grammar state
	 * @param limit the budget left after the token
	 * @return a bitset over token ids (shared, do not modify)
	 */
	public long[] budgetMask(GrammarState state, int limit) {
		BudgetProfile profile = this.profiles.get(state);
		if (profile == null) {
			profile = profile(state);
			if (this.profiles.size() >= MAX_CACHED / 8) {
				this.profiles.clear();
			}
			this.profiles.put(state, profile);
		}
		if (limit >= profile.maxCost()) {
			return mask(state);
		}
		return profile.mask(limit, words());
	}

	/**
	 * Computes a budget mask without the profile cache (benchmarks, tests): the cost
	 * after every allowed token.
	 * @param state the grammar state
	 * @param limit the budget left after the token
	 * @return a bitset over token ids
	 */
	public long[] computeBudgetMask(GrammarState state, int limit) {
		BudgetProfile profile = profile(state);
		return (limit >= profile.maxCost()) ? computeMask(state) : profile.mask(limit, words());
	}

	private BudgetProfile profile(GrammarState state) {
		BudgetProfile.Builder builder = new BudgetProfile.Builder(words());
		this.trie.costs(state, this::completionCost, builder);
		return builder.build();
	}

	private int words() {
		return (this.trie.vocabSize() + 63) >>> 6;
	}

	/**
	 * The bytes every continuation of a state starts with: as long as exactly one byte is
	 * allowed (and the value may not end), that byte (cached per state).
	 * @param state the grammar state
	 * @return the forced bytes, perhaps none
	 */
	public byte[] forcedBytes(GrammarState state) {
		byte[] known = this.forced.get(state);
		if (known != null) {
			return known;
		}
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		GrammarState s = state;
		while (!s.accepting() && out.size() < 256) {
			GrammarState only = null;
			int onlyByte = -1;
			int allowed = 0;
			for (int b = 0; b < 256 && allowed < 2; b++) {
				GrammarState next = s.step(b);
				if (next != null) {
					allowed++;
					only = next;
					onlyByte = b;
				}
			}
			if (allowed != 1) {
				break;
			}
			out.write(onlyByte);
			s = only;
		}
		byte[] bytes = out.toByteArray();
		if (this.forced.size() >= MAX_CACHED) {
			this.forced.clear();
		}
		this.forced.put(state, bytes);
		return bytes;
	}

	/**
	 * Spells bytes with the fewest tokens of the vocabulary.
	 * @param bytes the bytes
	 * @return the token ids, or {@code null} when the vocabulary cannot spell them
	 */
	public int @Nullable [] tokenize(byte[] bytes) {
		return this.trie.segment(bytes);
	}

	/**
	 * The number of cached masks.
	 * @return the cache size
	 */
	public int cachedMasks() {
		return this.cache.size();
	}

}
