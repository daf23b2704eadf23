package dev.springcohere.engine.decode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.springcohere.engine.model.ModelConfig;
import org.jspecify.annotations.Nullable;

/**
 * A paged KV cache: one pool of fixed-size {@link KvBlock}s (each the keys and values of
 * {@link #blockTokens()} positions for every layer, in a {@link KvCacheType}) under a
 * memory budget, shared by every sequence a scheduler runs. Blocks are created on first
 * use, so the memory held grows with the work up to the budget and never past it.
 * <p>
 * <b>Prefix reuse.</b> A full block can be {@link #register registered} under the hash
 * chain of its token prefix (the parent block's key and the block's own tokens); a later
 * sequence whose prompt starts with the same tokens {@link #lookup finds} it and uses it
 * instead of computing those positions again. A hit is verified, not only hashed: the
 * block's own tokens must be equal and its parent must be the block matched just before
 * (and not reused since). Blocks are reference-counted; a cached block nobody uses stays
 * in the cache and is evicted, least recently used first, only when a new block is needed
 * and no free one is left.
 * <p>
 * Every position of every layer is kept, sliding-window layers included (attention reads
 * only the window), so a block serves all layers. The bookkeeping methods are
 * synchronized (a scheduler's loop calls them, a stats reader may call from elsewhere);
 * reading and writing a block's contents is not, and is the owner's job.
 *
 * @since 0.1.0
 */
public final class KvBlockPool {

	/** The positions one block holds unless told otherwise. */
	public static final int DEFAULT_BLOCK_TOKENS = 16;

	private static final long ROOT_KEY = 0x9E3779B97F4A7C15L;

	private final KvCacheType type;

	private final int layers;

	private final int kvDim;

	private final int blockTokens;

	private final long budgetBytes;

	private final int totalBlocks;

	private final List<KvBlock> created = new ArrayList<>();

	private final Deque<KvBlock> free = new ArrayDeque<>();

	private final Map<Long, KvBlock> cache = new HashMap<>();

	/** The oldest unreferenced cached block (evicted first) and the newest. */
	private @Nullable KvBlock lruOldest;

	private @Nullable KvBlock lruNewest;

	private int lruSize;

	private long lookedUpTokens;

	private long hitTokens;

	private long evictions;

	/**
	 * Creates a pool.
	 * @param config the model's architecture (layers, KV heads, head size)
	 * @param type the number format of the keys and values
	 * @param blockTokens the positions one block holds, at least 1
	 * @param budgetBytes the most bytes all blocks together may take; at least one block
	 * @throws IllegalArgumentException if the budget does not hold one block
	 */
	public KvBlockPool(ModelConfig config, KvCacheType type, int blockTokens, long budgetBytes) {
		Objects.requireNonNull(config, "'config' must not be null");
		this.type = Objects.requireNonNull(type, "'type' must not be null");
		if (blockTokens < 1) {
			throw new IllegalArgumentException("'blockTokens' must be at least 1 but was " + blockTokens);
		}
		this.layers = config.numHiddenLayers();
		this.kvDim = config.numKeyValueHeads() * config.headDim();
		this.blockTokens = blockTokens;
		this.budgetBytes = budgetBytes;
		long blockBytes = blockBytes();
		if (budgetBytes < blockBytes) {
			throw new IllegalArgumentException(
					"The KV cache memory budget of " + budgetBytes + " bytes does not hold one block of " + blockTokens
							+ " positions (" + blockBytes + " bytes with the " + type.id()
							+ " KV cache type); raise kv-cache-memory to at least " + blockBytes + " bytes");
		}
		long elements = (long) this.layers * 2 * blockTokens * this.kvDim;
		if (elements > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("A KV block of " + blockTokens + " positions needs " + elements
					+ " values, more than one Java array holds; use smaller blocks");
		}
		this.totalBlocks = (int) Math.min(Integer.MAX_VALUE - 8, budgetBytes / blockBytes);
	}

	/**
	 * The bytes the keys and values of one position take, over all layers.
	 * @param config the model's architecture
	 * @param type the number format
	 * @return {@code 2 x layers x kv_heads x head_dim x bytes per value}
	 */
	public static long bytesPerToken(ModelConfig config, KvCacheType type) {
		return 2L * config.numHiddenLayers() * config.numKeyValueHeads() * config.headDim() * type.bytesPerValue();
	}

	/**
	 * The number format of the keys and values.
	 * @return the type
	 */
	public KvCacheType type() {
		return this.type;
	}

	/**
	 * The positions one block holds.
	 * @return the block size in tokens
	 */
	public int blockTokens() {
		return this.blockTokens;
	}

	/**
	 * The bytes one block takes.
	 * @return the block size in bytes
	 */
	public long blockBytes() {
		return (long) this.layers * 2 * this.blockTokens * this.kvDim * this.type.bytesPerValue();
	}

