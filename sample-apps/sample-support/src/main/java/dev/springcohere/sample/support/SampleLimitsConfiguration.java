package dev.springcohere.sample.support;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The samples' input limits: {@link SampleLimits} and the {@link RequestSizeFilter} on
 * {@code /api/*}. Imported by each sample application.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SampleLimits.class)
public class SampleLimitsConfiguration {

	/**
	 * Registers the request size filter for the API.
	 * @param limits the limits
	 * @return the registration
	 */
	@Bean
	FilterRegistrationBean<RequestSizeFilter> sampleRequestSizeFilter(SampleLimits limits) {
		FilterRegistrationBean<RequestSizeFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeFilter(limits.getMaxRequestSize().toBytes()));
		registration.addUrlPatterns("/api/*");
		return registration;
	}

}
