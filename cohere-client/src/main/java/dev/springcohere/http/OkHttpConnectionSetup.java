package dev.springcohere.http;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import okhttp3.ConnectionSpec;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Route;
import org.jspecify.annotations.Nullable;

/**
 * Applies the connection settings of {@link HttpSettings} (SSL context and parameters,
 * proxy, redirects) to an {@link OkHttpClient.Builder}.
 * <p>
 * The handshake is decided by the SSL context's own trust and key managers; OkHttp
 * verifies host names with its default verifier. The trust manager OkHttp also asks for
 * serves only certificate pinning, which is not configured, so it is the JVM's default.
 * Without a proxy in the settings OkHttp uses the JVM's default proxy selector
 * ({@code http(s).proxyHost} and co.), like the other engines. Proxy credentials are sent
 * as {@code Proxy-Authorization} to the proxy only (also in the {@code CONNECT} request
 * of a tunnel), and only once: a proxy that refuses them gets no second try.
 */
final class OkHttpConnectionSetup {

	private OkHttpConnectionSetup() {
	}

	static void apply(HttpSettings settings, OkHttpClient.Builder builder) {
		SSLContext sslContext = settings.getSslContext();
		if (sslContext != null) {
			builder.sslSocketFactory(sslContext.getSocketFactory(), defaultTrustManager());
		}
		SSLParameters parameters = settings.getSslParameters();
		if (parameters != null && (parameters.getCipherSuites() != null || parameters.getProtocols() != null)) {
			ConnectionSpec.Builder spec = new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS);
			if (parameters.getCipherSuites() != null) {
				spec.cipherSuites(parameters.getCipherSuites());
			}
			if (parameters.getProtocols() != null) {
				spec.tlsVersions(parameters.getProtocols());
			}
			builder.connectionSpecs(List.of(spec.build(), ConnectionSpec.CLEARTEXT));
		}
		HttpProxy proxy = settings.getProxy();
		if (proxy != null) {
			builder.proxySelector(new JdkConnectionSetup.FixedProxySelector(proxy));
			if (proxy.hasCredentials()) {
				builder.proxyAuthenticator(new ProxyAuthenticator(proxy));
			}
		}
		builder.followRedirects(settings.isFollowRedirects()).followSslRedirects(settings.isFollowRedirects());
	}

	private static X509TrustManager defaultTrustManager() {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init((KeyStore) null);
			for (TrustManager manager : factory.getTrustManagers()) {
				if (manager instanceof X509TrustManager x509) {
					return x509;
				}
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JVM has no default trust manager: " + ex.getMessage(), ex);
		}
		throw new IllegalStateException("The JVM's default trust managers include no X509TrustManager");
	}

	/**
	 * Answers the proxy's authentication challenge once with Basic credentials.
	 */
	static final class ProxyAuthenticator implements okhttp3.Authenticator {

		private final HttpProxy proxy;

		ProxyAuthenticator(HttpProxy proxy) {
			this.proxy = proxy;
		}

		@Override
		public okhttp3.@Nullable Request authenticate(@Nullable Route route, okhttp3.Response response) {
			String username = this.proxy.getUsername();
			String password = this.proxy.revealPassword();
			if (response.code() != 407 || username == null || password == null
					|| response.request().header("Proxy-Authorization") != null) {
				return null;
			}
			return response.request()
				.newBuilder()
				.header("Proxy-Authorization", Credentials.basic(username, password))
				.build();
		}

	}

}
