package dev.springcohere.engine.constrain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import dev.springcohere.engine.tokenizer.HfTokenizer;

/**
 * The vocabulary's token byte strings as a trie, so that tokens sharing a prefix are checked against the grammar
 * once for that prefix, and a prefix the grammar refuses prunes every token below it. Special tokens and tokens
 * without bytes are left out: they never appear inside JSON.
 */
public final class TokenTrie {

	private final int vocabSize;

	private final byte[][] tokenBytes;

	private final boolean[] excluded;

	/** Per node: the range of {@link #edgeByte}/{@link #edgeChild} holding its children. */
	private final int[] edgeStart;

	private final int[] edgeEnd;

	private final byte[] edgeByte;

	private final int[] edgeChild;

	/** Per node: the range of {@link #tokenIds} of the tokens ending there. */
	private final int[] tokenStart;

	private final int[] tokenEnd;

	private final int[] tokenIds;

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
		for (int id = 0; id < tokenBytes.length; id++) {
			if (tokenBytes[id].length > 0 && !excluded[id]) {
				ids.add(id);
			}
		}
		ids.sort(Comparator.comparing((Integer id) -> tokenBytes[id], Arrays::compareUnsigned));
		this.tokenIds = ids.stream().mapToInt(Integer::intValue).toArray();
		// nodes are built depth-first over the sorted ids; each node covers a contiguous range of them
		List<int[]> nodes = new ArrayList<>();
		List<int[]> edges = new ArrayList<>();
		build(tokenBytes, 0, this.tokenIds.length, 0, nodes, edges);
		int n = nodes.size();
		this.edgeStart = new int[n];
		this.edgeEnd = new int[n];
		this.tokenStart = new int[n];
		this.tokenEnd = new int[n];
		for (int i = 0; i < n; i++) {
			int[] node = nodes.get(i);
			this.tokenStart[i] = node[0];
			this.tokenEnd[i] = node[1];
			this.edgeStart[i] = node[2];
			this.edgeEnd[i] = node[3];
		}
		this.edgeByte = new byte[edges.size()];
		this.edgeChild = new int[edges.size()];
		for (int i = 0; i < edges.size(); i++) {
			this.edgeByte[i] = (byte) edges.get(i)[0];
			this.edgeChild[i] = edges.get(i)[1];
		}
	}

	private int build(byte[][] bytes, int from, int to, int depth, List<int[]> nodes, List<int[]> edges) {
		int index = nodes.size();
		int[] node = new int[4];
		nodes.add(node);
		int i = from;
		while (i < to && bytes[this.tokenIds[i]].length == depth) {
			i++;
		}
		node[0] = from;
		node[1] = i;
		// children: group the rest by their byte at this depth
		List<int[]> groups = new ArrayList<>();
		while (i < to) {
			int b = bytes[this.tokenIds[i]][depth] & 0xFF;
			int j = i;
			while (j < to && (bytes[this.tokenIds[j]][depth] & 0xFF) == b) {
				j++;
			}
			groups.add(new int[] { b, i, j });
			i = j;
		}
		int first = edges.size();
		for (int[] g : groups) {
			edges.add(new int[] { g[0], -1 });
		}
		node[2] = first;
		node[3] = first + groups.size();
		for (int k = 0; k < groups.size(); k++) {
			int[] g = groups.get(k);
			edges.get(first + k)[1] = build(bytes, g[1], g[2], depth + 1, nodes, edges);
		}
		return index;
	}

	/**
	 * Builds the trie of a tokenizer's vocabulary, leaving out its special tokens.
	 * @param tokenizer a byte-level BPE tokenizer
	 * @return the trie
	 * @throws IllegalArgumentException if the vocabulary is not byte-level, so token bytes are not exact
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

	/**
	 * The bytes of a token.
	 * @param id the token id
	 * @return the bytes (shared; do not modify), empty for an unused id
	 */
	byte[] bytes(int id) {
		return this.tokenBytes[id];
	}

	/**
	 * Whether an id may appear inside JSON at all (it has bytes and is not a special token).
	 * @param id the token id
	 * @return {@code true} when the trie holds it
	 */
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
		return this.edgeStart.length;
	}

	/**
	 * Sets in {@code mask} the bit of every token the grammar allows from {@code state}.
	 * @param state the grammar state
	 * @param mask the bitset, {@code vocabSize / 64} rounded up longs
	 */
	void allowed(GrammarState state, long[] mask) {
		walk(0, state, mask);
	}

	private void walk(int node, GrammarState state, long[] mask) {
		for (int e = this.edgeStart[node]; e < this.edgeEnd[node]; e++) {
			GrammarState next = state.step(this.edgeByte[e] & 0xFF);
			if (next == null) {
				continue;
			}
			int child = this.edgeChild[e];
			for (int t = this.tokenStart[child]; t < this.tokenEnd[child]; t++) {
				int id = this.tokenIds[t];
				mask[id >>> 6] |= 1L << id;
			}
			walk(child, next, mask);
		}
	}

}
