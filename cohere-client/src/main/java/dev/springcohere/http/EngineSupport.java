package dev.springcohere.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import org.jspecify.annotations.Nullable;

import dev.springcohere.api.error.CohereBrokenBodyException;
import dev.springcohere.api.error.CohereException;
import dev.springcohere.api.error.CohereNetworkException;
import dev.springcohere.api.error.CohereResponseTooLargeException;
import dev.springcohere.api.error.CohereTimeoutException;

/**
 * What both engines share: the headers every request carries (built once per engine) and
 * the mapping of the JDK's failure types to the {@link CohereException} hierarchy. An
 * engine on another library first turns its own failures into the JDK's types
 * ({@link HttpConnectTimeoutException} for the connect timeout,
 * {@link HttpTimeoutException} for silence before the headers, {@link TimeoutException}
 * for silence in the body, {@link ConnectException}, {@link IOException}).
 */
final class EngineSupport {

	static final String APPLICATION_JSON = "application/json";

	static final String TEXT_EVENT_STREAM = "text/event-stream";

	private final HttpSettings settings;

	private final String host;

	private final Duration connectTimeout;

	private final List<Map.Entry<String, String>> headers;

	private final @Nullable ApiKey apiKey;

	EngineSupport(HttpSettings settings, @Nullable ApiKey apiKey, Duration connectTimeout) {
		this.settings = settings;
		this.apiKey = apiKey;
		this.host = String.valueOf(settings.getBaseUrl().getHost());
		this.connectTimeout = connectTimeout;
		List<Map.Entry<String, String>> fixed = new ArrayList<>();
		fixed.add(Map.entry("User-Agent", settings.getUserAgent()));
		if (settings.getClientName() != null) {
			fixed.add(Map.entry("X-Client-Name", settings.getClientName()));
		}
		fixed.addAll(settings.getDefaultHeaders().entrySet());
		if (apiKey != null) {
			fixed.add(Map.entry("Authorization", "Bearer " + apiKey.reveal()));
		}
		this.headers = List.copyOf(fixed);
	}

	/**
	 * Returns the headers sent with every request, besides {@code Accept} and
	 * {@code Content-Type}.
	 */
	List<Map.Entry<String, String>> headers() {
		return this.headers;
	}

	HttpSettings settings() {
		return this.settings;
	}

	/**
	 * Maps a failure (possibly wrapped in a {@code CompletionException}) to the
	 * {@link CohereException} hierarchy; a {@link CohereException} is returned as it is.
	 */
	CohereException map(String call, Throwable failure) {
		Throwable ex = failure;
		while ((ex instanceof CompletionException || ex instanceof ExecutionException) && ex.getCause() != null) {
			ex = ex.getCause();
		}
		if (ex instanceof IOException && (ex.getCause() instanceof TimeoutException
				|| ex.getCause() instanceof CohereResponseTooLargeException)) {
			// HttpClient.send wraps the body subscriber's failures (idle timeout, size
			// bound) in an IOException
			ex = ex.getCause();
		}
		if (ex instanceof CohereException cohere) {
			return cohere;
		}
		if (ex instanceof HttpConnectTimeoutException) {
			return new CohereTimeoutException(
					"Could not connect to " + this.host + " within " + this.connectTimeout + " for " + call
							+ "; check the network, the proxy and the base URL, or raise 'cohere.http.connect-timeout'",
					CohereTimeoutException.Phase.CONNECT, this.connectTimeout, ex);
		}
		Duration readTimeout = this.settings.getReadTimeout();
		if (ex instanceof HttpTimeoutException) {
			return new CohereTimeoutException(
					"No response from " + this.host + " within " + readTimeout + " for " + call
							+ "; raise 'cohere.http.read-timeout' or stream long generations",
					CohereTimeoutException.Phase.RESPONSE_HEADERS, readTimeout, ex);
		}
		if (ex instanceof TimeoutException) {
			return new CohereTimeoutException(
					"No data received from " + this.host + " for " + readTimeout + " while reading the response of "
							+ call + "; the server stalled; raise 'cohere.http.read-timeout' if it is just slow",
					CohereTimeoutException.Phase.READ, readTimeout, ex);
		}
		if (isTlsFailure(ex)) {
			return new CohereConnectionSetupException("The TLS handshake with " + this.host + " failed for " + call
					+ " (" + describe(ex)
					+ "); if the server's certificate comes from a private CA, or the server asks for "
					+ "a client certificate, set 'cohere.http.ssl.bundle' (HttpSettings.sslContext without Spring "
					+ "Boot) to a bundle with that CA and that key", ex);
		}
		if (ex instanceof ConnectException) {
			return new CohereNetworkException("Could not connect to " + this.host + " for " + call + " (" + describe(ex)
					+ "); check the base URL and the network", ex);
		}
		if (ex instanceof IOException) {
			return new CohereNetworkException(
					"The connection to " + this.host + " failed during " + call + " (" + describe(ex) + ")", ex);
		}
		return new CohereException("Unexpected failure during " + call + " (" + describe(ex) + ")", ex);
	}

