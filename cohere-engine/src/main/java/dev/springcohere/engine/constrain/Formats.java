package dev.springcohere.engine.constrain;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The {@code format}s constrained decoding writes, as patterns of values every validator
 * accepts (a subset of each format, never a value some validator refuses): dates with a
 * day valid in every year (no 29 February), times with a UTC offset, lower- or upper-case
 * UUIDs, plain e-mail addresses, host names of lower-case labels, IPv4 addresses without
 * leading zeros, IPv6 addresses in full (eight groups), {@code http(s)} URIs with a
 * simple host and path, and ISO 8601 durations with at most four digits per component.
 */
final class Formats {

	private static final String DATE = "[1-9][0-9]{3}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)"
			+ "|(0[13578]|1[02])-31)";

	private static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?"
			+ "(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])";

	private static final String LABEL = "[a-z]([a-z0-9-]{0,14}[a-z0-9])?";

	private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

	private static final String N = "[0-9]{1,4}";

	private static final String DURATION_TIME = "T(" + N + "H(" + N + "M)?(" + N + "S)?|" + N + "M(" + N + "S)?|" + N
			+ "S)";

	private static final String DURATION = "P((" + N + "Y(" + N + "M)?(" + N + "D)?|" + N + "M(" + N + "D)?|" + N
			+ "D)(" + DURATION_TIME + ")?|" + DURATION_TIME + "|" + N + "W)";

	private static final Map<String, String> PATTERNS = new TreeMap<>(Map.of("date", DATE, "time", TIME, "date-time",
			DATE + "T" + TIME, "uuid", "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
			"email",
			"[a-z0-9]{1,16}(\\.[a-z0-9]{1,16}){0,2}@[a-z0-9]{1,16}(\\.[a-z0-9]{1,16}){0,2}\\.(com|org|net|io|dev)",
			"hostname", LABEL + "(\\." + LABEL + "){0,3}", "ipv4", OCTET + "(\\." + OCTET + "){3}", "ipv6",
			"[0-9a-f]{1,4}(:[0-9a-f]{1,4}){7}", "uri",
			"https?://[a-z0-9]{1,20}(\\.[a-z0-9]{1,20}){0,3}\\.(com|org|net|io|dev)(/[a-zA-Z0-9_-]{1,20}){0,5}",
			"duration", DURATION));

	private Formats() {
	}

	static @Nullable String regex(String format) {
		return PATTERNS.get(format);
	}

	static String names() {
		return String.join(", ", PATTERNS.keySet());
	}

}
