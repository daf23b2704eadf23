package dev.springcohere.engine.constrain;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The {@code format}s constrained decoding writes, as patterns of values every validator
 * accepts: dates with a day valid in every year (no 29 February), times with a UTC
 * offset, lower- or upper-case UUIDs and plain e-mail addresses of bounded length.
 */
final class Formats {

	private static final String DATE = "[1-9][0-9]{3}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)"
			+ "|(0[13578]|1[02])-31)";

	private static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?"
			+ "(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])";

	private static final Map<String, String> PATTERNS = new TreeMap<>(Map.of("date", DATE, "time", TIME, "date-time",
			DATE + "T" + TIME, "uuid", "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
			"email",
			"[a-z0-9]{1,16}(\\.[a-z0-9]{1,16}){0,2}@[a-z0-9]{1,16}(\\.[a-z0-9]{1,16}){0,2}\\.(com|org|net|io|dev)"));

	private Formats() {
	}

	static @Nullable String regex(String format) {
		return PATTERNS.get(format);
	}

	static String names() {
		return String.join(", ", PATTERNS.keySet());
	}

}
