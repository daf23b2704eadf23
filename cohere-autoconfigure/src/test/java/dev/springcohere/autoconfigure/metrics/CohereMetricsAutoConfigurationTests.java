package dev.springcohere.autoconfigure.metrics;

import dev.springcohere.api.EmbedRequest;
import dev.springcohere.autoconfigure.CohereAutoConfiguration;
import dev.springcohere.client.CohereClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CohereMetricsAutoConfiguration}: the figures backends report become meters
 * tagged with the backend's id, read live; nothing is registered without Micrometer.
 */
class CohereMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CohereAutoConfiguration.class, CohereMetricsAutoConfiguration.class))
		.withPropertyValues("cohere.retry.max-attempts=1");

	@Test
	void backendGaugesBecomeMetersTaggedWithTheBackendId() {
		this.runner
			.withPropertyValues("cohere.backend=private", "cohere.base-url=http://127.0.0.1:9", "cohere.api-key=k",
					"cohere.embed.backend=stub")
			.run((context) -> {
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean("cohereBackendMetrics", MeterBinder.class).bindTo(registry);
				FunctionCounter embeds = registry.get("test.stub.embeds").tag("backend", "stub").functionCounter();
				Gauge open = registry.get("test.stub.open").tag("backend", "stub").gauge();
				assertThat(embeds.count()).isZero();
				assertThat(embeds.getId().getBaseUnit()).isEqualTo("requests");
				assertThat(embeds.getId().getDescription()).isEqualTo("Embed requests served");
				assertThat(open.value()).isEqualTo(1);
				context.getBean(CohereClient.class).embed(EmbedRequest.builder().texts("x").build());
				context.getBean(CohereClient.class).embed(EmbedRequest.builder().texts("y").build());
				System.gc();
				assertThat(embeds.count()).as("read when asked, after a collection").isEqualTo(2);
				assertThat(registry.getMeters()).as("the platform backend reports nothing")
					.allSatisfy((meter) -> assertThat(meter.getId().getTag("backend")).isEqualTo("stub"));
			});
	}

	@Test
	void aLazyApplicationWhoseBackendCannotBeCreatedStillBindsWithoutGauges() {
		this.runner.withPropertyValues("cohere.backend=platform")
			.withInitializer((context) -> context
				.addBeanFactoryPostProcessor(new org.springframework.boot.LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean("cohereBackendMetrics", MeterBinder.class).bindTo(registry);
				assertThat(registry.getMeters()).isEmpty();
			});
	}

	@Test
	void withoutMicrometerNothingIsConfigured() {
		this.runner.withPropertyValues("cohere.backend=stub")
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("cohereBackendMetrics"));
	}

}
