package dev.springcohere.engine.model;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WeightMemoryTests {

	private static final long MIB = 1L << 20;

	@Test
	void largeSegmentIsZeroedWritableAndExactlyTheSizeAsked() {
		try (Arena arena = Arena.ofShared()) {
			long bytes = 5 * MIB + 100;
			MemorySegment segment = WeightMemory.allocate(arena, bytes);
			assertThat(segment.byteSize()).isEqualTo(bytes);
			assertThat(segment.address() % 64).isZero();
			for (long o = 0; o < bytes; o += 4093) {
				assertThat(segment.get(ValueLayout.JAVA_BYTE, o)).isZero();
			}
			segment.set(ValueLayout.JAVA_LONG_UNALIGNED, bytes - 8, 0x1234_5678_9abc_def0L);
			assertThat(segment.get(ValueLayout.JAVA_LONG_UNALIGNED, bytes - 8)).isEqualTo(0x1234_5678_9abc_def0L);
			assertThatThrownBy(() -> segment.get(ValueLayout.JAVA_BYTE, bytes))
				.isInstanceOf(IndexOutOfBoundsException.class);
		}
	}

	@Test
	void smallSegmentComesFromTheArena() {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment segment = WeightMemory.allocate(arena, 1000);
			assertThat(segment.byteSize()).isEqualTo(1000);
			assertThat(segment.address() % 64).isZero();
			assertThat(segment.get(ValueLayout.JAVA_BYTE, 999)).isZero();
		}
	}

	@Test
	void closingTheArenaUnmapsALargeSegment() throws IOException {
		assumeTrue(WeightMemory.usesHugePages(), "transparent huge pages are not available here");
		MemorySegment segment;
		try (Arena arena = Arena.ofShared()) {
			segment = WeightMemory.allocate(arena, 3 * MIB);
			segment.fill((byte) 7);
			assertThat(mappingOf(segment.address())).isNotNull();
		}
		assertThat(segment.scope().isAlive()).isFalse();
		assertThat(mappingOf(segment.address())).isNull();
	}

	@Test
	void largeSegmentStartsAtAHugePageAndIsAdvisedIntoHugePages() throws IOException {
		assumeTrue(WeightMemory.usesHugePages(), "transparent huge pages are not available here");
		try (Arena arena = Arena.ofShared()) {
			MemorySegment segment = WeightMemory.allocate(arena, 4 * WeightMemory.hugePageSize());
			segment.fill((byte) 1);
			assertThat(segment.address() % WeightMemory.hugePageSize()).isZero();
			List<String> mapping = mappingOf(segment.address());
			assertThat(mapping).isNotNull();
			// the kernel's "eligible for THP" flag of the mapping: set by MADV_HUGEPAGE
			// in
			// madvise mode (in always mode every anonymous mapping has it)
			assertThat(mapping).anySatisfy((line) -> assertThat(line).matches("THPeligible:\\s+1"));
		}
	}

	@Test
	void quantizeOnLoadWritesIntoHugePageMemory() throws IOException {
		assumeTrue(WeightMemory.usesHugePages(), "transparent huge pages are not available here");
		try (Arena arena = Arena.ofShared()) {
			// 4096 x 1024 bf16 weights: 4.5 MB once quantized to Q8_0
			Tensor bf16 = new Tensor("model.layers.0.mlp.up_proj.weight", DType.BF16, List.of(4096L, 1024L),
					arena.allocate(4096L * 1024 * 2));
			Tensor q8 = WeightQuantizer.quantize(bf16, DType.Q8_0, arena);
			assertThat(q8.data().address() % WeightMemory.hugePageSize()).isZero();
			assertThat(mappingOf(q8.data().address())).isNotNull()
				.anySatisfy((line) -> assertThat(line).matches("THPeligible:\\s+1"));
		}
	}

	@Test
	void hugePagesAreUsedOnlyInAlwaysOrMadviseMode(@TempDir Path thp) throws IOException {
		assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux"), "Linux only");
		assumeTrue(WeightMemory.class.getModule().isNativeAccessEnabled(), "native access is not enabled");
		Files.writeString(thp.resolve("hpage_pmd_size"), "2097152\n");
		Files.writeString(thp.resolve("enabled"), "always madvise [never]\n");
		assertThat(WeightMemory.Mapper.create(thp)).isNull();
		Files.writeString(thp.resolve("enabled"), "always [madvise] never\n");
		assertThat(WeightMemory.Mapper.create(thp)).isNotNull()
			.extracting(WeightMemory.Mapper::hugePage)
			.isEqualTo(2097152L);
		Files.writeString(thp.resolve("enabled"), "[always] madvise never\n");
		assertThat(WeightMemory.Mapper.create(thp)).isNotNull();
		Files.writeString(thp.resolve("hpage_pmd_size"), "two megabytes\n");
		assertThat(WeightMemory.Mapper.create(thp)).isNull();
		Files.delete(thp.resolve("enabled"));
		assertThat(WeightMemory.Mapper.create(thp)).isNull();
	}

	@Test
	void mapperMapsAtItsOwnPageSize(@TempDir Path thp) throws IOException {
		assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux"), "Linux only");
		assumeTrue(WeightMemory.class.getModule().isNativeAccessEnabled(), "native access is not enabled");
		Files.writeString(thp.resolve("hpage_pmd_size"), String.valueOf(8 * MIB));
		Files.writeString(thp.resolve("enabled"), "always [madvise] never\n");
		WeightMemory.Mapper mapper = WeightMemory.Mapper.create(thp);
		assertThat(mapper).isNotNull();
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment segment = mapper.map(arena, 8 * MIB + 1);
			assertThat(segment).isNotNull();
			assertThat(segment.address() % (8 * MIB)).isZero();
			assertThat(segment.byteSize()).isEqualTo(8 * MIB + 1);
			segment.set(ValueLayout.JAVA_BYTE, 8 * MIB, (byte) 5);
			assertThat(segment.get(ValueLayout.JAVA_BYTE, 8 * MIB)).isEqualTo((byte) 5);
		}
	}

	@Test
	void negativeSizeIsRefused() {
		try (Arena arena = Arena.ofConfined()) {
			assertThatThrownBy(() -> WeightMemory.allocate(arena, -1)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("-1");
		}
	}

	/**
	 * The lines of {@code /proc/self/smaps} for the mapping that holds {@code address},
	 * or null if no mapping does.
	 */
	private static List<String> mappingOf(long address) throws IOException {
		List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (!line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
				continue;
			}
			String[] range = line.substring(0, line.indexOf(' ')).split("-");
			long start = Long.parseUnsignedLong(range[0], 16);
			long end = Long.parseUnsignedLong(range[1], 16);
			if (address >= start && address < end) {
				int next = i + 1;
				while (next < lines.size() && !lines.get(next).matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
					next++;
				}
				return lines.subList(i, next);
			}
		}
		return null;
	}

}
