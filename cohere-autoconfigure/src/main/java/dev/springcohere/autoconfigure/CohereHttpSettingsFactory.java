package dev.springcohere.autoconfigure;

import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import dev.springcohere.http.HttpProxy;
import dev.springcohere.http.HttpSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.StringUtils;

/**
 * Builds the auto-configured {@link HttpSettings} from {@code cohere.http.*}, with Spring
 * Boot's {@code spring.http.clients.*} as the defaults of the timeouts, redirects and SSL
 * bundle (an explicit {@code cohere.http.*} value wins; without either, the client's
 * defaults apply), SSL bundles resolved through {@link SslBundles}, and the
 * {@link CohereHttpClientCustomizer} beans. Each wrong value fails the startup with a
 * {@link CohereConfigurationException} naming its property; the proxy password never
 * appears in one.
 */
final class CohereHttpSettingsFactory {

	private final CohereProperties.Http properties;

	private final BootHttpClientDefaults boot;

	private final @Nullable SslBundles sslBundles;

	private final List<CohereHttpClientCustomizer> customizers;

	CohereHttpSettingsFactory(CohereProperties.Http properties, BootHttpClientDefaults boot,
			@Nullable SslBundles sslBundles, List<CohereHttpClientCustomizer> customizers) {
		this.properties = properties;
		this.boot = boot;
		this.sslBundles = sslBundles;
		this.customizers = customizers;
	}

	HttpSettings create() {
		HttpSettings.Builder builder = HttpSettings.builder()
			.transport(this.properties.getTransport())
			.logBodies(this.properties.isLogBodies());
		try {
			builder.maxResponseSize(this.properties.getMaxResponseSize().toBytes());
		}
		catch (IllegalArgumentException ex) {
			throw new CohereConfigurationException("cohere.http.max-response-size", ex.getMessage(),
					"Set cohere.http.max-response-size to a positive size such as 64MB", ex);
		}
		timeout("connect-timeout", this.properties.getConnectTimeout(), this.boot.connectTimeout(),
				builder::connectTimeout);
		timeout("read-timeout", this.properties.getReadTimeout(), this.boot.readTimeout(), builder::readTimeout);
		Boolean followRedirects = (this.properties.getFollowRedirects() != null) ? this.properties.getFollowRedirects()
				: this.boot.followRedirects();
		if (followRedirects != null) {
			builder.followRedirects(followRedirects);
		}
		SslBundle bundle = sslBundle();
		if (bundle != null) {
			builder.sslContext(sslContext(bundle)).sslParameters(sslParameters(bundle.getOptions()));
		}
		builder.proxy(proxy());
		if (!this.customizers.isEmpty()) {
			builder.httpClientCustomizer(
					(client) -> this.customizers.forEach((customizer) -> customizer.customize(client)));
		}
		return builder.build();
	}

	private static void timeout(String name, @Nullable Duration own, @Nullable Duration boot,
			java.util.function.Consumer<Duration> setter) {
		Duration value = (own != null) ? own : boot;
		if (value == null) {
			return;
		}
		try {
			setter.accept(value);
		}
		catch (IllegalArgumentException ex) {
			String property = (own != null) ? "cohere.http." + name : "spring.http.clients." + name;
			throw new CohereConfigurationException(property, "Invalid timeout " + value + ": " + ex.getMessage(),
					"Set " + property + " to a positive duration such as 30s", ex);
		}
	}

	private @Nullable SslBundle sslBundle() {
		String name = this.properties.getSsl().getBundle();
		if (!StringUtils.hasText(name)) {
			return this.boot.sslBundle();
		}
		String bundleName = name.strip();
		if (this.sslBundles == null) {
			throw new CohereConfigurationException("cohere.http.ssl.bundle",
					"SSL bundle '" + bundleName + "' was asked for but the application has no SslBundles bean",
					"Define the bundle under spring.ssl.bundle.jks." + bundleName + " or spring.ssl.bundle.pem."
							+ bundleName + " with Spring Boot's SSL auto-configuration enabled");
		}
		try {
			return this.sslBundles.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new CohereConfigurationException("cohere.http.ssl.bundle",
					"There is no SSL bundle named '" + bundleName + "' (bundles defined: "
							+ this.sslBundles.getBundleNames() + ")",
					"Define it under spring.ssl.bundle.jks." + bundleName + " or spring.ssl.bundle.pem." + bundleName
							+ ", or set cohere.http.ssl.bundle to one of the bundles defined",
					ex);
		}
	}

	private static SSLContext sslContext(SslBundle bundle) {
		try {
			return bundle.createSslContext();
		}
		catch (RuntimeException ex) {
			throw new CohereConfigurationException("cohere.http.ssl.bundle",
					"The SSL bundle's context could not be created: " + ex.getMessage(),
					"Check the key store, trust store and passwords of the bundle", ex);
		}
	}

	private static @Nullable SSLParameters sslParameters(SslOptions options) {
		if (!options.isSpecified()) {
			return null;
		}
		return new SSLParameters(options.getCiphers(), options.getEnabledProtocols());
	}

	private @Nullable HttpProxy proxy() {
		CohereProperties.Http.Proxy proxy = this.properties.getProxy();
		if (!StringUtils.hasText(proxy.getHost())) {
			if (proxy.getPort() != null || StringUtils.hasText(proxy.getUsername())
					|| !proxy.getNonProxyHosts().isEmpty()) {
				throw new CohereConfigurationException("cohere.http.proxy.host",
						"cohere.http.proxy.* is set without a proxy host",
						"Set cohere.http.proxy.host (and cohere.http.proxy.port), or remove the other "
								+ "cohere.http.proxy.* properties to use the JVM's proxy system properties");
			}
			return null;
		}
		if (proxy.getPort() == null) {
			throw new CohereConfigurationException("cohere.http.proxy.port",
					"cohere.http.proxy.host is set to '" + proxy.getHost() + "' without a port",
					"Set cohere.http.proxy.port, such as 3128 or 8080");
		}
		HttpProxy result;
		try {
			result = HttpProxy.of(proxy.getHost(), proxy.getPort());
		}
		catch (IllegalArgumentException ex) {
			throw new CohereConfigurationException("cohere.http.proxy.host", ex.getMessage(),
					"Set cohere.http.proxy.host to a host name or address and cohere.http.proxy.port to 1-65535", ex);
		}
		boolean hasUser = StringUtils.hasText(proxy.getUsername());
		boolean hasPassword = proxy.getPassword() != null && !proxy.getPassword().isEmpty();
		if (hasUser != hasPassword) {
			throw new CohereConfigurationException(
					hasUser ? "cohere.http.proxy.password" : "cohere.http.proxy.username",
					"Proxy credentials need both a user name and a password, but only the "
							+ (hasUser ? "user name" : "password") + " is set",
					"Set both cohere.http.proxy.username and cohere.http.proxy.password, or neither");
		}
		if (hasUser && proxy.getUsername() != null && proxy.getPassword() != null) {
			result = result.withCredentials(proxy.getUsername().strip(), proxy.getPassword());
		}
		try {
			return result.withNonProxyHosts(proxy.getNonProxyHosts());
		}
		catch (IllegalArgumentException ex) {
			throw new CohereConfigurationException("cohere.http.proxy.non-proxy-hosts", ex.getMessage(),
					"List one host per entry, each with an optional '*' at its start or end", ex);
		}
	}

}
