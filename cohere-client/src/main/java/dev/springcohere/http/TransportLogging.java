package dev.springcohere.http;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.springcohere.api.error.CohereApiException;

/**
 * The log lines of a {@link CohereHttpTransport}, under its logger: one DEBUG line per
 * attempt, TRACE for headers (secrets masked) and bodies (the key redacted), WARN for an
 * {@code X-API-Warning} header.
 */
final class TransportLogging {

	static final Logger logger = LoggerFactory.getLogger(CohereHttpTransport.class);

	private TransportLogging() {
	}

	static void traceRequest(HttpTransportEngine.Request request, List<Map.Entry<String, String>> fixedHeaders,
			UnaryOperator<String> redact) {
		if (logger.isTraceEnabled()) {
			StringBuilder headers = new StringBuilder("{");
			for (Map.Entry<String, String> header : fixedHeaders) {
				headers.append(header.getKey())
					.append('=')
					.append(isSecret(header.getKey()) ? "****" : header.getValue())
					.append(", ");
			}
			headers.append("Accept=").append(request.accept()).append('}');
			byte[] body = request.body();
			logger.trace("{} {} headers {} body: {}", request.method(), request.uri(), headers,
					(body != null) ? redact.apply(new String(body, StandardCharsets.UTF_8)) : "<none>");
		}
	}

	static long millisSince(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static boolean isSecret(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.equals("authorization") || lower.contains("key") || lower.contains("token");
	}

	private static String maskedHeaders(HttpHeaders headers) {
		StringBuilder out = new StringBuilder("{");
		headers.map().forEach((name, values) -> {
			if (out.length() > 1) {
				out.append(", ");
			}
			out.append(name).append('=').append(isSecret(name) ? "****" : values);
		});
		return out.append('}').toString();
	}

	static void logResponse(String call, int status, HttpHeaders headers, long start) {
		if (logger.isDebugEnabled()) {
			logger.debug("{} -> {} in {} ms", call, status, millisSince(start));
		}
		if (logger.isTraceEnabled()) {
			logger.trace("{} response headers {}", call, maskedHeaders(headers));
		}
		headers.firstValue("x-api-warning")
			.ifPresent((warning) -> logger.warn("Cohere API warning for {}: {}", call, warning));
	}

	static void logFailure(String call, long start, Throwable failure) {
		if (logger.isDebugEnabled() && !(failure instanceof CohereApiException)) {
			logger.debug("{} failed after {} ms: {}", call, millisSince(start), failure.toString());
		}
	}

}
