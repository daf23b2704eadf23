package dev.springcohere.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request and answer log of {@link HttpSettings#isLogBodies()}: at DEBUG on the
 * logger {@value HttpSettings#WIRE_LOGGER}, the method, URL, status, time, headers and
 * bodies of every attempt, and each event of a stream as it passes. The same for every
 * engine, since the transport writes it.
 * <p>
 * Secrets never reach it: header values whose name speaks of authorization, keys, tokens,
 * secrets, signatures, credentials, sessions, passwords or cookies are masked (this
 * covers {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie},
 * {@code Set-Cookie} and the {@code X-Amz-*} signature headers), so are query parameters
 * so named (pre-signed URLs), and the API key wherever it occurs in a body. Bodies are
 * cut after {@value HttpSettings#MAX_LOGGED_BODY_LENGTH} characters. When the setting is
 * off or the logger is not at DEBUG, nothing is formatted.
 */
final class WireLogging {

	static final Logger logger = LoggerFactory.getLogger(HttpSettings.WIRE_LOGGER);

	private static final String MASK = "****";

	private static final List<String> SECRET_WORDS = List.of("auth", "key", "token", "secret", "signature",
			"credential", "session", "password", "cookie");

	private final boolean enabled;

	private final UnaryOperator<String> redact;

	WireLogging(boolean enabled, UnaryOperator<String> redact) {
		this.enabled = enabled;
		this.redact = redact;
	}

	/**
	 * Tells whether lines are written now: the setting is on and the logger at DEBUG.
	 */
	boolean active() {
		return this.enabled && logger.isDebugEnabled();
	}

	void request(HttpTransportEngine.Request request, List<Map.Entry<String, String>> fixedHeaders) {
		if (!active()) {
			return;
		}
		StringBuilder headers = new StringBuilder("{");
		for (Map.Entry<String, String> header : fixedHeaders) {
			appendHeader(headers, header.getKey(), header.getValue());
		}
		appendHeader(headers, "Accept", request.accept());
		if (request.body() != null) {
			appendHeader(headers, "Content-Type", EngineSupport.APPLICATION_JSON);
		}
		logger.debug("--> {} {} headers {} body: {}", request.method(), url(request.uri()), headers.append('}'),
				body(request.body()));
	}

	void response(HttpTransportEngine.Request request, int status, HttpHeaders headers, byte @Nullable [] body,
			long start) {
		if (!active()) {
			return;
		}
		logger.debug("<-- {} {} {} ({} ms) headers {} body: {}", status, request.method(), url(request.uri()),
				TransportLogging.millisSince(start), headers(headers),
				(body != null) ? body(body) : "<event stream, events follow>");
	}

	void event(String call, ServerSentEvent event) {
		if (active()) {
			logger.debug("<-- {} event {}: {}", call, (event.event() != null) ? event.event() : "message",
					text(event.data()));
		}
	}

	void failure(String call, long start, Throwable failure) {
		if (active()) {
			logger.debug("<-- {} failed after {} ms: {}", call, TransportLogging.millisSince(start),
					this.redact.apply(String.valueOf(failure)));
		}
	}

	private String body(byte @Nullable [] body) {
		return (body != null) ? text(new String(body, StandardCharsets.UTF_8)) : "<none>";
	}

	private String text(String text) {
		return truncate(this.redact.apply(text));
	}

	static String truncate(String text) {
		int limit = HttpSettings.MAX_LOGGED_BODY_LENGTH;
		if (text.length() <= limit) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
		return text.substring(0, end) + "… [" + (text.length() - end) + " more characters]";
	}

	private static String headers(HttpHeaders headers) {
		StringBuilder out = new StringBuilder("{");
		headers.map().forEach((name, values) -> appendHeader(out, name, String.join(", ", values)));
		return out.append('}').toString();
	}

	private static void appendHeader(StringBuilder out, String name, String value) {
		if (out.length() > 1) {
			out.append(", ");
		}
		out.append(name).append('=').append(isSecret(name) ? MASK : value);
	}

	static boolean isSecret(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return SECRET_WORDS.stream().anyMatch(lower::contains);
	}

	/**
	 * The URL with the values of secret-named query parameters masked.
	 */
	static String url(URI uri) {
		String query = uri.getRawQuery();
		if (query == null) {
			return uri.toString();
		}
		StringBuilder masked = new StringBuilder();
		for (String parameter : query.split("&", -1)) {
			if (!masked.isEmpty()) {
				masked.append('&');
			}
			int equals = parameter.indexOf('=');
			String name = (equals >= 0) ? parameter.substring(0, equals) : parameter;
			masked.append((equals >= 0 && isSecret(name)) ? name + "=" + MASK : parameter);
		}
		String text = uri.toString();
		return text.substring(0, text.indexOf('?') + 1) + masked
				+ ((uri.getRawFragment() != null) ? "#" + uri.getRawFragment() : "");
	}

}
