package dev.springcohere.engine.model;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code .safetensors} file, memory-mapped with FFM (no heap copy of the weights).
 * The header is validated completely when the file is opened: every tensor's dtype, shape
 * and data offsets are checked against the file size and each other before any tensor
 * memory is touched. Closing the file unmaps it; tensors obtained from it must not be
 * used afterwards.
 */
public final class SafetensorsFile implements AutoCloseable {

	/**
	 * Headers larger than this are rejected as corrupt (real ones are a few hundred KiB).
	 */
	static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final Path path;

	private final Arena arena;

	private final Map<String, Tensor> tensors;

	private final Map<String, String> metadata;

	private SafetensorsFile(Path path, Arena arena, Map<String, Tensor> tensors, Map<String, String> metadata) {
		this.path = path;
		this.arena = arena;
		this.tensors = tensors;
		this.metadata = metadata;
	}

	/**
	 * Opens, validates and memory-maps a safetensors file.
	 * @param path the file
	 * @return the open file
	 * @throws ModelFormatException if the file is missing, truncated or its header is
	 * inconsistent
	 */
	public static SafetensorsFile open(Path path) {
		Objects.requireNonNull(path, "'path' must not be null");
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
			long size = channel.size();
			if (size < 8) {
				throw new ModelFormatException(
						path + " is truncated: " + size + " bytes, fewer than the 8-byte header length");
			}
			ByteBuffer lengthBuffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
			readFully(channel, lengthBuffer, 0, path);
			long headerLength = lengthBuffer.getLong(0);
			if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
				throw new ModelFormatException(path + " is corrupt: header length " + headerLength
						+ " does not fit in the file of " + size + " bytes");
			}
			ByteBuffer headerBuffer = ByteBuffer.allocate((int) headerLength);
			readFully(channel, headerBuffer, 8, path);
			String header = new String(headerBuffer.array(), StandardCharsets.UTF_8);
			long dataStart = 8 + headerLength;
			List<Entry> entries = parseHeader(header, path, size - dataStart);
			Map<String, String> metadata = parseMetadata(header, path);
			Arena arena = Arena.ofShared();
			try {
				MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
				Map<String, Tensor> tensors = new LinkedHashMap<>();
				for (Entry entry : entries) {
					MemorySegment slice = mapped.asSlice(dataStart + entry.begin, entry.end - entry.begin);
					tensors.put(entry.name, new Tensor(entry.name, entry.dtype, entry.shape, slice));
				}
				return new SafetensorsFile(path, arena, Collections.unmodifiableMap(tensors), metadata);
			}
			catch (RuntimeException | IOException ex) {
				arena.close();
				throw ex;
			}
		}
		catch (NoSuchFileException ex) {
			throw new ModelFormatException("Missing weights file " + path, ex);
		}
		catch (IOException ex) {
			throw new ModelFormatException("Cannot read " + path + ": " + ex.getMessage(), ex);
		}
	}

	private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path path) throws IOException {
		long pos = position;
		while (buffer.hasRemaining()) {
			int n = channel.read(buffer, pos);
			if (n < 0) {
				throw new ModelFormatException(path + " is truncated while reading its header");
			}
			pos += n;
		}
	}

	private record Entry(String name, DType dtype, List<Long> shape, long begin, long end) {
	}

	private static JsonNode readHeaderJson(String header, Path path) {
		try {
			JsonNode root = MAPPER.readTree(header.strip());
			if (root == null || !root.isObject()) {
				throw new ModelFormatException(path + " is corrupt: the header is not a JSON object");
			}
			return root;
		}
		catch (JacksonException ex) {
			throw new ModelFormatException(
					path + " is corrupt: the header is not valid JSON (" + ex.getOriginalMessage() + ")", ex);
		}
	}

	private static Map<String, String> parseMetadata(String header, Path path) {
		JsonNode meta = readHeaderJson(header, path).get("__metadata__");
		Map<String, String> result = new LinkedHashMap<>();
		if (meta != null && meta.isObject()) {
			for (Map.Entry<String, JsonNode> e : meta.properties()) {
				result.put(e.getKey(), e.getValue().asString(""));
			}
		}
		return Collections.unmodifiableMap(result);
	}

	private static List<Entry> parseHeader(String header, Path path, long dataSize) {
		JsonNode root = readHeaderJson(header, path);
		List<Entry> entries = new ArrayList<>();
		for (Map.Entry<String, JsonNode> e : root.properties()) {
			String name = e.getKey();
			if (name.equals("__metadata__")) {
				continue;
			}
			JsonNode node = e.getValue();
			JsonNode dtypeNode = node.get("dtype");
			JsonNode shapeNode = node.get("shape");
			JsonNode offsetsNode = node.get("data_offsets");
			if (dtypeNode == null || !dtypeNode.isString() || shapeNode == null || !shapeNode.isArray()
					|| offsetsNode == null || !offsetsNode.isArray() || offsetsNode.size() != 2) {
				throw new ModelFormatException(
						path + " is corrupt: tensor '" + name + "' needs 'dtype', 'shape' and two 'data_offsets'");
			}
			DType dtype = DType.fromSafetensors(dtypeNode.asString(), path.toString(), name);
			List<Long> shape = new ArrayList<>();
			for (JsonNode d : shapeNode) {
				if (!d.isIntegralNumber() || d.asLong() < 0) {
					throw new ModelFormatException(
							path + " is corrupt: tensor '" + name + "' has invalid shape " + shapeNode);
				}
				shape.add(d.asLong());
			}
			if (!offsetsNode.get(0).isIntegralNumber() || !offsetsNode.get(1).isIntegralNumber()) {
				throw new ModelFormatException(
						path + " is corrupt: tensor '" + name + "' has non-integer data_offsets");
			}
			long begin = offsetsNode.get(0).asLong();
			long end = offsetsNode.get(1).asLong();
			if (begin < 0 || end < begin || end > dataSize) {
				throw new ModelFormatException(path + " is corrupt: tensor '" + name + "' has data_offsets [" + begin
						+ ", " + end + "] outside the data section of " + dataSize + " bytes (file truncated?)");
			}
			long expected;
			try {
				expected = Math.multiplyExact(Tensor.elementCount(shape), dtype.byteSize());
			}
			catch (ArithmeticException ex) {
				throw new ModelFormatException(
						path + " is corrupt: tensor '" + name + "' has an overflowing shape " + shape, ex);
			}
			if (end - begin != expected) {
				throw new ModelFormatException(path + " is corrupt: tensor '" + name + "' spans " + (end - begin)
						+ " bytes but shape " + shape + " of " + dtype + " needs " + expected);
			}
			entries.add(new Entry(name, dtype, shape, begin, end));
		}
		List<Entry> sorted = new ArrayList<>(entries);
		sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
		for (int i = 1; i < sorted.size(); i++) {
			Entry previous = sorted.get(i - 1);
			Entry current = sorted.get(i);
			if (current.begin < previous.end) {
				throw new ModelFormatException(
						path + " is corrupt: tensors '" + previous.name + "' and '" + current.name + "' overlap");
			}
		}
		return entries;
	}

	/**
	 * The file this was opened from.
	 * @return the path
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * Names of all tensors in header order.
	 * @return the names
	 */
	public Set<String> tensorNames() {
		return this.tensors.keySet();
	}

	/**
	 * The {@code __metadata__} string map of the header.
	 * @return the metadata (may be empty)
	 */
	public Map<String, String> metadata() {
		return this.metadata;
	}

	/**
	 * Looks up a tensor.
	 * @param name the tensor name
	 * @return the tensor, or null when absent
	 */
	public @Nullable Tensor find(String name) {
		return this.tensors.get(name);
	}

	/**
	 * Returns a tensor that must exist.
	 * @param name the tensor name
	 * @return the tensor
	 * @throws ModelFormatException when absent
	 */
	public Tensor tensor(String name) {
		Tensor t = this.tensors.get(name);
		if (t == null) {
			throw new ModelFormatException("Missing tensor '" + name + "' in " + this.path);
		}
		return t;
	}

	/**
	 * Unmaps the file.
	 */
	@Override
	public void close() {
		this.arena.close();
	}

}
