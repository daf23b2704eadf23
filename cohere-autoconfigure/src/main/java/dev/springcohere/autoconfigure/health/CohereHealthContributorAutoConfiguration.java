package dev.springcohere.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.springcohere.autoconfigure.CohereAutoConfiguration;
import dev.springcohere.autoconfigure.CohereBackendGroup;
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
 * {@code management.health.cohere.enabled=false}.
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
				ObjectProvider<CohereBackend> backends) {
			Map<String, CohereBackendHealthIndicator> indicators = new LinkedHashMap<>();
			CohereBackendGroup available = group.getIfAvailable();
			if (available != null) {
				available.getBackends()
					.forEach((id, backend) -> indicators.put(id, new CohereBackendHealthIndicator(backend)));
			}
			else {
				backends.orderedStream()
					.forEach((backend) -> indicators.putIfAbsent(backend.id(),
							new CohereBackendHealthIndicator(backend)));
			}
			return CompositeHealthContributor.fromMap(indicators);
		}

	}

}
