package dev.springcohere.engine.model;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One GGUF file (versions 2 and 3, little-endian), memory-mapped with FFM: the header,
 * every metadata key/value, the tensor infos and {@code general.alignment} are read and
 * validated when the file is opened; tensor data stays in the mapping (no heap copy).
 * Tensors keep their GGUF names and get the engine's outermost-first shapes (ggml's
 * {@code ne[0]}, the innermost dimension, becomes the last one). Tensor types F32, F16,
 * BF16, Q8_0, Q4_0, Q4_K and Q6_K are read; any other is refused by name. Closing the
 * file unmaps it; tensors obtained from it must not be used afterwards.
 */
public final class GgufFile implements AutoCloseable {

	/** {@code GGUF} read as a little-endian 32-bit number. */
	private static final int MAGIC = 0x46554747;

	/** The alignment of tensor data when {@code general.alignment} is absent. */
	public static final int DEFAULT_ALIGNMENT = 32;

	private static final int MAX_DIMS = 4;

	private final Path path;

	private final Arena arena;

	private final int version;

	private final GgufMetadata metadata;

	private final Map<String, Tensor> tensors;

	private final long dataOffset;

	private GgufFile(Path path, Arena arena, int version, GgufMetadata metadata, Map<String, Tensor> tensors,
			long dataOffset) {
		this.path = path;
		this.arena = arena;
		this.version = version;
		this.metadata = metadata;
		this.tensors = tensors;
		this.dataOffset = dataOffset;
	}

