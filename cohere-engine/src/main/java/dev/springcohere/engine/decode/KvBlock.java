package dev.springcohere.engine.decode;

import org.jspecify.annotations.Nullable;

/**
 * One fixed-size block of a {@link KvBlockPool}: the keys and values of
 * {@link KvBlockPool#blockTokens()} consecutive positions of one sequence, for every
 * layer. A sequence refers to its blocks by a block table (block {@code i} holds
 * positions {@code i * blockTokens} to {@code (i + 1) * blockTokens - 1}); a full block
 * may be shared by several sequences whose prompts begin with the same tokens (prefix
 * reuse), in which case it is only read. The contents and bookkeeping belong to the pool.
 *
 * @since 0.1.0
 */
public final class KvBlock {

	final int id;

	/** f32 storage, laid out {@code [layer][key|value][slot][kvDim]}; or empty. */
	float[] floats = new float[0];

	/** bf16 / f16 storage in the same layout; or empty. */
	short[] halves = new short[0];

	/** How many sequences use the block. */
	int refs;

	/** Bumped each time the block is freed, so stale parent links are recognised. */
	int epoch;

	/** Whether the block is in the prefix cache (full and keyed by its token prefix). */
	boolean cached;

	long key;

	int @Nullable [] tokens;

	@Nullable KvBlock parent;

	int parentEpoch;

	/** LRU links of the unreferenced cached blocks. */
	@Nullable KvBlock older;

	@Nullable KvBlock newer;

	KvBlock(int id) {
		this.id = id;
	}

	/**
	 * The block's number in its pool (stable for the pool's life).
	 * @return the id
	 */
	public int id() {
		return this.id;
	}

	@Override
	public String toString() {
		return "KvBlock[" + this.id + ", refs=" + this.refs + (this.cached ? ", cached" : "") + "]";
	}

}
