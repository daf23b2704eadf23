package dev.springcohere.autoconfigure;

import java.net.http.HttpClient;

/**
 * Customizes the JDK {@link HttpClient.Builder} of the HTTP backends (proxy, SSL context,
 * executor, HTTP version). Every bean of this type is applied in order to the
 * auto-configured {@link dev.springcohere.http.HttpSettings}.
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
