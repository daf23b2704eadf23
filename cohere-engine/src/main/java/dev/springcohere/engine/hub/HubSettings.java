package dev.springcohere.engine.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Immutable settings of a {@link HubClient}: where the Hub is, where the cache lives,
 * which token to send, and whether to go online at all. Build one with {@link #builder()}
 * or read the Hugging Face environment variables with {@link #fromEnvironment(Map)}. The
 * token never appears in {@link #toString()}.
 */
public final class HubSettings {

	/** The public Hugging Face Hub. */
	public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

	/** Default timeout of the metadata request ({@code HF_HUB_ETAG_TIMEOUT}). */
	public static final Duration DEFAULT_ETAG_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Default timeout of a download until its headers arrive
	 * ({@code HF_HUB_DOWNLOAD_TIMEOUT}).
	 */
	public static final Duration DEFAULT_DOWNLOAD_TIMEOUT = Duration.ofSeconds(10);

	private static final Set<String> TRUE_VALUES = Set.of("1", "ON", "YES", "TRUE");

	private final URI endpoint;

	private final Path cacheDir;

	private final @Nullable String token;

	private final boolean offline;

	private final boolean symlinksDisabled;

	private final Duration etagTimeout;

	private final Duration downloadTimeout;

	private HubSettings(Builder builder) {
		this.endpoint = builder.endpoint;
		this.cacheDir = builder.cacheDir;
		this.token = builder.token;
		this.offline = builder.offline;
		this.symlinksDisabled = builder.symlinksDisabled;
		this.etagTimeout = builder.etagTimeout;
		this.downloadTimeout = builder.downloadTimeout;
	}

	/**
	 * Returns a builder with the defaults: the public Hub,
	 * {@code ~/.cache/huggingface/hub}, no token, online, symlinks enabled, 10 s
	 * timeouts.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Reads the settings from Hugging Face's environment variables: {@code HF_ENDPOINT};
	 * {@code HF_HUB_CACHE} (legacy {@code HUGGINGFACE_HUB_CACHE}), else
	 * {@code $HF_HOME/hub}, where {@code HF_HOME} defaults to
	 * {@code $XDG_CACHE_HOME/huggingface} or {@code ~/.cache/huggingface};
	 * {@code HF_TOKEN} (fallback {@code HUGGING_FACE_HUB_TOKEN}), else the token file
	 * {@code HF_TOKEN_PATH} or {@code $HF_HOME/token}; {@code HF_HUB_OFFLINE} or
	 * {@code TRANSFORMERS_OFFLINE}; {@code HF_HUB_DISABLE_SYMLINKS};
	 * {@code HF_HUB_ETAG_TIMEOUT} and {@code HF_HUB_DOWNLOAD_TIMEOUT} (seconds).
	 * {@code ~} is the {@code HOME} variable, else the {@code user.home} system property.
	 * @param env the environment, e.g. {@code System.getenv()}
	 * @return the settings
	 * @throws IllegalArgumentException when a variable holds a value that cannot be used
	 */
	public static HubSettings fromEnvironment(Map<String, String> env) {
		Objects.requireNonNull(env, "'env' must not be null");
		Builder builder = builder();
		String endpoint = nonBlank(env.get("HF_ENDPOINT"));
		if (endpoint != null) {
			builder.endpoint(parseEndpoint(endpoint, "HF_ENDPOINT"));
		}
		String home = nonBlank(env.get("HOME"));
		Path userHome = path((home != null) ? home : System.getProperty("user.home", "."), "HOME");
		String xdg = nonBlank(env.get("XDG_CACHE_HOME"));
		Path xdgCache = (xdg != null) ? path(xdg, "XDG_CACHE_HOME") : userHome.resolve(".cache");
		String hfHomeValue = nonBlank(env.get("HF_HOME"));
		Path hfHome = (hfHomeValue != null) ? path(expandHome(hfHomeValue, userHome), "HF_HOME")
				: xdgCache.resolve("huggingface");
		String cache = firstNonBlank(env.get("HF_HUB_CACHE"), env.get("HUGGINGFACE_HUB_CACHE"));
		builder.cacheDir((cache != null) ? path(expandHome(cache, userHome), "HF_HUB_CACHE") : hfHome.resolve("hub"));
		String token = firstNonBlank(env.get("HF_TOKEN"), env.get("HUGGING_FACE_HUB_TOKEN"));
		if (token == null) {
			String tokenPath = nonBlank(env.get("HF_TOKEN_PATH"));
			token = readTokenFile((tokenPath != null) ? path(expandHome(tokenPath, userHome), "HF_TOKEN_PATH")
					: hfHome.resolve("token"));
		}
		builder.token(token);
		builder.offline(isTrue(env.get("HF_HUB_OFFLINE")) || isTrue(env.get("TRANSFORMERS_OFFLINE")));
		builder.symlinksDisabled(isTrue(env.get("HF_HUB_DISABLE_SYMLINKS")));
		String etagTimeout = nonBlank(env.get("HF_HUB_ETAG_TIMEOUT"));
		if (etagTimeout != null) {
			builder.etagTimeout(seconds(etagTimeout, "HF_HUB_ETAG_TIMEOUT"));
		}
		String downloadTimeout = nonBlank(env.get("HF_HUB_DOWNLOAD_TIMEOUT"));
		if (downloadTimeout != null) {
			builder.downloadTimeout(seconds(downloadTimeout, "HF_HUB_DOWNLOAD_TIMEOUT"));
		}
		return builder.build();
	}

	/**
	 * Returns the Hub's base URL, without a trailing slash.
	 * @return the endpoint
	 */
	public URI endpoint() {
		return this.endpoint;
	}

	/**
	 * Returns the cache root, the folder that holds {@code models--org--name} folders.
	 * @return the cache directory
	 */
	public Path cacheDir() {
		return this.cacheDir;
	}

	/**
	 * Returns the access token sent as {@code Authorization: Bearer …} to the Hub (never
	 * to other hosts).
	 * @return the token, or {@code null} when none is configured
	 */
	public @Nullable String token() {
		return this.token;
	}

	/**
	 * Returns whether the client must not make any HTTP request and serve files from the
	 * cache only.
	 * @return {@code true} when offline
	 */
	public boolean offline() {
		return this.offline;
	}

	/**
	 * Returns whether snapshot files are copies of the blobs instead of relative symbolic
	 * links.
	 * @return {@code true} when symbolic links are disabled
	 */
	public boolean symlinksDisabled() {
		return this.symlinksDisabled;
	}

	/**
	 * Returns the timeout of the metadata ({@code HEAD}) request.
	 * @return the timeout
	 */
	public Duration etagTimeout() {
		return this.etagTimeout;
	}

	/**
	 * Returns the timeout of a download request until its response headers arrive.
	 * @return the timeout
	 */
	public Duration downloadTimeout() {
		return this.downloadTimeout;
	}

	/**
	 * Returns a builder holding these settings, to change some of them.
	 * @return a new builder
	 */
	public Builder mutate() {
		return new Builder().endpoint(this.endpoint)
			.cacheDir(this.cacheDir)
			.token(this.token)
			.offline(this.offline)
			.symlinksDisabled(this.symlinksDisabled)
			.etagTimeout(this.etagTimeout)
			.downloadTimeout(this.downloadTimeout);
	}

	@Override
	public String toString() {
		return "HubSettings[endpoint=" + this.endpoint + ", cacheDir=" + this.cacheDir + ", token="
				+ ((this.token != null) ? "<set>" : "<none>") + ", offline=" + this.offline + ", symlinksDisabled="
				+ this.symlinksDisabled + ", etagTimeout=" + this.etagTimeout + ", downloadTimeout="
				+ this.downloadTimeout + "]";
	}

	private static URI parseEndpoint(String value, String what) {
		String trimmed = value.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		URI uri;
		try {
			uri = URI.create(trimmed);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(what + " '" + value + "' is not a valid URL: " + ex.getMessage(), ex);
		}
		String scheme = uri.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
				|| uri.getHost() == null) {
			throw new IllegalArgumentException(
					what + " '" + value + "' must be an absolute http(s) URL such as https://huggingface.co");
		}
		return uri;
	}

	private static @Nullable String readTokenFile(Path file) {
		if (!Files.isRegularFile(file)) {
			return null;
		}
		try {
			return nonBlank(Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static boolean isTrue(@Nullable String value) {
		return value != null && TRUE_VALUES.contains(value.strip().toUpperCase(Locale.ROOT));
	}

	private static Duration seconds(String value, String name) {
		try {
			double seconds = Double.parseDouble(value.strip());
			if (!(seconds > 0) || Double.isInfinite(seconds)) {
				throw new NumberFormatException("not positive");
			}
			return Duration.ofMillis(Math.round(seconds * 1000));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a positive number of seconds, but was '" + value + "'",
					ex);
		}
	}

	private static String expandHome(String value, Path userHome) {
		if (value.equals("~")) {
			return userHome.toString();
		}
		if (value.startsWith("~/")) {
			return userHome.resolve(value.substring(2)).toString();
		}
		return value;
	}

	private static Path path(String value, String name) {
		try {
			return Path.of(value);
		}
		catch (InvalidPathException ex) {
			throw new IllegalArgumentException(name + " '" + value + "' is not a valid path: " + ex.getMessage(), ex);
		}
	}

	private static @Nullable String firstNonBlank(@Nullable String first, @Nullable String second) {
		String value = nonBlank(first);
		return (value != null) ? value : nonBlank(second);
	}

	private static @Nullable String nonBlank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/** Builder of {@link HubSettings}. */
	public static final class Builder {

		private URI endpoint = DEFAULT_ENDPOINT;

		private Path cacheDir = Path.of(System.getProperty("user.home", "."), ".cache", "huggingface", "hub");

		private @Nullable String token;

		private boolean offline;

		private boolean symlinksDisabled;

		private Duration etagTimeout = DEFAULT_ETAG_TIMEOUT;

		private Duration downloadTimeout = DEFAULT_DOWNLOAD_TIMEOUT;

		private Builder() {
		}

		/**
		 * Sets the Hub's base URL; a trailing slash is removed.
		 * @param endpoint an absolute http(s) URL
		 * @return this builder
		 */
		public Builder endpoint(URI endpoint) {
			Objects.requireNonNull(endpoint, "'endpoint' must not be null");
			this.endpoint = parseEndpoint(endpoint.toString(), "endpoint");
			return this;
		}

		/**
		 * Sets the Hub's base URL; a trailing slash is removed.
		 * @param endpoint an absolute http(s) URL
		 * @return this builder
		 */
		public Builder endpoint(String endpoint) {
			Objects.requireNonNull(endpoint, "'endpoint' must not be null");
			this.endpoint = parseEndpoint(endpoint, "endpoint");
			return this;
		}

		/**
		 * Sets the cache root.
		 * @param cacheDir the folder holding {@code models--org--name} folders
		 * @return this builder
		 */
		public Builder cacheDir(Path cacheDir) {
			this.cacheDir = Objects.requireNonNull(cacheDir, "'cacheDir' must not be null");
			return this;
		}

		/**
		 * Sets the access token; blank means none.
		 * @param token the token, or {@code null}
		 * @return this builder
		 */
		public Builder token(@Nullable String token) {
			this.token = nonBlank(token);
			return this;
		}

		/**
		 * Sets offline mode: no HTTP request at all, files come from the cache.
		 * @param offline whether to stay offline
		 * @return this builder
		 */
		public Builder offline(boolean offline) {
			this.offline = offline;
			return this;
		}

		/**
		 * Makes snapshot files copies of the blobs instead of symbolic links.
		 * @param symlinksDisabled whether to copy
		 * @return this builder
		 */
		public Builder symlinksDisabled(boolean symlinksDisabled) {
			this.symlinksDisabled = symlinksDisabled;
			return this;
		}

		/**
		 * Sets the timeout of the metadata request.
		 * @param etagTimeout a positive duration
		 * @return this builder
		 */
		public Builder etagTimeout(Duration etagTimeout) {
			this.etagTimeout = positive(etagTimeout, "etagTimeout");
			return this;
		}

		/**
		 * Sets the timeout of a download request until its headers arrive.
		 * @param downloadTimeout a positive duration
		 * @return this builder
		 */
		public Builder downloadTimeout(Duration downloadTimeout) {
			this.downloadTimeout = positive(downloadTimeout, "downloadTimeout");
			return this;
		}

		/**
		 * Builds the settings.
		 * @return the immutable settings
		 */
		public HubSettings build() {
			return new HubSettings(this);
		}

		private static Duration positive(Duration value, String name) {
			Objects.requireNonNull(value, "'" + name + "' must not be null");
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException("'" + name + "' must be positive, but was " + value);
			}
			return value;
		}

	}

}
