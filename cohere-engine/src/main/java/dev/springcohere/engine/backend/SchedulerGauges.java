package dev.springcohere.engine.backend;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import dev.springcohere.backend.BackendGauge;

/**
 * The local backend's scheduler figures ({@link SchedulerStats}) as the backend gauges
 * {@code cohere.local.*} that the starter registers with Micrometer.
 */
final class SchedulerGauges {

	private SchedulerGauges() {
	}

	static List<BackendGauge> of(Supplier<SchedulerStats> stats) {
		return List.of(
				gauge(stats, "cohere.local.queued", "Requests waiting to start or to resume", "requests",
						SchedulerStats::queued),
				gauge(stats, "cohere.local.active", "Sequences in the running batch", "sequences",
						SchedulerStats::active),
				gauge(stats, "cohere.local.active.max", "The most sequences the batch holds", "sequences",
						SchedulerStats::maxActive),
				gauge(stats, "cohere.local.decode.throughput",
						"Tokens generated per second, all sequences together, over the last seconds", "tokens/s",
						SchedulerStats::decodeTokensPerSecond),
				gauge(stats, "cohere.local.kv.blocks.used", "KV cache blocks held by sequences", "blocks",
						SchedulerStats::kvBlocksInUse),
				gauge(stats, "cohere.local.kv.blocks.total", "KV cache blocks the memory budget holds", "blocks",
						SchedulerStats::kvBlocksTotal),
				gauge(stats, "cohere.local.kv.memory", "Bytes of KV blocks allocated so far", "bytes",
						SchedulerStats::kvBytesAllocated),
				gauge(stats, "cohere.local.prefix.hit.ratio", "Share of prompt tokens found in the prefix cache", "",
						SchedulerStats::prefixHitRate),
				counter(stats, "cohere.local.preemptions", "Sequences preempted to make room", "sequences",
						SchedulerStats::preemptions),
				counter(stats, "cohere.local.steps", "Batched forward passes run", "steps", SchedulerStats::steps));
	}

	private static BackendGauge gauge(Supplier<SchedulerStats> stats, String name, String description, String unit,
			ToDoubleFunction<SchedulerStats> value) {
		return new BackendGauge(name, description, unit, BackendGauge.Kind.GAUGE,
				() -> value.applyAsDouble(stats.get()));
	}

	private static BackendGauge counter(Supplier<SchedulerStats> stats, String name, String description, String unit,
			ToDoubleFunction<SchedulerStats> value) {
		return new BackendGauge(name, description, unit, BackendGauge.Kind.COUNTER,
				() -> value.applyAsDouble(stats.get()));
	}

}
