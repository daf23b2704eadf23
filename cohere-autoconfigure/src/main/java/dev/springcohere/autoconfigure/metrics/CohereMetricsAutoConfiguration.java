package dev.springcohere.autoconfigure.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.springcohere.autoconfigure.CohereAutoConfiguration;
import dev.springcohere.autoconfigure.CohereBackendGroup;
import dev.springcohere.backend.BackendGauge;
import dev.springcohere.backend.CohereBackend;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
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

	private static final Log logger = LogFactory.getLog(CohereMetricsAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(name = "cohereBackendMetrics")
	MeterBinder cohereBackendMetrics(ObjectProvider<CohereBackendGroup> group) {
		// Micrometer holds the measured objects weakly: the binder keeps the gauges alive
		List<BackendGauge> bound = new CopyOnWriteArrayList<>();
		return (registry) -> {
			CohereBackendGroup backends;
			try {
				backends = group.getObject();
			}
			catch (BeansException ex) {
				// a lazily initialized application that starts before Cohere is
				// configured
				// (it reports that itself on first use): no gauges rather than no start
				logger.debug("Cohere backend gauges not registered: the backends could not be created", ex);
				return;
			}
			bound.addAll(bind(backends.getBackends(), registry));
		};
	}

	static List<BackendGauge> bind(Map<String, CohereBackend> backends, MeterRegistry registry) {
		List<BackendGauge> bound = new ArrayList<>();
		backends.forEach((id, backend) -> {
			for (BackendGauge gauge : backend.gauges()) {
				bound.add(gauge);
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
						.strongReference(true)
						.register(registry);
				}
			}
		});
		return bound;
	}

}
