package dev.springcohere.autoconfigure;

import java.util.Map;

import dev.springcohere.annotation.CohereTool;
import dev.springcohere.annotation.StructuredOutput;
import dev.springcohere.tool.ToolCallback;
import dev.springcohere.tool.ToolContext;
import dev.springcohere.tool.ToolResult;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class CohereToolRegistryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CohereAutoConfiguration.class))
		.withPropertyValues("cohere.backend=stub");

	@Test
	void registryShouldHoldTheToolsOfEveryBeanIncludingProxiedOnes() {
		this.runner.withUserConfiguration(WeatherConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			CohereToolRegistry registry = context.getBean(CohereToolRegistry.class);
			assertThat(registry.getNames()).containsExactlyInAnyOrder("current_weather", "convert");
			ToolCallback weather = registry.find("current_weather");
			assertThat(weather).isNotNull();
			ToolResult result = weather.call("{\"city\":\"Paris\"}", ToolContext.empty());
			assertThat(result.isError()).isFalse();
			assertThat(result.toString()).contains("sunny in Paris");
			ToolResult converted = registry.find("convert").call("{\"celsius\":100}", ToolContext.empty());
			assertThat(converted.toString()).contains("212");
		});
	}

	@Test
	void strictViolationShouldFailStartupNamingClassAndMethod() {
		this.runner.withUserConfiguration(LooseToolConfiguration.class).run((context) -> {
			CohereConfigurationException failure = Failures.configurationFailure(context);
			assertThat(failure.getProperty()).isEqualTo("cohere.chat.strict-tools");
			assertThat(failure.getMessage()).contains(LooseTools.class.getName())
				.contains("search")
				.contains("filters");
			assertThat(failure.getAction()).contains("cohere.chat.strict-tools=false");
		});
	}

	@Test
	void nonStrictModeShouldAcceptLooseSchemas() {
		this.runner.withUserConfiguration(LooseToolConfiguration.class)
			.withPropertyValues("cohere.chat.strict-tools=false")
			.run((context) -> assertThat(context.getBean(CohereToolRegistry.class).getNames())
				.containsExactly("search"));
	}

	@Test
	void structuredOutputTypesListedShouldBeCheckedEagerly() {
		this.runner.withPropertyValues("cohere.structured-output.types=" + Person.class.getName())
			.run((context) -> assertThat(context).hasNotFailed());
		this.runner.withPropertyValues("cohere.structured-output.types=" + LooseAnswer.class.getName())
			.run((context) -> {
				CohereConfigurationException failure = Failures.configurationFailure(context);
				assertThat(failure.getProperty()).isEqualTo("cohere.structured-output.types");
				assertThat(failure.getMessage()).contains(LooseAnswer.class.getName());
			});
	}

	public static class WeatherTools {

		@CohereTool(name = "current_weather", description = "Current weather of a city")
		public String weather(String city) {
			return "sunny in " + city;
		}

	}

	public static class ConversionTools {

		@CohereTool(description = "Celsius to Fahrenheit")
		public double convert(double celsius) {
			return celsius * 9 / 5 + 32;
		}

	}

	public static class LooseTools {

		@CohereTool(description = "Search with filters")
		public String search(Map<String, String> filters) {
			return filters.toString();
		}

	}

	@StructuredOutput
	public record Person(String name, int age) {
	}

	@StructuredOutput
	public record LooseAnswer(Map<String, Object> anything) {
	}

	@Configuration(proxyBeanMethods = false)
	static class WeatherConfiguration {

		@Bean
		WeatherTools weatherTools() {
			return new WeatherTools();
		}

		@Bean
		Object conversionTools() {
			ProxyFactory factory = new ProxyFactory(new ConversionTools());
			factory.setProxyTargetClass(true);
			return factory.getProxy();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LooseToolConfiguration {

		@Bean
		LooseTools looseTools() {
			return new LooseTools();
		}

	}

}