	/**
	 * The budget the pool was created with.
	 * @return the most bytes all blocks may take
	 */
	public long budgetBytes() {
		return this.budgetBytes;
	}

	/**
	 * The most blocks the budget holds.
	 * @return the block count
	 */
	public int totalBlocks() {
		return this.totalBlocks;
	}

	/**
	 * The blocks needed for {@code positions} positions.
	 * @param positions the positions, at least 0
	 * @return the block count
	 */
	public int blocksFor(long positions) {
		return (int) Math.min(Integer.MAX_VALUE, (positions + this.blockTokens - 1) / this.blockTokens);
	}

	/**
	 * The bytes the blocks created so far take (never more than the budget).
	 * @return the bytes held
	 */
	public synchronized long bytesAllocated() {
		return this.created.size() * blockBytes();
	}

	/**
	 * The blocks in use by at least one sequence.
	 * @return the referenced block count
	 */
	public synchronized int blocksInUse() {
		return this.created.size() - this.free.size() - this.lruSize;
	}

	/**
	 * The blocks that {@link #allocate} can still hand out: free ones, ones not yet
	 * created, and unreferenced cached ones (evicted on demand).
	 * @return the available block count
	 */
	public synchronized int available() {
		return this.totalBlocks - blocksInUse();
	}

	/**
	 * The full blocks kept for prefix reuse that no sequence uses now.
	 * @return the evictable cached block count
	 */
	public synchronized int cachedIdle() {
		return this.lruSize;
	}

	/**
	 * The share of looked-up prompt tokens that were found in the prefix cache.
	 * @return a value between 0 and 1 (0 before any lookup)
	 */
	public synchronized double prefixHitRate() {
		return (this.lookedUpTokens == 0) ? 0 : (double) this.hitTokens / this.lookedUpTokens;
	}

	/**
	 * The cached blocks evicted so far to make room.
	 * @return the eviction count
	 */
	public synchronized long evictions() {
		return this.evictions;
	}

	/**
	 * Hands out a block, referenced once: a free one, a new one while the budget allows,
	 * or else the least recently used unreferenced cached block (which leaves the cache).
	 * @return the block, or {@code null} when every block is in use
	 */
	public synchronized @Nullable KvBlock allocate() {
		KvBlock block = this.free.pollFirst();
		if (block == null && this.created.size() < this.totalBlocks) {
			block = new KvBlock(this.created.size());
			int n = this.layers * 2 * this.blockTokens * this.kvDim;
			if (this.type == KvCacheType.F32) {
				block.floats = new float[n];
			}
			else {
				block.halves = new short[n];
			}
			this.created.add(block);
		}
		if (block == null && this.lruOldest != null) {
			block = this.lruOldest;
			unlink(block);
			uncache(block);
			this.evictions++;
		}
		if (block != null) {
			block.refs = 1;
		}
		return block;
	}

	/**
	 * Drops one reference to a block. Once unreferenced, a cached block stays in the
	 * prefix cache (newest in the eviction order) and any other becomes free.
	 * @param block the block
	 */
	public synchronized void release(KvBlock block) {
		if (block.refs <= 0) {
			throw new IllegalStateException(block + " was released more often than it was handed out");
		}
		block.refs--;
		if (block.refs > 0) {
			return;
		}
		if (block.cached) {
			linkNewest(block);
		}
		else {
			block.epoch++;
			this.free.addLast(block);
		}
	}

	/**
	 * Finds the cached blocks holding the longest prefix of {@code tokens} made of whole
	 * blocks, at most {@code maxBlocks} of them, and references each found block once.
	 * The caller that uses the result counts it with {@link #recordLookup}.
	 * @param tokens the sequence's tokens
	 * @param length how many of them are known (the prompt)
	 * @param maxBlocks the most blocks to match (a caller that must feed at least one
	 * token passes {@code (length - 1) / blockTokens})
	 * @return the matched blocks, in order (maybe empty)
	 */
	public synchronized List<KvBlock> lookup(int[] tokens, int length, int maxBlocks) {
		List<KvBlock> hits = new ArrayList<>();
		KvBlock parent = null;
		int limit = Math.min(maxBlocks, length / this.blockTokens);
		for (int b = 0; b < limit; b++) {
			int from = b * this.blockTokens;
			long key = key(parent, tokens, from);
			KvBlock block = this.cache.get(key);
			if (block == null || !matches(block, parent, tokens, from)) {
				break;
			}
			if (block.refs == 0) {
				unlink(block);
			}
			block.refs++;
			hits.add(block);
			parent = block;
		}
		return hits;
	}

	/**
	 * Counts a lookup whose result was used, for the {@link #prefixHitRate() hit rate}.
	 * @param length the tokens looked up (the prompt)
	 * @param hitBlocks the blocks found
	 */
	public synchronized void recordLookup(int length, int hitBlocks) {
		this.lookedUpTokens += length;
		this.hitTokens += (long) hitBlocks * this.blockTokens;
	}

