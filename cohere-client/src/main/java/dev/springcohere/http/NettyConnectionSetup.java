package dev.springcohere.http;

import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

/**
 * Applies the connection settings of {@link HttpSettings} (SSL context and parameters,
 * proxy, redirects) to a Reactor Netty {@link HttpClient}.
 * <p>
 * A JDK {@link SSLContext} is wrapped as a Netty {@link JdkSslContext}, so the same trust
 * and key managers decide; Reactor Netty's {@code secure} keeps its host name
 * verification on. Proxy credentials are sent as {@code Proxy-Authorization} to the proxy
 * only (in the {@code CONNECT} request of a tunnel).
 */
final class NettyConnectionSetup {

	private NettyConnectionSetup() {
	}

	static HttpClient apply(HttpSettings settings, HttpClient client) {
		HttpClient configured = client;
		SSLContext sslContext = settings.getSslContext();
		SSLParameters parameters = settings.getSslParameters();
		if (sslContext != null || parameters != null) {
			SslContext nettyContext = nettyContext(sslContext, parameters);
			configured = configured.secure((spec) -> spec.sslContext(nettyContext));
		}
		HttpProxy proxy = settings.getProxy();
		configured = (proxy != null) ? configured.proxy((spec) -> proxy(spec, proxy))
				// like the JDK client's default proxy selector: http(s).proxyHost & co.
				: configured.proxyWithSystemProperties();
		return configured.followRedirect(settings.isFollowRedirects());
	}

	private static SslContext nettyContext(@Nullable SSLContext sslContext, @Nullable SSLParameters parameters) {
		SSLContext context = sslContext;
		if (context == null) {
			try {
				context = SSLContext.getDefault();
			}
			catch (java.security.NoSuchAlgorithmException ex) {
				throw new IllegalStateException("The JVM has no default SSL context: " + ex.getMessage(), ex);
			}
		}
		String[] ciphers = (parameters != null) ? parameters.getCipherSuites() : null;
		String[] protocols = (parameters != null) ? parameters.getProtocols() : null;
		List<String> cipherList = (ciphers != null) ? Arrays.asList(ciphers) : null;
		return new JdkSslContext(context, true, cipherList, IdentityCipherSuiteFilter.INSTANCE,
				ApplicationProtocolConfig.DISABLED, ClientAuth.NONE, protocols, false);
	}

	private static void proxy(ProxyProvider.TypeSpec spec, HttpProxy proxy) {
		ProxyProvider.Builder builder = spec.type(ProxyProvider.Proxy.HTTP).host(proxy.getHost()).port(proxy.getPort());
		String nonProxyHosts = proxy.nonProxyHostsRegex();
		if (nonProxyHosts != null) {
			builder.nonProxyHosts(nonProxyHosts);
		}
		String username = proxy.getUsername();
		String password = proxy.revealPassword();
		if (username != null && password != null) {
			builder.username(username).password((name) -> password);
		}
	}

}
