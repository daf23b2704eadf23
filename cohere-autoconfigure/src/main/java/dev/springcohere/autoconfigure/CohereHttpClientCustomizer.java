package dev.springcohere.autoconfigure;

import java.net.http.HttpClient;

/**
 * Customizes the JDK {@link HttpClient.Builder} of the HTTP backends (executor, HTTP
 * version...). Every bean of this type is applied in order to the auto-configured
 * {@link dev.springcohere.http.HttpSettings}, after the timeouts, SSL bundle, proxy and
 * redirects of {@code cohere.http.*}, which it may override. TLS and proxies are better
 * set with {@code cohere.http.ssl.bundle} and {@code cohere.http.proxy.*}, which also
 * apply to Reactor Netty.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CohereHttpClientCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder of the HTTP client
	 */
	void customize(HttpClient.Builder builder);

}
