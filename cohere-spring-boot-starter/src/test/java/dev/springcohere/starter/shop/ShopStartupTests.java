package dev.springcohere.starter.shop;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on the starter, correctly configured, starts without a WARN or ERROR
 * line and has Spring AI's tool machinery (a {@link ToolCallingManager}) as the starter
 * promises.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShopStartupTests {

	@Test
	void correctConfigurationStartsCleanWithSpringAiToolMachinery(CapturedOutput output) {
		SpringApplication application = new SpringApplication(ShopApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--cohere.api-key=startup-test-key",
				"--cohere.base-url=http://localhost:1", "--CO_API_KEY=", "--COHERE_API_KEY=", "--CO_API_URL=")) {
			assertThat(context.getBeansOfType(ToolCallingManager.class)).hasSize(1);
		}
		List<String> problems = output.getAll()
			.lines()
			.filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("WARNING"))
			.toList();
		assertThat(problems).as("WARN/ERROR lines at startup").isEmpty();
	}

}