	/**
	 * The proxy answered {@code 407 Proxy Authentication Required}: no credentials, wrong
	 * ones, or (JDK client, {@code https} target) Basic credentials the JDK will not send
	 * into a tunnel.
	 * @param call the call, for the message
	 * @param jdkTunnel whether the JDK client opened a tunnel to an {@code https} target
	 */
	CohereNetworkException proxyRefused(String call, boolean jdkTunnel) {
		HttpProxy proxy = this.settings.getProxy();
		String where = (proxy != null) ? proxy.getHost() + ":" + proxy.getPort() : "of the JVM's proxy settings";
		StringBuilder message = new StringBuilder("The proxy ").append(where)
			.append(" refused ")
			.append(call)
			.append(" with 407 Proxy Authentication Required; ");
		if (proxy == null || !proxy.hasCredentials()) {
			message
				.append("set 'cohere.http.proxy.username' and 'cohere.http.proxy.password' (HttpProxy.withCredentials"
						+ " without Spring Boot)");
		}
		else {
			message.append("check 'cohere.http.proxy.username' and 'cohere.http.proxy.password'");
			if (jdkTunnel) {
				message.append(". The JDK HTTP client sends no Basic credentials into the tunnel to an https server "
						+ "unless the system property jdk.http.auth.tunneling.disabledSchemes is set empty "
						+ "(-Djdk.http.auth.tunneling.disabledSchemes=); set it, or use cohere.http.transport=reactor-netty or okhttp");
			}
		}
		return new CohereConnectionSetupException(message.toString(), null);
	}

	/**
	 * A network failure while the body of an answer was read, after its status arrived:
	 * the server may have generated (and billed) the answer, so it is a
	 * {@link CohereBrokenBodyException}, retried only when the policy allows it.
	 */
	static CohereException brokenBody(String call, CohereException failure) {
		if (failure instanceof CohereNetworkException && !(failure instanceof CohereBrokenBodyException)) {
			return new CohereBrokenBodyException("The connection broke while the answer to " + call
					+ " was read, after its status arrived (" + failure.getMessage() + "); the answer may already "
					+ "have been generated, so it is not asked for again unless cohere.retry.on-broken-body=true",
					failure.getCause());
		}
		return failure;
	}

	/**
	 * A handshake that failed over certificates (trust, host name, a missing or refused
	 * client certificate): a setup error, not a passing one.
	 */
	private static boolean isTlsFailure(Throwable failure) {
		for (Throwable ex = failure; ex != null; ex = (ex.getCause() != ex) ? ex.getCause() : null) {
			if (ex instanceof CertificateException || ex instanceof SSLHandshakeException
					&& String.valueOf(ex.getMessage()).toLowerCase(Locale.ROOT).contains("certificate")) {
				return true;
			}
		}
		return false;
	}

	private String describe(Throwable ex) {
		String message = ex.getMessage();
		if (message != null && this.apiKey != null) {
			message = this.apiKey.redact(message);
		}
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
