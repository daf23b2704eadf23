package dev.springcohere.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP proxy the requests of a {@link CohereHttpTransport} go through (plain
 * {@code http} targets as a forward proxy, {@code https} ones through a {@code CONNECT}
 * tunnel), with optional Basic credentials and hosts reached directly. Immutable.
 * <p>
 * Without one ({@link HttpSettings#getProxy()} {@code null}) each engine follows the
 * JVM's standard proxy system properties ({@code http.proxyHost},
 * {@code https.proxyHost}, {@code http.nonProxyHosts}...).
 * <p>
 * The password is only handed out by {@link #revealPassword()}; {@link #toString()} masks
 * it.
 *
 * @since 0.1.0
 */
public final class HttpProxy {

	private final String host;

	private final int port;

	private final @Nullable String username;

	private final @Nullable String password;

	private final List<String> nonProxyHosts;

	private final List<Pattern> nonProxyPatterns;

	private HttpProxy(String host, int port, @Nullable String username, @Nullable String password,
			List<String> nonProxyHosts) {
		this.host = host;
		this.port = port;
		this.username = username;
		this.password = password;
		this.nonProxyHosts = List.copyOf(nonProxyHosts);
		this.nonProxyPatterns = this.nonProxyHosts.stream().map(HttpProxy::toPattern).toList();
	}

	/**
	 * Creates a proxy without credentials that every host goes through.
	 * @param host the proxy's host name or address
	 * @param port the proxy's port, 1 to 65535
	 * @return the proxy
	 */
	public static HttpProxy of(String host, int port) {
		Objects.requireNonNull(host, "'host' must not be null");
		String stripped = host.strip();
		if (stripped.isEmpty() || stripped.contains("/") || stripped.contains(" ")) {
			throw new IllegalArgumentException(
					"The proxy host must be a host name or address such as 'proxy.example.com', but was '" + host
							+ "'");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("The proxy port must be between 1 and 65535, but was " + port);
		}
		return new HttpProxy(stripped, port, null, null, List.of());
	}

	/**
	 * Returns a copy that sends Basic credentials to the proxy (as
	 * {@code Proxy-Authorization}, never to the target server).
	 * @param username the user name
	 * @param password the password
	 * @return the new proxy
	 */
	public HttpProxy withCredentials(String username, String password) {
		Objects.requireNonNull(username, "'username' must not be null");
		Objects.requireNonNull(password, "'password' must not be null");
		if (username.isBlank()) {
			throw new IllegalArgumentException("The proxy user name must not be blank when a password is given");
		}
		return new HttpProxy(this.host, this.port, username, password, this.nonProxyHosts);
	}

	/**
	 * Returns a copy that reaches the given hosts directly.
	 * @param patterns host names, each with an optional {@code *} wildcard at its start
	 * or end (as in {@code http.nonProxyHosts}: {@code localhost}, {@code *.internal},
	 * {@code 10.*}); matched without regard to case
	 * @return the new proxy
	 */
	public HttpProxy withNonProxyHosts(List<String> patterns) {
		Objects.requireNonNull(patterns, "'patterns' must not be null");
		List<String> cleaned = new ArrayList<>(patterns.size());
		for (String pattern : patterns) {
			Objects.requireNonNull(pattern, "'patterns' must not contain null");
			String stripped = pattern.strip();
			if (stripped.isEmpty()) {
				continue;
			}
			if (stripped.indexOf('*', 1) > 0 && stripped.indexOf('*', 1) < stripped.length() - 1
					|| stripped.contains("|") || stripped.contains(" ")) {
				throw new IllegalArgumentException("Non-proxy host '" + pattern + "' is not a host name with an "
						+ "optional '*' at its start or end, such as 'localhost' or '*.internal'; give one host per entry");
			}
			cleaned.add(stripped.toLowerCase(Locale.ROOT));
		}
		return new HttpProxy(this.host, this.port, this.username, this.password, cleaned);
	}

	/**
	 * Returns the proxy's host.
	 * @return the host name or address
	 */
	public String getHost() {
		return this.host;
	}

	/**
	 * Returns the proxy's port.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Returns the user name sent to the proxy.
	 * @return the user name, or {@code null} when no credentials are sent
	 */
	public @Nullable String getUsername() {
		return this.username;
	}

	/**
	 * Tells whether credentials are sent to the proxy.
	 * @return true when a user name and password are set
	 */
	public boolean hasCredentials() {
		return this.username != null && this.password != null;
	}

	/**
	 * Returns the password sent to the proxy, for the engines' proxy authentication only.
	 * @return the password, or {@code null} when no credentials are sent
	 */
	public @Nullable String revealPassword() {
		return this.password;
	}

	/**
	 * Returns the patterns of the hosts reached directly.
	 * @return an unmodifiable list, lower case
	 */
	public List<String> getNonProxyHosts() {
		return this.nonProxyHosts;
	}

	/**
	 * Tells whether a host is reached directly, without the proxy.
	 * @param targetHost the host of a request
	 * @return true when one of the {@link #getNonProxyHosts() non-proxy hosts} matches it
	 */
	public boolean bypasses(String targetHost) {
		Objects.requireNonNull(targetHost, "'targetHost' must not be null");
		String host = stripBrackets(targetHost).toLowerCase(Locale.ROOT);
		return this.nonProxyPatterns.stream().anyMatch((pattern) -> pattern.matcher(host).matches());
	}

	/**
	 * Returns the non-proxy hosts as one regular expression, as Reactor Netty expects it.
	 * @return the expression, or {@code null} when every host goes through the proxy
	 */
	@Nullable String nonProxyHostsRegex() {
		if (this.nonProxyPatterns.isEmpty()) {
			return null;
		}
		return "(?i)" + String.join("|", this.nonProxyPatterns.stream().map(Pattern::pattern).toList());
	}

	private static Pattern toPattern(String glob) {
		List<String> parts = new ArrayList<>();
		for (String part : stripBrackets(glob).split("\\*", -1)) {
			parts.add(part.isEmpty() ? "" : Pattern.quote(part));
		}
		return Pattern.compile("(?:" + String.join(".*", parts) + ")");
	}

	private static String stripBrackets(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	@Override
	public String toString() {
		return "HttpProxy[" + this.host + ":" + this.port
				+ ((this.username != null) ? ", username=" + this.username + ", password=****" : "")
				+ (this.nonProxyHosts.isEmpty() ? "" : ", nonProxyHosts=" + this.nonProxyHosts) + "]";
	}

}
