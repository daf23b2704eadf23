package dev.springcohere.engine.constrain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.springcohere.engine.tokenizer.HfTokenizer;

/**
 * The vocabulary's token byte strings as a trie, so that tokens sharing a prefix are
 * checked against the grammar once for that prefix, and a prefix the grammar refuses
 * prunes every token below it. Special tokens and tokens without bytes are left out: they
 * never appear inside JSON.
 * <p>
 * Inside a free string most of a large vocabulary is allowed, and walking the whole trie
 * would be slow; so tokens that are plain string content (valid UTF-8, perhaps ending
 * inside a character, without {@code "}, {@code \} or control characters) are also
 * indexed by their length in code points, and a second trie holds only the other tokens
 * that may still be allowed there: those whose first byte that is not plain content is a
 * {@code "} or a {@code \} at a character boundary (the string ends or an escape starts;
 * what follows depends on the grammar). A token whose first such byte is a control
 * character or breaks UTF-8 is refused in every free string, so it is in neither. In a
 * free string the plain tokens that fit the length limit are allowed outright and only
 * the second trie is walked.
 *
 * @since 0.1.0
 */
public final class TokenTrie {

	private final int vocabSize;

	private final byte[][] tokenBytes;

	private final boolean[] excluded;

	private final ByteTrie all;

	/**
	 * The tokens that leave or escape a free string: the only ones a free string's walk
	 * must step through.
	 */
	private final ByteTrie stringExits;

	/** Plain-content token ids sorted by their length in code points. */
	private final int[] plainIds;

	/**
	 * {@code plainByLength[c]}: how many of {@link #plainIds} have at most {@code c} code
	 * points.
	 */
	private final int[] plainUpTo;

	private final long[] allPlain;

	/**
	 * Per plain token (by id): the partial character it ends in, packed as
	 * {@code need << 24 | len << 21 | acc} (0 when it ends on a character boundary);
	 * tokens with equal length and tail leave a free string in equal states.
	 */
	private final int[] plainTail;

	/**
	 * Builds the trie.
	 * @param tokenBytes each id's bytes (an empty array for an unused id)
	 * @param excluded which ids never appear inside JSON (special tokens), by id
	 */
	public TokenTrie(byte[][] tokenBytes, boolean[] excluded) {
		this.vocabSize = tokenBytes.length;
		this.tokenBytes = tokenBytes;
		this.excluded = excluded;
		List<Integer> ids = new ArrayList<>();
		List<Integer> others = new ArrayList<>();
		List<int[]> plain = new ArrayList<>();
		for (int id = 0; id < tokenBytes.length; id++) {
			if (tokenBytes[id].length > 0 && !excluded[id]) {
				ids.add(id);
				int chars = plainLength(tokenBytes[id]);
				if (chars >= 0) {
					plain.add(new int[] { id, chars });
				}
				else if (leavesStringCleanly(tokenBytes[id])) {
					others.add(id);
				}
			}
		}
		this.all = new ByteTrie(tokenBytes, ids);
		this.stringExits = new ByteTrie(tokenBytes, others);
		plain.sort(Comparator.comparingInt((int[] p) -> p[1]));
		this.plainIds = plain.stream().mapToInt((p) -> p[0]).toArray();
		int longest = plain.isEmpty() ? 0 : plain.get(plain.size() - 1)[1];
		this.plainUpTo = new int[longest + 1];
		int k = 0;
		for (int c = 0; c <= longest; c++) {
			while (k < plain.size() && plain.get(k)[1] <= c) {
				k++;
			}
			this.plainUpTo[c] = k;
		}
		this.allPlain = new long[(this.vocabSize + 63) >>> 6];
		this.plainTail = new int[this.vocabSize];
		for (int id : this.plainIds) {
			this.allPlain[id >>> 6] |= 1L << id;
			this.plainTail[id] = partialTail(tokenBytes[id]);
		}
	}

	/**
	 * The partial UTF-8 character a plain token ends in, packed (see {@link #plainTail}),
	 * or 0.
	 */
	private static int partialTail(byte[] bytes) {
		int i = 0;
		while (i < bytes.length) {
			int u = bytes[i] & 0xFF;
			int len = (u < 0x80) ? 1 : (u < 0xE0) ? 2 : (u < 0xF0) ? 3 : 4;
			if (i + len > bytes.length) {
				int acc = u & ((len == 2) ? 0x1F : (len == 3) ? 0x0F : 0x07);
				for (int k = i + 1; k < bytes.length; k++) {
					acc = (acc << 6) | (bytes[k] & 0x3F);
				}
				int need = i + len - bytes.length;
				return (need << 24) | (len << 21) | acc;
			}
			i += len;
		}
		return 0;
	}

