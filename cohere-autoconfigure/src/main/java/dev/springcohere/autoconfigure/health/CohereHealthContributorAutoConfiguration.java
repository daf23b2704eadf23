package dev.springcohere.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.springcohere.autoconfigure.CohereAutoConfiguration;
import dev.springcohere.autoconfigure.CohereBackendGroup;
import dev.springcohere.autoconfigure.CohereProperties;
import dev.springcohere.backend.CohereBackend;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Health contribution {@code cohere}: one {@link CohereBackendHealthIndicator} per
 * backend (per distinct backend id when the backends are auto-configured), when Spring
 * Boot's health support is present. Disable it with
 * {@code management.health.cohere.enabled=false}. With
 * {@code cohere.health.check-key=true} each indicator also checks its backend's API key
 * (see {@link CohereApiKeyCheck}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = CohereAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthContributor")
@ConditionalOnBean(CohereBackend.class)
@Import(CohereHealthContributorAutoConfiguration.CohereHealthConfiguration.class)
public final class CohereHealthContributorAutoConfiguration {

	CohereHealthContributorAutoConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("cohere")
	static class CohereHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cohereHealthContributor")
		HealthContributor cohereHealthContributor(ObjectProvider<CohereBackendGroup> group,
				ObjectProvider<CohereBackend> backends, ObjectProvider<CohereProperties> properties) {
			CohereProperties.Health settings = properties.getIfAvailable(CohereProperties::new).getHealth();
			Map<String, CohereBackendHealthIndicator> indicators = new LinkedHashMap<>();
			CohereBackendGroup available = group.getIfAvailable();
			if (available != null) {
				available.getBackends().forEach((id, backend) -> indicators.put(id, indicator(backend, settings)));
			}
			else {
				backends.orderedStream()
					.forEach((backend) -> indicators.putIfAbsent(backend.id(), indicator(backend, settings)));
			}
			return CompositeHealthContributor.fromMap(indicators);
		}

		private static CohereBackendHealthIndicator indicator(CohereBackend backend, CohereProperties.Health settings) {
			CohereApiKeyCheck check = settings.isCheckKey()
					? new CohereApiKeyCheck(backend, settings.getCheckKeyCache(), settings.getCheckKeyTimeout()) : null;
			return new CohereBackendHealthIndicator(backend, check);
		}

	}

}
