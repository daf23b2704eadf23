package dev.springcohere.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.List;

import dev.springcohere.engine.model.Fixtures;
import dev.springcohere.engine.model.ModelConfig;
import org.junit.jupiter.api.Test;

/**
 * The paged KV pool's budget, reference counts, prefix cache and eviction.
 */
class KvBlockPoolTests {

	private static final ModelConfig CONFIG = ModelConfig.read(Fixtures.engine("tiny-cohere2").resolve("config.json"));

	private static KvBlockPool pool(int blocks) {
		return new KvBlockPool(CONFIG, KvCacheType.BF16, 4,
				blocks * KvBlockPool.bytesPerToken(CONFIG, KvCacheType.BF16) * 4);
	}

	private static int[] tokens(int... ids) {
		return ids;
	}

	/** Allocates and registers the full blocks of a sequence, as a scheduler does. */
	private static List<KvBlock> fill(KvBlockPool pool, int[] ids) {
		List<KvBlock> blocks = new ArrayList<>();
		for (int b = 0; b < ids.length / pool.blockTokens(); b++) {
			KvBlock block = pool.allocate();
			assertThat(block).isNotNull();
			blocks.add(block);
			pool.register(block, (b > 0) ? blocks.get(b - 1) : null, ids, b * pool.blockTokens());
		}
		return blocks;
	}

	@Test
	void theBudgetBoundsTheBlocksAndTheBytesAndExhaustionReturnsNull() {
		KvBlockPool pool = pool(3);
		// 4 layers x 2 x 4 positions x 2 KV heads x 16 x 2 bytes
		assertThat(pool.blockBytes()).isEqualTo(4L * 2 * 4 * 32 * 2);
		assertThat(pool.totalBlocks()).isEqualTo(3);
		assertThat(pool.bytesAllocated()).isZero();
		KvBlock a = pool.allocate();
		KvBlock b = pool.allocate();
		KvBlock c = pool.allocate();
		assertThat(List.of(a, b, c)).doesNotContainNull().doesNotHaveDuplicates();
		assertThat(pool.allocate()).isNull();
		assertThat(pool.available()).isZero();
		assertThat(pool.bytesAllocated()).isEqualTo(pool.budgetBytes());
		pool.release(b);
		assertThat(pool.allocate()).isSameAs(b);
		pool.release(a);
		pool.release(b);
		assertThatIllegalStateException().isThrownBy(() -> pool.release(b))
			.withMessageContaining("released more often");
		assertThat(pool.bytesAllocated()).isEqualTo(pool.budgetBytes());
	}

	@Test
	void aBudgetBelowOneBlockFailsNamingTheMinimum() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KvBlockPool(CONFIG, KvCacheType.F32, 16, 1000))
			.withMessageContaining("does not hold one block of 16 positions")
			.withMessageContaining("raise kv-cache-memory to at least 16384 bytes");
	}

	@Test
	void aSharedPrefixIsFoundBlockByBlockAndReferenced() {
		KvBlockPool pool = pool(16);
		int[] first = tokens(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
		List<KvBlock> blocks = fill(pool, first);
		assertThat(blocks).hasSize(3);
		blocks.forEach(pool::release);
		assertThat(pool.blocksInUse()).isZero();
		assertThat(pool.cachedIdle()).isEqualTo(3);
		// the same 8 tokens, then others: a partial hit of two blocks
		int[] second = tokens(1, 2, 3, 4, 5, 6, 7, 8, 90, 91, 92, 93, 94);
		List<KvBlock> hits = pool.lookup(second, second.length, 3);
		assertThat(hits).containsExactly(blocks.get(0), blocks.get(1));
		assertThat(pool.blocksInUse()).isEqualTo(2);
		pool.recordLookup(second.length, hits.size());
		assertThat(pool.prefixHitRate()).isEqualTo(8.0 / 13);
		// the whole prefix, but the caller keeps the last block to feed
		assertThat(pool.lookup(first, first.length, 2)).containsExactly(blocks.get(0), blocks.get(1));
		assertThat(pool.lookup(first, first.length, 3)).containsExactly(blocks.get(0), blocks.get(1), blocks.get(2));
	}

	@Test
	void aHitNeedsTheSameTokensAndTheSameParentNotOnlyTheSameBlockTokens() {
		KvBlockPool pool = pool(16);
		List<KvBlock> blocks = fill(pool, tokens(1, 2, 3, 4, 5, 6, 7, 8));
		blocks.forEach(pool::release);
		// the second block's own tokens follow another first block: no hit at all
		assertThat(pool.lookup(tokens(9, 9, 9, 9, 5, 6, 7, 8), 8, 2)).isEmpty();
		// one token differs inside the first block
		assertThat(pool.lookup(tokens(1, 2, 3, 5, 5, 6, 7, 8), 8, 2)).isEmpty();
		// a block whose parent was evicted and reused no longer matches, though its own
		// tokens do
		KvBlockPool small = pool(2);
		List<KvBlock> chain = fill(small, tokens(1, 2, 3, 4, 5, 6, 7, 8));
		small.release(chain.get(0));
		KvBlock reused = small.allocate();
		assertThat(reused).isSameAs(chain.get(0));
		small.register(reused, null, tokens(1, 2, 3, 4), 0);
		small.release(chain.get(1));
		assertThat(small.lookup(tokens(1, 2, 3, 4, 5, 6, 7, 8), 8, 2)).containsExactly(reused);
	}

	@Test
	void unreferencedCachedBlocksAreEvictedLeastRecentlyUsedFirstOnlyWhenNeeded() {
		KvBlockPool pool = pool(4);
		List<KvBlock> a = fill(pool, tokens(1, 1, 1, 1, 2, 2, 2, 2));
		List<KvBlock> b = fill(pool, tokens(3, 3, 3, 3, 4, 4, 4, 4));
		a.forEach(pool::release);
		b.forEach(pool::release);
		// use a again: b becomes the least recently used
		pool.lookup(tokens(1, 1, 1, 1, 2, 2, 2, 2), 8, 2).forEach(pool::release);
		assertThat(pool.available()).isEqualTo(4);
		assertThat(pool.evictions()).isZero();
		KvBlock fresh = pool.allocate();
		assertThat(fresh).isIn(b);
		assertThat(pool.evictions()).isEqualTo(1);
		assertThat(pool.lookup(tokens(3, 3, 3, 3, 4, 4, 4, 4), 8, 2)).as("b's chain is broken").hasSizeLessThan(2);
		assertThat(pool.lookup(tokens(1, 1, 1, 1, 2, 2, 2, 2), 8, 2)).containsExactlyElementsOf(a);
		assertThat(pool.bytesAllocated()).isLessThanOrEqualTo(pool.budgetBytes());
	}

	@Test
	void anEqualPrefixIsCachedOnceAndTheDuplicateStaysPrivate() {
		KvBlockPool pool = pool(8);
		List<KvBlock> one = fill(pool, tokens(1, 2, 3, 4));
		List<KvBlock> two = fill(pool, tokens(1, 2, 3, 4));
		two.forEach(pool::release);
		assertThat(pool.cachedIdle()).isZero();
		one.forEach(pool::release);
		assertThat(pool.cachedIdle()).isEqualTo(1);
		assertThat(pool.lookup(tokens(1, 2, 3, 4, 5), 5, 1)).containsExactlyElementsOf(one);
	}

}
