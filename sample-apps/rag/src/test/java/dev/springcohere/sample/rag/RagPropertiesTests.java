package dev.springcohere.sample.rag;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class RagPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsAndBoundValues() {
		this.runner.run((context) -> {
			RagProperties properties = context.getBean(RagProperties.class);
			assertThat(properties.getDocsDir()).isNull();
			assertThat(properties.isIngestOnStartup()).isTrue();
			assertThat(properties.getTopK()).isEqualTo(8);
			assertThat(properties.getTopN()).isEqualTo(3);
			assertThat(properties.getMaxChunkChars()).isEqualTo(800);
		});
		this.runner.withPropertyValues("rag.docs-dir=/srv/docs", "rag.top-k=20", "rag.top-n=5").run((context) -> {
			RagProperties properties = context.getBean(RagProperties.class);
			assertThat(properties.getDocsDir()).isEqualTo("/srv/docs");
			assertThat(properties.getTopK()).isEqualTo(20);
			assertThat(properties.getTopN()).isEqualTo(5);
		});
	}

	@Test
	void outOfRangeValuesFailTheStartupNamingTheProperty() {
		this.runner.withPropertyValues("rag.top-k=0")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("rag.top-k must be 1"));
		this.runner.withPropertyValues("rag.top-n=-2")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("rag.top-n must be 1"));
		this.runner.withPropertyValues("rag.max-chunk-chars=50")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("rag.max-chunk-chars must be at least 100, was 50"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RagProperties.class)
	static class PropertiesConfiguration {

	}

}