	/**
	 * Puts a full block in the prefix cache under its token prefix, unless an equal
	 * prefix is cached already (then the block stays private to its sequence).
	 * @param block the block, full and referenced
	 * @param parent the block before it in the sequence, or {@code null} for the first
	 * @param tokens the sequence's tokens
	 * @param from the position of the block's first token ({@code index x blockTokens})
	 */
	public synchronized void register(KvBlock block, @Nullable KvBlock parent, int[] tokens, int from) {
		if (block.cached || (parent != null && !parent.cached)) {
			return;
		}
		long key = key(parent, tokens, from);
		KvBlock existing = this.cache.get(key);
		if (existing != null) {
			return;
		}
		block.cached = true;
		block.key = key;
		block.tokens = Arrays.copyOfRange(tokens, from, from + this.blockTokens);
		block.parent = parent;
		block.parentEpoch = (parent != null) ? parent.epoch : 0;
		this.cache.put(key, block);
	}

	private boolean matches(KvBlock block, @Nullable KvBlock parent, int[] tokens, int from) {
		if (block.parent != parent || (parent != null && parent.epoch != block.parentEpoch)) {
			return false;
		}
		int[] own = Objects.requireNonNull(block.tokens, "'tokens' of a cached block");
		return Arrays.equals(own, 0, this.blockTokens, tokens, from, from + this.blockTokens);
	}

	private long key(@Nullable KvBlock parent, int[] tokens, int from) {
		long h = (parent != null) ? parent.key : ROOT_KEY;
		for (int i = from; i < from + this.blockTokens; i++) {
			h = mix(h ^ tokens[i]);
		}
		return h;
	}

	/** The finalizer of SplitMix64, a strong 64-bit mix. */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	private void uncache(KvBlock block) {
		if (this.cache.get(block.key) == block) {
			this.cache.remove(block.key);
		}
		block.cached = false;
		block.tokens = null;
		block.parent = null;
		block.epoch++;
	}

	private void linkNewest(KvBlock block) {
		block.older = this.lruNewest;
		block.newer = null;
		if (this.lruNewest != null) {
			this.lruNewest.newer = block;
		}
		else {
			this.lruOldest = block;
		}
		this.lruNewest = block;
		this.lruSize++;
	}

	private void unlink(KvBlock block) {
		if (block.older != null) {
			block.older.newer = block.newer;
		}
		else {
			this.lruOldest = block.newer;
		}
		if (block.newer != null) {
			block.newer.older = block.older;
		}
		else {
			this.lruNewest = block.older;
		}
		block.older = null;
		block.newer = null;
		this.lruSize--;
	}

	// contents (not synchronized: the sequence that owns a block writes it, readers only
	// read full blocks)

	/**
	 * Where in a block's values the keys ({@code kv} 0) or values ({@code kv} 1) of a
	 * layer's slot start; a layer's slots follow one another, {@code kvDim} apart.
	 */
	int index(int layer, int kv, int slot) {
		return ((layer * 2 + kv) * this.blockTokens + slot) * this.kvDim;
	}

	/** Stores the keys and values ({@code kvDim} each) of one position. */
	void store(KvBlock block, int layer, int slot, float[] k, int kOffset, float[] v, int vOffset) {
		int kd = index(layer, 0, slot);
		int vd = index(layer, 1, slot);
		if (this.type == KvCacheType.F32) {
			System.arraycopy(k, kOffset, block.floats, kd, this.kvDim);
			System.arraycopy(v, vOffset, block.floats, vd, this.kvDim);
			return;
		}
		short[] h = block.halves;
		if (this.type == KvCacheType.BF16) {
			for (int i = 0; i < this.kvDim; i++) {
				h[kd + i] = KvCache.floatToBf16(k[kOffset + i]);
				h[vd + i] = KvCache.floatToBf16(v[vOffset + i]);
			}
		}
		else {
			for (int i = 0; i < this.kvDim; i++) {
				h[kd + i] = KvCache.toF16(k[kOffset + i]);
				h[vd + i] = KvCache.toF16(v[vOffset + i]);
			}
		}
	}

	/**
	 * Points {@code row} at {@code n} keys ({@code kv} 0) or values ({@code kv} 1) of a
	 * position from {@code offset}: at the block itself (f32) or at the row's scratch,
	 * widened to float32.
	 */
	void read(KvBlock block, int layer, int kv, int slot, int offset, int n, KvCache.Row row) {
		int src = index(layer, kv, slot) + offset;
		if (this.type == KvCacheType.F32) {
			row.point(block.floats, src);
		}
		else {
			row.widen(this.type, block.halves, src, n);
		}
	}

}
