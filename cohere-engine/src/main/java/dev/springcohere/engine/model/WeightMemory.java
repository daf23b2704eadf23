package dev.springcohere.engine.model;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Off-heap memory for the weights the engine makes itself (quantized on load, repacked
 * copies of GGUF tensors, synthetic benchmark weights): on Linux, large allocations are
 * anonymous mappings aligned to the transparent huge page size and advised
 * {@code MADV_HUGEPAGE}, so that the kernel backs them with 2 MiB pages where it can. A
 * decode step streams every weight once; with 4 KiB pages that is a TLB miss every 4 KiB
 * of weights, with huge pages one every 2 MiB (measured: see docs/benchmarks.md, "Weights
 * in huge pages").
 * <p>
 * Elsewhere (another OS, transparent huge pages set to {@code never}, or a JVM that does
 * not enable native access for the engine) the memory comes from
 * {@link Arena#allocate(long, long)}: the same zeroed bytes with the same lifetime, in
 * whatever pages the allocator gives. Either way the memory is freed when the arena is
 * closed (or, for an automatic arena, once it is unreachable).
 */
public final class WeightMemory {

	private static final Logger logger = LoggerFactory.getLogger(WeightMemory.class);

	/** {@code PROT_READ | PROT_WRITE}. */
	private static final int PROT_READ_WRITE = 0x3;

	/** {@code MAP_PRIVATE | MAP_ANONYMOUS} on Linux. */
	private static final int MAP_PRIVATE_ANONYMOUS = 0x22;

	/** {@code MADV_HUGEPAGE} on Linux. */
	private static final int MADV_HUGEPAGE = 14;

	private static final long PAGE = 4096;

	private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage");

	private static final @Nullable Mapper MAPPER = Mapper.create(THP);

	private WeightMemory() {
	}

	/**
	 * A zeroed segment of {@code bytes} bytes, 64-byte aligned, that lives as long as
	 * {@code arena}: advised into huge pages where the system allows it and the segment
	 * spans at least one huge page.
	 * @param arena the owner of the memory
	 * @param bytes the size
	 * @return the segment
	 */
	public static MemorySegment allocate(Arena arena, long bytes) {
		Objects.requireNonNull(arena, "'arena' must not be null");
		if (bytes < 0) {
			throw new IllegalArgumentException("'bytes' must not be negative, was " + bytes);
		}
		Mapper mapper = MAPPER;
		if (mapper == null || bytes < mapper.hugePage) {
			return arena.allocate(bytes, 64);
		}
		MemorySegment mapped = mapper.map(arena, bytes);
		return (mapped != null) ? mapped : arena.allocate(bytes, 64);
	}

	/**
	 * Whether large allocations are advised into huge pages on this JVM.
	 * @return true on Linux with transparent huge pages in {@code always} or
	 * {@code madvise} mode and native access enabled for the engine
	 */
	static boolean usesHugePages() {
		return MAPPER != null;
	}

	/**
	 * The size of a transparent huge page, or 0 where {@link #usesHugePages()} is false.
	 * @return the size in bytes
	 */
	static long hugePageSize() {
		Mapper mapper = MAPPER;
		return (mapper != null) ? mapper.hugePage() : 0;
	}

	/**
	 * {@code mmap}, {@code munmap} and {@code madvise}, bound once, with the huge page
	 * size of the system.
	 */
	static final class Mapper {

		private final MethodHandle mmap;

		private final MethodHandle munmap;

		private final MethodHandle madvise;

		private final long hugePage;

		private Mapper(MethodHandle mmap, MethodHandle munmap, MethodHandle madvise, long hugePage) {
			this.mmap = mmap;
			this.munmap = munmap;
			this.madvise = madvise;
			this.hugePage = hugePage;
		}

		/**
		 * The mapper of this system.
		 * @param thp the transparent huge page settings,
		 * {@code /sys/kernel/mm/transparent_hugepage}
		 * @return the mapper, or null where huge pages cannot be used
		 */
		static @Nullable Mapper create(Path thp) {
			if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
				return null;
			}
			if (!WeightMemory.class.getModule().isNativeAccessEnabled()) {
				logger.debug("Weights stay in default pages: native access is not enabled for the engine "
						+ "(--enable-native-access)");
				return null;
			}
			long hugePage = hugePageSize(thp);
			if (hugePage <= 0) {
				return null;
			}
			Linker linker = Linker.nativeLinker();
			SymbolLookup libc = linker.defaultLookup();
			Optional<MemorySegment> mmap = libc.find("mmap");
			Optional<MemorySegment> munmap = libc.find("munmap");
			Optional<MemorySegment> madvise = libc.find("madvise");
			if (mmap.isEmpty() || munmap.isEmpty() || madvise.isEmpty()) {
				return null;
			}
			ValueLayout size = ValueLayout.JAVA_LONG;
			return new Mapper(
					linker.downcallHandle(mmap.get(),
							FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, size, ValueLayout.JAVA_INT,
									ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, size)),
					linker.downcallHandle(munmap.get(),
							FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, size)),
					linker.downcallHandle(madvise.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
							ValueLayout.ADDRESS, size, ValueLayout.JAVA_INT)),
					hugePage);
		}

		long hugePage() {
			return this.hugePage;
		}

		/**
		 * The huge page size, or 0 if transparent huge pages are off or absent: the
		 * {@code enabled} file lists the modes with the current one in brackets.
		 */
		private static long hugePageSize(Path thp) {
			try {
				String enabled = Files.readString(thp.resolve("enabled"));
				if (!enabled.contains("[always]") && !enabled.contains("[madvise]")) {
					return 0;
				}
				return Long.parseLong(Files.readString(thp.resolve("hpage_pmd_size")).strip());
			}
			catch (IOException | NumberFormatException ex) {
				logger.debug("Weights stay in default pages: cannot read {}: {}", thp, ex.toString());
				return 0;
			}
		}

		/**
		 * Maps {@code bytes} rounded up to a page, starting at a huge page boundary (the
		 * mapping is made one huge page larger, then trimmed), advised into huge pages.
		 * @param arena the owner: closing it unmaps the memory
		 * @param bytes the size of the segment
		 * @return the segment, or null if the system refused the mapping
		 */
		@Nullable MemorySegment map(Arena arena, long bytes) {
			long length = (bytes + PAGE - 1) & -PAGE;
			long raw = mmapAddress(length + this.hugePage);
			if (raw == -1) {
				return null;
			}
			long start = (raw + this.hugePage - 1) & -this.hugePage;
			unmap(raw, start - raw);
			unmap(start + length, raw + length + this.hugePage - (start + length));
			int advised = call(this.madvise, start, length, MADV_HUGEPAGE);
			if (advised != 0) {
				logger.debug("madvise(MADV_HUGEPAGE) of {} bytes returned {}: the weights stay in default pages",
						length, advised);
			}
			return MemorySegment.ofAddress(start).reinterpret(bytes, arena, (segment) -> unmap(start, length));
		}

		private long mmapAddress(long length) {
			try {
				MemorySegment address = (MemorySegment) this.mmap.invokeExact(MemorySegment.NULL, length,
						PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L);
				return address.address();
			}
			catch (Throwable ex) {
				throw new IllegalStateException("mmap of " + length + " bytes failed", ex);
			}
		}

		private void unmap(long address, long length) {
			if (length > 0 && call(this.munmap, address, length) != 0) {
				throw new IllegalStateException(
						"munmap of " + length + " bytes at 0x" + Long.toHexString(address) + " failed");
			}
		}

		private static int call(MethodHandle handle, long address, long length) {
			try {
				return (int) handle.invokeExact(MemorySegment.ofAddress(address), length);
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static int call(MethodHandle handle, long address, long length, int advice) {
			try {
				return (int) handle.invokeExact(MemorySegment.ofAddress(address), length, advice);
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
