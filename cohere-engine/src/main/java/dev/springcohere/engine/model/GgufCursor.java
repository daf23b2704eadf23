package dev.springcohere.engine.model;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the little-endian header of a GGUF file from its mapped bytes, checking every
 * read against the end of the file so a truncated or damaged header fails with the byte
 * offset and the item being read, never with an out-of-bounds error or a huge allocation.
 */
final class GgufCursor {

	private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

	private static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	private static final ValueLayout.OfDouble DOUBLE_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED
		.withOrder(ByteOrder.LITTLE_ENDIAN);

	/** GGUF metadata value types, indexed by their id. */
	private static final String[] TYPE_NAMES = { "uint8", "int8", "uint16", "int16", "uint32", "int32", "float32",
			"bool", "string", "array", "uint64", "int64", "float64" };

	private static final int TYPE_STRING = 8;

	private static final int TYPE_ARRAY = 9;

	private final MemorySegment data;

	private final String source;

	private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private long position;

	GgufCursor(MemorySegment data, String source) {
		this.data = data;
		this.source = source;
	}

	long position() {
		return this.position;
	}

	private void need(long bytes, String what) {
		if (bytes < 0 || bytes > this.data.byteSize() - this.position) {
			throw new ModelFormatException(this.source + " is truncated: " + what + " at byte " + this.position
					+ " needs " + Long.toUnsignedString(bytes) + " bytes but the file ends at byte "
					+ this.data.byteSize());
		}
	}

	int u32(String what) {
		need(4, what);
		int value = this.data.get(INT_LE, this.position);
		this.position += 4;
		return value;
	}

	long u64(String what) {
		need(8, what);
		long value = this.data.get(LONG_LE, this.position);
		this.position += 8;
		return value;
	}

	/**
	 * Reads a count (an unsigned 64-bit number) that must fit in the remaining bytes when
	 * each item takes at least {@code minItemBytes}.
	 */
	long count(String what, long minItemBytes) {
		long at = this.position;
		long count = u64(what);
		long remaining = this.data.byteSize() - this.position;
		if (count < 0 || (minItemBytes > 0 && count > remaining / minItemBytes)) {
			throw new ModelFormatException(this.source + " is corrupt or truncated: " + what + " at byte " + at + " is "
					+ Long.toUnsignedString(count) + ", more than the " + remaining + " bytes left can hold");
		}
		return count;
	}

	String string(String what) {
		long at = this.position;
		need(8, what);
		long length = this.data.get(LONG_LE, this.position);
		this.position += 8;
		if (length < 0 || length > this.data.byteSize() - this.position || length > Integer.MAX_VALUE - 8) {
			throw new ModelFormatException(this.source + " is corrupt or truncated: " + what + " at byte " + at
					+ " is a string of " + Long.toUnsignedString(length) + " bytes but the file ends at byte "
					+ this.data.byteSize());
		}
		ByteBuffer bytes = this.data.asSlice(this.position, length).asByteBuffer();
		this.position += length;
		try {
			return this.utf8.reset().decode(bytes).toString();
		}
		catch (CharacterCodingException ex) {
			throw new ModelFormatException(
					this.source + " is corrupt: " + what + " at byte " + (at + 8) + " is not valid UTF-8", ex);
		}
	}

	/**
	 * Reads one metadata value of the given type.
	 * @param type the GGUF value type id
	 * @param what the key, for messages
	 * @param typeName receives the type's name (one element; arrays as
	 * {@code array[element]})
	 * @return the value as described in {@link GgufMetadata}
	 */
	Object value(int type, String what, String[] typeName) {
		typeName[0] = typeName(type, what);
		return switch (type) {
			case 0 -> (long) byteAt(what) & 0xFF;
			case 1 -> (long) byteAt(what);
			case 2 -> (long) shortAt(what) & 0xFFFF;
			case 3 -> (long) shortAt(what);
			case 4 -> (long) u32(what) & 0xFFFF_FFFFL;
			case 5 -> (long) u32(what);
			case 6 -> widen(floatAt(what));
			case 7 -> bool(what);
			case TYPE_STRING -> string(what);
			case TYPE_ARRAY -> array(what, typeName);
			case 10, 11 -> u64(what);
			case 12 -> doubleAt(what);
			default -> throw new IllegalStateException("unreachable: type " + type);
		};
	}

	private String typeName(int type, String what) {
		if (type < 0 || type >= TYPE_NAMES.length) {
			throw new ModelFormatException(this.source + " is corrupt: " + what + " has unknown GGUF value type "
					+ Integer.toUnsignedString(type) + " (before byte " + this.position + ")");
		}
		return TYPE_NAMES[type];
	}

	private List<Object> array(String what, String[] typeName) {
		int elementType = u32(what + " (array element type)");
		String elementName = typeName(elementType, what);
		long count = count(what + " (array length)", minBytes(elementType));
		List<Object> items = new ArrayList<>((int) Math.min(count, 1 << 20));
		String[] inner = new String[1];
		for (long i = 0; i < count; i++) {
			items.add(value(elementType, what, inner));
		}
		typeName[0] = "array[" + ((elementType == TYPE_ARRAY && count > 0) ? inner[0] : elementName) + "]";
		return Collections.unmodifiableList(items);
	}

	/**
	 * Widens a float32 to the double of its shortest decimal form: converters write
	 * Python floats such as {@code 1e-5} as float32, and this gives back the value the
	 * checkpoint's config stated.
	 */
	private static double widen(float value) {
		return Double.parseDouble(Float.toString(value));
	}

	private static long minBytes(int type) {
		return switch (type) {
			case 0, 1, 7 -> 1;
			case 2, 3 -> 2;
			case 4, 5, 6 -> 4;
			default -> 8;
		};
	}

	private boolean bool(String what) {
		long at = this.position;
		byte b = byteAt(what);
		if (b != 0 && b != 1) {
			throw new ModelFormatException(
					this.source + " is corrupt: " + what + " at byte " + at + " is a bool of value " + b);
		}
		return b == 1;
	}

	private byte byteAt(String what) {
		need(1, what);
		byte value = this.data.get(ValueLayout.JAVA_BYTE, this.position);
		this.position += 1;
		return value;
	}

	private short shortAt(String what) {
		need(2, what);
		short value = this.data.get(SHORT_LE, this.position);
		this.position += 2;
		return value;
	}

	private float floatAt(String what) {
		need(4, what);
		float value = this.data.get(FLOAT_LE, this.position);
		this.position += 4;
		return value;
	}

	private double doubleAt(String what) {
		need(8, what);
		double value = this.data.get(DOUBLE_LE, this.position);
		this.position += 8;
		return value;
	}

}
