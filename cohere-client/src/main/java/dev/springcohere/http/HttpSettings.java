package dev.springcohere.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.jspecify.annotations.Nullable;

/**
 * Immutable settings of a {@link CohereHttpTransport}: where to send requests, how long
 * to wait, and how the client identifies itself.
 * <p>
 * The read timeout is an <em>idle</em> timeout: the longest silence allowed while waiting
 * for the response headers, between two chunks of a body, or between two stream events. A
 * long answer or stream that keeps sending is never cut; there is deliberately no limit
 * on the whole call.
 * <p>
 * TLS, proxies and redirects apply to both engines: an {@link #getSslContext() SSL
 * context} (for a corporate CA or a client certificate; host names are always verified),
 * an {@link #getProxy() HTTP proxy} (by default the JVM's proxy system properties) and
 * whether {@link #isFollowRedirects() redirects are followed}. With
 * {@link #isLogBodies()} the transport logs every request and answer, bodies included, at
 * DEBUG on the logger {@value #WIRE_LOGGER}.
 * <p>
 * Its length is its builder: one documented, checked setter per setting of the transport,
 * and the accessors the engines read.
 *
 * @since 0.1.0
 */
public final class HttpSettings {

	/** The default base URL, Cohere's platform API. */
	public static final String DEFAULT_BASE_URL = "https://api.cohere.com";

	/** The default connect timeout. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/** The default read (idle) timeout. */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(120);

	/**
	 * The default bound on a response body and on one event of a stream: 64 MiB, far
	 * above any Cohere answer (a 96-text batch of 1536-dimension float embeddings is
	 * about 3 MiB).
	 */
	public static final long DEFAULT_MAX_RESPONSE_SIZE = 64L * 1024 * 1024;

	/**
	 * The logger that {@link #isLogBodies()} writes to, at DEBUG.
	 */
	public static final String WIRE_LOGGER = "dev.springcohere.http.wire";

	/**
	 * The most characters of a body (or of one stream event) that {@link #isLogBodies()}
	 * logs; the rest is cut and its length noted.
	 */
	public static final int MAX_LOGGED_BODY_LENGTH = 4096;