	/**
	 * Opens, validates and memory-maps a GGUF file.
	 * @param path the file
	 * @return the open file
	 * @throws ModelFormatException if the file is missing, truncated or inconsistent, or
	 * holds a tensor type the engine does not read
	 */
	public static GgufFile open(Path path) {
		Objects.requireNonNull(path, "'path' must not be null");
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
			long size = channel.size();
			Arena arena = Arena.ofShared();
			try {
				MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
				return read(path, arena, mapped);
			}
			catch (RuntimeException | IOException ex) {
				arena.close();
				throw ex;
			}
		}
		catch (NoSuchFileException ex) {
			throw new ModelFormatException("Missing GGUF file " + path, ex);
		}
		catch (IOException ex) {
			throw new ModelFormatException("Cannot read " + path + ": " + ex.getMessage(), ex);
		}
	}

	private record Info(String name, DType dtype, List<Long> shape, long offset, long bytes) {
	}

	private static GgufFile read(Path path, Arena arena, MemorySegment mapped) {
		String source = path.toString();
		GgufCursor cursor = new GgufCursor(mapped, source);
		if (mapped.byteSize() < 4 || cursor.u32("the magic") != MAGIC) {
			throw new ModelFormatException(source + " is not a GGUF file: it does not start with the bytes 'GGUF'");
		}
		int version = cursor.u32("the version");
		if (version != 2 && version != 3) {
			throw new ModelFormatException(source + " has GGUF version " + Integer.toUnsignedString(version)
					+ "; the engine reads versions 2 and 3 (little-endian)"
					+ ((version == 1) ? ": re-convert the model with a current llama.cpp"
							: (Integer.reverseBytes(version) == 3) ? ": this looks like a big-endian file" : ""));
		}
		long tensorCount = cursor.count("the tensor count", 8 + 4 + 4 + 8);
		long kvCount = cursor.count("the metadata count", 8 + 4 + 1);
		Map<String, Object> values = new LinkedHashMap<>();
		Map<String, String> types = new LinkedHashMap<>();
		String[] typeName = new String[1];
		for (long i = 0; i < kvCount; i++) {
			String key = cursor.string("metadata key #" + i);
			int type = cursor.u32("the value type of metadata key '" + key + "'");
			Object value = cursor.value(type, "metadata key '" + key + "'", typeName);
			if (values.putIfAbsent(key, value) != null) {
				throw new ModelFormatException(source + " is corrupt: metadata key '" + key + "' appears twice");
			}
			types.put(key, typeName[0]);
		}
		GgufMetadata metadata = new GgufMetadata(source, values, types);
		if (metadata.integer("split.count", 1) > 1) {
			throw new ModelFormatException(source + " is part " + (metadata.integer("split.no", 0) + 1) + " of a GGUF"
					+ " split into " + metadata.integer("split.count") + " files; the engine reads single files: merge"
					+ " the parts with llama.cpp's 'llama-gguf-split --merge FIRST_PART OUT.gguf'");
		}
		long alignment = metadata.has("general.alignment") ? metadata.integer("general.alignment") : DEFAULT_ALIGNMENT;
		if (alignment <= 0 || Long.bitCount(alignment) != 1) {
			throw new ModelFormatException(
					source + " is corrupt: general.alignment is " + alignment + ", not a power of two");
		}
		List<Info> infos = new ArrayList<>();
		Set<String> names = new java.util.HashSet<>();
		for (long i = 0; i < tensorCount; i++) {
			infos.add(readInfo(cursor, source, i, alignment));
			if (!names.add(infos.get(infos.size() - 1).name)) {
				throw new ModelFormatException(
						source + " is corrupt: tensor '" + infos.get(infos.size() - 1).name + "' appears twice");
			}
		}
		long dataOffset = alignUp(cursor.position(), alignment);
		long dataSize = mapped.byteSize() - dataOffset;
		if (dataSize < 0 && !infos.isEmpty()) {
			throw new ModelFormatException(source + " is truncated: the tensor data should start at byte " + dataOffset
					+ " but the file has " + mapped.byteSize() + " bytes");
		}
		checkPlacement(infos, source, dataSize);
		Map<String, Tensor> tensors = new LinkedHashMap<>();
		for (Info info : infos) {
			MemorySegment slice = mapped.asSlice(dataOffset + info.offset, info.bytes);
			tensors.put(info.name, new Tensor(info.name, info.dtype, info.shape, slice));
		}
		return new GgufFile(path, arena, version, metadata, Collections.unmodifiableMap(tensors), dataOffset);
	}

	private static Info readInfo(GgufCursor cursor, String source, long index, long alignment) {
		String name = cursor.string("the name of tensor #" + index);
		int dims = cursor.u32("the dimension count of tensor '" + name + "'");
		if (dims < 1 || dims > MAX_DIMS) {
			throw new ModelFormatException(source + " is corrupt: tensor '" + name + "' has "
					+ Integer.toUnsignedString(dims) + " dimensions; ggml tensors have 1 to " + MAX_DIMS);
		}
		long[] ne = new long[dims];
		for (int d = 0; d < dims; d++) {
			ne[d] = cursor.u64("dimension " + d + " of tensor '" + name + "'");
			if (ne[d] < 0) {
				throw new ModelFormatException(source + " is corrupt: tensor '" + name + "' has dimension " + d + " of "
						+ Long.toUnsignedString(ne[d]));
			}
		}
		int type = cursor.u32("the type of tensor '" + name + "'");
		long offset = cursor.u64("the data offset of tensor '" + name + "'");
		DType dtype = GgmlType.dtype(type, source, name);
		List<Long> shape = new ArrayList<>(dims);
		for (int d = dims - 1; d >= 0; d--) {
			shape.add(ne[d]);
		}
		if (dtype.isQuantized() && ne[0] % dtype.blockSize() != 0) {
			throw new ModelFormatException(source + " is corrupt: tensor '" + name + "' of " + dtype + " has rows of "
					+ ne[0] + " elements, not a whole number of blocks of " + dtype.blockSize());
		}
		long bytes;
		try {
			bytes = dtype.byteSize(Tensor.elementCount(shape));
		}
		catch (ArithmeticException ex) {
			throw new ModelFormatException(
					source + " is corrupt: tensor '" + name + "' has an overflowing shape " + shape, ex);
		}
		if (offset < 0 || offset % alignment != 0) {
			throw new ModelFormatException(source + " is corrupt: tensor '" + name + "' starts at data offset "
					+ Long.toUnsignedString(offset) + ", which is not a multiple of the alignment " + alignment);
		}
		return new Info(name, dtype, shape, offset, bytes);
	}

	private static void checkPlacement(List<Info> infos, String source, long dataSize) {
		for (Info info : infos) {
			if (info.offset > dataSize || info.bytes > dataSize - info.offset) {
				throw new ModelFormatException(source + " is truncated or corrupt: tensor '" + info.name + "' ("
						+ info.dtype + " " + info.shape + ", " + info.bytes + " bytes at data offset " + info.offset
						+ ") ends outside the data section of " + dataSize + " bytes");
			}
		}
		List<Info> sorted = new ArrayList<>(infos);
		sorted.sort(Comparator.comparingLong(Info::offset));
		for (int i = 1; i < sorted.size(); i++) {
			Info previous = sorted.get(i - 1);
			Info current = sorted.get(i);
			if (current.offset < previous.offset + previous.bytes) {
				throw new ModelFormatException(source + " is corrupt: the data of tensors '" + previous.name + "' and '"
						+ current.name + "' overlap");
			}
		}
	}

	private static long alignUp(long position, long alignment) {
		return (position + alignment - 1) / alignment * alignment;
	}

	/**
	 * The file this was opened from.
	 * @return the path
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * The GGUF version (2 or 3).
	 * @return the version
	 */
	public int version() {
		return this.version;
	}

	/**
	 * The metadata key/value pairs.
	 * @return the metadata
	 */
	public GgufMetadata metadata() {
		return this.metadata;
	}

	/**
	 * Where the tensor data section starts in the file.
	 * @return the byte offset
	 */
	public long dataOffset() {
		return this.dataOffset;
	}

	/**
	 * Names of all tensors in file order.
	 * @return the names
	 */
	public Set<String> tensorNames() {
		return this.tensors.keySet();
	}

	/**
	 * Looks up a tensor by its GGUF name.
	 * @param name the tensor name, such as {@code blk.0.attn_q.weight}
	 * @return the tensor (outermost-first shape), or null when absent
	 */
	public @Nullable Tensor find(String name) {
		return this.tensors.get(name);
	}

	/**
	 * Unmaps the file.
	 */
	@Override
	public void close() {
		this.arena.close();
	}

}
