package dev.springcohere.autoconfigure;

import dev.springcohere.backend.CohereBackend;
import dev.springcohere.backend.CohereBackends;
import dev.springcohere.client.CohereClient;
import dev.springcohere.client.observation.CohereBackendObservationConvention;
import dev.springcohere.client.observation.CoherePlatformObservationConvention;
import dev.springcohere.client.observation.ObservedCohereBackend;
import dev.springcohere.http.CohereRetryPolicy;
import dev.springcohere.http.HttpSettings;
import dev.springcohere.structured.StructuredOutputs;
import dev.springcohere.tool.JsonSchemaGenerator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of springcohere: binds {@link CohereProperties}, validates them,
 * adapts the key and base URL to {@link CohereConnectionDetails} (unless the application
 * defines its own), creates the backend of each capability ({@code cohere.backend},
 * {@code cohere.chat|embed|rerank.backend}), the {@link CohereClient}, the
 * {@link CohereToolRegistry}, and, when their libraries are present, health indicators
 * and observations. Every bean backs off when the application defines its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
				"org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration" })
@ConditionalOnClass(CohereClient.class)
@EnableConfigurationProperties(CohereProperties.class)
@Import({ CohereAutoConfiguration.ClientConfiguration.class, CohereAutoConfiguration.ToolsConfiguration.class,
		CohereAutoConfiguration.ObservationConfiguration.class })
public final class CohereAutoConfiguration {

	CohereAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	static class ClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CohereRetryPolicy cohereRetryPolicy(CohereProperties properties) {
			CohereProperties.Retry retry = properties.getRetry();
			try {
				return CohereRetryPolicy.builder()
					.maxAttempts(retry.getMaxAttempts())
					.initialBackoff(retry.getInitialBackoff())
					.maxBackoff(retry.getMaxBackoff())
					.retryOnBrokenBody(retry.isOnBrokenBody())
					.build();
			}
			catch (IllegalArgumentException ex) {
				throw new CohereConfigurationException("cohere.retry", "Invalid retry settings: " + ex.getMessage(),
						"Set cohere.retry.max-attempts to 1 or more and positive backoffs, initial <= max", ex);
			}
		}

		@Bean
		@ConditionalOnMissingBean
		HttpSettings cohereHttpSettings(CohereProperties properties,
				ObjectProvider<CohereHttpClientCustomizer> customizers, ObjectProvider<SslBundles> sslBundles,
				ConfigurableListableBeanFactory beanFactory) {
			BootHttpClientDefaults boot = BootHttpClientDefaults.from(beanFactory, beanFactory.getBeanClassLoader());
			return new CohereHttpSettingsFactory(properties.getHttp(), boot, sslBundles.getIfAvailable(),
					customizers.orderedStream().toList())
				.create();
		}

		@Bean
		@ConditionalOnMissingBean
		CohereBackends cohereBackendProviders(ConfigurableListableBeanFactory beanFactory) {
			ClassLoader loader = beanFactory.getBeanClassLoader();
			return (loader != null) ? CohereBackends.load(loader) : CohereBackends.load();
		}

		@Bean
		@ConditionalOnMissingBean(CohereConnectionDetails.class)
		PropertiesCohereConnectionDetails cohereConnectionDetails(CohereProperties properties,
				Environment environment) {
			return new PropertiesCohereConnectionDetails(properties, environment);
		}

		@Bean
		@ConditionalOnMissingBean(CohereBackend.class)
		CohereBackendGroup cohereBackendGroup(CohereProperties properties, CohereBackends providers,
				CohereConnectionDetails connectionDetails, HttpSettings httpSettings, CohereRetryPolicy retryPolicy) {
			return new CohereBackendGroupFactory(properties, providers, connectionDetails).create(httpSettings,
					retryPolicy);
		}

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		CohereBackend cohereBackend(CohereBackendGroup group, CohereProperties properties,
				ObjectProvider<CohereBackendDecorator> decorators) {
			CohereBackend backend = group.routed();
			for (CohereBackendDecorator decorator : decorators.orderedStream().toList()) {
				backend = decorator.decorate(backend);
			}
			return backend;
		}

		@Bean(destroyMethod = "")
		@ConditionalOnMissingBean
		CohereClient cohereClient(CohereBackend backend, CohereProperties properties) {
			try {
				return CohereClient.builder()
					.backend(backend)
					.requestDefaults(properties.requestDefaults())
					.embedBatchSize(properties.getEmbed().getBatchSize())
					.build();
			}
			catch (IllegalArgumentException ex) {
				throw new CohereConfigurationException("cohere.chat|embed|rerank", ex.getMessage(),
						"Set non-blank model names and cohere.embed.batch-size between 1 and 96", ex);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ToolsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JsonSchemaGenerator cohereJsonSchemaGenerator() {
			return new JsonSchemaGenerator();
		}

		@Bean
		@ConditionalOnMissingBean
		StructuredOutputs cohereStructuredOutputs(JsonSchemaGenerator generator) {
			return new StructuredOutputs(generator);
		}

		@Bean
		@ConditionalOnMissingBean
		CohereToolRegistry cohereToolRegistry() {
			return new CohereToolRegistry();
		}

		@Bean
		CohereToolRegistrar cohereToolRegistrar(ConfigurableListableBeanFactory beanFactory,
				CohereToolRegistry registry, JsonSchemaGenerator generator, StructuredOutputs structuredOutputs,
				CohereProperties properties) {
			return new CohereToolRegistrar(beanFactory, registry, generator, structuredOutputs, properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
	static class ObservationConfiguration {

		@Bean
		@ConditionalOnBean(type = "io.micrometer.observation.ObservationRegistry")
		@ConditionalOnMissingBean(name = "cohereObservationDecorator")
		CohereBackendDecorator cohereObservationDecorator(
				ObjectProvider<io.micrometer.observation.ObservationRegistry> registry,
				ObjectProvider<CohereBackendObservationConvention> convention,
				ObjectProvider<CoherePlatformObservationConvention> platformConvention) {
			return (backend) -> new ObservedCohereBackend(backend, registry.getObject(), convention.getIfUnique(),
					platformConvention.getIfUnique());
		}

	}

}