	/**
	 * The code points a plain-content token adds to a string (a character left incomplete
	 * at its end counts, since it must fit too), or -1 when the token is not plain
	 * content: it holds a quote, a backslash or a control character, or bytes that are
	 * not a valid start of UTF-8.
	 */
	static int plainLength(byte[] bytes) {
		int count = 0;
		int i = 0;
		while (i < bytes.length) {
			int u = bytes[i] & 0xFF;
			if (u < 0x20 || u == '"' || u == '\\') {
				return -1;
			}
			if (u < 0x80) {
				count++;
				i++;
				continue;
			}
			int len = (u >= 0xC2 && u <= 0xDF) ? 2 : (u >= 0xE0 && u <= 0xEF) ? 3 : (u >= 0xF0 && u <= 0xF4) ? 4 : 0;
			if (len == 0) {
				return -1;
			}
			int lo2 = (u == 0xE0) ? 0xA0 : (u == 0xF0) ? 0x90 : 0x80;
			int hi2 = (u == 0xED) ? 0x9F : (u == 0xF4) ? 0x8F : 0xBF;
			for (int k = 1; k < len; k++) {
				if (i + k >= bytes.length) {
					return count + 1;
				}
				int b = bytes[i + k] & 0xFF;
				if (b < ((k == 1) ? lo2 : 0x80) || b > ((k == 1) ? hi2 : 0xBF)) {
					return -1;
				}
			}
			count++;
			i += len;
		}
		return count;
	}

	/**
	 * Whether a token that is not plain content may still be allowed inside a free string
	 * (between characters): its first byte that is not plain content is a {@code "} or a
	 * {@code \} at a character boundary. Any other first offender (a control character, a
	 * byte that is not valid UTF-8 there) is refused by every string.
	 */
	static boolean leavesStringCleanly(byte[] bytes) {
		int i = 0;
		while (i < bytes.length) {
			int u = bytes[i] & 0xFF;
			if (u == '"' || u == '\\') {
				return true;
			}
			if (u < 0x20) {
				return false;
			}
			if (u < 0x80) {
				i++;
				continue;
			}
			int len = (u >= 0xC2 && u <= 0xDF) ? 2 : (u >= 0xE0 && u <= 0xEF) ? 3 : (u >= 0xF0 && u <= 0xF4) ? 4 : 0;
			if (len == 0) {
				return false;
			}
			int lo2 = (u == 0xE0) ? 0xA0 : (u == 0xF0) ? 0x90 : 0x80;
			int hi2 = (u == 0xED) ? 0x9F : (u == 0xF4) ? 0x8F : 0xBF;
			for (int k = 1; k < len; k++) {
				if (i + k >= bytes.length) {
					return false;
				}
				int b = bytes[i + k] & 0xFF;
				if (b < ((k == 1) ? lo2 : 0x80) || b > ((k == 1) ? hi2 : 0xBF)) {
					return false;
				}
			}
			i += len;
		}
		return false;
	}

	/**
	 * Builds the trie of a tokenizer's vocabulary, leaving out its special tokens.
	 * @param tokenizer a byte-level BPE tokenizer
	 * @return the trie
	 * @throws IllegalArgumentException if the vocabulary is not byte-level, so token
	 * bytes are not exact
	 */
	public static TokenTrie of(HfTokenizer tokenizer) {
		if (!tokenizer.isByteLevel()) {
			throw new IllegalArgumentException("Constrained decoding needs a byte-level BPE vocabulary (as Cohere "
					+ "models have); " + tokenizer + " is not byte-level");
		}
		int n = tokenizer.vocabSize();
		byte[][] bytes = new byte[n][];
		boolean[] excluded = new boolean[n];
		for (int id = 0; id < n; id++) {
			bytes[id] = tokenizer.tokenBytes(id);
			excluded[id] = tokenizer.isSpecial(id);
		}
		return new TokenTrie(bytes, excluded);
	}

	byte[] bytes(int id) {
		return this.tokenBytes[id];
	}

	boolean contains(int id) {
		return id >= 0 && id < this.vocabSize && this.tokenBytes[id].length > 0 && !this.excluded[id];
	}

	/**
	 * The number of ids (the mask length in bits).
	 * @return the vocabulary size
	 */
	public int vocabSize() {
		return this.vocabSize;
	}

	/**
	 * The number of trie nodes.
	 * @return the node count
	 */
	public int nodeCount() {
		return this.all.edgeStart.length;
	}

