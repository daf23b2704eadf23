package dev.springcohere.engine.backend;

/**
 * A snapshot of the local backend's generation scheduler ({@link LocalBackend#stats()}).
 *
 * @param queued requests waiting to start (or to resume after preemption)
 * @param active sequences in the running batch
 * @param maxActive the most sequences the batch holds ({@code cohere.local.pool-size})
 * @param decodeTokensPerSecond tokens generated per second, all sequences together, over
 * the last few seconds
 * @param kvBlocksInUse KV cache blocks used by sequences now
 * @param kvBlocksTotal KV cache blocks the memory budget holds
 * @param kvBytesAllocated the bytes of the KV blocks created so far (at most the budget)
 * @param prefixHitRate the share of prompt tokens found in the prefix cache since start
 * @param preemptions sequences preempted so far (freed and requeued to make room)
 * @param steps batched forward passes run so far
 * @since 0.1.0
 */
public record SchedulerStats(int queued, int active, int maxActive, double decodeTokensPerSecond, int kvBlocksInUse,
		int kvBlocksTotal, long kvBytesAllocated, double prefixHitRate, long preemptions, long steps) {

}