	private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "content-type", "accept",
			"content-length", "host", "connection", "expect", "upgrade", "user-agent", "x-client-name");

	private final URI baseUrl;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final long maxResponseSize;

	private final @Nullable String clientName;

	private final String userAgent;

	private final Map<String, String> defaultHeaders;

	private final @Nullable HttpClient httpClient;

	private final @Nullable Consumer<HttpClient.Builder> httpClientCustomizer;

	private final HttpTransportType transport;

	private final @Nullable SSLContext sslContext;

	private final @Nullable SSLParameters sslParameters;

	private final @Nullable HttpProxy proxy;

	private final boolean followRedirects;

	private final boolean logBodies;

	private HttpSettings(Builder builder) {
		this.baseUrl = builder.baseUrl;
		this.connectTimeout = builder.connectTimeout;
		this.readTimeout = builder.readTimeout;
		this.maxResponseSize = builder.maxResponseSize;
		this.clientName = builder.clientName;
		this.userAgent = (builder.userAgent != null) ? builder.userAgent : defaultUserAgent();
		this.defaultHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(builder.defaultHeaders));
		this.httpClient = builder.httpClient;
		this.httpClientCustomizer = builder.httpClientCustomizer;
		this.transport = builder.transport;
		this.sslContext = builder.sslContext;
		this.sslParameters = builder.sslParameters;
		this.proxy = builder.proxy;
		this.followRedirects = builder.followRedirects;
		this.logBodies = builder.logBodies;
	}

	/**
	 * Returns the default settings.
	 * @return settings with every default value
	 */
	public static HttpSettings defaults() {
		return builder().build();
	}

	/**
	 * Starts a builder with the default values.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts a builder with the values of these settings.
	 * @return a new builder
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.baseUrl = this.baseUrl;
		builder.connectTimeout = this.connectTimeout;
		builder.readTimeout = this.readTimeout;
		builder.maxResponseSize = this.maxResponseSize;
		builder.clientName = this.clientName;
		builder.userAgent = this.userAgent;
		builder.defaultHeaders.putAll(this.defaultHeaders);
		builder.httpClient = this.httpClient;
		builder.httpClientCustomizer = this.httpClientCustomizer;
		builder.transport = this.transport;
		builder.sslContext = this.sslContext;
		builder.sslParameters = this.sslParameters;
		builder.proxy = this.proxy;
		builder.followRedirects = this.followRedirects;
		builder.logBodies = this.logBodies;
		return builder;
	}

	/**
	 * Returns the most bytes a response body, or one event of a stream, may have; a
	 * larger one fails with
	 * {@link dev.springcohere.api.error.CohereResponseTooLargeException} and is not
	 * retried.
	 * @return the bound in bytes
	 */
	public long getMaxResponseSize() {
		return this.maxResponseSize;
	}

	/**
	 * Returns the base URL, without a trailing slash; request paths are appended to it.
	 * @return the base URL
	 */
	public URI getBaseUrl() {
		return this.baseUrl;
	}

	/**
	 * Returns the longest time to open a connection.
	 * @return the connect timeout
	 */
	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Returns the longest silence allowed while waiting for headers, body bytes or stream
	 * events.
	 * @return the read (idle) timeout
	 */
	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	/**
	 * Returns the name of the calling project, sent as {@code X-Client-Name}.
	 * @return the client name, or {@code null} when none is sent
	 */
	public @Nullable String getClientName() {
		return this.clientName;
	}

	/**
	 * Returns the {@code User-Agent} header value.
	 * @return the user agent
	 */
	public String getUserAgent() {
		return this.userAgent;
	}

	/**
	 * Returns extra headers sent with every request.
	 * @return an unmodifiable map, never {@code null}
	 */
	public Map<String, String> getDefaultHeaders() {
		return this.defaultHeaders;
	}

	/**
	 * Returns the {@link HttpClient} to use instead of building one; its connect timeout
	 * then applies.
	 * @return the custom client, or {@code null} to build one
	 */
	public @Nullable HttpClient getHttpClient() {
		return this.httpClient;
	}

	/**
	 * Returns the customizer applied to the {@link HttpClient.Builder} before the client
	 * is built.
	 * @return the customizer, or {@code null}
	 */
	public @Nullable Consumer<HttpClient.Builder> getHttpClientCustomizer() {
		return this.httpClientCustomizer;
	}

	/**
	 * Returns which engine sends the requests: {@link HttpTransportType#AUTO} (the
	 * default) picks Reactor Netty when it is on the class path and neither
	 * {@link #getHttpClient()} nor {@link #getHttpClientCustomizer()} is set, the JDK
	 * {@link HttpClient} otherwise.
	 * @return the transport type
	 */
	public HttpTransportType getTransport() {
		return this.transport;
	}

	/**
	 * Returns the SSL context of {@code https} connections: its trust managers decide
	 * which servers are trusted, its key managers which client certificate is shown.
	 * @return the context, or {@code null} for the JVM's default (its trust store, no
	 * client certificate)
	 */
	public @Nullable SSLContext getSslContext() {
		return this.sslContext;
	}

	/**
	 * Returns the TLS protocols and cipher suites to enable; host name verification stays
	 * on whatever they say.
	 * @return the parameters, or {@code null} for the SSL context's defaults
	 */
	public @Nullable SSLParameters getSslParameters() {
		return this.sslParameters;
	}

	/**
	 * Returns the HTTP proxy the requests go through.
	 * @return the proxy, or {@code null} to follow the JVM's proxy system properties
	 * ({@code http.proxyHost}, {@code https.proxyHost}, {@code http.nonProxyHosts}...)
	 */
	public @Nullable HttpProxy getProxy() {
		return this.proxy;
	}

	/**
	 * Tells whether redirects are followed ({@code 301}, {@code 302}, {@code 303},
	 * {@code 307}, {@code 308}; never from {@code https} to {@code http}); when not, a
	 * redirect answer fails like any other non-2xx status.
	 * @return true to follow redirects; false (the default) otherwise
	 */
	public boolean isFollowRedirects() {
		return this.followRedirects;
	}

	/**
	 * A JDK {@link java.net.http.HttpClient} builder with these settings' connect
	 * timeout, TLS, proxy and redirect policy applied, for downloads made beside the
	 * Cohere transport (such as a model's tokenizer file).
	 * @return a new builder
	 */
	public java.net.http.HttpClient.Builder newJdkClientBuilder() {
		java.net.http.HttpClient.Builder builder = java.net.http.HttpClient.newBuilder()
			.connectTimeout(getConnectTimeout());
		JdkConnectionSetup.apply(this, builder);
		return builder;
	}

	/**
	 * Tells whether every request and answer is logged at DEBUG on the logger
	 * {@value #WIRE_LOGGER}: method, URL, status, time, headers (credentials, keys,
	 * signatures and cookies masked) and bodies (the API key masked, cut after
	 * {@value #MAX_LOGGED_BODY_LENGTH} characters), and each event of a stream as it
	 * passes. Nothing is formatted when the logger is not at DEBUG.
	 * @return true to log bodies; false (the default) otherwise
	 */
	public boolean isLogBodies() {
		return this.logBodies;
	}

	/**
	 * Resolves a request path against the base URL.
	 * @param path an absolute path such as {@code /v2/chat}, optionally with a query
	 * @return the full URI
	 */
	public URI resolve(String path) {
		Objects.requireNonNull(path, "'path' must not be null");
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("The request path must start with '/', but was '" + path + "'");
		}
		return URI.create(this.baseUrl.toString() + path);
	}

	@Override
	public String toString() {
		return "HttpSettings[baseUrl=" + this.baseUrl + ", connectTimeout=" + this.connectTimeout + ", readTimeout="
				+ this.readTimeout + ", maxResponseSize=" + this.maxResponseSize + ", clientName=" + this.clientName
				+ ", userAgent=" + this.userAgent + ", defaultHeaders=" + this.defaultHeaders.keySet()
				+ ", customHttpClient=" + (this.httpClient != null) + ", transport=" + this.transport.id()
				+ ", customSslContext=" + (this.sslContext != null) + ", proxy="
				+ ((this.proxy != null) ? this.proxy : "system properties") + ", followRedirects="
				+ this.followRedirects + ", logBodies=" + this.logBodies + "]";
	}

	private static String defaultUserAgent() {
		Package pkg = HttpSettings.class.getPackage();
		String version = (pkg != null && pkg.getImplementationVersion() != null) ? pkg.getImplementationVersion()
				: "dev";
		return "springcohere/" + version + " Java/" + System.getProperty("java.version", "unknown");
	}

	/**
	 * Builds {@link HttpSettings}; starts with the default values.
	 */
	public static final class Builder {

		private URI baseUrl = URI.create(DEFAULT_BASE_URL);

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Duration readTimeout = DEFAULT_READ_TIMEOUT;

		private long maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;

		private @Nullable String clientName;

		private @Nullable String userAgent;

		private final Map<String, String> defaultHeaders = new LinkedHashMap<>();

		private @Nullable HttpClient httpClient;

		private @Nullable Consumer<HttpClient.Builder> httpClientCustomizer;

		private HttpTransportType transport = HttpTransportType.AUTO;

		private @Nullable SSLContext sslContext;

		private @Nullable SSLParameters sslParameters;

		private @Nullable HttpProxy proxy;

		private boolean followRedirects;

		private boolean logBodies;

		private Builder() {
		}

		/**
		 * Sets the SSL context of {@code https} connections, for a private CA (its trust
		 * managers) or mutual TLS (its key managers). Host names are verified whatever
		 * the context.
		 * @param sslContext an initialized context, or {@code null} for the JVM's default
		 * @return this builder
		 */
		public Builder sslContext(@Nullable SSLContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		/**
		 * Sets the TLS protocols and cipher suites to enable (only those two are read).
		 * @param sslParameters the parameters, or {@code null} for the context's defaults
		 * @return this builder
		 */
		public Builder sslParameters(@Nullable SSLParameters sslParameters) {
			this.sslParameters = sslParameters;
			return this;
		}

		/**
		 * Sets the HTTP proxy the requests go through.
		 * @param proxy the proxy, or {@code null} (the default) to follow the JVM's proxy
		 * system properties
		 * @return this builder
		 */
		public Builder proxy(@Nullable HttpProxy proxy) {
			this.proxy = proxy;
			return this;
		}

		/**
		 * Sets whether redirects are followed (never from {@code https} to {@code http}).
		 * @param followRedirects true to follow them; false (the default) to fail on them
		 * @return this builder
		 */
		public Builder followRedirects(boolean followRedirects) {
			this.followRedirects = followRedirects;
			return this;
		}

		/**
		 * Sets whether requests and answers, bodies included, are logged at DEBUG on the
		 * logger {@value HttpSettings#WIRE_LOGGER} (secrets masked, bodies cut after
		 * {@value HttpSettings#MAX_LOGGED_BODY_LENGTH} characters); for debugging only.
		 * @param logBodies true to log them; false by default
		 * @return this builder
		 */
		public Builder logBodies(boolean logBodies) {
			this.logBodies = logBodies;
			return this;
		}

		/**
		 * Sets which engine sends the requests.
		 * @param transport {@link HttpTransportType#AUTO} (the default),
		 * {@link HttpTransportType#JDK}, {@link HttpTransportType#REACTOR_NETTY} (which
		 * needs {@code io.projectreactor.netty:reactor-netty-http} on the class path) or
		 * {@link HttpTransportType#OKHTTP} (which needs
		 * {@code com.squareup.okhttp3:okhttp})
		 * @return this builder
		 */
		public Builder transport(HttpTransportType transport) {
			this.transport = Objects.requireNonNull(transport, "'transport' must not be null");
			return this;
		}

		/**
		 * Sets the base URL; a trailing slash is ignored, a path prefix is kept.
		 * @param baseUrl an absolute {@code http} or {@code https} URL, such as
		 * {@code https://api.cohere.com}
		 * @return this builder
		 */
		public Builder baseUrl(String baseUrl) {
			Objects.requireNonNull(baseUrl, "'baseUrl' must not be null");
			String trimmed = baseUrl.strip();
			while (trimmed.endsWith("/")) {
				trimmed = trimmed.substring(0, trimmed.length() - 1);
			}
			URI uri;
			try {
				uri = new URI(trimmed);
			}
			catch (URISyntaxException ex) {
				throw new IllegalArgumentException(
						"'baseUrl' is not a valid URL: '" + baseUrl + "' (" + ex.getReason() + ")", ex);
			}
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
				throw new IllegalArgumentException("'baseUrl' must be an absolute http or https URL such as '"
						+ DEFAULT_BASE_URL + "', but was '" + baseUrl + "'");
			}
			if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
				throw new IllegalArgumentException(
						"'baseUrl' must not have a query or a fragment, but was '" + baseUrl + "'");
			}
			this.baseUrl = uri;
			return this;
		}

		/**
		 * Sets the longest time to open a connection (ignored when a custom
		 * {@link HttpClient} is given).
		 * @param connectTimeout a positive duration
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive(connectTimeout, "connectTimeout");
			return this;
		}

		/**
		 * Sets the longest silence allowed while waiting for headers, body bytes or
		 * stream events.
		 * @param readTimeout a positive duration
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = positive(readTimeout, "readTimeout");
			return this;
		}

		/**
		 * Sets the name of the calling project, sent as {@code X-Client-Name}.
		 * @param clientName the name, or {@code null} (or blank) to send none
		 * @return this builder
		 */
		public Builder clientName(@Nullable String clientName) {
			this.clientName = (clientName == null || clientName.isBlank()) ? null
					: headerValue(clientName, "clientName");
			return this;
		}

		/**
		 * Sets the {@code User-Agent} header value.
		 * @param userAgent the value, or {@code null} for
		 * {@code springcohere/<version> Java/<version>}
		 * @return this builder
		 */
		public Builder userAgent(@Nullable String userAgent) {
			this.userAgent = (userAgent == null || userAgent.isBlank()) ? null : headerValue(userAgent, "userAgent");
			return this;
		}

		/**
		 * Adds a header sent with every request (for example a gateway's routing header).
		 * The headers the transport sets itself ({@code Authorization},
		 * {@code Content-Type}, {@code Accept}, {@code User-Agent},
		 * {@code X-Client-Name}) and those the JDK forbids cannot be set here.
		 * @param name the header name
		 * @param value the header value
		 * @return this builder
		 */
		public Builder defaultHeader(String name, String value) {
			Objects.requireNonNull(name, "'name' must not be null");
			Objects.requireNonNull(value, "'value' must not be null");
			if (name.isBlank() || !name.chars().allMatch((c) -> c > 32 && c < 127 && c != ':')) {
				throw new IllegalArgumentException("Header name '" + name + "' is not a valid HTTP header name");
			}
			if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				throw new IllegalArgumentException("Header '" + name + "' is set by the transport itself; use the"
						+ " matching setting (apiKey, clientName, userAgent) instead");
			}
			this.defaultHeaders.put(name, headerValue(value, "value of header '" + name + "'"));
			return this;
		}

		/**
		 * Sets the {@link HttpClient} to use instead of building one. The transport then
		 * uses it as it is (its connect timeout, proxy, SSL context and executor apply)
		 * and never closes it.
		 * @param httpClient the client, or {@code null} to build one
		 * @return this builder
		 */
		public Builder httpClient(@Nullable HttpClient httpClient) {
			this.httpClient = httpClient;
			return this;
		}

		/**
		 * Sets a customizer applied to the {@link HttpClient.Builder} after the connect
		 * timeout is set and before the client is built (for a proxy, an SSL context, an
		 * executor, an HTTP version...). Ignored when a custom {@link HttpClient} is
		 * given.
		 * @param httpClientCustomizer the customizer, or {@code null}
		 * @return this builder
		 */
		public Builder httpClientCustomizer(@Nullable Consumer<HttpClient.Builder> httpClientCustomizer) {
			this.httpClientCustomizer = httpClientCustomizer;
			return this;
		}

		/**
		 * Builds the settings.
		 * @return the immutable settings
		 * @throws IllegalArgumentException when an SSL context, SSL parameters, a proxy
		 * or following redirects is combined with a custom {@link HttpClient}
		 */
		public HttpSettings build() {
			if (this.httpClient != null && (this.sslContext != null || this.sslParameters != null || this.proxy != null
					|| this.followRedirects)) {
				throw new IllegalArgumentException("An SSL context, SSL parameters, a proxy or following redirects "
						+ "cannot be combined with a custom HttpClient, which is used as it is; configure them on "
						+ "that HttpClient instead");
			}
			return new HttpSettings(this);
		}

		/**
		 * Sets the most bytes a response body, or one event of a stream, may have.
		 * @param maxResponseSize a positive number of bytes,
		 * {@value HttpSettings#DEFAULT_MAX_RESPONSE_SIZE} by default
		 * @return this builder
		 */
		public Builder maxResponseSize(long maxResponseSize) {
			if (maxResponseSize < 1) {
				throw new IllegalArgumentException("'maxResponseSize' must be positive, but was " + maxResponseSize);
			}
			this.maxResponseSize = maxResponseSize;
			return this;
		}

		private static Duration positive(Duration value, String name) {
			Objects.requireNonNull(value, "'" + name + "' must not be null");
			if (value.isZero() || value.isNegative()) {
				throw new IllegalArgumentException("'" + name + "' must be positive, but was " + value);
			}
			return value;
		}

		private static String headerValue(String value, String name) {
			String stripped = value.strip();
			if (!stripped.chars().allMatch((c) -> c >= 32 && c != 127)) {
				throw new IllegalArgumentException(
						"The " + name + " must not contain control characters such as line breaks");
			}
			return stripped;
		}

	}

}
