package dev.springcohere.engine.decode;

/**
 * Keys that order tokens as a full sort of the vocabulary does (descending logit, then
 * ascending id) in one {@code long} each, and the heap operations {@link Sampler} runs on
 * arrays of them without allocating: a bounded heap for top-k and a heapsort of the few
 * candidates it sorts.
 */
final class TokenKeys {

	private TokenKeys() {
	}

	/**
	 * Offers token {@code id} to a bounded heap of at most {@code k} keys whose root is
	 * the worst kept one; a masked token (negative infinity) is never kept.
	 * @param heap the heap
	 * @param size the keys it holds
	 * @param k the most it may hold
	 * @param logits the logits
	 * @param id the token
	 * @return the heap's new size
	 */
	static int offer(long[] heap, int size, int k, float[] logits, int id) {
		float logit = logits[id];
		if (logit == Float.NEGATIVE_INFINITY) {
			return size;
		}
		long key = key(logit, id);
		if (size < k) {
			heap[size] = key;
			siftUp(heap, size);
			return size + 1;
		}
		if (key < heap[0]) {
			heap[0] = key;
			siftDown(heap, 0, size);
		}
		return size;
	}

	/**
	 * Restores the max-heap (root: the largest key, the worst candidate) above {@code i}.
	 */
	private static void siftUp(long[] heap, int i) {
		long key = heap[i];
		while (i > 0) {
			int parent = (i - 1) >>> 1;
			if (heap[parent] >= key) {
				break;
			}
			heap[i] = heap[parent];
			i = parent;
		}
		heap[i] = key;
	}

	/** Restores the max-heap below {@code start}. */
	private static void siftDown(long[] heap, int start, int size) {
		long key = heap[start];
		int i = start;
		while (true) {
			int child = 2 * i + 1;
			if (child >= size) {
				break;
			}
			if (child + 1 < size && heap[child + 1] > heap[child]) {
				child++;
			}
			if (heap[child] <= key) {
				break;
			}
			heap[i] = heap[child];
			i = child;
		}
		heap[i] = key;
	}

	/**
	 * Sorts {@code keys[0, count)} ascending in place with a heapsort, which (unlike
	 * {@link java.util.Arrays#sort(long[], int, int)} on long ranges) never allocates.
	 * @param keys the keys
	 * @param count how many to sort
	 */
	static void sort(long[] keys, int count) {
		for (int i = count / 2 - 1; i >= 0; i--) {
			siftDown(keys, i, count);
		}
		for (int end = count - 1; end > 0; end--) {
			long top = keys[0];
			keys[0] = keys[end];
			keys[end] = top;
			siftDown(keys, 0, end);
		}
	}

	/**
	 * A key whose ascending order is the descending order of the logits, then the
	 * ascending order of the ids.
	 * @param logit the token's logit
	 * @param id the token
	 * @return the key
	 */
	static long key(float logit, int id) {
		int bits = Float.floatToIntBits(logit);
		int ordered = bits ^ ((bits >> 31) & 0x7FFFFFFF);
		return ((long) ~ordered << 32) | (id & 0xFFFFFFFFL);
	}

	/**
	 * The token of a key.
	 * @param key the key
	 * @return its token id
	 */
	static int id(long key) {
		return (int) key;
	}

}
