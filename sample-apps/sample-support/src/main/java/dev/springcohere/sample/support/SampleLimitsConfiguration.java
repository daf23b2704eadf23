package dev.springcohere.sample.support;

import java.time.Clock;

import dev.springcohere.autoconfigure.CohereToolRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The samples' input limits ({@link SampleLimits} and the {@link RequestSizeFilter} on
 * {@code /api/*}) and their agent ({@link SampleAgent}). Imported by each sample
 * application.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SampleLimits.class, SampleAgentProperties.class })
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

	/**
	 * The agent of {@code POST /api/agent}.
	 * @param cohere access to the client and the tools
	 * @param registry the tools of the application
	 * @param properties what the agent offers
	 * @param clock a clock bean of the application, if any
	 * @return the agent
	 */
	@Bean
	SampleAgent sampleAgent(CohereAccess cohere, ObjectProvider<CohereToolRegistry> registry,
			SampleAgentProperties properties, ObjectProvider<Clock> clock) {
		return new SampleAgent(cohere, registry, properties, clock.getIfAvailable(Clock::systemUTC));
	}

}