	/**
	 * Sets in {@code mask} the bit of every token the grammar allows from {@code state}.
	 * @param state the grammar state
	 * @param mask the bitset, {@code vocabSize / 64} rounded up longs
	 */
	void allowed(GrammarState state, long[] mask) {
		int room = JsonMatcher.freeStringRoom(state);
		if (room == JsonMatcher.NOT_FREE_STRING) {
			this.all.walk(0, state, mask);
			return;
		}
		if (room >= this.plainUpTo.length - 1) {
			for (int i = 0; i < mask.length; i++) {
				mask[i] |= this.allPlain[i];
			}
		}
		else if (this.plainUpTo[room] > this.plainIds.length / 2) {
			// most plain tokens fit: take them all and take back the longer ones
			long[] fitting = this.allPlain.clone();
			for (int k = this.plainUpTo[room]; k < this.plainIds.length; k++) {
				int id = this.plainIds[k];
				fitting[id >>> 6] &= ~(1L << id);
			}
			for (int i = 0; i < mask.length; i++) {
				mask[i] |= fitting[i];
			}
		}
		else {
			for (int k = 0; k < this.plainUpTo[room]; k++) {
				int id = this.plainIds[k];
				mask[id >>> 6] |= 1L << id;
			}
		}
		this.stringExits.walk(0, state, mask);
	}

	/**
	 * Sets in {@code mask} the bit of every token the grammar allows from {@code state}
	 * by walking the whole trie, without the free-string shortcut (the reference the
	 * shortcut is checked against).
	 * @param state the grammar state
	 * @param mask the bitset, {@code vocabSize / 64} rounded up longs
	 */
	void allowedByFullWalk(GrammarState state, long[] mask) {
		this.all.walk(0, state, mask);
	}

	/**
	 * The number of tokens a free string's walk steps through (those that may leave or
	 * escape the string).
	 * @return the token count
	 */
	int stringExitTokens() {
		return this.stringExits.tokenIds.length;
	}

	/**
	 * The fewest tokens whose bytes are exactly {@code bytes} (shortest-path over the
	 * trie; the longer token first on ties), or {@code null} when the vocabulary cannot
	 * spell them.
	 * @param bytes the bytes
	 * @return the token ids
	 */
	int @Nullable [] segment(byte[] bytes) {
		int n = bytes.length;
		int[] best = new int[n + 1];
		int[] via = new int[n + 1];
		int[] from = new int[n + 1];
		java.util.Arrays.fill(best, Integer.MAX_VALUE);
		best[n] = 0;
		for (int i = n - 1; i >= 0; i--) {
			int node = 0;
			for (int j = i; j < n; j++) {
				node = this.all.child(node, bytes[j] & 0xFF);
				if (node < 0) {
					break;
				}
				if (this.all.tokenStart[node] < this.all.tokenEnd[node] && best[j + 1] != Integer.MAX_VALUE
						&& best[j + 1] + 1 <= best[i]) {
					best[i] = best[j + 1] + 1;
					via[i] = this.all.tokenIds[this.all.tokenStart[node]];
					from[i] = j + 1;
				}
			}
		}
		if (best[0] == Integer.MAX_VALUE) {
			return null;
		}
		int[] ids = new int[best[0]];
		for (int i = 0, k = 0; i < n; i = from[i]) {
			ids[k++] = via[i];
		}
		return ids;
	}

	/**
	 * Adds to {@code out} the cost of the state after each token the grammar allows from
	 * {@code state}: the tokens of a free string's plain content are grouped by their
	 * length and final partial character, which leave the string in equal states, so the
	 * cost is asked once per group.
	 * @param state the grammar state
	 * @param cost the cost of a state
	 * @param out collects the costs by token id
	 */
	void costs(GrammarState state, java.util.function.ToIntFunction<GrammarState> cost, BudgetProfile.Builder out) {
		int room = JsonMatcher.freeStringRoom(state);
		if (room == JsonMatcher.NOT_FREE_STRING || !JsonMatcher.untracked(state)) {
			this.all.costWalk(0, state, cost, out);
			return;
		}
		java.util.Map<Long, Integer> groups = new java.util.HashMap<>();
		int fitting = (room >= this.plainUpTo.length - 1) ? this.plainIds.length : this.plainUpTo[room];
		for (int k = 0; k < fitting; k++) {
			int id = this.plainIds[k];
			long group = ((long) plainLength(this.tokenBytes[id]) << 32) | this.plainTail[id];
			Integer known = groups.get(group);
			if (known == null) {
				GrammarState next = state;
				for (byte b : this.tokenBytes[id]) {
					next = next.step(b & 0xFF);
					if (next == null) {
						break;
					}
				}
				known = (next == null) ? -1 : cost.applyAsInt(next);
				groups.put(group, known);
			}
			if (known >= 0) {
				out.add(id, known);
			}
		}
		this.stringExits.costWalk(0, state, cost, out);
	}

}
