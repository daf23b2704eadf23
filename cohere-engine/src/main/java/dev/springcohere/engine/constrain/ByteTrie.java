package dev.springcohere.engine.constrain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A trie over the byte strings of some token ids, stored in flat arrays: per node the
 * range of its children (sorted by byte) and of the tokens ending there.
 * {@link TokenTrie} walks it against grammar states.
 */
final class ByteTrie {

	/**
	 * Per node: the range of {@link #edgeByte}/{@link #edgeChild} holding its children.
	 */
	final int[] edgeStart;

	final int[] edgeEnd;

	final byte[] edgeByte;

	final int[] edgeChild;

	/** Per node: the range of {@link #tokenIds} of the tokens ending there. */
	final int[] tokenStart;

	final int[] tokenEnd;

	final int[] tokenIds;

	ByteTrie(byte[][] tokenBytes, List<Integer> members) {
		List<Integer> ids = new ArrayList<>(members);
		ids.sort(Comparator.comparing((Integer id) -> tokenBytes[id], Arrays::compareUnsigned));
		this.tokenIds = ids.stream().mapToInt(Integer::intValue).toArray();
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

	/**
	 * Builds the node of the ids in {@code [from, to)} of the sorted ids, which share
	 * {@code depth} bytes.
	 */
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

	/** The child of a node along a byte, or -1. */
	int child(int node, int b) {
		int lo = this.edgeStart[node];
		int hi = this.edgeEnd[node] - 1;
		while (lo <= hi) {
			int m = (lo + hi) >>> 1;
			int v = this.edgeByte[m] & 0xFF;
			if (v < b) {
				lo = m + 1;
			}
			else if (v > b) {
				hi = m - 1;
			}
			else {
				return this.edgeChild[m];
			}
		}
		return -1;
	}

	void costWalk(int node, GrammarState state, ToIntFunction<GrammarState> cost, BudgetProfile.Builder out) {
		for (int e = this.edgeStart[node]; e < this.edgeEnd[node]; e++) {
			GrammarState next = state.step(this.edgeByte[e] & 0xFF);
			if (next == null) {
				continue;
			}
			int child = this.edgeChild[e];
			if (this.tokenStart[child] < this.tokenEnd[child]) {
				int c = cost.applyAsInt(next);
				for (int t = this.tokenStart[child]; t < this.tokenEnd[child]; t++) {
					out.add(this.tokenIds[t], c);
				}
			}
			costWalk(child, next, cost, out);
		}
	}

	void walk(int node, GrammarState state, long[] mask) {
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
