package dev.springcohere.backend;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One typed, backend-specific setting: its key (without the {@code cohere.} prefix, such
 * as {@code local.max-wait}), its type, its default and how its text form is read. A
 * backend provider declares its settings as constants and reads them with
 * {@link BackendSettings#get(Setting)}, so each key and default is written once. Values
 * arrive typed (from Spring Boot's bound properties) or as text (from
 * {@link BackendSettings.Builder#property(String, String)}, the command line or plain
 * Java), and text is parsed here with an error that names the key, the value and the
 * expected form.
 *
 * @param <T> the value type
 * @since 0.1.0
 */
public final class Setting<T> {

	private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

	private static final Pattern DATA_SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)?");

	private final String key;

	private final Class<T> type;

	private final @Nullable T defaultValue;

	private final Function<String, T> parser;

	private final String expected;

	private Setting(String key, Class<T> type, @Nullable T defaultValue, Function<String, T> parser, String expected) {
		this.key = Objects.requireNonNull(key, "'key' must not be null");
		this.type = type;
		this.defaultValue = defaultValue;
		this.parser = parser;
		this.expected = expected;
	}

	/**
	 * A text setting.
	 * @param key the key
	 * @param defaultValue the default, or {@code null} for none
	 * @return the setting
	 */
	public static Setting<String> text(String key, @Nullable String defaultValue) {
		return new Setting<>(key, String.class, defaultValue, Function.identity(), "text");
	}

	/**
	 * A duration setting; its text form is ISO-8601 ({@code PT1M30S}) or a number with a
	 * unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}); a number
	 * without a unit is seconds.
	 * @param key the key
	 * @param defaultValue the default, or {@code null} for none
	 * @return the setting
	 */
	public static Setting<Duration> duration(String key, @Nullable Duration defaultValue) {
		return new Setting<>(key, Duration.class, defaultValue, Setting::parseDuration,
				"a duration such as 30s, 5m or PT1M30S");
	}

	/**
	 * A memory size in bytes; its text form is a whole number of bytes or a number with a
	 * unit, {@code B}, {@code KB}, {@code MB}, {@code GB} or {@code TB} (powers of 1024,
	 * as Spring's {@code DataSize} reads them; {@code KiB} ... {@code TiB} too), such as
	 * {@code 512MB} or {@code 4GB}; it must be positive.
	 * @param key the key
	 * @param defaultValue the default in bytes, or {@code null} for none
	 * @return the setting
	 * @since 0.1.0
	 */
	public static Setting<Long> dataSize(String key, @Nullable Long defaultValue) {
		return new Setting<>(key, Long.class, defaultValue, Setting::parseDataSize,
				"a positive size such as 512MB, 4GB or a number of bytes");
	}

	/**
	 * A whole-number setting of at least {@code min}.
	 * @param key the key
	 * @param defaultValue the default, or {@code null} for none
	 * @param min the smallest value accepted
	 * @return the setting
	 */
	public static Setting<Integer> integer(String key, @Nullable Integer defaultValue, int min) {
		String expected = "a whole number of at least " + min;
		return new Setting<>(key, Integer.class, defaultValue, (text) -> {
			int value = Integer.parseInt(text);
			if (value < min) {
				throw new IllegalArgumentException("below " + min);
			}
			return value;
		}, expected);
	}

	/**
	 * A setting with one of the constants of an enum; its text form is the constant's
	 * name in any case, with {@code -} for {@code _} ({@code config-file} for
	 * {@code CONFIG_FILE}).
	 * @param key the key
	 * @param type the enum
	 * @param defaultValue the default, or {@code null} for none
	 * @param <E> the enum type
	 * @return the setting
	 */
	public static <E extends Enum<E>> Setting<E> choice(String key, Class<E> type, @Nullable E defaultValue) {
		String names = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Setting::textOf).toList());
		return new Setting<>(key, type, defaultValue,
				(text) -> Enum.valueOf(type, text.replace('-', '_').toUpperCase(Locale.ROOT)), "one of " + names);
	}

	/**
	 * The text form of an enum constant, as {@link #choice} reads it.
	 * @param constant the constant
	 * @return its name in lower case with {@code -} for {@code _}
	 */
	public static String textOf(Enum<?> constant) {
		return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Returns the key, without the {@code cohere.} prefix.
	 * @return the key
	 */
	public String key() {
		return this.key;
	}

	/**
	 * Returns the type of the values.
	 * @return the value type
	 */
	public Class<T> type() {
		return this.type;
	}

	/**
	 * Returns the value used when the setting is not set.
	 * @return the default, or {@code null} for none
	 */
	public @Nullable T defaultValue() {
		return this.defaultValue;
	}

	/**
	 * Converts a configured value: a value of the setting's type is returned as is, text
	 * is parsed.
	 * @param value the configured value
	 * @return the typed value
	 * @throws IllegalArgumentException naming the key, the value and the expected form
	 * when it does not convert
	 */
	public T convert(Object value) {
		Objects.requireNonNull(value, "'value' must not be null");
		if (this.type.isInstance(value)) {
			return this.type.cast(value);
		}
		String text = value.toString().strip();
		try {
			return this.parser.apply(text);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("The setting 'cohere." + this.key + "' is '" + text + "', which is not "
					+ this.expected + "; set it to " + this.expected, ex);
		}
	}

	private static Long parseDataSize(String text) {
		Matcher matcher = DATA_SIZE.matcher(text.toUpperCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a size");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2).replace("I", "") : "B";
		int shift = switch (unit) {
			case "KB" -> 10;
			case "MB" -> 20;
			case "GB" -> 30;
			case "TB" -> 40;
			default -> 0;
		};
		if (amount <= 0 || amount > (Long.MAX_VALUE >> shift)) {
			throw new IllegalArgumentException("out of range");
		}
		return amount << shift;
	}

	private static Duration parseDuration(String text) {
		Matcher simple = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
		if (simple.matches()) {
			long amount = Long.parseLong(simple.group(1));
			String unit = (simple.group(2) != null) ? simple.group(2) : "s";
			return switch (unit) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		try {
			return Duration.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return "Setting[" + this.key + ": " + this.type.getSimpleName()
				+ ((this.defaultValue != null) ? " = " + this.defaultValue : "") + "]";
	}

}
