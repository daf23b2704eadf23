package dev.springcohere.http;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLParameters;

import org.jspecify.annotations.Nullable;

/**
 * Applies the connection settings of {@link HttpSettings} (SSL context and parameters,
 * proxy, redirects) to a JDK {@link HttpClient.Builder}.
 * <p>
 * The JDK client verifies host names on its own. Proxy credentials are given by an
 * {@link Authenticator} that answers only the proxy's challenges ({@code 407}), never a
 * server's; note that the JDK does not send Basic credentials through a {@code CONNECT}
 * tunnel (to an {@code https} target) unless the system property
 * {@code jdk.http.auth.tunneling.disabledSchemes} is set to an empty value.
 */
final class JdkConnectionSetup {

	private JdkConnectionSetup() {
	}

	static void apply(HttpSettings settings, HttpClient.Builder builder) {
		if (settings.getSslContext() != null) {
			builder.sslContext(settings.getSslContext());
		}
		SSLParameters parameters = settings.getSslParameters();
		if (parameters != null) {
			SSLParameters copy = new SSLParameters(parameters.getCipherSuites(), parameters.getProtocols());
			builder.sslParameters(copy);
		}
		HttpProxy proxy = settings.getProxy();
		if (proxy != null) {
			builder.proxy(new FixedProxySelector(proxy));
			if (proxy.hasCredentials()) {
				builder.authenticator(new ProxyAuthenticator(proxy));
			}
		}
		builder.followRedirects(settings.isFollowRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
	}

	/**
	 * Sends every request through one proxy, except those to its non-proxy hosts.
	 */
	static final class FixedProxySelector extends ProxySelector {

		private final HttpProxy proxy;

		private final List<Proxy> proxies;

		FixedProxySelector(HttpProxy proxy) {
			this.proxy = proxy;
			this.proxies = List
				.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), proxy.getPort())));
		}

		@Override
		public List<Proxy> select(URI uri) {
			Objects.requireNonNull(uri, "'uri' must not be null");
			String host = uri.getHost();
			return (host != null && this.proxy.bypasses(host)) ? List.of(Proxy.NO_PROXY) : this.proxies;
		}

		@Override
		public void connectFailed(URI uri, SocketAddress address, IOException failure) {
			// nothing to fall back to: the failure reaches the caller
		}

	}

	/**
	 * Answers the proxy's authentication challenges, and only those.
	 */
	static final class ProxyAuthenticator extends Authenticator {

		private final HttpProxy proxy;

		ProxyAuthenticator(HttpProxy proxy) {
			this.proxy = proxy;
		}

		@Override
		protected @Nullable PasswordAuthentication getPasswordAuthentication() {
			String password = this.proxy.revealPassword();
			String username = this.proxy.getUsername();
			if (getRequestorType() != RequestorType.PROXY || username == null || password == null) {
				return null;
			}
			return new PasswordAuthentication(username, password.toCharArray());
		}

	}

}
