package dev.springcohere.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The metadata key/value pairs of a GGUF file, with typed accessors whose errors name the
 * file, the key and the type found. Integers of every width are held as {@code Long}
 * (unsigned 64-bit values above {@code Long.MAX_VALUE} wrap), floats of both widths as
 * {@code Double} (a float32 as the double of its shortest decimal form, so {@code 1e-5}
 * written by a converter reads back as {@code 1e-5}), booleans as {@code Boolean},
 * strings as {@code String} and arrays as unmodifiable lists of those.
 */
public final class GgufMetadata {

	private final String source;

	private final Map<String, Object> values;

	private final Map<String, String> types;

	GgufMetadata(String source, Map<String, Object> values, Map<String, String> types) {
		this.source = source;
		this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
		this.types = Map.copyOf(types);
	}

	/**
	 * All keys in file order.
	 * @return the keys
	 */
	public Set<String> keys() {
		return this.values.keySet();
	}

	/**
	 * Whether the file has a key.
	 * @param key the key
	 * @return true when present
	 */
	public boolean has(String key) {
		return this.values.containsKey(key);
	}

	/**
	 * The GGUF type of a key's value, such as {@code uint32} or {@code array[string]}.
	 * @param key the key
	 * @return the type name, or null when absent
	 */
	public @Nullable String typeName(String key) {
		return this.types.get(key);
	}

	/**
	 * The raw value of a key.
	 * @param key the key
	 * @return the value (see the class description for its Java type), or null when
	 * absent
	 */
	public @Nullable Object get(String key) {
		return this.values.get(key);
	}

	/**
	 * A string value that must be present.
	 * @param key the key
	 * @return the value
	 * @throws ModelFormatException when absent or not a string
	 */
	public String string(String key) {
		return require(key, String.class, "a string");
	}

	/**
	 * A string value that may be absent.
	 * @param key the key
	 * @return the value, or null when absent
	 * @throws ModelFormatException when present but not a string
	 */
	public @Nullable String optionalString(String key) {
		return has(key) ? string(key) : null;
	}

	/**
	 * An integer value (any integer width) that must be present and fit an {@code int}.
	 * @param key the key
	 * @return the value
	 * @throws ModelFormatException when absent, not an integer or out of range
	 */
	public int integer(String key) {
		long value = require(key, Long.class, "an integer");
		if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
			throw new ModelFormatException(this.source + ": metadata key '" + key + "' is " + value
					+ ", outside the range the engine supports");
		}
		return (int) value;
	}

	/**
	 * An integer value that may be absent.
	 * @param key the key
	 * @param fallback the value when absent
	 * @return the value
	 * @throws ModelFormatException when present but not an integer that fits an int
	 */
	public int integer(String key, int fallback) {
		return has(key) ? integer(key) : fallback;
	}

	/**
	 * A number (integer or float) that must be present.
	 * @param key the key
	 * @return the value
	 * @throws ModelFormatException when absent or not a number
	 */
	public double number(String key) {
		Object value = this.values.get(key);
		if (value instanceof Long l) {
			return l;
		}
		return require(key, Double.class, "a number");
	}

	/**
	 * A number that may be absent.
	 * @param key the key
	 * @param fallback the value when absent
	 * @return the value
	 * @throws ModelFormatException when present but not a number
	 */
	public double number(String key, double fallback) {
		return has(key) ? number(key) : fallback;
	}

	/**
	 * A boolean that may be absent.
	 * @param key the key
	 * @param fallback the value when absent
	 * @return the value
	 * @throws ModelFormatException when present but not a boolean
	 */
	public boolean bool(String key, boolean fallback) {
		return has(key) ? require(key, Boolean.class, "a boolean") : fallback;
	}

	/**
	 * An array of strings that must be present.
	 * @param key the key
	 * @return the strings
	 * @throws ModelFormatException when absent or not an array of strings
	 */
	public List<String> strings(String key) {
		return list(key, String.class, "an array of strings");
	}

	/**
	 * An array of integers (any width) that must be present.
	 * @param key the key
	 * @return the integers
	 * @throws ModelFormatException when absent or not an array of integers
	 */
	public List<Long> integers(String key) {
		return list(key, Long.class, "an array of integers");
	}

	/**
	 * An array of booleans that must be present.
	 * @param key the key
	 * @return the booleans
	 * @throws ModelFormatException when absent or not an array of booleans
	 */
	public List<Boolean> booleans(String key) {
		return list(key, Boolean.class, "an array of booleans");
	}

	private <T> List<T> list(String key, Class<T> element, String expected) {
		List<?> list = require(key, List.class, expected);
		List<T> result = new ArrayList<>(list.size());
		for (Object item : list) {
			if (!element.isInstance(item)) {
				throw wrongType(key, expected);
			}
			result.add(element.cast(item));
		}
		return Collections.unmodifiableList(result);
	}

	private <T> T require(String key, Class<T> type, String expected) {
		Objects.requireNonNull(key, "'key' must not be null");
		Object value = this.values.get(key);
		if (value == null) {
			throw new ModelFormatException(this.source + ": missing metadata key '" + key + "' (" + expected
					+ "); the file was not written by a converter that knows this architecture");
		}
		if (!type.isInstance(value)) {
			throw wrongType(key, expected);
		}
		return type.cast(value);
	}

	private ModelFormatException wrongType(String key, String expected) {
		return new ModelFormatException(
				this.source + ": metadata key '" + key + "' is " + this.types.get(key) + " but must be " + expected);
	}

}
