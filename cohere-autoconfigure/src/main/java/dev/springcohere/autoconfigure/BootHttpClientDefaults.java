package dev.springcohere.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.ClassUtils;

/**
 * What Spring Boot's HTTP client settings ({@code spring.http.clients.*}, the
 * {@link HttpClientSettings} bean of {@code spring-boot-http-client}) say, as the
 * defaults that {@code cohere.http.*} refines. Every value is {@code null} when Boot's
 * module is absent or leaves it unset.
 *
 * @param connectTimeout {@code spring.http.clients.connect-timeout}
 * @param readTimeout {@code spring.http.clients.read-timeout}
 * @param followRedirects {@code spring.http.clients.redirects}: false for
 * {@code dont-follow}, true for the others
 * @param sslBundle the bundle named by {@code spring.http.clients.ssl.bundle}
 */
record BootHttpClientDefaults(@Nullable Duration connectTimeout, @Nullable Duration readTimeout,
		@Nullable Boolean followRedirects, @Nullable SslBundle sslBundle) {

	static final BootHttpClientDefaults NONE = new BootHttpClientDefaults(null, null, null, null);

	private static final String SETTINGS_CLASS = "org.springframework.boot.http.client.HttpClientSettings";

	/**
	 * Reads Boot's {@link HttpClientSettings} bean when its module is on the class path
	 * and the bean exists.
	 * @param beanFactory the bean factory
	 * @param classLoader the class loader to look for Boot's module in
	 * @return the defaults, {@link #NONE} without the module or the bean
	 */
	static BootHttpClientDefaults from(BeanFactory beanFactory, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(SETTINGS_CLASS, classLoader)) {
			return NONE;
		}
		return Reader.read(beanFactory);
	}

	/**
	 * Touches Boot's types, so it is only loaded when they are present.
	 */
	private static final class Reader {

		static BootHttpClientDefaults read(BeanFactory beanFactory) {
			HttpClientSettings settings = beanFactory.getBeanProvider(HttpClientSettings.class).getIfUnique();
			if (settings == null) {
				return NONE;
			}
			HttpRedirects redirects = settings.redirects();
			return new BootHttpClientDefaults(settings.connectTimeout(), settings.readTimeout(),
					(redirects != null) ? redirects != HttpRedirects.DONT_FOLLOW : null, settings.sslBundle());
		}

	}

}
