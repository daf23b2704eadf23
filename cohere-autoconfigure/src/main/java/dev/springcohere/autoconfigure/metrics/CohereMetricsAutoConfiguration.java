package dev.springcohere.autoconfigure.metrics;

import java.util.Map;

import dev.springcohere.autoconfigure.CohereAutoConfiguration;
import dev.springcohere.autoconfigure.CohereBackendGroup;
import dev.springcohere.backend.BackendGauge;
import dev.springcohere.backend.CohereBackend;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers the figures each configured backend reports ({@link CohereBackend#gauges()},
 * e.g. the local engine's {@code cohere.local.*}) as Micrometer gauges and function
 * counters tagged {@code backend=<id>}, when Micrometer is on the class path. Spring Boot
 * binds the {@link MeterBinder} to every registry it configures.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = CohereAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(CohereBackendGroup.class)
public final class CohereMetricsAutoConfiguration {

	CohereMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "cohereBackendMetrics")
	MeterBinder cohereBackendMetrics(CohereBackendGroup group) {
		return (registry) -> bind(group.getBackends(), registry);
	}

	static void bind(Map<String, CohereBackend> backends, MeterRegistry registry) {
		backends.forEach((id, backend) -> {
			for (BackendGauge gauge : backend.gauges()) {
				if (gauge.kind() == BackendGauge.Kind.COUNTER) {
					FunctionCounter.builder(gauge.name(), gauge, (g) -> g.value().getAsDouble())
						.description(gauge.description())
						.baseUnit(gauge.baseUnit().isEmpty() ? null : gauge.baseUnit())
						.tag("backend", id)
						.register(registry);
				}
				else {
					Gauge.builder(gauge.name(), gauge, (g) -> g.value().getAsDouble())
						.description(gauge.description())
						.baseUnit(gauge.baseUnit().isEmpty() ? null : gauge.baseUnit())
						.tag("backend", id)
						.register(registry);
				}
			}
		});
	}

}
