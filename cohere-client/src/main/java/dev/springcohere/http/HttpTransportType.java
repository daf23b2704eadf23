package dev.springcohere.http;

import java.util.Locale;
import java.util.Objects;

/**
 * Which {@link HttpTransportEngine} a {@link CohereHttpTransport} sends its requests with
 * ({@code cohere.http.transport}).
 *
 * @since 0.1.0
 */
public enum HttpTransportType {

	/**
	 * When no JDK {@link java.net.http.HttpClient} or customizer of one is set: OkHttp
	 * when it is on the class path, else Reactor Netty when it is (as in every WebFlux
	 * application); the JDK client otherwise.
	 */
	AUTO("auto"),

	/** The JDK {@link java.net.http.HttpClient}: no dependency at all. */
	JDK("jdk"),

	/**
	 * Reactor Netty ({@code io.projectreactor.netty:reactor-netty-http}, which must be on
	 * the class path): reads answers without the JDK client's hand-offs between threads.
	 */
	REACTOR_NETTY("reactor-netty"),

	/**
	 * OkHttp ({@code com.squareup.okhttp3:okhttp}, which must be on the class path; the
	 * official Cohere SDK is built on it): a blocking call writes the request and reads
	 * the answer on the calling thread, without any hand-off between threads.
	 */
	OKHTTP("okhttp");

	private static final String REACTOR_NETTY_CLIENT = "reactor.netty.http.client.HttpClient";

	private static final String OKHTTP_CLIENT = "okhttp3.OkHttpClient";

	private final String id;

	HttpTransportType(String id) {
		this.id = id;
	}

	/**
	 * Returns the id used in configuration, such as {@code reactor-netty}.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Reads a type from its id ({@code auto}, {@code jdk}, {@code reactor-netty},
	 * {@code okhttp}) or its constant name, ignoring case.
	 * @param value the id or name
	 * @return the type
	 * @throws IllegalArgumentException when the value names no type
	 */
	public static HttpTransportType of(String value) {
		Objects.requireNonNull(value, "'value' must not be null");
		String normalized = value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
		for (HttpTransportType type : values()) {
			if (type.id.equals(normalized)) {
				return type;
			}
		}
		throw new IllegalArgumentException(
				"Unknown HTTP transport '" + value + "'; use one of auto, jdk, reactor-netty, okhttp");
	}

	/**
	 * Tells whether Reactor Netty's HTTP client can be loaded by a class loader.
	 * @param classLoader the class loader, or {@code null} for this class's
	 * @return whether {@link #REACTOR_NETTY} can be used
	 */
	public static boolean isReactorNettyPresent(@org.jspecify.annotations.Nullable ClassLoader classLoader) {
		return isPresent(REACTOR_NETTY_CLIENT, classLoader);
	}

	/**
	 * Tells whether OkHttp's client can be loaded by a class loader.
	 * @param classLoader the class loader, or {@code null} for this class's
	 * @return whether {@link #OKHTTP} can be used
	 */
	public static boolean isOkHttpPresent(@org.jspecify.annotations.Nullable ClassLoader classLoader) {
		return isPresent(OKHTTP_CLIENT, classLoader);
	}

	private static boolean isPresent(String className, @org.jspecify.annotations.Nullable ClassLoader classLoader) {
		try {
			Class.forName(className, false,
					(classLoader != null) ? classLoader : HttpTransportType.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
