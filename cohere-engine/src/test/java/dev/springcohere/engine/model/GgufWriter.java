package dev.springcohere.engine.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF files for tests, byte for byte as the GGUF specification lays them out
 * (little-endian): header, metadata key/values, tensor infos, padding to the alignment,
 * tensor data. Values are given with their GGUF type, so damaged files (wrong types,
 * misaligned offsets, bad counts) can be written too.
 */
public final class GgufWriter {

	/** GGUF metadata value type ids. */
	public static final int UINT8 = 0, INT8 = 1, UINT16 = 2, INT16 = 3, UINT32 = 4, INT32 = 5, FLOAT32 = 6, BOOL = 7,
			STRING = 8, ARRAY = 9, UINT64 = 10, INT64 = 11, FLOAT64 = 12;

	private final Map<String, byte[]> kv = new LinkedHashMap<>();

	private final List<byte[]> duplicates = new ArrayList<>();

	private final List<TensorEntry> tensors = new ArrayList<>();

	private int alignment = 32;

	private int version = 3;

	private record TensorEntry(String name, long[] ne, int type, byte[] data, long offset) {
	}

	/**
	 * Sets the version written in the header.
	 * @param version the version
	 * @return this writer
	 */
	public GgufWriter version(int version) {
		this.version = version;
		return this;
	}

	/**
	 * Writes {@code general.alignment} and aligns tensor data to it.
	 * @param alignment the alignment
	 * @return this writer
	 */
	public GgufWriter alignment(int alignment) {
		this.alignment = alignment;
		return u32("general.alignment", alignment);
	}

	/**
	 * Writes a string value.
	 * @param key the key
	 * @param value the value
	 * @return this writer
	 */
	public GgufWriter string(String key, String value) {
		return raw(key, STRING, string(value));
	}

	/**
	 * Writes a uint32 value.
	 * @param key the key
	 * @param value the value
	 * @return this writer
	 */
	public GgufWriter u32(String key, long value) {
		return raw(key, UINT32, le(4).putInt((int) value).array());
	}

	/**
	 * Writes an int32 value.
	 * @param key the key
	 * @param value the value
	 * @return this writer
	 */
	public GgufWriter i32(String key, int value) {
		return raw(key, INT32, le(4).putInt(value).array());
	}

	/**
	 * Writes a uint64 value.
	 * @param key the key
	 * @param value the value
	 * @return this writer
	 */
	public GgufWriter u64(String key, long value) {
		return raw(key, UINT64, le(8).putLong(value).array());
	}

	/**
	 * Writes a float32 value.
	 * @param key the key
	 * @param value the value
	 * @return this writer
	 */
	public GgufWriter f32(String key, double value) {
		return raw(key, FLOAT32, le(4).putFloat((float) value).array());
	}

	/**
	 * Writes a float64 value.
	 * @param key the key
	 * @param value the value
	 * @return this writer
	 */
	public GgufWriter f64(String key, double value) {
		return raw(key, FLOAT64, le(8).putDouble(value).array());
	}

	/**
	 * Writes a bool value.
	 * @param key the key
	 * @param value the value
	 * @return this writer
	 */
	public GgufWriter bool(String key, boolean value) {
		return raw(key, BOOL, new byte[] { (byte) (value ? 1 : 0) });
	}

