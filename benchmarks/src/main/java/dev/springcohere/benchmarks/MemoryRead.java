package dev.springcohere.benchmarks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import dev.springcohere.engine.cpu.VectorKernels;
import dev.springcohere.engine.model.WeightMemory;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The read roofline of the decode GEMVs: memory allocated as the engine allocates weights
 * ({@link WeightMemory}: huge pages where the system offers them), written once, then
 * summed as 64-bit lanes with four 512-bit accumulators, in tasks of 1 MiB on the
 * engine's own worker team ({@link VectorKernels#parallelFor}: one contiguous run per
 * thread, as the GEMVs read a weight).
 */
final class MemoryRead implements AutoCloseable {

	private static final VectorSpecies<Long> S = LongVector.SPECIES_512;

	private static final long TASK_BYTES = 1L << 20;

	private final Arena arena = Arena.ofShared();

	private final MemorySegment memory;

	private final long[] sums;

	/**
	 * Allocates and writes the memory.
	 * @param mebibytes its size in MiB
	 */
	MemoryRead(int mebibytes) {
		this.memory = WeightMemory.allocate(this.arena, mebibytes * TASK_BYTES);
		this.memory.fill((byte) 1);
		this.sums = new long[mebibytes];
	}

	/**
	 * The size of the memory.
	 * @return its bytes
	 */
	long bytes() {
		return this.memory.byteSize();
	}

	/**
	 * Reads all of the memory once.
	 * @param kernels the kernels whose threads read
	 * @return the sum of the memory's 64-bit words, so that the reads are not dead code
	 */
	long read(VectorKernels kernels) {
		kernels.parallelFor(this.sums.length, (task) -> this.sums[task] = sum(this.memory, task * TASK_BYTES));
		long total = 0;
		for (long s : this.sums) {
			total += s;
		}
		return total;
	}

	private static long sum(MemorySegment memory, long from) {
		LongVector a = LongVector.zero(S);
		LongVector b = a;
		LongVector c = a;
		LongVector d = a;
		for (long o = from; o < from + TASK_BYTES; o += 256) {
			a = a.add(LongVector.fromMemorySegment(S, memory, o, ByteOrder.LITTLE_ENDIAN));
			b = b.add(LongVector.fromMemorySegment(S, memory, o + 64, ByteOrder.LITTLE_ENDIAN));
			c = c.add(LongVector.fromMemorySegment(S, memory, o + 128, ByteOrder.LITTLE_ENDIAN));
			d = d.add(LongVector.fromMemorySegment(S, memory, o + 192, ByteOrder.LITTLE_ENDIAN));
		}
		return a.add(b).add(c).add(d).reduceLanes(VectorOperators.ADD);
	}

	@Override
	public void close() {
		this.arena.close();
	}

}