	/**
	 * Writes an array of strings.
	 * @param key the key
	 * @param values the value
	 * @return this writer
	 */
	public GgufWriter strings(String key, List<String> values) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(le(12).putInt(STRING).putLong(values.size()).array());
		for (String value : values) {
			out.writeBytes(string(value));
		}
		return raw(key, ARRAY, out.toByteArray());
	}

	/**
	 * Writes an array of int32.
	 * @param key the key
	 * @param values the value
	 * @return this writer
	 */
	public GgufWriter i32s(String key, int[] values) {
		ByteBuffer buffer = le(12 + 4L * values.length).putInt(INT32).putLong(values.length);
		for (int value : values) {
			buffer.putInt(value);
		}
		return raw(key, ARRAY, buffer.array());
	}

	/**
	 * Writes an array of bools.
	 * @param key the key
	 * @param values the value
	 * @return this writer
	 */
	public GgufWriter bools(String key, boolean[] values) {
		ByteBuffer buffer = le(12 + values.length).putInt(BOOL).putLong(values.length);
		for (boolean value : values) {
			buffer.put((byte) (value ? 1 : 0));
		}
		return raw(key, ARRAY, buffer.array());
	}

	/**
	 * Writes (or replaces) a key with a value of any type, given as its encoded bytes.
	 * @param key the key
	 * @param type the GGUF value type id
	 * @param value the encoded value
	 * @return this writer
	 */
	public GgufWriter raw(String key, int type, byte[] value) {
		this.kv.put(key, entry(key, type, value));
		return this;
	}

	/**
	 * Writes a key a second time (a damaged file).
	 * @param key the key
	 * @param value a string value
	 * @return this writer
	 */
	public GgufWriter duplicate(String key, String value) {
		this.duplicates.add(entry(key, STRING, string(value)));
		return this;
	}

	private static byte[] entry(String key, int type, byte[] value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(string(key));
		out.writeBytes(le(4).putInt(type).array());
		out.writeBytes(value);
		return out.toByteArray();
	}

	/**
	 * Adds a tensor placed after the previous one at the next aligned offset.
	 * @param name the name
	 * @param type the ggml type id
	 * @param data the bytes
	 * @param ne the dimensions, innermost first (ggml order)
	 * @return this writer
	 */
	public GgufWriter tensor(String name, int type, byte[] data, long... ne) {
		long offset = 0;
		if (!this.tensors.isEmpty()) {
			TensorEntry last = this.tensors.get(this.tensors.size() - 1);
			offset = align(last.offset + last.data.length);
		}
		return tensorAt(name, type, data, offset, ne);
	}

	/**
	 * Adds a tensor whose info states the given data offset.
	 * @param name the name
	 * @param type the ggml type id
	 * @param data the bytes (written at the offset, when it lies after the previous
	 * tensor)
	 * @param offset the data offset written in the tensor info
	 * @param ne the dimensions, innermost first
	 * @return this writer
	 */
	public GgufWriter tensorAt(String name, int type, byte[] data, long offset, long... ne) {
		this.tensors.add(new TensorEntry(name, ne.clone(), type, data, offset));
		return this;
	}

	/**
	 * The file's bytes.
	 * @return the bytes
	 */
	public byte[] bytes() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(le(24).putInt(0x46554747)
			.putInt(this.version)
			.putLong(this.tensors.size())
			.putLong(this.kv.size() + this.duplicates.size())
			.array());
		this.kv.values().forEach(out::writeBytes);
		this.duplicates.forEach(out::writeBytes);
		for (TensorEntry t : this.tensors) {
			out.writeBytes(string(t.name));
			ByteBuffer info = le(4 + 8L * t.ne.length + 12).putInt(t.ne.length);
			for (long d : t.ne) {
				info.putLong(d);
			}
			out.writeBytes(info.putInt(t.type).putLong(t.offset).array());
		}
		long dataStart = align(out.size());
		out.writeBytes(new byte[(int) (dataStart - out.size())]);
		for (TensorEntry t : this.tensors) {
			long at = dataStart + t.offset;
			if (at >= out.size()) {
				out.writeBytes(new byte[(int) (at - out.size())]);
				out.writeBytes(t.data);
			}
		}
		return out.toByteArray();
	}

	/**
	 * Writes the file.
	 * @param file the target
	 * @return the file
	 */
	public Path write(Path file) {
		try {
			Files.write(file, bytes());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private long align(long position) {
		return (position + this.alignment - 1) / this.alignment * this.alignment;
	}

	static byte[] string(String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		return le(8 + bytes.length).putLong(bytes.length).put(bytes).array();
	}

	static ByteBuffer le(long size) {
		return ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
	}

}
